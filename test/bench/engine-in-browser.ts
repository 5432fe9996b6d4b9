/**
 * Benchmark page (test/bench/portfolio.bench.mjs): the engine and the sample generator running in
 * Chromium against its real IndexedDB. Served from the app's origin, so `generate` fills the very
 * database the app opens ('strategy-board'). Exposes `window.bench`; the app exposes nothing.
 */
import Dexie from 'dexie';
import { StrategyDb } from '../../src/storage/db';
import { readAllLogs, readLog } from '../../src/storage/log';
import { RunEngine, type RunAction } from '../../src/engine/engine';
import { generateSamplePortfolio } from '../../src/engine/sample-portfolio';
import {
  commitImport,
  exportWorkspace,
  serializeWorkspace,
  validateWorkspace,
} from '../../src/engine/transfer';
import { runHistory } from '../../src/board/portfolio-graph';
import { defaultGatePolicies, demoContent, demoTeam } from '../../src/domain/scenarios';
import { quarterPeriod } from '../../src/domain/time';
import type { EventRecord } from '../../src/storage/records';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

/** Longest main-thread task while `body` runs: how responsive the page stayed. */
async function withLongestTask<T>(body: () => Promise<T>): Promise<[T, number]> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // No long-task timing in this browser: report 0.
  }
  const result = await body();
  observer.disconnect();
  return [result, longest];
}

const bench = {
  /** Generates the sample portfolio into the app's own database. */
  async generate(size: number, now: string) {
    const db = new StrategyDb();
    const started = performance.now();
    const [result, longestTaskMs] = await withLongestTask(() =>
      generateSamplePortfolio(db, { size, now, locale: 'en' }),
    );
    const ms = performance.now() - started;
    db.close();
    return { ms: round(ms), longestTaskMs: round(longestTaskMs), ...result };
  },

  /** Reading the runs table whole, as the runs list and the portfolio do: median of 3. */
  async readRuns() {
    const db = new StrategyDb();
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i += 1) {
      const t = performance.now();
      rows = (await db.runs.toArray()).length;
      times.push(performance.now() - t);
    }
    db.close();
    return { rows, ms: round(median(times)) };
  },

  /**
   * Reading every run's event log for the heat modes: one read of the whole log table, against
   * one query per run inside one read transaction (as the portfolio does). Alternated, median of 3.
   */
  async readLogs() {
    const db = new StrategyDb();
    const ids = (await db.runs.toCollection().primaryKeys()) as string[];
    const bulk: number[] = [];
    const perRun: number[] = [];
    let byRun = new Map<string, EventRecord[]>();
    for (let round = 0; round < 3; round += 1) {
      let t = performance.now();
      byRun = await readAllLogs(db);
      bulk.push(performance.now() - t);
      t = performance.now();
      await db.transaction('r', db.log, () => Promise.all(ids.map((id) => readLog(db, id))));
      perRun.push(performance.now() - t);
    }
    const t = performance.now();
    for (const records of byRun.values()) runHistory(records);
    const historiesMs = performance.now() - t;
    const events = [...byRun.values()].reduce((n, list) => n + list.length, 0);
    db.close();
    return {
      runs: ids.length,
      events,
      bulkMs: round(median(bulk)),
      perRunMs: round(median(perRun)),
      historiesMs: round(historiesMs),
    };
  },

  /**
   * Exports the app's workspace to a file's text, then validates and imports it into an empty
   * database of its own (removed afterwards), as Settings → Import does. JSON.parse of the same
   * text is the baseline measured alongside.
   */
  async importWorkspace() {
    const source = new StrategyDb();
    const text = serializeWorkspace(await exportWorkspace(source));
    source.close();
    const name = `bench-import-${Math.floor(Math.random() * 1e9)}`;
    const target = new StrategyDb(name);
    // Opened (created, with its schema) before timing: a person imports into the app's database,
    // which is open already.
    await target.open();
    let t = performance.now();
    JSON.parse(text);
    const parseMs = performance.now() - t;
    t = performance.now();
    const validated = await validateWorkspace(text);
    const validateMs = performance.now() - t;
    t = performance.now();
    const result = await commitImport(target, validated);
    const writeMs = performance.now() - t;
    const stored = await target.runs.count();
    target.close();
    await Dexie.delete(name);
    return {
      runs: result.imported.length,
      stored,
      events: validated.runs.reduce((n, r) => n + r.entry.events.length, 0),
      megabytes: round(text.length / 1e6),
      parseMs: round(parseMs),
      validateMs: round(validateMs),
      writeMs: round(writeMs),
    };
  },

  /**
   * `engine.apply` of gate decisions in the app's database: each a validated step, then one
   * transaction that checks the revision, appends the event and stores the snapshot envelope.
   * The run is removed afterwards.
   */
  async decisions(count: number, now: string) {
    const db = new StrategyDb();
    await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
    let t = Date.parse(now);
    const engine = new RunEngine(db, {
      clock: { now: () => new Date((t += 60_000)).toISOString() },
    });
    const period = quarterPeriod(2026, 4);
    const runId = `bench-decisions-${Math.floor(Math.random() * 1e9)}`;
    await engine.createRun(
      {
        runId,
        scenario: 'newProductLaunch',
        title: 'Decision commit benchmark',
        period,
        leadId: 'p-lead',
        parentRunId: null,
        policies: defaultGatePolicies('newProductLaunch'),
      },
      'p-lead',
    );
    const research = demoContent('newProductLaunch', 'en', period).research;
    const submit: RunAction = {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'research',
      content: research,
    };
    const samples: number[] = [];
    for (let i = 0; i < count + 10; i += 1) {
      const submitted = await engine.apply(runId, submit);
      if (!submitted.ok) throw new Error(`submit refused: ${submitted.refusal.code}`);
      const decision: RunAction = {
        type: 'gate.decide',
        by: 'p-mkt',
        stage: 'research',
        decision: 'recycle',
        comment: `Round ${i + 1}: more evidence`,
        conditions: [],
        recycleTo: 'research',
      };
      const started = performance.now();
      const decided = await engine.apply(runId, decision);
      const ms = performance.now() - started;
      if (!decided.ok) throw new Error(`decision refused: ${decided.refusal.code}`);
      if (i >= 10) samples.push(ms); // the first ten warm up the JIT and the database
    }
    await db.transaction('rw', [db.runs, db.snapshots, db.log, db.drafts], async () => {
      await db.log.where('runId').equals(runId).delete();
      await db.drafts.where('runId').equals(runId).delete();
      await db.snapshots.delete(runId);
      await db.runs.delete(runId);
    });
    db.close();
    return {
      decisions: samples.length,
      p95: round(quantile(samples, 0.95)),
      median: round(median(samples)),
      max: round(Math.max(...samples)),
    };
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'ready';
