import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openApp, withScreenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

const stageNodes = (page: Page) => page.getByRole('button', { name: /^Stage \d, / });

/** Each stage node's run count, from its accessible name ("Stage 3, Strategy: 42 runs, …"). */
async function stageCounts(page: Page): Promise<Record<string, number>> {
  const labels = await stageNodes(page).evaluateAll((nodes) =>
    nodes.map((n) => n.getAttribute('aria-label') ?? ''),
  );
  expect(labels).toHaveLength(7);
  return Object.fromEntries(
    labels.map((label) => {
      const match = /^Stage \d, ([^:]+): ([\d,]+) runs?/.exec(label);
      if (!match) throw new Error(`unexpected stage label: ${label}`);
      return [match[1], Number(match[2]!.replace(/,/g, ''))];
    }),
  );
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A figure of the status strip, by its term ("Active", "On hold", …). */
async function stat(stats: Locator, term: string): Promise<number> {
  const text = await stats
    .locator(`xpath=.//dt[normalize-space()="${term}"]/following-sibling::dd[1]`)
    .textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

describe('the portfolio board', () => {
  it('shows a generated sample portfolio by stage, as a heatmap, and lists the runs at a stage', async () => {
    const { page } = await openApp(browser());
    await withScreenshot(page, 'portfolio', async () => {
      // Settings → Sample portfolio: 60 runs with their full histories.
      await page.getByRole('link', { name: 'Settings' }).click();
      const panel = page.getByRole('region', { name: 'Sample portfolio' });
      await panel.getByLabel('Number of runs').fill('60');
      await panel.getByRole('button', { name: 'Generate' }).click();
      await page
        .getByRole('status')
        .getByText(/^Sample portfolio ready: 60 runs/)
        .waitFor();

      await panel.getByRole('link', { name: 'Open the portfolio' }).click();
      await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
      await expect.poll(() => stageNodes(page).count()).toBe(7);
      const stats = page.getByLabel(/^Runs by status on /);
      // The demo's 6 runs and the 60 sample runs, in every status.
      const all =
        (await stat(stats, 'Active')) +
        (await stat(stats, 'On hold')) +
        (await stat(stats, 'Completed')) +
        (await stat(stats, 'Cancelled'));
      expect(all).toBe(66);

      // Under way (the default): every active or held run stands at exactly one stage.
      await expect
        .poll(async () => total(await stageCounts(page)))
        .toBe((await stat(stats, 'Active')) + (await stat(stats, 'On hold')));

      // Only the active runs: the stage counts add up to the number of active runs.
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Active' });
      const active = await stat(stats, 'Active');
      expect(active).toBeGreaterThan(0);
      await expect.poll(async () => total(await stageCounts(page))).toBe(active);
      await page.getByText(`${active} of 66 runs on the board`).waitFor();

      // Heatmap: days in stage, read from the event logs.
      await page.getByRole('radio', { name: 'Days in stage' }).click();
      await page.getByRole('heading', { name: 'Average days in stage' }).waitFor();
      await page.getByText(/From the logs of \d+ of the \d+ runs shown\./).waitFor();
      await expect
        .poll(() => stageNodes(page).first().getAttribute('aria-label'))
        .toMatch(/average [\d.]+ days in stage$|no run has passed this gate yet$/);
      await page.getByRole('radio', { name: 'Recycles' }).click();
      await page.getByRole('heading', { name: 'Recycles at each gate' }).waitFor();
      // Each recycle route says which gate sent work back to which stage, by their numbers
      // (drawn once the event logs are read: wait for the first).
      const labels = page.locator('.react-flow__edgelabel-renderer').getByText(/^Recycled /);
      await labels.first().waitFor();
      const routes = await labels.allTextContents();
      expect(routes.length).toBeGreaterThan(0);
      for (const route of routes) {
        const [, from, to] = /^Recycled (\d)→(\d) ×\d+$/.exec(route) ?? [];
        expect(Number(from)).toBeGreaterThanOrEqual(Number(to));
      }
      await expect
        .poll(() => stageNodes(page).nth(1).getAttribute('aria-label'))
        .toMatch(/recycles? at the gate$/);

      // Choose the busiest stage from the keyboard: its runs are listed, most urgent first.
      const counts = await stageCounts(page);
      const [busiest, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
      const node = stageNodes(page).filter({ hasText: busiest }).first();
      await node.focus();
      await page.keyboard.press('Enter');
      const side = page.getByRole('complementary');
      await side.getByRole('heading', { name: new RegExp(`^Stage \\d · ${busiest}$`) }).waitFor();
      const runs = side.getByRole('table').getByRole('link');
      await expect.poll(() => runs.count()).toBe(Math.min(count, 100));
      // Escape closes the list and gives focus back to the stage; Enter opens it again.
      await runs.first().focus();
      await page.keyboard.press('Escape');
      await side.getByRole('heading', { name: new RegExp(`^Stage \\d · ${busiest}$`) }).waitFor({
        state: 'detached',
      });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id')))
        .toBeTruthy();
      await page.keyboard.press('Enter');
      await expect.poll(() => runs.count()).toBe(Math.min(count, 100));

      // Follow one to its own board.
      const title = (await runs.first().textContent()) ?? '';
      await runs.first().click();
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: /^Stage 1, Research:/ }).waitFor();
      expect(page.url()).toMatch(/\/runs\/(sample-\d{4}|demo-[a-z]+(-\d)?)$/);

      // Back to the portfolio: the filters, the mode and the chosen stage are in the URL.
      await page.goBack();
      await page.getByRole('heading', { name: 'Recycles at each gate' }).waitFor();
      await side.getByRole('heading', { name: new RegExp(`^Stage \\d · ${busiest}$`) }).waitFor();

      // Generating again replaces the sample: the board shows the new portfolio on return.
      await page.getByRole('link', { name: 'Settings' }).click();
      await panel.getByLabel('Number of runs').fill('10');
      await panel.getByRole('button', { name: 'Generate' }).click();
      await page
        .getByRole('status')
        .getByText(/^Sample portfolio ready: 10 runs/)
        .waitFor();
      await panel.getByRole('link', { name: 'Open the portfolio' }).click();
      await page.getByLabel('Status', { exact: true }).selectOption({ label: 'All statuses' });
      await expect.poll(async () => total(await stageCounts(page))).toBe(16);
    });
  });

  it('speaks Chinese: stage names and counts in the accessible names', async () => {
    const { page } = await openApp(browser(), { locale: 'zh-CN', path: '/portfolio' });
    await withScreenshot(page, 'portfolio-zh', async () => {
      await page.getByRole('heading', { name: '组合看板', level: 1 }).waitFor();
      // The demo: the launch waits at the strategy gate, the regional run operates with a red KPI,
      // the newest quarterly adjustment with an amber one.
      await page.getByRole('button', { name: /^第 3 阶段，策略制定：1 项策略执行/ }).waitFor();
      await page
        .getByRole('button', { name: /^第 6 阶段，过程监控：2 项策略执行，1 项黄灯，1 项红灯/ })
        .waitFor();
      await page.getByRole('radio', { name: '阶段停留天数' }).click();
      await page.getByRole('heading', { name: '各阶段平均停留天数' }).waitFor();
    });
  });
});
