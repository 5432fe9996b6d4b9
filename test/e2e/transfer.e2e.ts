import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportWorkspace, serializeWorkspace } from '../../src/engine/transfer';
import type { WorkspaceFile } from '../../src/storage/transfer';
import { engineWithTeam, newRunFields } from '../support/db';
import { openApp, withScreenshot, sharedBrowser } from './browser';

const browser = sharedBrowser();

const MARKUP = '<img src=x onerror=alert(1)>';

/** The runs list as a person reads it: title and status of every row, sorted by title. */
async function runsList(page: Page): Promise<string[][]> {
  await page.getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
  const rows = page.getByRole('table').getByRole('row');
  await rows.nth(1).waitFor();
  const list = await rows.evaluateAll((trs) =>
    trs.slice(1).map((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '');
      return [cells[0] ?? '', cells[5] ?? ''];
    }),
  );
  return list.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Import and export' }).waitFor();
}

async function expectToast(page: Page, text: string | RegExp) {
  await page.getByRole('status').getByText(text).first().waitFor();
}

/** Chooses a file in the import picker, found by its label as a person would. */
async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Import…').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

describe('moving a workspace between browsers', () => {
  it('exports in one profile, imports into an emptied one, and refuses hostile files', async () => {
    // 1. The demo workspace, exported from Settings.
    const first = await openApp(browser());
    let exported = '';
    let before: string[][] = [];
    await withScreenshot(first.page, 'transfer-export', async () => {
      const page = first.page;
      await page
        .getByRole('link', { name: 'Product A launch in East China', exact: true })
        .waitFor();
      before = await runsList(page);
      expect(before).toHaveLength(6);
      await openSettings(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export workspace' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('strategy-board-2026-11-27.json');
      exported = await readFile(await download.path(), 'utf8');
      await expectToast(page, 'Saved strategy-board-2026-11-27.json.');
      // A single run, too.
      await page.getByLabel('Run to export').selectOption({ value: 'demo-region' });
      const [one] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export run' }).click(),
      ]);
      expect(one.suggestedFilename()).toBe('strategy-board-demo-region-2026-11-27.json');
    });
    await first.context.close();
    const file = JSON.parse(exported) as WorkspaceFile;
    expect(file.format).toBe('strategy-board.workspace');
    expect(file.runs).toHaveLength(6);

    // 2. A new profile: start empty, import the file, see the same runs.
    const second = await openApp(browser());
    const page = second.page;
    await withScreenshot(page, 'transfer-import', async () => {
      await page
        .getByRole('link', { name: 'Product A launch in East China', exact: true })
        .waitFor();
      await openSettings(page);
      await page.getByRole('button', { name: 'Start empty' }).click();
      await page.getByRole('button', { name: 'Yes, start empty' }).click();
      await expectToast(page, 'Workspace emptied');

      await importFile(page, 'strategy-board-2026-11-27.json', exported);
      const review = page.getByRole('group', { name: 'Review the import' });
      await review.waitFor();
      await review.getByText(/runs: 6; people: 8 \(8 new/).waitFor();
      await review.getByRole('button', { name: 'Import 6 runs' }).click();
      await expectToast(page, 'Import finished: imported 6 runs; added 8 people.');
      expect(await runsList(page)).toEqual(before);

      // The imported run opens on its board, replayed from its imported log; opening it stores
      // its first checkpoint (an import writes none), so later visits need not replay it all.
      const checkpoints = () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const open = indexedDB.open('strategy-board');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const count = open.result.transaction('snapshots').objectStore('snapshots').count();
                count.onsuccess = () => {
                  resolve(count.result);
                  open.result.close();
                };
              };
            }),
        );
      expect(await checkpoints()).toBe(0);
      await page.getByRole('link', { name: 'Product A launch in East China', exact: true }).click();
      await page
        .getByRole('button', { name: 'Stage 3, Strategy: In review, 1 of 2 approvals' })
        .waitFor();
      await expect.poll(checkpoints).toBe(1);

      // 3. Importing the same file again: every run conflicts; nothing is overwritten silently.
      await openSettings(page);
      await importFile(page, 'again.json', exported);
      await review.waitFor();
      expect(await review.getByText('Already here', { exact: true }).count()).toBe(6);
      await expect
        .poll(() => review.getByRole('button', { name: 'Import 0 runs' }).isDisabled())
        .toBe(true);
      await review
        .getByRole('radiogroup', {
          name: 'What to do with East and North China regional expansion',
        })
        .getByRole('radio', { name: 'Import as copy' })
        .check();
      await review.getByRole('button', { name: 'Import 1 run' }).click();
      await expectToast(page, 'Import finished: imported 1 run (1 as a copy); skipped 5.');
      const withCopy = await runsList(page);
      expect(withCopy).toHaveLength(7);
      // The copy says it is one, so the two can be told apart.
      expect(withCopy.map(([title]) => title)).toEqual(
        expect.arrayContaining([
          'East and North China regional expansion',
          'East and North China regional expansion (copy)',
        ]),
      );

      // 4. Markup in a run title is imported as text, never as markup.
      const engine = await engineWithTeam();
      await engine.createRun({ ...newRunFields('run-markup'), title: MARKUP }, 'p-lead');
      const hostile = serializeWorkspace(await exportWorkspace(engine.db));
      await openSettings(page);
      await importFile(page, 'markup.json', hostile);
      await review.waitFor();
      await review.getByText(MARKUP, { exact: true }).waitFor();
      await review.getByRole('button', { name: 'Import 1 run' }).click();
      await expectToast(page, /Import finished: imported 1 run[.;]/);
      const afterMarkup = await runsList(page);
      expect(afterMarkup.map(([title]) => title)).toContain(MARKUP);
      await page.getByRole('link', { name: MARKUP, exact: true }).waitFor();
      expect(await page.locator('img[src="x"]').count()).toBe(0);

      // 5. A tampered file: one character of a recorded event changed. Refused, nothing changes.
      const tampered = JSON.parse(exported) as WorkspaceFile;
      const launch = tampered.runs.findIndex((r) => r.run.id === 'demo-launch');
      const decided = tampered.runs[launch]!.events.findIndex((e) => e.type === 'gate.decide');
      const payload = tampered.runs[launch]!.events[decided]!.payload as { comment: string };
      payload.comment = `${payload.comment.slice(0, -1)}#`;
      await openSettings(page);
      await importFile(page, 'tampered.json', JSON.stringify(tampered));
      const alert = page.getByRole('alert').filter({ hasText: 'tampered.json was not imported' });
      await alert.waitFor();
      await alert
        .getByText(
          `Run “demo-launch”: event #${decided} was changed after it was recorded (its hash no longer matches).`,
          { exact: false },
        )
        .waitFor();
      await alert.getByText('Where in the file:').waitFor();
      await alert.getByText(`runs[${launch}].events[${decided}].hash`).waitFor();
      await alert.getByText('Nothing in your workspace was changed.').waitFor();
      // Focus is on the refusal, and Dismiss gives it back to the file picker.
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
        'tampered.json was not imported',
      );
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('type') === 'file',
        undefined,
        { timeout: 5000 },
      );
      expect(await runsList(page)).toEqual(afterMarkup);

      // A file cut off in transit is called that, not "invalid JSON at column 74,433".
      await openSettings(page);
      await importFile(page, 'cut.json', exported.slice(0, Math.floor(exported.length / 2)));
      await page
        .getByRole('alert')
        .filter({ hasText: 'cut.json was not imported' })
        .getByText('The file ends too early, as if it was cut off', { exact: false })
        .waitFor();

      // 6. The same refusal in Chinese.
      await page
        .getByRole('group', { name: 'Language' })
        .getByRole('button', { name: '简体中文' })
        .click();
      await page.getByRole('link', { name: '设置' }).click();
      await page.getByRole('heading', { name: '导入与导出' }).waitFor();
      await page.getByLabel('导入…').setInputFiles({
        name: 'tampered.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(tampered)),
      });
      await page
        .getByRole('alert')
        .getByText(`第 ${decided} 号事件在记录后被改动过`, { exact: false })
        .waitFor();
    });
    await second.context.close();
  });
});
