import { describe, expect, it } from 'vitest';
import {
  actAs,
  expectToast,
  openApp,
  openStage,
  stageNode,
  withScreenshot,
  sharedBrowser,
  passStage,
} from './browser';

const browser = sharedBrowser();

describe('the monitoring and optimization loops in the browser', () => {
  it('turns a red check-in into an alert, replans, closes, evaluates, reports and starts the next cycle', async () => {
    const { page } = await openApp(browser(), { path: '/runs/demo-region' });
    await withScreenshot(page, 'loops', async () => {
      await actAs(page, 'Lin Feng');
      await openStage(page, 6, 'Monitoring');

      // A red check-in raises a risk alert, visible on the board until it has a countermeasure.
      const form = page.getByRole('region', { name: 'KPI check-in' });
      await form.getByLabel('KPI').selectOption({ label: 'New customers' });
      await form.getByLabel(/^Actual/).fill('12');
      await form.getByLabel(/Reason for a gap/).fill('A competitor cut prices by 15%');
      await form.getByRole('button', { name: 'Record check-in' }).click();
      // Off track: the toast says an alert was raised, which is further down the panel.
      await expectToast(page, /Check-in recorded\. It is off track, so a risk alert was raised/);
      // The emptied form disables its button: focus waits in the form for the next figure.
      await expect
        .poll(() =>
          form.evaluate((region) => {
            const active = document.activeElement;
            return region.contains(active) && /SELECT|INPUT/.test(active?.tagName ?? '');
          }),
        )
        .toBe(true);
      await stageNode(page, 6, 'Monitoring')
        .and(page.getByRole('button', { name: /Operating/ }))
        .waitFor();
      await page.getByText('2 open alerts').waitFor();
      const risk = page.getByRole('article', { name: 'Risk: A competitor cut prices by 15%' });
      await risk.getByLabel('Countermeasure').fill('Bundle service hours instead of cutting price');
      await risk.getByLabel('Owner').selectOption({ label: 'Liu Yang' });
      await risk.getByRole('button', { name: 'Save countermeasure' }).click();
      await expectToast(page, 'Countermeasure saved');

      // Replan through the strategy and resources gates, then operating resumes.
      const replan = page.getByRole('region', { name: 'Replan' });
      await replan.getByLabel('Reason').fill('Answer the competitor price cut');
      await replan.getByRole('button', { name: 'Escalate to replan' }).click();
      await expectToast(page, /Replan started/);
      // The plan is back with the lead at Strategy: its panel opens, focus on its heading.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Stage 3 · Strategy');
      await stageNode(page, 3, 'Strategy')
        .and(page.getByRole('button', { name: /Drafting/ }))
        .waitFor();
      await page.locator('.react-flow__edgelabel-renderer').getByText('Replans ×1').waitFor();
      // Operating waits for the new plan, and the board says so.
      await stageNode(page, 5, 'Execution')
        .and(page.getByRole('button', { name: /Paused for a replan/ }))
        .waitFor();
      await passStage(page, 3, 'Strategy', ['Wang Min', 'Chen Jing']);
      await passStage(page, 4, 'Resource allocation', ['Zhao Lei', 'Wang Min']);
      await stageNode(page, 6, 'Monitoring')
        .and(page.getByRole('button', { name: /Operating/ }))
        .waitFor();
      await stageNode(page, 5, 'Execution')
        .and(page.getByRole('button', { name: /Operating/ }))
        .waitFor();

      // Close execution, evaluate, approve.
      await actAs(page, 'Lin Feng');
      await openStage(page, 5, 'Execution');
      // Before the period ends, closing needs a written acceptance.
      await page
        .getByRole('textbox', { name: /Record why/ })
        .fill('Evaluated early: the quarter’s figures are in');
      await page.getByRole('button', { name: 'Close execution' }).click();
      // Closing asks first, saying what is still open.
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: 'Yes, close execution' })
        .click();
      await expectToast(page, /Execution closed/);
      // What comes next is the evaluation: its panel opens, focus on its heading.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Stage 7 · Evaluation');
      const results = page.getByRole('group', { name: /^Result for/ });
      const count = await results.count();
      for (let i = 0; i < count; i += 1) {
        const actual = results.nth(i).getByLabel(/^Actual/);
        if ((await actual.inputValue()) === '') await actual.fill('100');
      }
      await page.getByRole('button', { name: 'Add attribution' }).click();
      const attribution = page.getByRole('group', { name: /^Attribution/ }).first();
      await attribution.getByLabel('Strategy item').selectOption({ index: 1 });
      await attribution
        .getByLabel('Finding', { exact: true })
        .fill('Service bundles held the price');
      await page.getByRole('button', { name: 'Add lesson' }).click();
      await page
        .getByRole('group', { name: 'Lesson 1' })
        .getByLabel('Lesson', { exact: true })
        .fill('Watch competitor prices weekly');
      await passStage(page, 7, 'Evaluation', ['Zhou Qiang', 'Wang Min']);
      await stageNode(page, 7, 'Evaluation')
        .and(page.getByRole('button', { name: /Done/ }))
        .waitFor();

      // The evaluation report reads as a document.
      await page.getByRole('link', { name: 'Evaluation report' }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByRole('table').first().waitFor();
      await page.goBack();

      // The optimization loop: the next cycle opens, linked and seeded from this one. Approvers
      // learn who starts it; the lead does.
      await page.getByText('The next cycle is started by the lead, Lin Feng.').waitFor();
      await actAs(page, 'Lin Feng');
      await page.getByRole('button', { name: 'Start next cycle' }).click();
      // It asks first, proposing the period right after this one.
      const ask = page.getByRole('dialog', { name: 'Start the next cycle' });
      expect(await ask.getByRole('combobox', { name: /^Period/ }).inputValue()).toBe('2027-01-01');
      await ask.getByRole('button', { name: 'Start next cycle' }).click();
      await expectToast(page, /Next cycle started/);
      await page
        .getByText(/2027-Q1/)
        .first()
        .waitFor();
      await page.getByRole('link', { name: '← Previous cycle' }).waitFor();
      await openStage(page, 1, 'Research');
      await page.getByText('Everything the gate checks is in place.').waitFor();
    });
  });
});
