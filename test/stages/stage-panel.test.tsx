// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { cleanup, render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { I18nProvider } from '../../src/i18n/react';
import { WorkspaceProvider, ACTING_STORAGE_KEY } from '../../src/workspace/workspace';
import { ToastProvider } from '../../src/workspace/toasts';
import { StagePanel } from '../../src/stages/stage-panel';
import type { StageId } from '../../src/domain/stages';
import { fixedClock } from '../../src/domain/time';
import { demoContent, scenarioTemplate } from '../../src/domain/scenarios';
import { StrategyDb } from '../../src/storage/db';
import { engineWithTeam, newRunFields, PERIOD } from '../support/db';
import { RunEngine } from '../../src/engine/engine';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';

const content = demoContent('newProductLaunch', 'en', PERIOD);
let db: StrategyDb;
let engine: RunEngine;

beforeEach(async () => {
  db = new StrategyDb(`panel-${crypto.randomUUID()}`);
  engine = await engineWithTeam(db);
  await db.meta.put({ key: 'workspace', value: { kind: 'test' } });
  await engine.createRun(newRunFields(), 'p-lead');
});
afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});

/** Shows `stage` of a run as `actingId` sees it, in `store` (this file's database by default). */
async function showPanel(
  actingId: string,
  stage: StageId,
  { store = db, runId = 'run-1', now = '2024-07-15T09:00:00.000Z' } = {},
) {
  localStorage.setItem(ACTING_STORAGE_KEY, actingId);
  const live = await new RunEngine(store).load(runId);
  const draft = await store.drafts.get([runId, stage]);
  render(
    <I18nProvider locale="en">
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <WorkspaceProvider locale="en" db={store} clock={fixedClock(now)}>
          <MemoryRouter>
            <StagePanel
              context={live.snapshot.context}
              revision={live.revision}
              stage={stage}
              draft={draft}
              frozen={false}
            />
          </MemoryRouter>
        </WorkspaceProvider>
      </ToastProvider>
    </I18nProvider>,
  );
  await screen.findByRole('heading', { name: /^Stage \d · / }, { timeout: 5000 });
}

const renderPanel = (actingId: string, stage: 'research' | 'strategy' = 'research') =>
  showPanel(actingId, stage);

type Stage = 'research' | 'goals' | 'strategy' | 'resources';
/** The lead submits the demo content of `stage` through the engine. */
const submit = (stage: Stage) =>
  engine.apply('run-1', { type: 'stage.submit', by: 'p-lead', stage, content: content[stage] });
/** `by` decides at `stage`'s gate through the engine. */
const decide = (
  stage: Stage,
  by: string,
  decision: 'go' | 'conditionalGo' | 'recycle' | 'hold' | 'kill',
  extra: { comment?: string; conditions?: string[]; recycleTo?: 'research' } = {},
) =>
  engine.apply('run-1', {
    type: 'gate.decide',
    by,
    stage,
    decision,
    comment: extra.comment ?? '',
    conditions: extra.conditions ?? [],
    recycleTo: extra.recycleTo ?? null,
  });

/** Research and goals passed, strategy submitted and approved by the sales director only. */
async function strategyInReview() {
  await submit('research');
  await decide('research', 'p-mkt', 'go');
  await submit('goals');
  await decide('goals', 'p-sales', 'go');
  await decide('goals', 'p-gm', 'go');
  await submit('strategy');
  await decide('strategy', 'p-sales', 'go');
}

