// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useNavigate } from 'react-router';
import { I18nProvider } from '../../src/i18n/react';
import { ToastProvider } from '../../src/workspace/toasts';
import { afterEach, describe, expect, it } from 'vitest';
import { RunsPage } from '../../src/app/runs-page';
import { demoTeam } from '../../src/domain/scenarios';
import type { RunRow } from '../../src/storage/records';
import { ACTING_STORAGE_KEY, WorkspaceProvider } from '../../src/workspace/workspace';
import { seedDemoWorkspace } from '../../src/engine/demo';
import { fixedClock } from '../../src/domain/time';
import { freshDb } from '../support/db';
import { renderPage } from '../support/render-page';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** `count` light runs rows, titled "Run 001" …, the newest first by `updatedAt`. */
function rows(count: number): RunRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return {
      id: `run-${n}`,
      revision: 0,
      headHash: '0'.repeat(64),
      title: i % 2 === 0 ? `Launch ${n}` : `Region ${n}`,
      scenario: i % 2 === 0 ? 'newProductLaunch' : 'regionalExpansion',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      leadId: 'p-lead',
      parentRunId: null,
      current: 'research',
      status: 'active',
      createdAt: '2026-10-01T08:00:00.000Z',
      updatedAt: new Date(Date.UTC(2026, 9, 1) + (count - i) * 60_000).toISOString(),
      facts: { stage: 'research', health: null, operating: false, recycleRoutes: [], replans: 0 },
    };
  });
}

async function renderRuns(count: number) {
  const db = freshDb();
  await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
  await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
  await db.runs.bulkPut(rows(count));
  renderPage(<RunsPage />, db);
  await screen.findByRole('link', { name: 'Launch 001' });
}

const bodyRows = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row');

describe('the runs list', () => {
  it('draws the first hundred runs and the rest a hundred at a time', async () => {
    await renderRuns(230);
    expect(screen.getByText('230 runs')).toBeTruthy();
    expect(bodyRows()).toHaveLength(100);
    expect(screen.getByText('Showing 100 of 230')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    expect(bodyRows()).toHaveLength(200);
    fireEvent.click(screen.getByRole('button', { name: 'Show 30 more' }));
    expect(bodyRows()).toHaveLength(230);
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('searches every run, not only the drawn ones, and starts a new search at one page', async () => {
    await renderRuns(230);
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by title or lead' }), {
      target: { value: 'Region 2' },
    });
    // Region 200, 202, … 230: the oldest runs, far beyond the first hundred, found all the same.
    const found = bodyRows().map((r) => within(r).getByRole('link').textContent);
    expect(found).toHaveLength(16);
    expect(found).toContain('Region 230');
    expect(screen.queryByText(/^Showing/)).toBeNull();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by title or lead' }), {
      target: { value: '' },
    });
    expect(bodyRows()).toHaveLength(100);
  });

  it('is as it was left when a person comes Back from a run: search, filters and rows shown', async () => {
    const db = freshDb();
    await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
    await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
    await db.runs.bulkPut(rows(460));
    function RunStub() {
      const navigate = useNavigate();
      return (
        <button type="button" onClick={() => void navigate(-1)}>
          Back
        </button>
      );
    }
    render(
      <I18nProvider locale="en">
        <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
          <WorkspaceProvider locale="en" db={db}>
            <MemoryRouter>
              <Routes>
                <Route path="/" element={<RunsPage />} />
                <Route path="/runs/:runId" element={<RunStub />} />
              </Routes>
            </MemoryRouter>
          </WorkspaceProvider>
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findByRole('link', { name: 'Launch 001' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Scenario' }), {
      target: { value: 'regionalExpansion' },
    });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search by title or lead' }), {
      target: { value: 'Region' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
    expect(bodyRows()).toHaveLength(200);

    fireEvent.click(screen.getByRole('link', { name: 'Region 150' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Back' }));

    await screen.findByRole('link', { name: 'Region 002' });
    expect(bodyRows()).toHaveLength(200);
    expect(
      (screen.getByRole('searchbox', { name: 'Search by title or lead' }) as HTMLInputElement)
        .value,
    ).toBe('Region');
    expect((screen.getByRole('combobox', { name: 'Scenario' }) as HTMLSelectElement).value).toBe(
      'regionalExpansion',
    );
  });

  it('shows no paging for a short list', async () => {
    await renderRuns(12);
    expect(bodyRows()).toHaveLength(12);
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
  });
});

describe('what the runs list says waits for the person acting', () => {
  /** The demo workspace on its day, seen by `personId`. */
  async function renderDemoAs(personId: string) {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    localStorage.setItem(ACTING_STORAGE_KEY, personId);
    renderPage(<RunsPage />, db, fixedClock('2026-11-27T09:00:00.000Z'));
    await screen.findByRole('link', { name: 'Product A launch in East China' });
  }
  const rowOf = (title: string) =>
    screen.getByRole('link', { name: title }).closest('tr') as HTMLElement;
  const waitingButton = () => screen.getByRole('button', { name: /^Waiting for you/ });

  it('shows an approver the gate that waits for their decision, and filters to it', async () => {
    // The launch's strategy needs sales and marketing; sales has decided, marketing has not.
    await renderDemoAs('p-mkt');
    const decide = within(rowOf('Product A launch in East China')).getByRole('link', {
      name: 'Decide: Strategy — Product A launch in East China',
    });
    // It opens the run at the gate to decide.
    expect(decide.getAttribute('href')).toBe('/runs/demo-launch?stage=strategy&to=decide');
    // Marketing also owns resources of the live runs: their check-ins wait for it too.
    const waiting = bodyRows().filter((r) => within(r).queryByText(/^Decide|due$/) !== null);
    expect(waitingButton().textContent).toBe(`Waiting for you (${waiting.length})`);
    expect(waitingButton().getAttribute('aria-pressed')).toBe('false');
    expect(bodyRows().length).toBeGreaterThan(waiting.length);

    fireEvent.click(waitingButton());
    expect(waitingButton().getAttribute('aria-pressed')).toBe('true');
    // The count says how many of all the runs are shown; the button's name stays the same.
    expect(screen.getByText(`${waiting.length} of 6 runs`)).toBeTruthy();
    expect(waitingButton().textContent).toContain(`(${waiting.length})`);
    const titles = (rs: HTMLElement[]) => rs.map((r) => r.querySelector('td a')?.textContent);
    expect(titles(bodyRows())).toEqual(titles(waiting));
    expect(titles(bodyRows())).toContain('Product A launch in East China');
  });

  it('shows nothing to decide to the approver who already decided', async () => {
    await renderDemoAs('p-sales');
    expect(within(rowOf('Product A launch in East China')).queryByText(/^Decide/)).toBeNull();
  });

  it('shows a person the KPI figures due from them on live runs, with each run’s health', async () => {
    await renderDemoAs('p-lead');
    const live = rowOf('East and North China regional expansion');
    expect(within(live).getByText(/check-ins? due$/)).toBeTruthy();
    expect(within(live).getByText(/^(Green|Amber|Red): /)).toBeTruthy();
  });

  it('says so when nothing waits for the person', async () => {
    await renderDemoAs('p-gm');
    expect(waitingButton().textContent).toBe('Waiting for you (0)');
    fireEvent.click(waitingButton());
    expect(screen.getByText(/^Nothing waits for you/)).toBeTruthy();
  });
});
