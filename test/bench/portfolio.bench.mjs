// Portfolio benchmarks in Debian's Chromium against the production build, with 1,000 sample runs
// generated in the browser profile through Settings → Sample portfolio.
// portfolio.first_paint_ratio: first paint of the portfolio board ÷ first paint of a plain React
//   Flow of 450 default nodes (test/bench/plain-flow.tsx), both from navigation start, same run,
//   median of 5 visits (the first visit, with cold caches, is reported too).
// storage.cold_open_1000_ms: opening the app until the runs list shows its first row.
// storage.decision_commit_p95_ms: engine.apply of a gate decision in the browser's IndexedDB
//   (test/bench/engine-in-browser.ts), p95 of 200.
// import.1000_runs_ms: the workspace exported to a file's text, then validated and imported into
//   an empty database, as Settings → Import does (JSON.parse of the same text measured alongside).
// The two bench pages are built by their own Vite build into test-results/dist-bench (ignored by
// git, ESLint and Prettier) and served under /__bench/ by the app's preview server, so they share
// the app's origin and database and nothing of them ships in dist/.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build, preview } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const emit = (metric, value, unit, extra = {}) =>
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit, ...extra }));

const RUNS = 1000;
const ROUNDS = 5;
const NOW = '2026-11-27T09:00:00.000Z';
const BENCH_OUT = resolve('test-results/dist-bench');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
await build({
  configFile: false,
  root: resolve('test/bench'),
  base: '/__bench/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: BENCH_OUT,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: {
        'plain-flow': resolve('test/bench/plain-flow.html'),
        'engine-in-browser': resolve('test/bench/engine-in-browser.html'),
      },
    },
  },
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
/** Serves the bench pages under /__bench/ next to the app: same origin, same IndexedDB. */
const benchPages = {
  name: 'serve-bench-pages',
  configurePreviewServer(server) {
    server.middlewares.use('/__bench', (req, res, next) => {
      const file = join(BENCH_OUT, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!file.startsWith(BENCH_OUT) || !existsSync(file) || !statSync(file).isFile())
        return next();
      res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
      createReadStream(file).pipe(res);
    });
  },
};
const server = await preview({
  plugins: [benchPages],
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'warn',
});
const base = server.resolvedUrls.local[0].replace(/\/$/, '');
// A profile on disk, as a person's browser has: an incognito context keeps IndexedDB in memory,
// which measured 2x slower for decisions and 4x slower for a large import here.
const profile = await mkdtemp(join(tmpdir(), 'strategy-board-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: findChromium(),
  args: CHROMIUM_ARGS,
  locale: 'en-US',
  viewport: { width: 1440, height: 900 },
});

/**
 * Installed before any page script: resolves `window.__painted` with the time (from navigation
 * start) of the first animation frame in which `kind`'s content is in the DOM and laid out — the
 * frame that paints it. Polled once per frame, so it costs both pages the same.
 */
function paintProbe(kind) {
  const ready = {
    runs: () => document.querySelector('table.table tbody tr a') !== null,
    portfolio: () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      return (
        nodes.length === 7 &&
        [...nodes].every(
          (n) => n.style.visibility !== 'hidden' && /\d/.test(n.getAttribute('aria-label') ?? ''),
        )
      );
    },
    plain: () => {
      const nodes = document.querySelectorAll('.react-flow__node');
      return nodes.length === 450 && [...nodes].every((n) => n.style.visibility !== 'hidden');
    },
  }[kind];
  window.__painted = new Promise((resolve) => {
    const frame = (time) => (ready() ? resolve(time) : requestAnimationFrame(frame));
    requestAnimationFrame(frame);
  });
}

async function firstPaint(context, url, kind) {
  const page = await context.newPage();
  await page.addInitScript(paintProbe, kind);
  await page.goto(url);
  const ms = await page.evaluate(() => window.__painted);
  // Let the page finish what it started, so it does not queue ahead of the next page's requests.
  await page.waitForLoadState('networkidle');
  await page.close();
  return ms;
}

