// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { approvedContent, type RunContext } from '../../machines/run-context';
import type { ExecutionContent } from '../../src/domain/content';
import { fixedClock } from '../../src/domain/time';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { I18nProvider } from '../../src/i18n/react';
import { LiveExecution, LiveMonitoring } from '../../src/stages/live';
import type { StrategyDb } from '../../src/storage/db';
import { ToastProvider } from '../../src/workspace/toasts';
import { ACTING_STORAGE_KEY, WorkspaceProvider } from '../../src/workspace/workspace';
import { freshDb, recordCount } from '../support/db';

/**
 * The demo's regional expansion on 27 November 2026: operating in Q4 2026, with check-ins from
 * the day before (East China sales red at 62% of pace) and three tasks past their end dates
 * (materials by 10 Nov, the key task by 31 Oct, the trade show 15–17 Nov).
 */
const TODAY = '2026-11-27';
let db: StrategyDb;
let context: RunContext;
let revision: number;

beforeAll(async () => {
  db = freshDb();
  await seedDemoWorkspace(db, 'en', TODAY);
  const run = await new RunEngine(db).load(DEMO_RUN_IDS.region);
  context = run.snapshot.context;
  revision = run.revision;
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider locale="en">
      <WorkspaceProvider locale="en" db={db} clock={fixedClock(`${TODAY}T09:00:00.000Z`)}>
        {children}
      </WorkspaceProvider>
    </I18nProvider>
  );
}

async function renderExecution() {
  render(<LiveExecution context={context} revision={revision} frozen={false} />, {
    wrapper: Providers,
  });
  return screen.findByRole('img', { name: /^Task timeline/ }, { timeout: 5000 });
}

async function renderMonitoring() {
  render(<LiveMonitoring context={context} revision={revision} frozen={false} />, {
    wrapper: Providers,
  });
  return screen.findByRole('heading', { name: 'KPI trends' }, { timeout: 5000 });
}

