import { describe, expect, it } from 'vitest';
import { actAs, expectToast, openApp, openStage, withScreenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

describe('meeting notes while the plan operates', () => {
  it('records the Friday meeting’s decisions, lists them newest first and keeps them in the history', async () => {
    const { page } = await openApp(browser(), { path: '/runs/demo-region' });
    await withScreenshot(page, 'meetings', async () => {
      // Chen Jing owns the live streams, so she has a part in the plan.
      await actAs(page, 'Chen Jing');
      await openStage(page, 5, 'Execution');
      const meeting = page.getByRole('article', { name: 'Sync meeting “Friday strategy sync”' });
      const form = meeting.getByRole('form', { name: 'Record notes of “Friday strategy sync”' });

      // Nothing written yet: the form says what is missing, nothing is recorded.
      await form.getByRole('button', { name: 'Record notes' }).click();
      expect(await form.getByRole('alert').textContent()).toBe(
        'Write down what the meeting decided: the notes cannot be empty.',
      );

      await form.getByLabel('Meeting date').fill('2026-11-20');
      await form.getByLabel('Decisions').fill('Switch East China to online visits');
      await form.getByRole('checkbox', { name: 'Wang Min' }).check();
      await form.getByRole('button', { name: 'Record notes' }).click();
      await expectToast(page, 'Meeting notes recorded');

      await form.getByLabel('Meeting date').fill('2026-11-27');
      await form.getByLabel('Decisions').fill('Send trial packs to the ten largest accounts');
      await form.getByRole('button', { name: 'Record notes' }).click();
      await meeting.getByText('Notes (2)').waitFor();

      const notes = meeting.getByRole('listitem');
      expect(await notes.allTextContents()).toEqual([
        'Nov 27, 2026Recorded by Chen JingSend trial packs to the ten largest accounts',
        'Nov 20, 2026Recorded by Chen Jing · Attended by Wang MinSwitch East China to online visits',
      ]);

      // The general manager has no part in this plan: no form, and why.
      await actAs(page, 'Zhou Qiang');
      await page.getByText(/people with a part in the plan/).waitFor();
      expect(await meeting.getByRole('form').count()).toBe(0);

      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByText('Recorded the notes of the meeting on Nov 27, 2026').waitFor();
    });
  });
});
