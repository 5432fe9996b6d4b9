import { mkdir, readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, withScreenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  await mkdir('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** What each language calls the things the test looks for. */
const WORDS = {
  en: {
    locale: 'en-US',
    title: 'Raise repurchase among existing customers',
    results: 'Results against targets',
    sections: ['Summary', 'Attribution', 'Risks and how they were handled', 'Lessons learned'],
    contracts: /Through offline promotion, sign 30 new customers/,
    contractsTarget: '¥1,500,000.00',
    contractsActual: '¥1,800,000.00',
    markdown: 'Export Markdown',
    print: 'Print / PDF',
    header: ['Goal', 'Target', 'Actual', 'Attainment', 'Result'],
  },
  'zh-CN': {
    locale: 'zh-CN',
    title: '存量客户复购提升',
    results: '目标达成情况',
    sections: ['总结', '归因分析', '风险及应对', '经验教训'],
    contracts: /通过线下推广.*签约 30 家新客户/,
    // Amounts also in 万, as approvers read them in the plan.
    contractsTarget: '¥1,500,000（150万）',
    contractsActual: '¥1,800,000（180万）',
    markdown: '导出 Markdown',
    print: '打印 / 导出 PDF',
    header: ['目标', '目标值', '实际值', '达成率', '结果'],
  },
} as const;

async function checkPdf(page: Page, locale: keyof typeof WORDS) {
  const path = `test-results/report-${locale}.pdf`;
  await page.emulateMedia({ media: 'print' });
  // Nothing but the document prints: no app header, no buttons.
  expect(await page.getByRole('banner').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: WORDS[locale].print }).isVisible()).toBe(false);
  await page.pdf({ path, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const bytes = await readFile(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect((await stat(path)).size).toBeGreaterThan(20_000);
  // One page or more, and not an unreasonable number for a one-quarter report.
  const pages = bytes.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(6);
}

describe('the evaluation report of a completed run', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`reads as a document, prints to A4 PDF and exports Markdown (${locale})`, async () => {
      const words = WORDS[locale];
      const { context, page } = await openApp(browser, {
        locale: words.locale,
        path: '/runs/demo-deepen/report',
      });
      await withScreenshot(page, `report-${locale}`, async () => {
        await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
        for (const name of words.sections) {
          await page.getByRole('heading', { level: 2, name }).waitFor();
        }
        const table = page.getByRole('table', { name: words.results });
        const row = table.getByRole('row', { name: words.contracts });
        await row.waitFor();
        expect(await row.getByText('120%', { exact: true }).count()).toBe(1);
        expect(await row.getByText(words.contractsActual, { exact: true }).count()).toBe(1);
        expect(await page.getByRole('img', { name: /120%/ }).count()).toBe(1);

        await checkPdf(page, locale);

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: words.markdown }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('demo-deepen-evaluation-report.md');
        const path = await download.path();
        const markdown = await readFile(path, 'utf8');
        expect(markdown).toContain(`| ${words.header.join(' | ')} |`);
        expect(markdown).toContain(
          `| ${words.contractsTarget} | ${words.contractsActual} | 120% |`,
        );
        expect(markdown).toContain(words.title);
      });
      await context.close();
    });
  }
});