describe('LiveExecution', () => {
  it('shows the task timeline as an image that summarises the tasks and today', async () => {
    const timeline = await renderExecution();

    expect(timeline.getAttribute('aria-label')).toBe(
      'Task timeline, Oct 1, 2026 to Dec 31, 2026: 8 tasks, 0 done, 0 in progress, 3 late, 5 to do. Today is Nov 27, 2026.',
    );
  });

  it('draws one bar per task, coloured late for the three tasks past their end date', async () => {
    const timeline = await renderExecution();

    expect(timeline.querySelectorAll('rect.op-bar')).toHaveLength(8);
    expect(timeline.querySelectorAll('rect.op-bar-late')).toHaveLength(3);
    // Live streams and the trade show wait for the materials; feedback waits for the key task.
    expect(timeline.querySelectorAll('path.op-dependency')).toHaveLength(3);
  });

  it('counts the late tasks on the fixed date', async () => {
    await renderExecution();

    const counts = screen.getByRole('list', { name: /^Progress:/ });
    expect(counts.getAttribute('aria-label')).toBe(
      'Progress: 0 of 8 done, 0 in progress, 3 late, 5 to do',
    );
    const late = within(counts)
      .getAllByRole('listitem')
      .find((item) => item.textContent?.endsWith('Late'));
    expect(late?.textContent).toBe('3Late');
  });

  it('keeps the task table as the accessible data, with late tasks marked', async () => {
    await renderExecution();

    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(9);
    expect(within(table).getAllByText('Late')).toHaveLength(3);
  });

  it('lists the plan’s sync meeting with its cadence and departments', async () => {
    await renderExecution();

    const meeting = screen.getByRole('article', { name: 'Sync meeting “Friday strategy sync”' });
    expect(within(meeting).getByText('Every Friday afternoon')).toBeTruthy();
    expect(within(meeting).getByText('Marketing')).toBeTruthy();
    expect(within(meeting).getByText('Product')).toBeTruthy();
  });

  it('shows the plan’s notes and those recorded while operating, newest first, with who recorded them', async () => {
    const plan = context.stages.execution.approved as ExecutionContent;
    const meeting = plan.meetings[0]!;
    const withNotes: RunContext = {
      ...context,
      stages: {
        ...context.stages,
        execution: {
          ...context.stages.execution,
          approved: {
            ...plan,
            meetings: [
              {
                ...meeting,
                notes: [
                  { date: '2026-10-09', decisions: 'Book the trade-show booth' },
                  { date: '2026-11-20', decisions: 'Switch East China to online visits' },
                ],
              },
            ],
          },
        },
      },
      meetingNotes: [
        {
          id: 'mn-1',
          meetingId: meeting.id,
          date: '2026-11-27',
          decisions: 'Send trial packs to the ten largest accounts',
          attendeeIds: ['p-lead', 'p-sales'],
          by: 'p-mkt',
          at: '2026-11-27T08:00:00.000Z',
        },
        {
          id: 'mn-2',
          meetingId: meeting.id,
          date: '2026-10-16',
          decisions: 'Hold the price; bundle service hours',
          attendeeIds: [],
          by: 'p-lead',
          at: '2026-11-27T08:30:00.000Z',
        },
      ],
    };
    render(<LiveExecution context={withNotes} revision={revision} frozen={false} />, {
      wrapper: Providers,
    });

    const card = await screen.findByRole(
      'article',
      { name: 'Sync meeting “Friday strategy sync”' },
      { timeout: 5000 },
    );
    const notes = within(card).getAllByRole('listitem');
    expect(notes.map((n) => n.textContent)).toEqual([
      'Nov 27, 2026Recorded by Chen Jing · Attended by Lin Feng and Wang MinSend trial packs to the ten largest accounts',
      'Nov 20, 2026In the approved planSwitch East China to online visits',
      'Oct 16, 2026Recorded by Lin FengHold the price; bundle service hours',
      'Oct 9, 2026In the approved planBook the trade-show booth',
    ]);
  });

  it('downloads the tasks as a UTF-8 CSV named after the run', async () => {
    await renderExecution();
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:tasks';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export tasks (CSV)' }));

    expect(clicked[0]?.download).toBe('tasks-East and North China regional expansion.csv');
    expect(clicked[0]?.href).toBe('blob:tasks');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Task,Owner,Department,Start,End,Depends on,Status');
    expect(lines).toHaveLength(10);
    expect(lines.filter((line) => line.endsWith(',Late'))).toHaveLength(3);
  });

  it('keeps closing execution for the lead', async () => {
    await renderExecution();

    expect(screen.getByRole('button', { name: 'Close execution' })).toBeTruthy();
  });
});

/** The demo's operating run in a database of its own, shown to `actingId`. */
async function renderOwn(actingId: string) {
  const own = freshDb();
  await seedDemoWorkspace(own, 'en', TODAY);
  localStorage.setItem(ACTING_STORAGE_KEY, actingId);
  const run = await new RunEngine(own).load(DEMO_RUN_IDS.region);
  render(
    <I18nProvider locale="en">
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <WorkspaceProvider locale="en" db={own} clock={fixedClock(`${TODAY}T09:00:00.000Z`)}>
          <LiveExecution context={run.snapshot.context} revision={run.revision} frozen={false} />
        </WorkspaceProvider>
      </ToastProvider>
    </I18nProvider>,
  );
  await screen.findByRole('img', { name: /^Task timeline/ }, { timeout: 5000 });
  return own;
}

