import { describe, expect, it } from 'vitest';
import {
  actAs,
  expectToast,
  openApp,
  openStage,
  stageNode,
  withScreenshot,
  sharedBrowser,
  submitStage,
  decideAt,
  passStage,
} from './browser';

const browser = sharedBrowser();

describe('a project lead takes a strategy through all seven gates in the browser', () => {
  it('creates a run, passes every gate, recycles once, refuses self-approval and survives a reload', async () => {
    const { page } = await openApp(browser());
    await withScreenshot(page, 'gates', async () => {
      // The submitter must never approve their own submission: give the lead an approver role too.
      await page.getByRole('link', { name: 'People' }).click();
      await page
        .getByRole('group', { name: 'Roles of Lin Feng' })
        .getByRole('checkbox', { name: 'Sales director' })
        .check();
      await expectToast(page, /Roles of Lin Feng updated/);
      await page.getByRole('link', { name: 'Runs' }).click();

      await page.getByRole('button', { name: 'New run' }).click();
      const dialog = page.getByRole('dialog', { name: 'New strategy run' });
      // An empty title is refused at its field, which keeps focus, in the app's own words.
      await dialog.getByRole('button', { name: 'Create run' }).click();
      await dialog.getByRole('alert').waitFor();
      const titleField = dialog.getByLabel('Title');
      expect(await titleField.getAttribute('aria-invalid')).toBe('true');
      // Said right under the field, not at the foot of the dialog past the approval rules.
      const fieldBox = (await titleField.boundingBox())!;
      const alertBox = (await dialog.getByRole('alert').boundingBox())!;
      expect(alertBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(40);
      expect(await titleField.evaluate((el) => el === document.activeElement)).toBe(true);
      await dialog.getByRole('radio', { name: /New product launch/ }).check();
      await dialog.getByLabel('Title').fill('Product B launch');
      await dialog.getByRole('button', { name: 'Create run' }).click();
      await page.getByRole('heading', { name: 'Product B launch', level: 1 }).waitFor();
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /Drafting/ }))
        .waitFor();

      await submitStage(page, 1, 'Research');
      // The lead, now also a sales director, is refused at their own gate with the reason.
      await openStage(page, 1, 'Research');
      await page.getByText('You submitted this stage; another approver must decide.').waitFor();
      await decideAt(page, 'Chen Jing', 1, 'Research');
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /Approved/ }))
        .waitFor();

      await submitStage(page, 2, 'Goal setting');
      await decideAt(page, 'Wang Min', 2, 'Goal setting');
      await stageNode(page, 2, 'Goal setting')
        .and(page.getByRole('button', { name: /1 of 2 approvals/i }))
        .waitFor();
      await decideAt(page, 'Zhou Qiang', 2, 'Goal setting');

      // A recycle from the strategy gate back to research draws a dashed back edge with its count.
      await submitStage(page, 3, 'Strategy');
      await actAs(page, 'Wang Min');
      await openStage(page, 3, 'Strategy');
      const box = page.getByRole('region', { name: 'Your decision' });
      await box.getByRole('radio', { name: 'Recycle', exact: true }).check();
      await box.getByLabel('Send back to').selectOption({ label: '1. Research' });
      await box.getByLabel('Reason (required)').fill('Interview two more distributors first');
      await box.getByRole('button', { name: 'Decide: Recycle' }).click();
      await expectToast(page, 'Decision recorded');
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /Recycled/ }))
        .waitFor();
      await page.locator('.react-flow__edgelabel-renderer').getByText('Recycled ×1').waitFor();

      await passStage(page, 1, 'Research', ['Chen Jing']);
      await passStage(page, 2, 'Goal setting', ['Wang Min', 'Zhou Qiang']);
      await passStage(page, 3, 'Strategy', ['Wang Min', 'Chen Jing']);

      await passStage(page, 4, 'Resource allocation', ['Zhao Lei', 'Wang Min']);
      await stageNode(page, 5, 'Execution')
        .and(page.getByRole('button', { name: /Drafting/ }))
        .waitFor();

      await passStage(page, 5, 'Execution', ['Wang Min']);
      await passStage(page, 6, 'Monitoring', ['Chen Jing']);
      await stageNode(page, 6, 'Monitoring')
        .and(page.getByRole('button', { name: /Operating/ }))
        .waitFor();

      await actAs(page, 'Lin Feng');
      await openStage(page, 5, 'Execution');
      // The quarter still runs: closing now needs a reason the results can be evaluated already.
      await page
        .getByRole('textbox', { name: /Record why/ })
        .fill('The launch is complete; the last weeks add nothing to evaluate');
      await page.getByRole('button', { name: 'Close execution' }).click();
      // Closing asks first, saying what is still open.
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: 'Yes, close execution' })
        .click();
      await expectToast(page, /Execution closed/);

      // Evaluation: actual results per goal, what drove them, and a lesson.
      await openStage(page, 7, 'Evaluation');
      const results = page.getByRole('group', { name: /^Result for/ });
      const count = await results.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i += 1)
        await results
          .nth(i)
          .getByLabel(/^Actual/)
          .fill('120');
      await page.getByRole('button', { name: 'Add attribution' }).click();
      const attribution = page.getByRole('group', { name: /^Attribution/ }).first();
      await attribution.getByLabel('Strategy item').selectOption({ index: 1 });
      await attribution
        .getByLabel('Finding', { exact: true })
        .fill('Live streams converted above target');
      await page.getByRole('button', { name: 'Add lesson' }).click();
      await page
        .getByRole('group', { name: 'Lesson 1' })
        .getByLabel('Lesson', { exact: true })
        .fill('Book trade-show space a quarter ahead');
      await passStage(page, 7, 'Evaluation', ['Zhou Qiang', 'Wang Min']);
      await stageNode(page, 7, 'Evaluation')
        .and(page.getByRole('button', { name: /Done/ }))
        .waitFor();

      // Nothing is lost on reload.
      await page.reload();
      await stageNode(page, 7, 'Evaluation')
        .and(page.getByRole('button', { name: /Done/ }))
        .waitFor();
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /Approved/ }))
        .waitFor();
      await page.locator('.react-flow__edgelabel-renderer').getByText('Recycled ×1').waitFor();

      // The same run in zh-CN.
      const languages = page.getByRole('group', { name: 'Language' });
      await languages.getByRole('button', { name: '简体中文' }).click();
      await page
        .getByRole('group', { name: '语言' })
        .getByRole('button', { name: '简体中文', pressed: true })
        .waitFor();
      await page.getByRole('button', { name: /^第 3 阶段，策略制定：已通过/ }).waitFor();
      await page.getByRole('button', { name: /^第 7 阶段，效果评估：已完成/ }).waitFor();
    });
  });

  it('starts a run for a whole year, led by one of the project leads, under its own approval rules', async () => {
    const { page, context } = await openApp(browser());
    await withScreenshot(page, 'new-run-year', async () => {
      await page.getByRole('button', { name: 'New run' }).click();
      const dialog = page.getByRole('dialog', { name: 'New strategy run' });
      await dialog.getByLabel('Title').fill('Key accounts, full year');
      await dialog.getByRole('radio', { name: /Key-account pursuit/ }).check();
      await dialog.getByRole('combobox', { name: /^Year/ }).selectOption('2026');
      await dialog.getByRole('combobox', { name: /^Period/ }).selectOption({ label: 'Whole year' });
      // Runs are led by project leads: people without that role are not offered.
      const leads = await dialog
        .getByRole('combobox', { name: /^Lead/ })
        .getByRole('option')
        .allTextContents();
      expect(leads).toEqual(['Lin Feng · Strategy lead']);

      // The research gate of this run needs both the sales director and the marketing head.
      await dialog.getByText('Approval rules').click();
      const research = dialog.getByRole('group', { name: '1. Research gate' });
      await research.getByRole('combobox', { name: 'Approvals needed' }).selectOption({
        label: 'One per role',
      });
      // A gate nobody may decide at is refused before anything is created, at its checkboxes.
      await research.getByRole('checkbox', { name: 'Sales director' }).uncheck();
      await research.getByRole('checkbox', { name: 'Marketing head' }).uncheck();
      await dialog.getByRole('button', { name: 'Create run' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: 'Choose at least one role that may approve at the Research gate.' })
        .waitFor();
      // Said at the gate too, where focus goes, not only at the foot of the dialog.
      await research
        .getByText('Choose at least one role that may approve at the Research gate.')
        .waitFor();
      await expect
        .poll(() =>
          research
            .getByRole('checkbox', { name: 'Sales director' })
            .evaluate((box) => box === document.activeElement),
        )
        .toBe(true);
      await research.getByRole('checkbox', { name: 'Sales director' }).check();
      await research.getByRole('checkbox', { name: 'Marketing head' }).check();

      await dialog.getByRole('button', { name: 'Create run' }).click();
      await page.getByRole('heading', { name: 'Key accounts, full year', level: 1 }).waitFor();
      await page.getByText('Key-account pursuit · 2026 · led by Lin Feng').waitFor();
      // The lead sees who will decide while the stage is drafted.
      await page
        .getByText('Decided by Sales director and Marketing head (one per role).')
        .waitFor();
    });
    await context.close();
  });
});