try {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });

  // --- 1,000 sample runs, generated through Settings → Sample portfolio ------------------------
  await page.goto(`${base}/settings?now=${NOW}`);
  const panel = page.getByRole('region', { name: 'Sample portfolio' });
  await panel.getByLabel('Number of runs').fill(String(RUNS));
  const generationStarted = Date.now();
  await panel.getByRole('button', { name: 'Generate' }).click();
  await page
    .getByRole('status')
    .getByText(/Sample portfolio ready/)
    .waitFor({ timeout: 600_000 });
  const generationS = (Date.now() - generationStarted) / 1000;
  const stored = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('strategy-board');
        open.onsuccess = () => {
          const count = open.result.transaction('runs').objectStore('runs').count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
      }),
  );
  emit('portfolio.generate_1000_s', generationS, 's', {
    target: 60,
    runs: stored,
    via: 'Settings → Sample portfolio',
  });
  await page.close();

  // --- cold open of the runs list ----------------------------------------------------------------
  const coldOpen = [];
  for (let i = 0; i < ROUNDS; i += 1) coldOpen.push(await firstPaint(context, `${base}/`, 'runs'));
  emit('storage.cold_open_1000_ms', median(coldOpen), 'ms', {
    target: 1000,
    runs: stored,
    rounds: ROUNDS,
    samples_ms: coldOpen.map((x) => Math.round(x)),
  });

  // --- portfolio first paint against a plain React Flow of 450 nodes ---------------------------
  const firstVisit = await firstPaint(context, `${base}/portfolio`, 'portfolio');
  const portfolio = [];
  const plain = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    portfolio.push(await firstPaint(context, `${base}/portfolio`, 'portfolio'));
    plain.push(await firstPaint(context, `${base}/__bench/plain-flow.html`, 'plain'));
  }
  emit('portfolio.first_paint_ratio', median(portfolio) / median(plain), 'ratio', {
    target: 1.0,
    runs: stored,
    portfolio_ms: Math.round(median(portfolio)),
    plain_flow_450_ms: Math.round(median(plain)),
    first_visit_ms: Math.round(firstVisit),
    first_visit_ratio: Math.round((firstVisit / median(plain)) * 100) / 100,
  });

  // --- engine in the browser: event logs for the heat modes, decision commits ------------------
  const bench = await context.newPage();
  await bench.goto(`${base}/__bench/engine-in-browser.html`);
  await bench.getByText('ready').waitFor();
  const logs = await bench.evaluate(() => window.bench.readLogs());
  emit('portfolio.event_logs_read_ms', Math.min(logs.bulkMs, logs.perRunMs), 'ms', {
    runs: logs.runs,
    events: logs.events,
    whole_table_ms: logs.bulkMs,
    per_run_queries_ms: logs.perRunMs,
    histories_ms: logs.historiesMs,
  });
  await bench.close();
  // Each measurement below in a page of its own: the event logs just read (38k records) would
  // otherwise sit in this page's heap and their collection land in the middle of the timings.
  const benchPage = async () => {
    const p = await context.newPage();
    await p.goto(`${base}/__bench/engine-in-browser.html`);
    await p.getByText('ready').waitFor();
    return p;
  };
  const decisionPage = await benchPage();
  const decisions = await decisionPage.evaluate((now) => window.bench.decisions(200, now), NOW);
  await decisionPage.close();
  emit('storage.decision_commit_p95_ms', decisions.p95, 'ms', {
    target: 5,
    decisions: decisions.decisions,
    median_ms: decisions.median,
    max_ms: decisions.max,
    runs_stored: stored,
  });
  const importPage = await benchPage();
  const imported = await importPage.evaluate(() => window.bench.importWorkspace());
  await importPage.close();
  emit('import.1000_runs_ms', imported.validateMs + imported.writeMs, 'ms', {
    target: 3000,
    ...imported,
    ratio_to_json_parse:
      Math.round(((imported.validateMs + imported.writeMs) / imported.parseMs) * 10) / 10,
  });
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
