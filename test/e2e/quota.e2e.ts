import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  actAs,
  createLaunchRun,
  expectToast,
  openApp,
  openPage,
  openStage,
  stageNode,
  submittedValue,
  withScreenshot,
  sharedBrowser,
} from './browser';

const browser = sharedBrowser();

const QUOTA =
  'The browser has no room left for this app, so nothing was saved. Export the workspace and remove old runs (Settings), then try again.';

/**
 * A full disk, simulated. The real thing, CDP's `Storage.overrideQuotaForOrigin`, is accepted by
 * this Chromium (150) but changes nothing: `navigator.storage.estimate()` keeps reporting the
 * default quota and a 1 MB write into a 1-byte quota commits. So an init script makes IndexedDB
 * puts and adds throw a DOMException named QuotaExceededError, the error a browser reports when an
 * origin is out of space, once the page's disk is "full". `freeWrites` lets that many writes
 * through first, so the disk can fill up in the middle of a transaction. Reads and deletes keep
 * working, as they do on a full disk.
 */
function simulateDiskFull(): void {
  let freeWrites = Infinity;
  (window as unknown as DiskControl).setFreeWrites = (n) => {
    freeWrites = n;
  };
  for (const method of ['put', 'add'] as const) {
    const write = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args) {
      if (freeWrites <= 0)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      freeWrites -= 1;
      return write.apply(this, args);
    };
  }
}
interface DiskControl {
  setFreeWrites(n: number): void;
}

/** Fills the page's disk (after `freeWrites` more writes), or makes room again. */
const setDiskFull = (page: Page, full: boolean, freeWrites = 0) =>
  page.evaluate(
    (n) => (window as unknown as DiskControl).setFreeWrites(n),
    full ? freeWrites : Infinity,
  );

/** The number of events in "Record intact: all N events checked", on the run's History tab. */
async function eventCount(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const text = await page.getByText(/Record intact: (?:the|all) \d+ events? checked/).textContent();
  return Number(/(\d+) events?/.exec(text ?? '')?.[1]);
}

/** The first market need's pain points, in the open Research form. */
const painPoints = (page: Page) => page.getByLabel('Pain points').first();

describe('a full disk', () => {
  it('refuses a write with a clear message, leaves the store as it was, and works again once there is room', async () => {
    const { context, page } = await openApp(browser(), {
      initScript: simulateDiskFull,
      path: '/runs/demo-launch',
    });
    await withScreenshot(page, 'quota', async () => {
      // The first open seeds the demo workspace; its last step is this gate's first approval.
      // Let it finish before the disk fills up.
      const runPath = await createLaunchRun(page, 'Product C launch');
      await actAs(page, 'Lin Feng');
      const events = await eventCount(page);

      await openStage(page, 1, 'Research');
      await painPoints(page).fill('Distributors wait 30 days for restocking');
      // Autosave waits 400 ms after the last keystroke: "Saving…", then "Draft saved".
      await page.getByText('Saving…').waitFor();
      await page.getByText('Draft saved').waitFor();

      // The disk fills up. What the lead types next cannot be saved, and the form says so.
      await setDiskFull(page, true);
      await painPoints(page).fill('Distributors wait 30 days for restocking; shelves run empty');
      await page.getByRole('alert').getByText(QUOTA).waitFor();
      // Submitting writes the stage as an event: refused the same way, with what to do.
      await page.getByRole('button', { name: 'Submit for approval' }).click();
      await page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('alert')
        .getByText(QUOTA)
        .waitFor();
      expect(await page.getByText(/Something went wrong/).count()).toBe(0);

      // The store is as it was: another page of the profile reads the last draft that fitted,
      // the stage still drafting and no new event.
      const other = await openPage(context, { path: `${runPath}?stage=research` });
      await stageNode(other, 1, 'Research')
        .and(other.getByRole('button', { name: /Drafting/ }))
        .waitFor();
      await expect
        .poll(() => painPoints(other).inputValue())
        .toBe('Distributors wait 30 days for restocking');
      expect(await eventCount(other)).toBe(events);
      await other.close();

      // Room again (the lead exported and removed old runs): the same submission goes through,
      // without a reload.
      await setDiskFull(page, false);
      await page.getByRole('button', { name: 'Submit for approval' }).click();
      await expectToast(page, 'Submitted for approval');
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /In review/ }))
        .waitFor();
      // In review, the stage reads as text.
      await expect
        .poll(() => submittedValue(page, 'Pain points').textContent())
        .toBe('Distributors wait 30 days for restocking; shelves run empty');
      await expect.poll(() => eventCount(page)).toBe(events + 1);

      // A decision is an event and the run's new state, written in one transaction. The disk
      // fills up between the two: the event fits, the run's state does not. Nothing of it stays.
      const quotaToast = page
        .getByRole('region', { name: 'Notifications' })
        .getByRole('alert')
        .filter({ hasText: QUOTA });
      // The submission that went through cleared the earlier quota errors.
      expect(await quotaToast.count()).toBe(0);
      await actAs(page, 'Chen Jing');
      await openStage(page, 1, 'Research');
      await setDiskFull(page, true, 1);
      await page.getByRole('radio', { name: 'Go', exact: true }).check();
      await page.getByRole('button', { name: 'Decide: Go' }).click();
      await quotaToast.waitFor();
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /In review/ }))
        .waitFor();
      expect(await eventCount(page)).toBe(events + 1);

      await setDiskFull(page, false);
      await openStage(page, 1, 'Research');
      await page.getByRole('radio', { name: 'Go', exact: true }).check();
      await page.getByRole('button', { name: 'Decide: Go' }).click();
      await expectToast(page, 'Decision recorded');
      await stageNode(page, 1, 'Research')
        .and(page.getByRole('button', { name: /Approved/ }))
        .waitFor();
      await expect.poll(() => eventCount(page)).toBe(events + 2);
    });
    await context.close();
  });
});

/** A browser that refuses to keep the data until `grant()`, counting how often it was asked. */
function browserDecidesPersistence(): void {
  const page = window as unknown as PersistenceControl;
  let kept = false;
  let willGrant = false;
  page.persistAsked = 0;
  page.grant = () => {
    willGrant = true;
  };
  navigator.storage.persisted = async () => kept;
  navigator.storage.persist = async () => {
    page.persistAsked += 1;
    kept = willGrant;
    return kept;
  };
}
interface PersistenceControl {
  persistAsked: number;
  grant(): void;
}

describe('persistent storage', () => {
  it('is asked for once the app opens, and again from Settings, which says whether it was granted', async () => {
    const { page, context } = await openApp(browser(), { initScript: browserDecidesPersistence });
    await withScreenshot(page, 'persistence', async () => {
      await page.getByRole('table').first().waitFor();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as PersistenceControl).persistAsked), {
          timeout: 10_000,
        })
        .toBe(1);
      await page.getByRole('link', { name: 'Settings' }).click();
      const storage = page.getByRole('region', { name: 'Storage' });
      await storage
        .getByText(/^No: when the disk runs low, the browser may clear this workspace/)
        .waitFor();
      await page.evaluate(() => (window as unknown as PersistenceControl).grant());
      await storage.getByRole('button', { name: 'Ask the browser to keep the data' }).click();
      await expectToast(page, 'The browser will keep this workspace’s data.');
      expect(await storage.getByRole('definition').first().innerText()).toBe('Yes');
      expect(await storage.getByRole('button').count()).toBe(0);
    });
    await context.close();
  });
});