describe('recording meeting notes while operating', () => {
  const notesForm = () =>
    screen.getByRole('form', { name: 'Record notes of “Friday strategy sync”' });

  afterEach(() => localStorage.clear());

  it('records the date, decisions and attendees as the acting person, beside the approved plan', async () => {
    const own = await renderOwn('p-mkt');
    const form = notesForm();

    fireEvent.change(within(form).getByLabelText('Meeting date'), {
      target: { value: '2026-11-20' },
    });
    fireEvent.change(within(form).getByLabelText('Decisions'), {
      target: { value: 'Switch East China to online visits' },
    });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Wang Min' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Record notes' }));

    expect(await screen.findByText('Meeting notes recorded')).toBeTruthy();
    const run = await new RunEngine(own).load(DEMO_RUN_IDS.region);
    expect(run.snapshot.context.meetingNotes).toEqual([
      expect.objectContaining({
        meetingId: 'm-friday',
        date: '2026-11-20',
        decisions: 'Switch East China to online visits',
        attendeeIds: ['p-sales'],
        by: 'p-mkt',
      }),
    ]);
    const plan = run.snapshot.context.stages.execution.approved as ExecutionContent;
    expect(plan.meetings[0]?.notes).toEqual([]);
  });

  it('says what is missing rather than record a note without decisions', async () => {
    const own = await renderOwn('p-lead');
    const form = notesForm();
    const events = await recordCount(own);

    fireEvent.change(within(form).getByLabelText('Decisions'), { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record notes' }));

    expect(within(form).getByRole('alert').textContent).toBe(
      'Write down what the meeting decided: the notes cannot be empty.',
    );
    expect(within(form).getByLabelText('Decisions').getAttribute('aria-invalid')).toBe('true');
    expect(await recordCount(own)).toBe(events);
  });

  it('offers no form to someone with no part in the plan, and says who records notes', async () => {
    await renderOwn('p-gm');

    expect(screen.queryByRole('form', { name: /^Record notes/ })).toBeNull();
    expect(screen.getByText(/people with a part in the plan/)).toBeTruthy();
  });
});

