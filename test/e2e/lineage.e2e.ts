import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openApp, withScreenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

/** The text of each data cell of a row as a screen reader reads it (a "—" on screen says why). */
async function cells(row: Locator): Promise<string[]> {
  return row.getByRole('cell').evaluateAll((cells) =>
    cells.map((cell) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return (copy.textContent ?? '').trim();
    }),
  );
}

describe('the lineage of the demo chain of cycles', () => {
  it('opens from the run, reads attainment per goal across cycles and compares two cycles', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-cycle-3' });
    await withScreenshot(page, 'lineage', async () => {
      await page
        .getByRole('heading', { level: 1, name: 'Quarterly strategy adjustment' })
        .waitFor();
      await page.getByRole('link', { name: 'Cycle lineage' }).click();
      await page.getByRole('heading', { level: 2, name: 'Attainment per goal' }).waitFor();
      expect(page.url()).toMatch(/\/runs\/demo-cycle-3\/lineage/);

      // The whole chain, oldest first, this run marked.
      const cycles = page.getByRole('list', { name: 'The cycles of this chain, oldest first' });
      expect(await cycles.getByRole('link').count()).toBe(3);
      const current = cycles.getByRole('link', { name: /^2026-Q4, Active/ });
      expect(await current.getAttribute('aria-current')).toBe('page');

      // The chart is one image; its table lists the figures it draws.
      await page.getByRole('img', { name: /^Attainment per goal across 3 cycles\./ }).waitFor();
      const table = page.getByRole('table', { name: 'Attainment per goal by cycle' });
      const sales = table.getByRole('row', { name: /^Quarterly adjustment: sales of/ });
      expect(await cells(sales)).toEqual(['101%', '99%', '64% so far']);
      const productA = table.getByRole('row', { name: /product A sales/ });
      expect(await cells(productA)).toEqual(['108%', '89%', 'Not a goal of this cycle']);
      const overall = table.getByRole('row', { name: /^Overall attainment/ });
      expect(await cells(overall)).toEqual(['103%', '96%', '59% so far']);

      // Compare: the two newest cycles first, then Q2 against Q3.
      const compare = page.getByRole('region', { name: 'Compare two cycles' });
      await compare
        .getByText(
          'Overall attainment: 96% in 2026-Q3, 59% so far (from check-ins up to Nov 26, 2026) in 2026-Q4.',
        )
        .waitFor();
      const removed = compare.getByRole('listitem').filter({ hasText: 'Industry trade show' });
      expect(await removed.innerText()).toMatch(/^Removed/);

      await compare.getByLabel('From cycle').selectOption({ label: '2026-Q2 · Completed' });
      await compare.getByLabel('To cycle').selectOption({ label: '2026-Q3 · Completed' });
      await compare.getByText('Overall attainment: 103% in 2026-Q2, 96% in 2026-Q3.').waitFor();
      const member = compare
        .getByRole('listitem')
        .filter({ hasText: 'Member day for existing customers' });
      expect(await member.innerText()).toMatch(/^Added/);
      const live = compare.getByRole('listitem').filter({ hasText: /^Changed\s*5 live streams/ });
      await live.getByText('Budget: ¥200,000.00 → ¥320,000.00').waitFor();
      await compare.getByRole('note').getByText('Monthly reviews caught gaps earlier').waitFor();
      // The choice is in the address, so it survives a reload.
      expect(new URL(page.url()).searchParams.get('from')).toBe('demo-cycle-1');
      await page.reload();
      await page
        .getByRole('region', { name: 'Compare two cycles' })
        .getByText('Overall attainment: 103% in 2026-Q2, 96% in 2026-Q3.')
        .waitFor();

      // Each card leads to its run.
      await page
        .getByRole('list', { name: 'The cycles of this chain, oldest first' })
        .getByRole('link', { name: /^2026-Q2/ })
        .click();
      await page.getByRole('button', { name: /^Stage 1, Research:/ }).waitFor();
      expect(page.url()).toMatch(/\/runs\/demo-cycle-1$/);
    });
    await context.close();
  });

  it('opens from an evaluation report, in Chinese', async () => {
    const { page, context } = await openApp(browser(), {
      locale: 'zh-CN',
      path: '/runs/demo-cycle-2/report',
    });
    await withScreenshot(page, 'lineage-zh', async () => {
      await page.getByRole('link', { name: '周期脉络' }).click();
      await page.getByRole('heading', { level: 2, name: '两期对比' }).waitFor();
      const table = page.getByRole('table', { name: '各周期各目标达成率' });
      const overall = table.getByRole('row', { name: /^整体达成率/ });
      expect(await cells(overall)).toEqual(['103%', '96%', '59%（截至目前）']);
    });
    await context.close();
  });

  it('is not offered for a run with no other cycle', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-region' });
    await page
      .getByRole('heading', { level: 1, name: 'East and North China regional expansion' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Cycle lineage' }).count()).toBe(0);
    await context.close();
  });
});