describe('the stage panel', () => {
  it('lists what the gate still needs and keeps submission disabled until it is ready', async () => {
    await renderPanel('p-lead');
    expect(screen.getByRole('list', { name: /points to fix before submitting/ })).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Submit for approval' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('names the field of a point the content’s schema found, and ties Submit to why it waits', async () => {
    const research = structuredClone(content.research);
    research.marketNeeds[0]!.segment = '';
    await engine.saveDraft('run-1', 'research', research, 'p-lead');
    await renderPanel('p-lead');
    expect(
      screen.getByRole('button', {
        name: 'Customer segment: A required field is empty. Fill in the highlighted field.',
      }),
    ).toBeTruthy();
    const submitButton = screen.getByRole('button', { name: 'Submit for approval' });
    expect(
      document.getElementById(submitButton.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toMatch(/Fix the/);
  });

  it('sets aside a stored draft it could not show, says so, and opens the editor anyway', async () => {
    // Stored before drafts were checked (a damaged import): its list of needs is a text.
    await db.drafts.put({
      runId: 'run-1',
      stage: 'research',
      content: { ...content.research, marketNeeds: 'oops' },
      savedBy: 'p-lead',
      savedAt: '2024-07-10T09:00:00.000Z',
    });
    await renderPanel('p-lead');
    expect(screen.getByRole('note').textContent).toMatch(
      /saved draft of this stage could not be read/,
    );
    expect(screen.getByRole('button', { name: 'Submit for approval' })).toBeTruthy();
  });

  it('submits a ready draft for approval through the engine', async () => {
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead');
    await renderPanel('p-lead');
    await screen.findByText('Everything the gate checks is in place.');
    fireEvent.click(screen.getByRole('button', { name: 'Submit for approval' }));
    await screen.findByText('Submitted for approval', undefined, { timeout: 5000 });
    expect((await db.runs.get('run-1'))?.revision).toBe(1);
  });

  it('will not submit while a figure typed on screen was not taken into the draft', async () => {
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead');
    await renderPanel('p-lead');
    await screen.findByText('Everything the gate checks is in place.');
    const share = screen.getAllByLabelText(/Market share/)[0] as HTMLInputElement;
    fireEvent.change(share, { target: { value: '150' } });
    const unsaved = await screen.findByRole('list', { name: 'Inputs that were not taken' });
    expect(unsaved.textContent).toMatch(/Market share.*holds text that was not taken/);
    expect(screen.queryByText('Everything the gate checks is in place.')).toBeNull();
    const submitButton = screen.getByRole('button', {
      name: 'Submit for approval',
    }) as HTMLButtonElement;
    expect(submitButton.disabled).toBe(true);
    fireEvent.change(share, { target: { value: '35' } });
    await waitFor(() => expect(submitButton.disabled).toBe(false));
    expect(screen.queryByRole('list', { name: 'Inputs that were not taken' })).toBeNull();
  });

  it('keeps what was typed just before the page went away, and shows it when the page is back', async () => {
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead');
    await renderPanel('p-lead');
    // The editor shows once the workspace knows who is acting (its people load asynchronously).
    const [segment] = await screen.findAllByRole('textbox', { name: /Customer segment/ });
    fireEvent.change(segment!, { target: { value: 'Typed a moment before reload' } });
    // The page is reloaded within the autosave's 400 ms: no unmount, no save, only pagehide.
    window.dispatchEvent(new Event('pagehide'));
    const kept = Object.keys(sessionStorage).filter((k) => k.includes('unloaded-draft'));
    expect(kept).toHaveLength(1);
    cleanup();
    await db.drafts.put({
      ...(await db.drafts.get(['run-1', 'research']))!,
      content: content.research,
    });
    await renderPanel('p-lead');
    const [shown] = await screen.findAllByRole('textbox', { name: /Customer segment/ });
    expect((shown as HTMLInputElement).value).toBe('Typed a moment before reload');
    expect(Object.keys(sessionStorage).filter((k) => k.includes('unloaded-draft'))).toEqual([]);
    await waitFor(
      async () =>
        expect(
          ((await db.drafts.get(['run-1', 'research']))?.content as typeof content.research)
            .marketNeeds[0]?.segment,
        ).toBe('Typed a moment before reload'),
      { timeout: 5000 },
    );
  });

  it('asks, rather than overwrite, when another tab saved after the text kept at the reload was typed', async () => {
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead');
    await renderPanel('p-lead');
    const [segment] = await screen.findAllByRole('textbox', { name: /Customer segment/ });
    fireEvent.change(segment!, { target: { value: 'Typed here before the reload' } });
    window.dispatchEvent(new Event('pagehide'));
    // (Unmounting here flushes the typing, which a real reload does not: let it land first.)
    cleanup();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Meanwhile another tab saved its own version.
    const theirs = structuredClone(content.research);
    theirs.marketNeeds[0]!.segment = 'Saved in the other tab';
    await db.drafts.put({ ...(await db.drafts.get(['run-1', 'research']))!, content: theirs });
    await renderPanel('p-lead');

    expect((await screen.findByRole('alert', undefined, { timeout: 5000 })).textContent).toMatch(
      /changed in another tab/,
    );
    expect(screen.getByRole('button', { name: 'Keep mine' })).toBeTruthy();
    const stored = (await db.drafts.get(['run-1', 'research']))?.content as typeof content.research;
    expect(stored.marketNeeds[0]?.segment).toBe('Saved in the other tab');
  });

  it('says a stage still holds the scenario template’s example content until the lead edits it', async () => {
    const template = scenarioTemplate('newProductLaunch', 'en', PERIOD);
    await engine.createRun({ ...newRunFields('run-2'), policies: template.policies }, 'p-lead', {
      research: template.drafts.research,
    });
    await showPanel('p-lead', 'research', { runId: 'run-2' });
    expect(
      screen.getByText(/Pre-filled with the scenario template’s example content/),
    ).toBeTruthy();
    cleanup();

    // Sent in untouched and sent back, it is still the example: still said.
    const sent = await engine.apply('run-2', {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'research',
      content: template.drafts.research,
    });
    expect(sent.ok).toBe(true);
    await engine.apply('run-2', {
      type: 'gate.decide',
      by: 'p-mkt',
      stage: 'research',
      decision: 'recycle',
      comment: 'This is the template’s example',
      conditions: [],
      recycleTo: 'research',
    });
    await showPanel('p-lead', 'research', { runId: 'run-2' });
    expect(
      screen.getByText(/Pre-filled with the scenario template’s example content/),
    ).toBeTruthy();
    cleanup();

    const own = structuredClone(template.drafts.research!);
    own.marketNeeds[0]!.painPoints = 'Distributors wait 30 days for restocking';
    await engine.saveDraft('run-2', 'research', own, 'p-lead');
    await showPanel('p-lead', 'research', { runId: 'run-2' });
    expect(
      screen.queryByText(/Pre-filled with the scenario template’s example content/),
    ).toBeNull();
  });

  it('takes no decision by default: the approver chooses one before deciding', async () => {
    await submit('research');
    await renderPanel('p-mkt');
    const decide = screen.getByRole('button', { name: 'Choose a decision' }) as HTMLButtonElement;
    expect(decide.disabled).toBe(true);
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
    fireEvent.click(screen.getByRole('radio', { name: 'Go' }));
    expect((screen.getByRole('button', { name: 'Decide: Go' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('lets a permitted approver decide Go and records the decision', async () => {
    await submit('research');
    await renderPanel('p-mkt');
    fireEvent.click(screen.getByRole('radio', { name: 'Go' }));
    fireEvent.click(screen.getByRole('button', { name: 'Decide: Go' }));
    await screen.findByText('Decision recorded', undefined, { timeout: 5000 });
    expect((await engine.records('run-1')).at(-1)).toMatchObject({
      type: 'gate.decide',
      actorId: 'p-mkt',
    });
    // The decision box goes with the decision; focus stays in the panel, on its heading.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Stage 1 · Research' }),
      ),
    );
  });

  it('lets an approver decide a Conditional Go, each line of conditions a follow-up', async () => {
    await submit('research');
    await renderPanel('p-mkt');
    fireEvent.click(screen.getByRole('radio', { name: 'Conditional Go' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Conditions/ }), {
      target: { value: 'Interview two more distributors\nAdd the July survey' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Solid, with two gaps' },
    });
    const button = screen.getByRole('button', { name: 'Decide: Conditional Go' });
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    await screen.findByText('Decision recorded', undefined, { timeout: 5000 });
    expect((await engine.records('run-1')).at(-1)?.payload).toMatchObject({
      decision: 'conditionalGo',
      conditions: ['Interview two more distributors', 'Add the July survey'],
    });
  });

  it('keeps every choice at hand when the one chosen is refused, and says why beside the button', async () => {
    await strategyInReview();
    await decide('strategy', 'p-mkt', 'go');
    expect((await submit('resources')).ok).toBe(true);
    // Finance holds the veto at the budget gate: the sales director may approve, not kill.
    await showPanel('p-sales', 'resources');
    fireEvent.click(screen.getByRole('radio', { name: 'Kill' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Too costly' },
    });
    const button = screen.getByRole('button', { name: 'Decide: Kill' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(
      document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('Only Finance may kill the run at this gate.');
    fireEvent.click(screen.getByRole('radio', { name: 'Go' }));
    expect((screen.getByRole('button', { name: 'Decide: Go' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('asks why a held run resumes, saying it is required, and resumes it', async () => {
    await submit('research');
    await decide('research', 'p-mkt', 'hold', { comment: 'Wait for the July survey' });
    await renderPanel('p-lead');
    const reason = screen.getByRole('textbox', { name: 'Why resume now? (required)' });
    const resume = screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'The survey is in' } });
    expect(resume.disabled).toBe(false);
    fireEvent.click(resume);
    await screen.findByText('Run resumed', undefined, { timeout: 5000 });
    expect((await engine.records('run-1')).at(-1)).toMatchObject({ type: 'run.resume' });
  });

  it('keeps a half-written decision when the panel is opened again, and forgets it once decided', async () => {
    await submit('research');
    await renderPanel('p-mkt');
    fireEvent.click(screen.getByRole('radio', { name: 'Recycle' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), {
      target: { value: 'Interview two more distributors' },
    });
    cleanup(); // another stage chosen on the board
    await renderPanel('p-mkt');
    expect((screen.getByRole('radio', { name: 'Recycle' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('textbox', { name: /Reason/ }) as HTMLTextAreaElement).value).toBe(
      'Interview two more distributors',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Decide: Recycle' }));
    await screen.findByText('Decision recorded', undefined, { timeout: 5000 });
    expect(Object.keys(sessionStorage).filter((k) => k.includes(':decide:'))).toEqual([]);
  });

  it('needs nobody at a gate where the run was killed', async () => {
    await strategyInReview();
    await renderPanel('p-lead', 'strategy');
    expect(screen.getByText('Still needed: Marketing head')).toBeTruthy();
    cleanup();
    expect((await decide('strategy', 'p-mkt', 'kill', { comment: 'The market moved on' })).ok).toBe(
      true,
    );
    await renderPanel('p-lead', 'strategy');
    expect(screen.queryByText(/^Still needed/)).toBeNull();
  });

  it('says when a gate cannot pass with the team as it is now, and where roles are changed', async () => {
    await submit('research');
    await renderPanel('p-lead');
    expect(screen.queryByRole('link', { name: /People page/ })).toBeNull();
    cleanup();
    // Research is approved by a marketing head or a sales director: both leave their roles after
    // the stage was submitted.
    await db.people.update('p-mkt', { roles: [] });
    await db.people.update('p-sales', { roles: [] });
    await renderPanel('p-lead');
    const link = await screen.findByRole('link', {
      name: 'Give the role to someone on the People page.',
    });
    expect(link.getAttribute('href')).toBe('/people');
    expect(link.parentElement?.textContent).toContain(
      'No one who could still decide here holds Marketing head or Sales director',
    );
  });

  it('never says a gate on hold cannot pass: a hold is not a vote, and its approver decides again on resume', async () => {
    await submit('research');
    // The sales director leaves; the marketing head, the only approver left, puts it on hold.
    await db.people.update('p-sales', { roles: [] });
    expect((await decide('research', 'p-mkt', 'hold', { comment: 'Wait for Q3 data' })).ok).toBe(
      true,
    );
    await renderPanel('p-lead');
    expect(screen.queryByText(/this gate cannot pass/)).toBeNull();
    expect(screen.queryByRole('link', { name: /People page/ })).toBeNull();
  });

  it('says what a person was preparing when the gate was decided without them, until dismissed', async () => {
    await submit('research');
    const submittedAt = (await engine.load('run-1')).snapshot.context.stages.research.submittedAt;
    // The sales director had chosen Hold and written why, in this tab; the marketing head's Go
    // in another tab passed the gate first.
    sessionStorage.setItem(
      `strategy-board.kept.run-1:research:${submittedAt}:decide:p-sales`,
      JSON.stringify({
        decision: 'hold',
        comment: 'Wait for the distributor contracts',
        conditions: '',
        recycleTo: 'research',
      }),
    );
    expect((await decide('research', 'p-mkt', 'go')).ok).toBe(true);
    await renderPanel('p-sales');

    const note = screen.getByText(/This gate was decided while you were preparing your decision/);
    expect(note.textContent).toContain('You had chosen Hold.');
    expect(note.textContent).toContain('Your comment: “Wait for the distributor contracts”');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/This gate was decided while you were preparing/)).toBeNull();
  });

  it('says why a person may not decide instead of offering the decision', async () => {
    await submit('research');
    await renderPanel('p-fin');
    expect(await screen.findByText(/Only .* may decide at this gate/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Decide:/ })).toBeNull();
  });

  it('requires a reason for every decision but Go', async () => {
    await submit('research');
    await renderPanel('p-mkt');
    fireEvent.click(screen.getByRole('radio', { name: 'Recycle' }));
    const decide = screen.getByRole('button', { name: 'Decide: Recycle' }) as HTMLButtonElement;
    expect(decide.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason (required)'), {
      target: { value: 'Add two interviews' },
    });
    await waitFor(() => expect(decide.disabled).toBe(false));
  });
});

describe('follow-ups of a conditional Go', () => {
  it('stay listed, and can be closed, after the stage is sent back and passes again with a plain Go', async () => {
    await submit('research');
    await decide('research', 'p-mkt', 'conditionalGo', {
      comment: 'One gap',
      conditions: ['Add two expert interviews'],
    });
    await submit('goals');
    await decide('goals', 'p-sales', 'recycle', {
      comment: 'Evidence first',
      recycleTo: 'research',
    });
    await submit('research');
    const passed = await decide('research', 'p-mkt', 'go');
    expect(passed.ok).toBe(true);
    await renderPanel('p-lead');
    const list = screen.getByRole('region', { name: 'Conditions to follow up' });
    expect(list.textContent).toContain('Add two expert interviews');
    fireEvent.change(screen.getByLabelText('How “Add two expert interviews” was met'), {
      target: { value: 'Two interviews held on 12 July' },
    });
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Close the follow-up “Add two expert interviews”',
      }),
    );
    await screen.findByText('Follow-up closed', undefined, { timeout: 5000 });
    // The page's own engine wrote it: read the store through a fresh engine, not this one's copy.
    const stored = await new RunEngine(db).load('run-1');
    expect(stored.snapshot.context.followUps[0]?.closed?.note).toBe(
      'Two interviews held on 12 July',
    );
  });

  it('tell a stage passed on conditions from one passed outright, and whether they are met', async () => {
    await submit('research');
    await decide('research', 'p-mkt', 'conditionalGo', {
      comment: 'One gap',
      conditions: ['Add two expert interviews'],
    });
    await renderPanel('p-lead');
    expect(
      screen.getByText(/It passed on conditions: 1 is still to be met \(below\)\./),
    ).toBeTruthy();
  });

  it('dates a closed follow-up by the day on the person’s clock, not in UTC', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      await submit('research');
      await decide('research', 'p-mkt', 'conditionalGo', {
        comment: 'One gap',
        conditions: ['Add two expert interviews'],
      });
      // 07:30 on Jul 16 in Beijing is still Jul 15 in UTC.
      await showPanel('p-lead', 'research', { now: '2024-07-15T23:30:00.000Z' });
      fireEvent.change(screen.getByLabelText('How “Add two expert interviews” was met'), {
        target: { value: 'Held' },
      });
      fireEvent.click(
        screen.getByRole('button', { name: 'Close the follow-up “Add two expert interviews”' }),
      );
      await screen.findByText('Follow-up closed', undefined, { timeout: 5000 });
      cleanup();
      await showPanel('p-lead', 'research', { now: '2024-07-16T09:00:00.000Z' });
      const list = screen.getByRole('region', { name: 'Conditions to follow up' });
      expect(list.textContent).toContain('closed by Lin Feng on Jul 16, 2024: Held');
    } finally {
      process.env.TZ = zone;
      if (zone === undefined) delete process.env.TZ;
    }
  });
});

describe('a stage sent back', () => {
  /** What the panel's status lines say. */
  const banners = () => screen.queryAllByRole('status').map((e) => e.textContent ?? '');

  it('tells the lead why a gate sent it back, and the approvers why it comes again', async () => {
    await submit('research');
    await decide('research', 'p-mkt', 'recycle', {
      comment: 'Interview two distributors',
      recycleTo: 'research',
    });
    await renderPanel('p-lead');
    expect(banners()).toContain(
      'Chen Jing sent this stage back at the Research gate: Interview two distributors',
    );
    cleanup();
    await submit('research');
    await renderPanel('p-sales');
    expect(banners()).toContain(
      'Submitted again after Chen Jing sent it back at the Research gate: Interview two distributors',
    );
    cleanup();
    await decide('research', 'p-sales', 'go');
    await renderPanel('p-lead');
    expect(banners().filter((b) => b.includes('Interview two distributors'))).toEqual([]);
  });

  it('tells the lead and then the approvers why monitoring sent the plan back for a replan', async () => {
    const own = new StrategyDb(`panel-${crypto.randomUUID()}`);
    await seedDemoWorkspace(own, 'en', '2026-11-27');
    const engine = new RunEngine(own);
    const replanned = await engine.apply(DEMO_RUN_IDS.region, {
      type: 'replan.escalate',
      by: 'p-lead',
      target: 'strategy',
      reason: 'North China is off track: rethink the channel mix',
    });
    expect(replanned.ok).toBe(true);
    const show = (who: string, stage: StageId = 'strategy') =>
      showPanel(who, stage, {
        store: own,
        runId: DEMO_RUN_IDS.region,
        now: '2026-11-27T09:00:00.000Z',
      });
    // Execution, where task updates are made, says at its top that they wait.
    await show('p-lead', 'execution');
    expect(banners()).toContain(
      'Check-ins and task updates are paused while the plan is back at Strategy. They resume once it passes its gates again.',
    );
    cleanup();
    await show('p-lead');
    expect(banners()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Lin Feng sent the plan back here for a replan on .+: North China is off track: rethink the channel mix$/,
        ),
      ]),
    );
    cleanup();
    const { snapshot } = await engine.load(DEMO_RUN_IDS.region);
    const submitted = await engine.apply(DEMO_RUN_IDS.region, {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'strategy',
      content: snapshot.context.stages.strategy.submitted,
    });
    expect(submitted.ok).toBe(true);
    await show('p-sales');
    expect(banners()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Submitted again for the replan Lin Feng asked for on .+: North China is off track/,
        ),
      ]),
    );
  });
});

describe('a first cycle’s stages', () => {
  it('say nothing about a previous cycle, and show no prepared content before they open', async () => {
    await renderPanel('p-lead', 'strategy');
    expect(screen.getByText(/opens when the stages before it have passed/)).toBeTruthy();
    expect(screen.queryByText(/previous cycle/)).toBeNull();
  });
});

describe('a next cycle’s stages', () => {
  it('say what was carried over, and show what waits in a stage not open yet', async () => {
    const own = new StrategyDb(`panel-${crypto.randomUUID()}`);
    await seedDemoWorkspace(own, 'en', '2026-11-27');
    const engine = new RunEngine(own);
    const child = await engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead');
    const show = (stage: 'research' | 'goals' | 'strategy') =>
      showPanel('p-lead', stage, {
        store: own,
        runId: child.runId,
        now: '2026-11-27T09:00:00.000Z',
      });
    await show('research');
    expect(screen.getByText(/^Pre-filled from the previous cycle/)).toBeTruthy();
    // What the last cycle's evaluation taught is beside the plan, in its approved words.
    const taught = await screen.findByRole('region', { name: /^What “.+” taught$/ });
    const parent = await engine.load(DEMO_RUN_IDS.deepen);
    const lesson = (
      parent.snapshot.context.stages.evaluation.approved as {
        lessons: { text: string }[];
      }
    ).lessons[0]!.text;
    expect(within(taught).getByText(lesson)).toBeTruthy();
    cleanup();
    await show('goals');
    expect(screen.getByText(/^Prepared from the previous cycle/)).toBeTruthy();
    // The proposed goals are there to read before the stage opens.
    expect(screen.getAllByRole('group', { name: /^Goal “/ }).length).toBeGreaterThan(0);
    cleanup();
    // The prepared strategy names the goals it serves by their prepared titles.
    await show('strategy');
    await screen.findByRole('heading', { name: /^Stage 3 · / });
    const goals = (await own.drafts.get([child.runId, 'goals']))!.content as {
      goals: { title: string }[];
    };
    await waitFor(() =>
      expect(screen.getAllByText(goals.goals[0]!.title).length).toBeGreaterThan(0),
    );
    expect(screen.queryByText(/Unknown goal/)).toBeNull();
  });
});

describe('the draft editor on a full disk', () => {
  const QUOTA =
    'The browser has no room left for this app, so nothing was saved. Export the workspace and remove old runs (Settings), then try again.';
  const quotaExceeded = () =>
    Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

  /** The lead's research panel, which `show(false)` closes while the toasts stay. */
  async function renderClosablePanel() {
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead');
    localStorage.setItem(ACTING_STORAGE_KEY, 'p-lead');
    const live = await engine.load('run-1');
    const draft = await db.drafts.get(['run-1', 'research']);
    const tree = (open: boolean) => (
      <I18nProvider locale="en">
        <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
          <WorkspaceProvider locale="en" db={db} clock={fixedClock('2024-07-15T09:00:00.000Z')}>
            {open && (
              <StagePanel
                context={live.snapshot.context}
                revision={live.revision}
                stage="research"
                draft={draft}
                frozen={false}
              />
            )}
          </WorkspaceProvider>
        </ToastProvider>
      </I18nProvider>
    );
    const { rerender } = render(tree(true));
    await screen.findByRole('heading', { name: 'Stage 1 · Research' }, { timeout: 5000 });
    return { show: (open: boolean) => rerender(tree(open)) };
  }

  it('saves one typing after another while an earlier save is still on its way, as no conflict', async () => {
    await renderClosablePanel();
    // The first save takes long enough for the next autosave to start before it is stored.
    const save = RunEngine.prototype.saveDraft;
    vi.spyOn(RunEngine.prototype, 'saveDraft').mockImplementationOnce(async function (
      this: RunEngine,
      ...args
    ) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return save.apply(this, args);
    });
    const painPoints = () => screen.getAllByLabelText('Pain points')[0]!;
    fireEvent.change(painPoints(), { target: { value: 'Shelves run empty' } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    fireEvent.change(painPoints(), { target: { value: 'Shelves run empty for weeks' } });

    await waitFor(
      async () => {
        const stored = await db.drafts.get(['run-1', 'research']);
        expect(JSON.stringify(stored?.content)).toContain('Shelves run empty for weeks');
      },
      { timeout: 4000 },
    );
    // Both saves are done by now: the slow first one was not taken for another tab's.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Keep mine' })).toBeNull();
    const stored = await db.drafts.get(['run-1', 'research']);
    expect(JSON.stringify(stored?.content)).toContain('Shelves run empty for weeks');
  });

  it('tells the lead that nothing was saved and what to do when autosave finds no room', async () => {
    await renderClosablePanel();
    vi.spyOn(db.drafts, 'put').mockRejectedValue(quotaExceeded());
    fireEvent.change(screen.getAllByLabelText('Pain points')[0]!, {
      target: { value: 'Shelves run empty' },
    });
    expect((await screen.findByRole('alert', undefined, { timeout: 3000 })).textContent).toBe(
      QUOTA,
    );
  });

  it('says so in a toast when the text typed just before the panel closed finds no room', async () => {
    const panel = await renderClosablePanel();
    vi.spyOn(db.drafts, 'put').mockRejectedValue(quotaExceeded());
    fireEvent.change(screen.getAllByLabelText('Pain points')[0]!, {
      target: { value: 'Shelves run empty' },
    });
    // Closed before the autosave's delay: the panel flushes the pending text as it goes.
    panel.show(false);
    expect((await screen.findByRole('alert', undefined, { timeout: 3000 })).textContent).toContain(
      QUOTA,
    );
  });
});