describe('LiveMonitoring', () => {
  it('draws one chart per KPI', async () => {
    await renderMonitoring();

    const kpis = context.stages.monitoring.approved as { kpis: { name: string }[] };
    for (const kpi of kpis.kpis) {
      expect(screen.getByRole('img', { name: new RegExp(`^${kpi.name}: `) })).toBeTruthy();
    }
  });

  it('names the latest figure, its pace and its health in the chart of a red KPI', async () => {
    await renderMonitoring();

    const chart = screen.getByRole('img', { name: /^East China sales: / });
    expect(chart.getAttribute('aria-label')).toMatch(
      /^East China sales: latest ¥[\d.]+M on Nov 26, 2026, 62% of pace, Off track \(red\)$/,
    );
  });

  it('shows a green KPI as on track', async () => {
    await renderMonitoring();

    const chart = screen.getByRole('img', { name: /^Sales attainment: / });
    expect(chart.getAttribute('aria-label')).toMatch(/104% of pace, On track \(green\)$/);
  });

  it('says a KPI without check-ins has none yet, with its target', async () => {
    await renderMonitoring();

    expect(
      screen.getByRole('img', {
        name: 'Online share of new customers: no check-ins yet, target 40%',
      }),
    ).toBeTruthy();
  });

  it('says risks still open when the run ended were left open, not that they are open now', async () => {
    const ended: RunContext = {
      ...context,
      outcome: {
        kind: 'killed',
        stage: 'monitoring',
        by: 'p-gm',
        at: '2026-11-27T09:00:00.000Z',
        reason: 'Market closed',
      },
    };
    render(<LiveMonitoring context={ended} revision={revision} frozen={false} />, {
      wrapper: Providers,
    });
    expect(
      await screen.findByRole('heading', {
        name: /^Risk register \(1 left open when the run ended\)$/,
      }),
    ).toBeTruthy();
  });

  it('keeps the check-in form, the risk countermeasures and the replan', async () => {
    await renderMonitoring();

    expect(screen.getByRole('heading', { name: 'KPI check-in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Record check-in' })).toBeTruthy();
    expect(screen.getAllByRole('textbox', { name: 'Countermeasure' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Escalate to replan' })).toBeTruthy();
  });

  it('offers no check-in to someone with no part in the plan, and says who reports figures', async () => {
    localStorage.setItem(ACTING_STORAGE_KEY, 'p-gm');
    try {
      await renderMonitoring();
      expect(screen.queryByRole('button', { name: 'Record check-in' })).toBeNull();
      expect(screen.getByText(/KPI figures are reported by the strategy lead/)).toBeTruthy();
    } finally {
      localStorage.clear();
    }
  });

  it('keeps a half-typed check-in and countermeasure when the stage is shown again', async () => {
    await renderMonitoring();
    fireEvent.change(screen.getByRole('spinbutton', { name: /Actual/ }), {
      target: { value: '1200' },
    });
    const countermeasure = screen.getAllByRole('textbox', { name: 'Countermeasure' })[0]!;
    fireEvent.change(countermeasure, { target: { value: 'Switch to online visits' } });
    cleanup(); // another stage chosen on the board
    await renderMonitoring();
    expect((screen.getByRole('spinbutton', { name: /Actual/ }) as HTMLInputElement).value).toBe(
      '1200',
    );
    expect(
      (screen.getAllByRole('textbox', { name: 'Countermeasure' })[0] as HTMLInputElement).value,
    ).toBe('Switch to online visits');
  });

  it('falls back to the plan’s first KPI when the kept one is no longer in the plan', async () => {
    sessionStorage.setItem(
      `strategy-board.kept.${context.runId}:checkIn:p-lead`,
      JSON.stringify({ kpiId: 'k-gone', date: TODAY, value: '5', source: 'crm', reason: '' }),
    );
    await renderMonitoring();
    const kpi = screen.getByRole('combobox', { name: 'KPI' }) as HTMLSelectElement;
    expect(kpi.value).toBe(approvedContent(context, 'monitoring')!.kpis[0]!.id);
    expect((screen.getByRole('spinbutton', { name: /Actual/ }) as HTMLInputElement).value).toBe(
      '5',
    );
  });

  it('warns before recording a figure many times the whole period’s target, a likely typo', async () => {
    await renderMonitoring();
    fireEvent.change(screen.getByRole('combobox', { name: 'KPI' }), {
      target: { value: 'k-online-share' },
    });
    fireEvent.change(screen.getByRole('spinbutton', { name: /Actual/ }), {
      target: { value: '1500000' },
    });
    expect(screen.getByRole('button', { name: /Record it anyway/ })).toBeTruthy();
    expect(screen.getByText(/37,500 times the target for the whole period/)).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton', { name: /Actual/ }), {
      target: { value: '15' },
    });
    expect(screen.queryByRole('button', { name: /Record it anyway/ })).toBeNull();
  });

  it('says at the field that a figure below zero is no figure, and records nothing', async () => {
    await renderMonitoring();
    const figure = screen.getByRole('spinbutton', { name: /Actual/ });
    fireEvent.change(figure, { target: { value: '-100' } });

    expect(figure.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter the figure as a number of zero or more.')).toBeTruthy();
    const record = screen.getByRole('button', { name: 'Record check-in' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
  });

  it('asks for the reason at its field when a figure is off pace, before it can be recorded', async () => {
    await renderMonitoring();
    fireEvent.change(screen.getByRole('spinbutton', { name: /Actual/ }), {
      target: { value: '1' },
    });
    const reason = screen.getByRole('textbox', { name: /Reason for a gap/ });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('This figure is off pace: say why before recording it.')).toBeTruthy();
    const record = screen.getByRole('button', { name: 'Record check-in' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'Storms cut offline visits' } });
    expect(record.disabled).toBe(false);
  });
});

describe('moving a task', () => {
  afterEach(() => localStorage.clear());

  it('records nothing while its owner only chooses a status, and one event when they save it', async () => {
    const own = await renderOwn('p-mkt');
    const events = await recordCount(own);
    const select = screen.getByRole('combobox', {
      name: 'Status of “Trade-show and live-stream materials”',
    });
    fireEvent.change(select, { target: { value: 'inProgress' } });
    fireEvent.change(select, { target: { value: 'done' } });
    expect(await recordCount(own)).toBe(events);

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Save the status of “Trade-show and live-stream materials”',
      }),
    );
    await screen.findByText('Task updated', undefined, { timeout: 5000 });
    expect(await recordCount(own)).toBe(events + 1);
  });
});

