import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { baseUrl, openApp, sharedBrowser, withScreenshot } from './browser';

const browser = sharedBrowser();

const PHONE = { width: 390, height: 844 };
const NOW = '2026-11-27T09:00:00.000Z';

/** What a phone is checked by, in each language: the names of the controls it must reach. */
const LANGUAGES = [
  {
    locale: 'en-US',
    actingAs: 'Acting as',
    language: 'Language',
    nav: 'Main',
    execution: /^Stage 5, Execution:/,
    executionHeading: 'Stage 5 · Execution',
    timeline: /^Task timeline/,
    legend: 'Runs standing at each stage',
    portfolioBoard: 'Portfolio board',
  },
  {
    locale: 'zh-CN',
    actingAs: '当前身份',
    language: '语言',
    nav: '主导航',
    execution: /^第 5 阶段，执行落地：/,
    executionHeading: '第 5 阶段 · 执行落地',
    timeline: /^任务时间线/,
    legend: '各阶段的策略执行数量',
    portfolioBoard: '组合看板',
  },
] as const;

type Language = (typeof LANGUAGES)[number];

/** Every page of the app (the run's board also with its history open), and what shows it is in. */
const ROUTES: readonly { path: string; ready(page: Page, language: Language): Locator }[] = [
  { path: '/', ready: (page) => page.getByRole('table').first() },
  {
    path: '/runs/demo-region',
    ready: (page, language) => page.getByRole('button', { name: language.execution }),
  },
  {
    path: '/runs/demo-region?tab=history',
    ready: (page) => page.getByRole('tabpanel'),
  },
  { path: '/runs/demo-cycle-2/report', ready: (page) => page.getByRole('table').first() },
  { path: '/runs/demo-cycle-2/lineage', ready: (page) => page.getByRole('table').first() },
  {
    path: '/portfolio',
    ready: (page, language) =>
      page.getByRole('region', { name: language.portfolioBoard, exact: true }),
  },
  { path: '/people', ready: (page) => page.getByRole('table').first() },
  { path: '/settings', ready: (page) => page.getByRole('heading', { level: 1 }) },
];

async function go(page: Page, path: string): Promise<void> {
  await page.goto(
    `${baseUrl()}${path}${path.includes('?') ? '&' : '?'}now=${encodeURIComponent(NOW)}`,
  );
}

/** How far the page reaches past the right edge of the window: 0 when it does not scroll sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Whether an element lies wholly inside the window, left to right. */
async function insideWindow(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize()?.width ?? PHONE.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

/** Whether two elements' boxes share any area (text drawn over text). */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [p, q] = await Promise.all([a.boundingBox(), b.boundingBox()]);
  if (!p || !q) return false;
  const apart =
    p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
  return !apart;
}

/** The header's controls: who is acting, the language, and the page links. */
async function expectHeaderReachable(page: Page, language: Language): Promise<void> {
  const header = page.getByRole('banner');
  // "Acting as" is a select named by its label (and its chosen option): "Acting as Lin Feng · …".
  expect(await insideWindow(header.getByRole('combobox', { name: language.actingAs }))).toBe(true);
  const group = header.getByRole('group', { name: language.language });
  const languages = group.getByRole('button');
  expect(await languages.count()).toBe(2);
  for (const button of await languages.all()) expect(await insideWindow(button)).toBe(true);
  // The app's name and the language group share the top row: neither is drawn over the other.
  expect(await overlap(header.getByRole('link').first(), group)).toBe(false);
  const links = header.getByRole('navigation', { name: language.nav }).getByRole('link');
  expect(await links.count()).toBe(4);
  for (const link of await links.all()) expect(await insideWindow(link)).toBe(true);
}

