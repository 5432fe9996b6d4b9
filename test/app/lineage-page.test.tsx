// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LineagePage } from '../../src/app/lineage-page';
import { demoTeam } from '../../src/domain/scenarios';
import { quarterPeriod } from '../../src/domain/time';
import { seedDemoChain } from '../../src/engine/demo-chain';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import type { Locale } from '../../src/i18n';
import { I18nProvider } from '../../src/i18n/react';
import type { StrategyDb } from '../../src/storage/db';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { engineWithTeam, freshDb, newRunFields } from '../support/db';

afterEach(cleanup);

const IDS = ['cycle-q2', 'cycle-q3', 'cycle-q4'] as const;

/**
 * Q2 and Q3 2026 evaluated, Q4 operating, as the demo seeds them on 27 November 2026: Q4's sales,
 * East China and new-customer KPIs checked in on 26 November, its other goals not yet.
 */
async function chainDb(locale: 'en' | 'zh-CN'): Promise<StrategyDb> {
  const db = freshDb();
  await db.people.bulkPut(demoTeam(locale).map((p) => ({ ...p, roles: [...p.roles] })));
  await seedDemoChain(db, locale, {
    runIds: IDS,
    periods: [quarterPeriod(2026, 2), quarterPeriod(2026, 3), quarterPeriod(2026, 4)],
    today: '2026-11-27',
  });
  return db;
}

let en: StrategyDb;
let zh: StrategyDb;
beforeAll(async () => {
  [en, zh] = await Promise.all([chainDb('en'), chainDb('zh-CN')]);
});

function renderLineage(db: StrategyDb, runId: string, locale: Locale = 'en') {
  return render(
    <I18nProvider locale={locale}>
      <WorkspaceProvider locale={locale} db={db}>
        <MemoryRouter initialEntries={[`/runs/${runId}/lineage`]}>
          <Routes>
            <Route path="/runs/:runId/lineage" element={<LineagePage />} />
            <Route path="/runs/:runId" element={<p>Run page</p>} />
          </Routes>
        </MemoryRouter>
      </WorkspaceProvider>
    </I18nProvider>,
  );
}

const table = () => screen.findByRole('table', { name: 'Attainment per goal by cycle' });
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent?.replace('—', '').trim());