describe('acting twice in a row', () => {
  afterEach(() => localStorage.clear());

  it('is no conflict while the page still shows the revision before the first action', async () => {
    // The panel keeps the revision it was rendered with, as a page does for a moment after a
    // commit: the second action is taken on what this tab itself just wrote.
    const own = await renderOwn('p-lead');
    const events = await recordCount(own);
    for (const name of ['Trade-show and live-stream materials', 'Sign East China key accounts']) {
      fireEvent.change(screen.getByRole('combobox', { name: `Status of “${name}”` }), {
        target: { value: 'done' },
      });
      fireEvent.click(screen.getByRole('button', { name: `Save the status of “${name}”` }));
      await waitFor(async () => expect(await recordCount(own)).toBeGreaterThan(events), {
        timeout: 5000,
      });
    }
    await waitFor(async () => expect(await recordCount(own)).toBe(events + 2), { timeout: 5000 });
    expect(screen.queryByText(/changed while you were working/)).toBeNull();
  });
});

describe('closing execution', () => {
  it('wants a written acceptance while a red alert lacks a countermeasure and an owner', async () => {
    await renderExecution();
    const acceptance = screen.getByRole('textbox', {
      name: /1 risk without a countermeasure or an owner/,
    });
    const close = screen.getByRole('button', { name: 'Close execution' });
    expect(close.hasAttribute('disabled')).toBe(true);
    fireEvent.change(acceptance, { target: { value: 'The GM accepts the East China gap' } });
    expect(close.hasAttribute('disabled')).toBe(false);
  });

  it('asks first, saying how many tasks are open and how long the period still runs', async () => {
    await renderExecution();
    const acceptance = screen.queryByRole('textbox', { name: /Record why/ });
    if (acceptance) fireEvent.change(acceptance, { target: { value: 'Accepted by the GM' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close execution' }));
    const ask = screen.getByRole('alertdialog');
    expect(ask.textContent).toContain(
      '8 of 8 tasks are not done. The period runs until Dec 31, 2026 (34 days left). Close execution now?',
    );
    // The safe answer has focus; Escape gives the same answer.
    expect(document.activeElement).toBe(
      within(ask).getByRole('button', { name: 'Keep operating' }),
    );
    fireEvent.keyDown(ask, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close execution' })).toBeTruthy();
  });
});

describe('final figures, once execution is closed', () => {
  it('are reported for the evaluation while it is drafted, and one off pace raises no alert', async () => {
    const store = freshDb();
    await seedDemoWorkspace(store, 'en', TODAY);
    const engine = new RunEngine(store, { clock: fixedClock(`${TODAY}T09:00:00.000Z`) });
    const closed = await engine.apply(DEMO_RUN_IDS.region, {
      type: 'execution.close',
      by: 'p-lead',
      acceptance: 'The GM accepts closing before the quarter ends',
    });
    if (!closed.ok) throw new Error(closed.refusal.code);
    const before = await new RunEngine(store).load(DEMO_RUN_IDS.region);
    render(
      <I18nProvider locale="en">
        <WorkspaceProvider locale="en" db={store} clock={fixedClock(`${TODAY}T10:00:00.000Z`)}>
          <LiveMonitoring
            context={before.snapshot.context}
            revision={before.revision}
            frozen={false}
          />
        </WorkspaceProvider>
      </I18nProvider>,
    );

    await screen.findByRole('heading', { name: 'Final figures for the evaluation' });
    expect(screen.getByText(/Execution is closed\. Until the evaluation is sent/)).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton', { name: /Actual/ }), {
      target: { value: '1' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Reason for a gap/ }), {
      target: { value: 'Storms cut offline visits' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Record check-in' }));

    await waitFor(
      async () => {
        const after = await new RunEngine(store).load(DEMO_RUN_IDS.region);
        expect(after.snapshot.context.checkIns).toHaveLength(
          before.snapshot.context.checkIns.length + 1,
        );
        expect(after.snapshot.context.risks).toHaveLength(before.snapshot.context.risks.length);
      },
      { timeout: 5000 },
    );
  });
});
