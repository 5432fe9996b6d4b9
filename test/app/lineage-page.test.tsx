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
import type { Locale } from '../../src/i18n';
import { I18nProvider } from '../../src/i18n/react';
import type { StrategyDb } from '../../src/storage/db';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { engineWithTeam, freshDb, newRunFields } from '../support/db';

afterEach(cleanup);

const IDS = ['cycle-q2', 'cycle-q3', 'cycle-q4'] as const;

/** Q2 and Q3 2026 evaluated, Q4 operating, as the demo seeds them on 27 November 2026. */
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
      '2026-Q2, Completed: Overall attainment 103%',
      '2026-Q3, Completed: Overall attainment 96%',
      '2026-Q4, Active: Overall attainment Not evaluated yet',
    ]);
    expect(cards[1]?.getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('3 cycles, 2026-Q2 to 2026-Q4')).toBeTruthy();
  });

  it('lists every goal’s attainment per cycle in the table behind the chart', async () => {
    renderLineage(en, IDS[2]);

    const rows = within(await table()).getAllByRole('row');
    const row = (name: RegExp) => rows.find((r) => name.test(r.textContent ?? ''))!;
    expect(cellsOf(row(/^Quarterly adjustment: sales of/))).toEqual([
      '101%',
      '99%',
      'Not evaluated yet',
    ]);
    // Product A's goal was dropped in Q4; the repurchase goal was added in Q3.
    expect(cellsOf(row(/product A sales/))).toEqual(['108%', '89%', 'Not a goal of this cycle']);
    expect(cellsOf(row(/^Repurchase rate/))).toEqual([
      'Not a goal of this cycle',
      '94%',
      'Not evaluated yet',
    ]);
    expect(cellsOf(row(/^Overall attainment/))).toEqual(['103%', '96%', 'Not evaluated yet']);
  });

  it('draws the figures as one chart image whose name reads them out', async () => {
    renderLineage(en, IDS[2]);

    const chart = await screen.findByRole('img', {
      name: /^Attainment per goal across 3 cycles\./,
    });
    const name = chart.getAttribute('aria-label') ?? '';
    expect(name).toContain(
      'Quarterly adjustment: sales of ¥13.68M: 2026-Q2 101%, 2026-Q3 99%, and 2026-Q4 Not evaluated yet.',
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
        'Overall attainment: 96% in 2026-Q3, not evaluated yet in 2026-Q4.',
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

  it('says so for a run with no other cycle, with nothing to compare', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields('solo'), 'p-lead');

    renderLineage(db, 'solo');

    expect(await screen.findByText(/^This run has no earlier or later cycle yet\./)).toBeTruthy();
    expect(screen.getByText(/^Comparing needs two cycles\./)).toBeTruthy();
    expect(screen.getByText(/^No cycle of this chain has an evaluation yet\./)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
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
  });
});