describe('on a phone (390 × 844)', () => {
  for (const language of LANGUAGES) {
    it(`no page scrolls sideways and the header's controls are all in reach (${language.locale})`, async () => {
      const { page, context } = await openApp(browser(), { locale: language.locale });
      await page.setViewportSize(PHONE);
      await withScreenshot(page, `phone-pages-${language.locale}`, async () => {
        for (const route of ROUTES) {
          await go(page, route.path);
          await route.ready(page, language).waitFor();
          expect({ path: route.path, overflow: await overflow(page) }).toEqual({
            path: route.path,
            overflow: 0,
          });
          await expectHeaderReachable(page, language);
        }
      });
      await context.close();
    });

    it(`an open stage, its wide task timeline included, keeps the page to the phone's width (${language.locale})`, async () => {
      const { page, context } = await openApp(browser(), {
        locale: language.locale,
        path: '/runs/demo-region',
      });
      await page.setViewportSize(PHONE);
      await withScreenshot(page, `phone-stage-${language.locale}`, async () => {
        await page.getByRole('button', { name: language.execution }).click();
        await page.getByRole('heading', { name: language.executionHeading }).waitFor();
        // The timeline is wider than the phone: it scrolls in its own box, not the page.
        const timeline = page.getByRole('img', { name: language.timeline });
        await timeline.waitFor();
        expect((await timeline.boundingBox())!.width).toBeGreaterThan(PHONE.width);
        expect(await overflow(page)).toBe(0);
        await expectHeaderReachable(page, language);
      });
      await context.close();
    });

    it(`the portfolio's legend sits under its board, not over its stages (${language.locale})`, async () => {
      const { page, context } = await openApp(browser(), {
        locale: language.locale,
        path: '/portfolio',
      });
      await page.setViewportSize(PHONE);
      await withScreenshot(page, `phone-legend-${language.locale}`, async () => {
        const board = page.getByRole('region', { name: language.portfolioBoard, exact: true });
        const legend = page.getByRole('region', { name: language.legend });
        await legend.waitFor();
        const boardBox = (await board.boundingBox())!;
        expect((await legend.boundingBox())!.y).toBeGreaterThanOrEqual(
          boardBox.y + boardBox.height,
        );
      });
      await context.close();
    });
  }

  it("scrolls the report's wide tables in their own box, which the keyboard can reach", async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-cycle-2/report' });
    await page.setViewportSize(PHONE);
    await withScreenshot(page, 'phone-report', async () => {
      const box = page.getByRole('region', {
        name: 'Results against targets (table, scrolls sideways)',
      });
      await box.focus();
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
      expect(await overflow(page)).toBe(0);
    });
    await context.close();
  });

  it('shows the portfolio’s stages at a size people can read, and brings a tapped stage’s runs into view', async () => {
    const { page, context } = await openApp(browser(), { path: '/portfolio' });
    await page.setViewportSize(PHONE);
    await withScreenshot(page, 'phone-portfolio-stage', async () => {
      const board = page.getByRole('region', { name: 'Portfolio board', exact: true });
      // A board of seven stages fitted to 390 px drew their names about 5 px tall: the stages are
      // a list here, each name at its full size, none cut off at the window's edge.
      for (const [name, title] of [
        [/^Stage 1, Research/, 'Research'],
        [/^Stage 4, Resource allocation/, 'Resource allocation'],
        [/^Stage 6, Monitoring/, 'Monitoring'],
      ] as const) {
        const button = board.getByRole('button', { name });
        const text = (await button.getByText(title, { exact: true }).boundingBox())!;
        expect(text.height).toBeGreaterThanOrEqual(14);
        expect(text.x + text.width).toBeLessThanOrEqual(PHONE.width);
      }
      const stage = board.getByRole('button', { name: /^Stage 5, Execution/ });
      await stage.click();
      await expect.poll(() => stage.getAttribute('aria-pressed')).toBe('true');
      const heading = page
        .getByRole('complementary')
        .getByRole('heading', { name: /^Stage 5 · Execution/ });
      await heading.waitFor();
      // The list opens below the board: it is scrolled to, not left out of sight.
      await expect
        .poll(async () => {
          const box = await heading.boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
        })
        .toBe(true);
    });
    await context.close();
  });

  it('shows each check-in’s figure and health on screen, the date scrolled to in its own box', async () => {
    const { page, context } = await openApp(browser(), {
      path: '/runs/demo-region?stage=monitoring',
    });
    await page.setViewportSize(PHONE);
    await withScreenshot(page, 'phone-check-ins', async () => {
      const table = page.getByRole('table').filter({ hasText: 'Of pace' });
      const offTrack = table.getByText('Off track').first();
      await offTrack.scrollIntoViewIfNeeded();
      // Cut to "Off tra" when the date came before it.
      expect(await insideWindow(offTrack)).toBe(true);
      expect(await overflow(page)).toBe(0);
    });
    await context.close();
  });

  it('shows every stage of a run at a size people can read, and a tapped stage’s panel comes into view', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-deepen' });
    await page.setViewportSize(PHONE);
    await withScreenshot(page, 'phone-run-stages', async () => {
      // A board of seven stages fitted to 390 px drew their names about 5 px tall, and one at a
      // readable size cut its neighbours at the window's edges: the stages are a list here.
      const board = page.getByRole('region', { name: 'Stage board' });
      for (const [name, title] of [
        [/^Stage 1, Research/, 'Research'],
        [/^Stage 4, Resource allocation/, 'Resource allocation'],
        [/^Stage 6, Monitoring/, 'Monitoring'],
        [/^Stage 7, Evaluation/, 'Evaluation'],
      ] as const) {
        const button = board.getByRole('button', { name });
        const text = (await button.getByText(title, { exact: true }).boundingBox())!;
        expect(text.height).toBeGreaterThanOrEqual(14);
        expect(await insideWindow(button)).toBe(true);
      }
      const execution = board.getByRole('button', { name: /^Stage 5, Execution/ });
      await execution.click();
      await expect.poll(() => execution.getAttribute('aria-pressed')).toBe('true');
      const heading = page.getByRole('heading', { name: 'Stage 5 · Execution' });
      await expect
        .poll(async () => {
          const box = await heading.boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
        })
        .toBe(true);
      // Closing the panel gives focus back to the stage in the list.
      await page.getByRole('button', { name: 'Close panel' }).click();
      await expect
        .poll(() => execution.evaluate((element) => element === document.activeElement))
        .toBe(true);
      expect(await overflow(page)).toBe(0);
    });
    await context.close();
  });

  it('lists each run as a card whose facts all show, under their names, without scrolling sideways', async () => {
    const { page, context } = await openApp(browser(), { path: '/' });
    await page.setViewportSize(PHONE);
    await withScreenshot(page, 'phone-runs', async () => {
      const table = page.getByRole('table');
      const row = table.getByRole('row').filter({
        has: page.getByRole('link', { name: 'Product A launch in East China', exact: true }),
      });
      await row.waitFor();
      // Still a table to a screen reader: each cell is under its column.
      expect(await table.getByRole('columnheader').allTextContents()).toContain('Current stage');
      const stage = row.getByRole('cell', { name: /Strategy/ });
      // Its column's name is drawn above the value, and not read out twice: the column header
      // already names the cell.
      expect(await stage.evaluate((cell) => getComputedStyle(cell, '::before').content)).toMatch(
        /^"Current stage"/,
      );
      expect(await row.getByRole('cell', { name: 'Strategy', exact: true }).count()).toBe(1);
      for (const cell of await row.getByRole('cell').all()) {
        if ((await cell.innerText()) === '') continue;
        expect(await insideWindow(cell)).toBe(true);
      }
      // Nothing scrolls sideways, so there is no scrolling box to reach.
      expect(await page.getByRole('region', { name: /scrolls sideways/ }).count()).toBe(0);
      expect(await overflow(page)).toBe(0);
    });
    await context.close();
  });

  for (const language of LANGUAGES) {
    it(`in a tablet-width window (700 px) the header's controls are all in reach (${language.locale})`, async () => {
      const { page, context } = await openApp(browser(), { locale: language.locale });
      await page.setViewportSize({ width: 700, height: 900 });
      await page.getByRole('table').first().waitFor();
      await expectHeaderReachable(page, language);
      expect(await overflow(page)).toBe(0);
      await context.close();
    });
  }
});
