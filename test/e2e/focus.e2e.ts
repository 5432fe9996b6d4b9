import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, sharedBrowser, withScreenshot } from './browser';

const browser = sharedBrowser();

/** What has keyboard focus: its tag and accessible text, or BODY when focus was dropped. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'BODY';
    return `${element.tagName.toLowerCase()} ${element.getAttribute('aria-label') ?? element.textContent?.trim() ?? ''}`;
  });

describe('keyboard focus', () => {
  it('is never dropped to the page: a followed link, a saved task status and a dismissed toast each hand it on', async () => {
    const { context, page } = await openApp(browser(), { path: '/' });
    await withScreenshot(page, 'focus', async () => {
      // A run opened from the runs list: reading starts at its heading.
      const run = page
        .getByRole('table')
        .getByRole('link', { name: 'East and North China regional expansion' })
        .first();
      await run.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('h1 East and North China regional expansion');

      // A task's status saved: the Save button goes, focus goes back to the status.
      await page.goto(`${new URL(page.url()).origin}/runs/demo-region?stage=execution`);
      const status = page.getByRole('combobox', { name: /^Status of “/ }).first();
      const name = await status.getAttribute('aria-label');
      await status.selectOption({ label: 'In progress' });
      await page
        .getByRole('button', { name: /^Save the status of “/ })
        .first()
        .focus();
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText('Task updated').waitFor();
      await expect.poll(() => focused(page)).toBe(`select ${name}`);

      // Its toast dismissed from the keyboard: focus goes back to where it came from.
      await page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('button', { name: 'Dismiss' })
        .focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).not.toBe('BODY');
    });
    await context.close();
  });
});
