import { describe, expect, it } from 'vitest';
import { actAs, openApp, withScreenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

describe('the board at first open', () => {
  it('opens to a living workspace: the demo team and runs at different stages', async () => {
    const { page, context } = await openApp(browser());
    await withScreenshot(page, 'first-open', async () => {
      const rows = page.getByRole('row');
      await page
        .getByRole('link', { name: 'Product A launch in East China', exact: true })
        .waitFor();
      // A header row and the six demo runs.
      expect(await rows.count()).toBe(7);
      await page.getByRole('cell', { name: 'Completed' }).first().waitFor();
      await page.getByRole('searchbox', { name: 'Search by title or lead' }).fill('North China');
      await expect.poll(() => rows.count()).toBe(2);
    });
    await context.close();
  });

  it('lists what waits for the person acting, and takes them to it', async () => {
    const { page, context } = await openApp(browser());
    await withScreenshot(page, 'waiting-for-you', async () => {
      await page
        .getByRole('link', { name: 'Product A launch in East China', exact: true })
        .waitFor();
      // The lead has nothing to decide; marketing has the launch's strategy gate.
      expect(await page.getByRole('link', { name: /^Decide: / }).count()).toBe(0);
      await actAs(page, 'Chen Jing');
      const decide = page.getByRole('link', {
        name: 'Decide: Strategy — Product A launch in East China',
      });
      await page.getByRole('button', { name: /^Waiting for you \(\d+\)$/ }).click();
      await decide.waitFor();
      expect(
        await page
          .getByRole('link', { name: 'Raise repurchase among existing customers', exact: true })
          .count(),
      ).toBe(0);
      await decide.click();
      await page.getByRole('heading', { name: 'Stage 3 · Strategy' }).waitFor();
      // It lands on the decision: in view, with focus, however long the plan above it.
      const heading = page.getByRole('heading', { name: 'Your decision' });
      await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
      expect(await heading.isVisible()).toBe(true);
      expect(
        await heading.evaluate((h) => {
          const box = h.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight;
        }),
      ).toBe(true);

      // An account manager's figures due take them to the check-in form, the due KPI chosen.
      await page.goBack();
      await actAs(page, 'Liu Yang');
      const due = page.getByRole('link', {
        name: /^\d+ check-ins? due — East and North China regional expansion$/,
      });
      await due.click();
      const checkIn = page.getByRole('heading', { name: 'KPI check-in' });
      await expect.poll(() => checkIn.evaluate((h) => h === document.activeElement)).toBe(true);
      const kpi = page.getByRole('combobox', { name: 'KPI' });
      expect(await kpi.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toMatch(
        / · due$/,
      );
    });
    await context.close();
  });

  it('names every stage for assistive technology and opens a stage from the keyboard', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-launch' });
    await withScreenshot(page, 'keyboard', async () => {
      await page
        .getByRole('button', { name: 'Stage 3, Strategy: In review, 1 of 2 approvals' })
        .waitFor();
      await page.getByRole('button', { name: 'Stage 2, Goal setting: Approved' }).waitFor();
      // Tab until the first stage has focus, then Tab to the next and open it with Enter.
      let focused = '';
      for (let i = 0; i < 40 && focused !== 'research'; i += 1) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(
          () => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? '',
        );
      }
      expect(focused).toBe('research');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
        'goals',
      );
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Stage 2 · Goal setting' }).waitFor();
      // The panel's tabs follow the arrow keys; Escape closes it and hands focus back to the stage.
      await page.getByRole('tab', { name: 'Goal setting' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: 'History', selected: true }).waitFor();
      await page.getByRole('tabpanel', { name: 'History' }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.getByRole('tab', { name: 'Goal setting', selected: true }).waitFor();
      await page.getByRole('heading', { name: 'Stage 2 · Goal setting' }).waitFor();
      await page.keyboard.press('Escape');
      await page
        .getByRole('heading', { name: 'Stage 2 · Goal setting' })
        .waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
        'goals',
      );
    });
    await context.close();
  });

  it('keeps the open stage readable on a small screen, with the stages around it', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-region' });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('button', { name: /^Stage 6, Monitoring/ }).click();
    await page.getByRole('heading', { name: 'Stage 6 · Monitoring' }).waitFor();
    const zoom = () =>
      page.evaluate(() => {
        const transform =
          document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
        return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? 0);
      });
    await expect.poll(zoom).toBeGreaterThanOrEqual(0.75);
    for (const name of [/^Stage 5, Execution/, /^Stage 6, Monitoring/, /^Stage 7, Evaluation/]) {
      expect(await page.getByRole('button', { name }).isVisible()).toBe(true);
    }
    await context.close();
  });

  it('shows the history with its integrity, and the board as it was after any event', async () => {
    const { page, context } = await openApp(browser(), { path: '/runs/demo-launch' });
    await withScreenshot(page, 'history', async () => {
      await page.getByRole('button', { name: 'History' }).click();
      await page
        .getByText(/Record intact: all \d+ events checked, none altered or missing/)
        .waitFor();
      await page
        .getByRole('button', { name: /^Event 4: Zhou Qiang Recycle at the Goal setting gate/ })
        .click();
      await page.getByText('Viewing the board as it was after event #4 (read-only).').waitFor();
      await page.getByRole('button', { name: /^Stage 2, Goal setting: Recycled/ }).waitFor();
      await page.getByRole('button', { name: 'Back to now' }).click();
      await page.getByRole('button', { name: /^Stage 2, Goal setting: Approved/ }).waitFor();
    });
    await context.close();
  });

  it('speaks Chinese from the browser language, with the demo written in Chinese', async () => {
    const { page, context } = await openApp(browser(), { locale: 'zh-CN' });
    await withScreenshot(page, 'zh-first-open', async () => {
      await page.getByRole('heading', { name: '策略执行' }).waitFor();
      await page.getByRole('link', { name: '新品 A 华东上市', exact: true }).click();
      await page
        .getByRole('button', { name: /^第 3 阶段，策略制定：审批中，已获 1\/2 项批准/ })
        .waitFor();
      await page.getByRole('button', { name: /^第 1 阶段，前期调研/ }).waitFor();
      // What the board reads out to screen readers is in Chinese too, React Flow's own text included.
      const hidden = await page.locator('[id^="react-flow__"][id*="-desc-"]').allTextContents();
      expect(hidden.join(' ')).not.toMatch(/Press|select|delete|remove/);
      expect(hidden.join(' ')).toContain('箭头表示');
    });
    await context.close();
  });
});