describe('LineagePage', () => {
  it('shows the whole chain as cycle cards, oldest first, from any run in it', async () => {
    renderLineage(en, IDS[1]);

    const cycles = await screen.findByRole('list', {
      name: 'The cycles of this chain, oldest first',
    });
    const cards = within(cycles).getAllByRole('link');
    expect(cards.map((c) => c.getAttribute('href'))).toEqual(IDS.map((id) => `/runs/${id}`));
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual([
      '2026-Q2, Completed: Overall attainment 103%; 7 of 8 goals met',
      '2026-Q3, Completed: Overall attainment 96%; 3 of 9 goals met',
      '2026-Q4, Active: Overall attainment so far 59%, from check-ins up to Nov 26, 2026; 94% of what is due by then; 8 goals set',
    ]);
    expect(cards[1]?.getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('3 cycles, 2026-Q2 to 2026-Q4')).toBeTruthy();
  });

  it('lists every goal’s attainment per cycle in the table behind the chart', async () => {
    renderLineage(en, IDS[2]);

    const rows = within(await table()).getAllByRole('row');
    const row = (name: RegExp) => rows.find((r) => name.test(r.textContent ?? ''))!;
    expect(cellsOf(row(/^Quarterly adjustment: sales of/))).toEqual(['101%', '99%', '64% so far']);
    // Product A's goal was dropped in Q4; the repurchase goal was added in Q3.
    expect(cellsOf(row(/product A sales/))).toEqual(['108%', '89%', 'Not a goal of this cycle']);
    expect(cellsOf(row(/^Repurchase rate/))).toEqual([
      'Not a goal of this cycle',
      '94%',
      'No check-in yet',
    ]);
    // Overall so far: the mean of the overall goals with a check-in (sales 64%, customers 53%).
    expect(cellsOf(row(/^Overall attainment/))).toEqual(['103%', '96%', '59% so far']);
  });

  it('draws the figures as one chart image whose name reads them out', async () => {
    renderLineage(en, IDS[2]);

    const chart = await screen.findByRole('img', {
      name: /^Attainment per goal across 3 cycles\./,
    });
    const name = chart.getAttribute('aria-label') ?? '';
    expect(name).toContain(
      'Quarterly adjustment: sales of ¥13.68M: 2026-Q2 101%, 2026-Q3 99%, and 2026-Q4 64% so far.',
    );
    // One line per goal, against the 100% target.
    expect(chart.querySelectorAll('.lineage-series')).toHaveLength(9);
    expect(within(chart as unknown as HTMLElement).getByText('Target 100%')).toBeTruthy();
  });

  it('compares the two newest cycles by default, in plain lists', async () => {
    renderLineage(en, IDS[0]);

    const compare = await screen.findByRole('region', { name: 'Compare two cycles' });
    expect((within(compare).getByLabelText('From cycle') as HTMLSelectElement).value).toBe('1');
    expect((within(compare).getByLabelText('To cycle') as HTMLSelectElement).value).toBe('2');
    expect(
      within(compare).getByText(
        'Overall attainment: 96% in 2026-Q3, 59% so far (from check-ins up to Nov 26, 2026) in 2026-Q4.',
      ),
    ).toBeTruthy();
    const item = (text: string) => within(compare).getByText(text).closest('li')!;
    expect(item('East China: product A sales +27%').textContent).toMatch(/^Removed/);
    expect(item('Industry trade show').textContent).toMatch(/^Removed/);
    expect(
      within(item('Tiered prices: 5% off over ¥500k a year, 10% over ¥1M')).getByText(
        'Price model: Discount policy → Tiered pricing',
      ),
    ).toBeTruthy();
    expect(
      within(compare).getByText('Total budget: ¥1,700,000.00 → ¥1,600,000.00 (-6%)'),
    ).toBeTruthy();
    // Q4 is not evaluated yet: its side of the lessons says so.
    expect(within(compare).getByText(/^Not evaluated yet: lessons are written/)).toBeTruthy();
  });

  it('compares other cycles when the selects change, and flags a lesson learned twice', async () => {
    renderLineage(en, IDS[0]);

    const compare = await screen.findByRole('region', { name: 'Compare two cycles' });
    fireEvent.change(within(compare).getByLabelText('From cycle'), { target: { value: '0' } });
    fireEvent.change(within(compare).getByLabelText('To cycle'), { target: { value: '1' } });

    const item = (text: string) => within(compare).getByText(text).closest('li')!;
    expect(item('Member day for existing customers').textContent).toMatch(/^Added/);
    expect(item('Repurchase rate of existing customers: 35%').textContent).toMatch(/^Added/);
    const live = item('5 live streams');
    expect(live.textContent).toMatch(/^Changed/);
    expect(within(live).getByText('Budget: ¥200,000.00 → ¥320,000.00')).toBeTruthy();
    expect(within(live).getByText('Conversion target: 15% → 16%')).toBeTruthy();
    // The timing moved with the quarter: not a change of plan.
    expect(within(live).queryByText(/^Timing/)).toBeNull();
    const note = within(compare).getByRole('note');
    expect(note.textContent).toContain('Monthly reviews caught gaps earlier than quarterly ones');

    fireEvent.click(within(compare).getByRole('button', { name: 'Swap' }));
    expect((within(compare).getByLabelText('From cycle') as HTMLSelectElement).value).toBe('1');
    expect(item('Member day for existing customers').textContent).toMatch(/^Removed/);
  });

  it('labels the operating cycle’s attainment as so far, from check-ins up to the latest date', async () => {
    renderLineage(en, IDS[2]);

    const cycles = await screen.findByRole('list', {
      name: 'The cycles of this chain, oldest first',
    });
    const q4 = within(cycles).getAllByRole('link')[2]!;
    expect(within(q4).getByText('Overall attainment so far')).toBeTruthy();
    expect(within(q4).getByText('59%')).toBeTruthy();
    expect(within(q4).getByText('So far, from check-ins up to Nov 26, 2026')).toBeTruthy();
    // 59% of the quarter's targets, but mid-quarter that is most of what is due by then.
    expect(within(q4).getByText('94% of what is due by then')).toBeTruthy();
    // The evaluated cycles keep their plain label.
    expect(
      within(within(cycles).getAllByRole('link')[1]!).getByText('Overall attainment'),
    ).toBeTruthy();
    const header = within(await table()).getAllByRole('columnheader')[3]!;
    expect(header.textContent).toBe('2026-Q4So far, from check-ins up to Nov 26, 2026');
    expect(
      screen.getByText(
        'Dashed lines and dashed hollow points in 2026-Q4: attainment so far, from check-ins up to Nov 26, 2026. Provisional until the cycle is evaluated.',
      ),
    ).toBeTruthy();
  });

  it('says so for a run with no other cycle, with nothing to compare', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields('solo'), 'p-lead');

    renderLineage(db, 'solo');

    expect(await screen.findByText(/^This run has no earlier or later cycle yet\./)).toBeTruthy();
    expect(screen.getByText(/^Comparing needs two cycles\./)).toBeTruthy();
    expect(screen.getByText(/^No cycle of this chain has an evaluation yet\./)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    // No check-in at all: still "Not evaluated yet", nothing "so far".
    expect(
      screen.getByRole('link', { name: /^2024-Q3, .*: Overall attainment Not evaluated yet; / }),
    ).toBeTruthy();
    expect(screen.queryByText(/so far/i)).toBeNull();
  });

  it('says a new cycle’s goals are not approved yet, rather than that it dropped them', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const child = await new RunEngine(db).startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead');

    renderLineage(db, child.runId);

    const cells = within(await table())
      .getAllByRole('row')
      .slice(1, -1)
      .map((row) => cellsOf(row)[1]);
    expect(new Set(cells)).toEqual(new Set(['Goals not approved yet in this cycle']));
  });

  it('says a run that does not exist does not exist', async () => {
    renderLineage(en, 'nope');

    expect(await screen.findByText('This run does not exist.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to all runs' }).getAttribute('href')).toBe('/');
  });

  it('reads in Chinese', async () => {
    renderLineage(zh, IDS[1], 'zh-CN');

    expect(await screen.findByRole('heading', { level: 2, name: '各目标达成率' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '两期对比' })).toBeTruthy();
    expect(screen.getByRole('table', { name: '各周期各目标达成率' })).toBeTruthy();
    expect(screen.getByText('周期脉络')).toBeTruthy();
    expect(screen.getByLabelText('对比周期')).toBeTruthy();
    const cycles = screen.getByRole('list', { name: '本脉络的各个周期（由早到晚）' });
    const q4 = within(cycles).getAllByRole('link')[2]!;
    expect(within(q4).getByText('目前整体达成率')).toBeTruthy();
    expect(within(q4).getByText('截至 2026年11月26日 的进度（依据打卡）')).toBeTruthy();
    expect(within(q4).getByText('为截至当日应达进度的 94%')).toBeTruthy();
  });
});
