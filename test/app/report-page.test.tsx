// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReportPage } from '../../src/app/report-page';
import { DEMO_APPROVERS, demoContent, scenarioTemplate } from '../../src/domain/scenarios';
import type { StageId } from '../../src/domain/stages';
import { quarterPeriod } from '../../src/domain/time';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { goDecision } from '../../src/engine/demo-chain';
import type { RunEngine } from '../../src/engine/engine';
import type { Locale } from '../../src/i18n';
import { I18nProvider } from '../../src/i18n/react';
import type { StrategyDb } from '../../src/storage/db';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { engineWithTeam, freshDb, newRunFields, PERIOD } from '../support/db';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

let demoDb: StrategyDb;
beforeAll(async () => {
  demoDb = freshDb();
  await seedDemoWorkspace(demoDb, 'en', '2026-11-27');
});

function renderReport(db: StrategyDb, runId: string, locale: Locale = 'en') {
  return render(
    <I18nProvider locale={locale}>
      <WorkspaceProvider locale={locale} db={db}>
        <MemoryRouter initialEntries={[`/runs/${runId}/report`]}>
          <Routes>
            <Route path="/runs/:runId/report" element={<ReportPage />} />
          </Routes>
        </MemoryRouter>
      </WorkspaceProvider>
    </I18nProvider>,
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const resultsTable = () => screen.findByRole('table', { name: 'Results against targets' });

/** The goals of the demo's completed run: last quarter as seen from 27 November 2026. */
const deepenGoals = () => demoContent('deepenMarket', 'en', quarterPeriod(2026, 3)).goals.goals;

/** A run walked through every gate by the engine, with its evaluation submitted but undecided. */
async function runAwaitingEvaluation(): Promise<{ db: StrategyDb; engine: RunEngine }> {
  const db = freshDb();
  const engine = await engineWithTeam(db);
  const template = scenarioTemplate('newProductLaunch', 'en', PERIOD);
  const content = demoContent('newProductLaunch', 'en', PERIOD);
  await engine.createRun({ ...newRunFields('run-draft'), title: 'Product A launch' }, 'p-lead');
  // The evaluation is submitted but not decided: the report is a draft.
  const approvers: Record<StageId, readonly string[]> = { ...DEMO_APPROVERS, evaluation: [] };
  const act = async (action: Parameters<RunEngine['apply']>[1]) => {
    const result = await engine.apply('run-draft', action);
    if (!result.ok) throw new Error(`refused: ${result.refusal.code}`);
    return result.snapshot;
  };
  for (const stage of Object.keys(approvers) as StageId[]) {
    const submitted = stage === 'evaluation' ? content.evaluation : template.drafts[stage];
    let snapshot = await act({ type: 'stage.submit', by: 'p-lead', stage, content: submitted });
    for (const by of approvers[stage]) {
      if (snapshot.context.stages[stage].status !== 'inReview') break;
      snapshot = await act(goDecision(stage, by));
    }
    if (stage === 'monitoring') {
      await act({ type: 'execution.close', by: 'p-lead', acceptance: 'All tasks delivered' });
    }
  }
  return { db, engine };
}

describe('ReportPage', () => {
  it('shows a completed run as a document: title, summary and every section', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Raise repurchase among existing customers',
      }),
    ).toBeTruthy();
    for (const name of [
      'Summary',
      'Results against targets',
      'Attainment per goal',
      'By dimension',
      'Attribution',
      'Risks and how they were handled',
      'Execution and monitoring',
      'Lessons learned',
      'Recommendations for the next cycle',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    expect(screen.getByText(/^Final, approved/)).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('counts goals below target as not met, saying how many came close, in step with the table', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.cycle2);
    const table = await resultsTable();
    const nearly = within(table).queryAllByText('Nearly met').length;
    const missed = within(table).queryAllByText('Missed').length;
    expect(nearly).toBeGreaterThan(0);
    const notMet = screen.getByText('Goals not met').nextElementSibling?.textContent;
    expect(notMet).toBe(`${nearly + missed} (${nearly} nearly met)`);
    const summary = screen.getByText(/goals met, \d+ not met/).textContent;
    expect(summary).toContain(`goals met, ${nearly + missed} not met (${nearly} of them nearly).`);
    expect(summary).not.toMatch(/missed/i);
  });

  it('has a results row per goal with its attainment', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    const table = await resultsTable();
    const goals = deepenGoals();

    for (const goal of goals) {
      expect(within(table).getByRole('row', { name: new RegExp(escape(goal.title)) })).toBeTruthy();
    }
    const contracts = goals.find((g) => g.id === 'g-contracts')!;
    const row = within(table).getByRole('row', { name: new RegExp(escape(contracts.title)) });
    expect(within(row).getByText('¥1,500,000.00')).toBeTruthy();
    expect(within(row).getByText('¥1,800,000.00')).toBeTruthy();
    expect(within(row).getByText('120%')).toBeTruthy();
    expect(within(row).getByText('Met')).toBeTruthy();
  });

  it('charts attainment per goal with an accessible summary', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    await resultsTable();

    const chart = screen.getByRole('img', { name: /^Bar chart of attainment per goal/ });

    expect(chart.getAttribute('aria-label')).toMatch(/500 new customers 104%/);
  });

  it('resolves attribution to the strategy item it credits', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    await resultsTable();

    expect(screen.getByText(/Credits Promotion strategy: 3 live streams/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'External factors' })).toBeTruthy();
  });

  it('offers print, Markdown and JSON exports and a way back to the board', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    await resultsTable();

    expect(screen.getByRole('button', { name: 'Print / PDF' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export Markdown' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Back to the board/ }).getAttribute('href')).toBe(
      `/runs/${DEMO_RUN_IDS.deepen}`,
    );
  });

  it('downloads the Markdown report with its results table', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    await resultsTable();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:report';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    fireEvent.click(screen.getByRole('button', { name: 'Export Markdown' }));

    expect(click).toHaveBeenCalledTimes(1);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(
      'demo-deepen-evaluation-report.md',
    );
    const markdown = await blobs[0]!.text();
    expect(markdown).toContain('# Evaluation report: Raise repurchase among existing customers');
    expect(markdown).toContain('| Goal | Target | Actual | Attainment | Result |');
    expect(markdown).toMatch(/\| ¥1,500,000\.00 \| ¥1,800,000\.00 \| 120% \| Met \|/);
  });

  it('downloads versioned JSON', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.deepen);
    await resultsTable();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:report';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));

    const json = JSON.parse(await blobs[0]!.text()) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'strategy-board.report', version: 2, status: 'final' });
  });

  it('says there is nothing to report yet for a run still operating, and shows the targets', async () => {
    renderReport(demoDb, DEMO_RUN_IDS.region);

    const note = await screen.findByRole('note');
    expect(note.textContent).toMatch(/^Nothing to report yet/);
    const table = await resultsTable();
    expect(within(table).getAllByText('No result').length).toBeGreaterThan(0);
  });

  it('marks the report a draft while the evaluation awaits its gate', async () => {
    const { db } = await runAwaitingEvaluation();

    renderReport(db, 'run-draft');

    const note = await screen.findByRole('note');
    expect(note.textContent).toMatch(/^Draft: this report is built from the evaluation submitted/);
    const table = await resultsTable();
    expect(within(table).getByText('120%')).toBeTruthy();
    expect(screen.getByText('Acceptance: All tasks delivered')).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'zh-CN', '2026-11-27');

    renderReport(db, DEMO_RUN_IDS.deepen, 'zh-CN');

    expect(await screen.findByRole('table', { name: '目标达成情况' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: '存量客户复购提升' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '导出 Markdown' })).toBeTruthy();
  });

  it('says so when the run does not exist', async () => {
    renderReport(demoDb, 'no-such-run');

    await waitFor(() => expect(screen.getByText('This run does not exist.')).toBeTruthy());
  });
});
