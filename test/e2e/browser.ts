import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const baseUrl = () => inject('baseUrl');

/** Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium); never a downloaded browser. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
  });
}

/**
 * One Chromium for the tests of a file: launched before them, closed after. Call at the top of
 * the file; the getter hands out the running browser.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running: call sharedBrowser() at file level');
    return browser;
  };
}

/**
 * A fresh profile (its own IndexedDB) in a language, with "now" fixed for the app's clock.
 * `initScript` runs in every page of the profile before the app's own code.
 */
export async function openApp(
  browser: Browser,
  {
    locale = 'en-US',
    now = '2026-11-27T09:00:00.000Z',
    path = '/',
    initScript,
  }: { locale?: string; now?: string; path?: string; initScript?: () => void } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await openPage(context, { now, path });
  return { context, page };
}

/** Another page (tab) of the same profile, sharing its IndexedDB, with the same fixed "now". */
export async function openPage(
  context: BrowserContext,
  { now = '2026-11-27T09:00:00.000Z', path = '/' } = {},
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  await page.goto(
    `${baseUrl()}${path}${path.includes('?') ? '&' : '?'}now=${encodeURIComponent(now)}`,
  );
  return page;
}

/**
 * What a stage under review or approved shows for a field: the value after its label (such a
 * stage reads as text, not as form controls). The first field with that label.
 */
export function submittedValue(page: Page, label: string): Locator {
  return page
    .locator('.read-label')
    .getByText(label, { exact: true })
    .first()
    .locator('xpath=following-sibling::*[1]');
}

/** Switches the header's "Acting as" to the person whose option starts with `name`. */
export async function actAs(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Acting as');
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  if (!value) throw new Error(`nobody called ${name}`);
  await select.selectOption(value);
}

/** Runs a browser scenario; on failure saves a screenshot to test-results/ to look at. */
export async function withScreenshot(
  page: Page,
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: `test-results/${name}.png`, fullPage: true }).catch(() => {});
    const board = await page
      .evaluate(() => ({
        viewport: document.querySelector('.react-flow__viewport')?.getAttribute('style'),
        nodes: document.querySelectorAll('.react-flow__node').length,
        canvas: document.querySelector('.board-canvas')?.getBoundingClientRect().toJSON(),
      }))
      .catch(() => null);
    console.error(`[${name}] board at failure: ${JSON.stringify(board)}`);
    throw error;
  }
}

/** A stage node of the run board, by its number and English name. */
export const stageNode = (page: Page, number: number, stage: string) =>
  page.getByRole('button', { name: new RegExp(`^Stage ${number}, ${stage}:`) });

/** Opens a stage's panel from the board. */
export async function openStage(page: Page, number: number, stage: string): Promise<void> {
  await stageNode(page, number, stage).click();
  await page.getByRole('heading', { name: `Stage ${number} · ${stage}` }).waitFor();
}

/** Waits for a toast with this text. */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').getByText(text).first().waitFor();
}

/**
 * Creates a New product launch run titled `title` from the runs list, as a person does, once the
 * demo workspace is seeded; returns the new run's path.
 */
export async function createLaunchRun(page: Page, title: string): Promise<string> {
  await stageNode(page, 3, 'Strategy')
    .and(page.getByRole('button', { name: /In review, 1 of 2 approvals/ }))
    .waitFor();
  await page.getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'New run' }).click();
  const dialog = page.getByRole('dialog', { name: 'New strategy run' });
  await dialog.getByRole('radio', { name: /New product launch/ }).check();
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Create run' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  return new URL(page.url()).pathname;
}

/** The lead (Lin Feng) submits a stage and it goes into review. */
export async function submitStage(page: Page, number: number, stage: string): Promise<void> {
  await actAs(page, 'Lin Feng');
  await openStage(page, number, stage);
  const submit = page.getByRole('button', { name: 'Submit for approval' });
  await expect.poll(() => submit.isEnabled()).toBe(true);
  await submit.click();
  await expectToast(page, 'Submitted for approval');
  await stageNode(page, number, stage)
    .and(page.getByRole('button', { name: /in review/i }))
    .waitFor();
}

/** The lead submits a stage and each of `approvers` decides Go at its gate, in order. */
export async function passStage(
  page: Page,
  number: number,
  stage: string,
  approvers: readonly string[],
): Promise<void> {
  await submitStage(page, number, stage);
  for (const who of approvers) await decideAt(page, who, number, stage);
}

/** `who` decides at a stage's gate (Go unless told), with a comment or reason if given. */
export async function decideAt(
  page: Page,
  who: string,
  number: number,
  stage: string,
  decision = 'Go',
  comment = '',
): Promise<void> {
  await actAs(page, who);
  await openStage(page, number, stage);
  const box = page.getByRole('region', { name: 'Your decision' });
  await box.getByRole('radio', { name: decision, exact: true }).check();
  if (comment) await box.getByLabel(/Reason|Comment/).fill(comment);
  await box.getByRole('button', { name: `Decide: ${decision}` }).click();
  await expectToast(page, 'Decision recorded');
  // The decision box went with the decision: focus stays in the panel, at the stage's heading,
  // also when the page shows a new panel in place of the old one.
  await page.waitForFunction(
    () => document.activeElement?.id === 'stage-panel-heading',
    undefined,
    {
      timeout: 5000,
    },
  );
}
