import { translateRefusal } from '../../src/i18n';
import { describe, it, expect, vi } from 'vitest';
import { STAGE_CONTENT_SCHEMAS } from '../../src/domain/content';
import { STAGE_IDS, type StageId } from '../../src/domain/stages';
import { demoContent } from '../../src/domain/scenarios';
import { any, type GatePolicies } from '../../src/domain/gate';
import { checkEvent, parsingContentOnce } from '../../machines/run-rules';
import type { RunEvent } from '../../machines/events';
import {
  Driver,
  runInput,
  decideEvent,
  submitEvent,
  person,
  at,
  reportedAt,
  closingAt,
  PERIOD,
  approversFor,
} from '../support/driver';

const content = demoContent('newProductLaunch', 'en', PERIOD);
const lead = (
  type: 'execution.close' | 'replan.escalate',
  extra: Record<string, unknown>,
): RunEvent =>
  ({
    type,
    by: 'p-lead',
    roles: ['lead'],
    // Closing after the period ends needs no acceptance for the days left (gate rules 4).
    at: type === 'execution.close' ? closingAt() : at(),
    ...extra,
  }) as RunEvent;

function checkIn(kpiId: string, date: string, value: number, reason = ''): RunEvent {
  return {
    type: 'kpi.checkIn',
    by: 'p-am1',
    roles: person('p-am1').roles,
    at: reportedAt(date),
    kpiId,
    date,
    value,
    source: 'crm',
    reason,
  };
}

/** Drives a run to the point where `stage` is in review. */
function toReview(stage: StageId, driver = new Driver()): Driver {
  const order: StageId[] = ['research', 'goals', 'strategy', 'resources'];
  for (const s of order) {
    if (s === stage) return driver.submit(s);
    driver.submit(s).pass(s);
  }
  if (stage === 'execution' || stage === 'monitoring') return driver.submit(stage);
  driver.through('execution', 'monitoring');
  const leadId = driver.context.leadId;
  driver.send({
    type: 'execution.close',
    by: leadId,
    roles: person(leadId).roles,
    at: closingAt(),
    acceptance: '',
  });
  return driver.submit('evaluation');
}

describe('the stage flow', () => {
  it('starts a new run drafting research with every later stage not started', () => {
    const d = new Driver();
    expect(d.snapshot.matches({ research: 'drafting' })).toBe(true);
    expect(STAGE_IDS.slice(1).every((s) => d.context.stages[s].status === 'notStarted')).toBe(true);
  });

  it('moves to the next stage only when the gate says Go', () => {
    const d = new Driver().submit('research');
    expect(d.snapshot.matches({ research: 'inReview' })).toBe(true);
    expect(d.trySend(submitEvent('goals'))).toBe(false);
    d.pass('research');
    expect(d.snapshot.matches({ goals: 'drafting' })).toBe(true);
    expect(d.context.stages.research.status).toBe('approved');
  });

  it('operates execution and monitoring side by side once resources are approved', () => {
    const d = new Driver().toOperating();
    expect(
      d.snapshot.matches({ operating: { execution: 'drafting', monitoring: 'drafting' } }),
    ).toBe(true);
    d.submit('monitoring').pass('monitoring');
    expect(
      d.snapshot.matches({ operating: { execution: 'drafting', monitoring: 'approved' } }),
    ).toBe(true);
  });

  it('completes the run when the evaluation gate says Go', () => {
    const d = toReview('evaluation').pass('evaluation');
    expect(d.snapshot.matches('completed')).toBe(true);
    expect(d.context.outcome?.kind).toBe('completed');
  });

  it('refuses a submission from anyone but the run lead', () => {
    const d = new Driver();
    const event = submitEvent('research', 'p-sales');
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)?.code).toBe('notLead');
  });

  it('refuses a submission that is not ready and lists the gate problems', () => {
    const d = new Driver();
    const event = submitEvent('research', 'p-lead', { ...content.research, competitors: [] });
    expect(d.trySend(event)).toBe(false);
    const refusal = checkEvent(d.context, event);
    expect(refusal?.code).toBe('notReady');
    expect(refusal?.problems.length).toBeGreaterThan(0);
  });

  it('reads a submission with its stage schema once while parsing content once, else twice', () => {
    const schema = STAGE_CONTENT_SCHEMAS.research;
    const spies = [vi.spyOn(schema, 'safeParse'), vi.spyOn(schema, 'parse')];
    const parses = () => spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0);
    const own = { ...content.research.ownResources, channels: '  Padded  ' };
    const event = submitEvent('research', 'p-lead', { ...content.research, ownResources: own });
    const once = new Driver();
    const twice = new Driver();
    try {
      parsingContentOnce(() => once.send(event));
      expect(parses()).toBe(1);
      twice.send(event);
      expect(parses()).toBe(3);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const d of [once, twice]) {
      expect(d.context.stages.research.status).toBe('inReview');
      expect(d.context.stages.research.submitted).toMatchObject({
        ownResources: { channels: 'Padded' },
      });
    }
  });

  it('parses the content of an event object sent again, changed since, afresh', () => {
    const event = submitEvent('research', 'p-lead', {
      ...content.research,
      competitors: [],
    }) as Extract<RunEvent, { type: 'stage.submit' }>;
    const d = new Driver();
    expect(parsingContentOnce(() => d.trySend(event))).toBe(false);
    event.content = content.research;
    expect(parsingContentOnce(() => d.trySend(event))).toBe(true);
  });

  it('freezes approved content: a second submission of an approved stage is refused', () => {
    const d = new Driver().through('research');
    const frozen = d.context.stages.research.approved;
    expect(
      d.trySend(submitEvent('research', 'p-lead', { ...content.research, competitors: [] })),
    ).toBe(false);
    expect(d.context.stages.research.approved).toBe(frozen);
  });
});

describe('gate decisions', () => {
  it.each(STAGE_IDS)(
    'never lets the submitter decide on their own submission at the %s gate',
    (stage) => {
      // The lead here is the sales director, and every gate lets the sales director approve.
      const open = any('salesDirector', 'marketingHead', 'finance', 'generalManager');
      const policies = Object.fromEntries(STAGE_IDS.map((s) => [s, open])) as GatePolicies;
      const d = toReview(stage, new Driver(runInput({ leadId: 'p-sales', policies })));
      for (const decision of ['go', 'conditionalGo', 'recycle', 'hold', 'kill'] as const) {
        const event = decideEvent(stage, decision, 'p-sales');
        expect(d.trySend(event)).toBe(false);
        expect(checkEvent(d.context, event)?.code).toBe('selfDecision');
      }
    },
  );

  it('counts one vote per person toward an n-of-m quorum', () => {
    const d = toReview('goals');
    d.send(decideEvent('goals', 'go', 'p-sales'));
    expect(d.snapshot.matches({ goals: 'inReview' })).toBe(true);
    const again = decideEvent('goals', 'go', 'p-sales');
    expect(d.trySend(again)).toBe(false);
    expect(checkEvent(d.context, again)?.code).toBe('alreadyVoted');
    d.send(decideEvent('goals', 'go', 'p-gm'));
    expect(d.snapshot.matches({ strategy: 'drafting' })).toBe(true);
  });

  it('needs every listed role when the quorum is "all"', () => {
    const d = toReview('strategy');
    d.send(decideEvent('strategy', 'go', 'p-sales'));
    expect(d.snapshot.matches({ strategy: 'inReview' })).toBe(true);
    d.send(decideEvent('strategy', 'go', 'p-mkt'));
    expect(
      d.snapshot.matches({ operating: {} }) || d.snapshot.matches({ resources: 'drafting' }),
    ).toBe(true);
  });

  it('refuses people whose roles the gate does not list, naming the roles that may decide', () => {
    const d = toReview('resources');
    const event = decideEvent('resources', 'go', 'p-mkt');
    expect(d.trySend(event)).toBe(false);
    const refusal = checkEvent(d.context, event);
    expect(refusal?.code).toBe('roleNotPermitted');
    expect(refusal?.missingRoles).toContain('finance');
  });

  it('does not pass the budget gate without the veto role, however many others approve', () => {
    const d = toReview('resources');
    d.send(decideEvent('resources', 'go', 'p-sales')).send(decideEvent('resources', 'go', 'p-gm'));
    expect(d.snapshot.matches({ resources: 'inReview' })).toBe(true);
    d.send(decideEvent('resources', 'go', 'p-fin'));
    expect(d.snapshot.matches('operating')).toBe(true);
  });

  it('lets only the veto role kill the run at a gate that has one', () => {
    const d = toReview('resources');
    const byDirector = decideEvent('resources', 'kill', 'p-sales');
    expect(d.trySend(byDirector)).toBe(false);
    expect(checkEvent(d.context, byDirector)?.code).toBe('vetoRoleRequired');
    d.send(decideEvent('resources', 'kill', 'p-fin', { comment: 'Budget cut for the year' }));
    expect(d.snapshot.matches('cancelled')).toBe(true);
    expect(d.snapshot.status).toBe('done');
  });

  it('requires a comment for every decision but Go', () => {
    const d = toReview('research');
    for (const decision of ['conditionalGo', 'recycle', 'hold', 'kill'] as const) {
      const event = decideEvent('research', decision, 'p-mkt', { comment: '' });
      expect(d.trySend(event)).toBe(false);
      expect(checkEvent(d.context, event)?.code).toBe('commentRequired');
    }
  });

  it('keeps a killed run readable with who killed it and why', () => {
    const d = toReview('research').send(
      decideEvent('research', 'kill', 'p-mkt', { comment: 'Market closed' }),
    );
    expect(d.context.outcome).toMatchObject({
      kind: 'killed',
      by: 'p-mkt',
      reason: 'Market closed',
      stage: 'research',
    });
    expect(d.context.stages.research.submitted).not.toBeNull();
  });
});

describe('recycle', () => {
  it('sends the run back to an earlier stage, which must pass every gate again', () => {
    const d = toReview('strategy');
    d.send(
      decideEvent('strategy', 'recycle', 'p-sales', {
        recycleTo: 'research',
        comment: 'Survey sample too small',
      }),
    );
    expect(d.snapshot.matches({ research: 'drafting' })).toBe(true);
    expect(d.context.stages.research).toMatchObject({
      status: 'drafting',
      approved: null,
      recycles: 1,
    });
    expect(d.context.stages.goals.status).toBe('notStarted');
    expect(d.context.stages.strategy.status).toBe('notStarted');
    expect(d.context.transitions).toEqual([
      expect.objectContaining({
        kind: 'recycle',
        from: 'strategy',
        to: 'research',
        reason: 'Survey sample too small',
      }),
    ]);
    d.through('research', 'goals', 'strategy');
    expect(d.snapshot.matches({ resources: 'drafting' })).toBe(true);
  });

  it('can send a stage back to itself for rework', () => {
    const d = toReview('goals').send(
      decideEvent('goals', 'recycle', 'p-gm', { recycleTo: 'goals' }),
    );
    expect(d.snapshot.matches({ goals: 'drafting' })).toBe(true);
    expect(d.context.stages.goals.recycledBy).toMatchObject({ from: 'goals', by: 'p-gm' });
  });

  it('refuses a recycle to a later stage', () => {
    const d = toReview('goals');
    const event = decideEvent('goals', 'recycle', 'p-gm', { recycleTo: 'resources' });
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)?.code).toBe('invalidRecycleTarget');
  });
});

describe('hold and resume', () => {
  it('pauses the run and refuses decisions until it is resumed', () => {
    const d = toReview('goals').send(
      decideEvent('goals', 'hold', 'p-sales', { comment: 'Wait for the price study' }),
    );
    expect(d.snapshot.matches('onHold')).toBe(true);
    expect(d.trySend(decideEvent('goals', 'go', 'p-gm'))).toBe(false);
    d.send({
      type: 'run.resume',
      by: 'p-lead',
      roles: ['lead'],
      at: at(),
      reason: 'Price study is in',
    });
    expect(d.snapshot.matches({ goals: 'inReview' })).toBe(true);
    expect(d.context.stages.goals.votes).toEqual([]);
    d.pass('goals');
    expect(d.snapshot.matches({ strategy: 'drafting' })).toBe(true);
  });
  it('lets the lead or an approver of the held gate resume, and tells anyone else who can', () => {
    const d = toReview('goals').send(
      decideEvent('goals', 'hold', 'p-sales', { comment: 'Wait for the price study' }),
    );
    const resume = (by: string): RunEvent => ({
      type: 'run.resume',
      by,
      roles: person(by).roles,
      at: at(),
      reason: 'Price study is in',
    });
    const refusal = checkEvent(d.context, resume('p-am1'));
    expect(refusal).toMatchObject({ code: 'notLeadOrApprover', params: { stage: 'goals' } });
    expect(translateRefusal('en', refusal!)).toBe(
      'Only the strategy lead or an approver of the Goal setting gate can resume the run.',
    );
    expect(checkEvent(d.context, resume('p-gm'))).toBeNull();
    expect(checkEvent(d.context, resume('p-lead'))).toBeNull();
  });
});

describe('conditional go', () => {
  it('turns conditions into follow-ups that block evaluation until closed', () => {
    const d = toReview('research');
    d.send(
      decideEvent('research', 'conditionalGo', 'p-mkt', {
        conditions: ['Add two expert interviews'],
        comment: 'OK with one gap',
      }),
    );
    expect(d.snapshot.matches({ goals: 'drafting' })).toBe(true);
    expect(d.context.followUps).toEqual([
      expect.objectContaining({
        id: 'fu-1',
        stage: 'research',
        text: 'Add two expert interviews',
        closed: null,
      }),
    ]);
    d.through('goals', 'strategy', 'resources', 'execution', 'monitoring');
    const close = lead('execution.close', { acceptance: '' });
    expect(d.trySend(close)).toBe(false);
    expect(checkEvent(d.context, close)?.code).toBe('openItemsNeedAcceptance');
    d.send({
      type: 'followUp.close',
      by: 'p-lead',
      roles: ['lead'],
      at: at(),
      followUpId: 'fu-1',
      note: 'Interviews done',
    });
    d.send(close);
    expect(d.snapshot.matches({ evaluation: 'drafting' })).toBe(true);
  });

  it('refuses conditions at the evaluation gate, the last one', () => {
    const d = toReview('evaluation');
    const event = decideEvent('evaluation', 'conditionalGo', 'p-gm');
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)?.code).toBe('noConditionsAtFinalGate');
  });
});

describe('the monitoring loop', () => {
  const kpi = content.monitoring.kpis[0]!;

  it('records a green check-in without raising a risk', () => {
    const d = new Driver().toLive();
    d.send(checkIn(kpi.id, PERIOD.end, kpi.target ?? 0));
    expect(d.context.checkIns[0]).toMatchObject({ kpiId: kpi.id, health: 'green' });
    expect(d.context.risks).toEqual([]);
  });

  it('raises one risk alert for a red check-in, which needs a countermeasure and an owner to close', () => {
    const d = new Driver().toLive();
    const missing = checkIn(kpi.id, PERIOD.end, 0);
    expect(d.trySend(missing)).toBe(false);
    expect(checkEvent(d.context, missing)?.code).toBe('reasonRequired');
    d.send(checkIn(kpi.id, PERIOD.end, 0, 'Storms in East China cut offline visits by 30%'));
    d.send(checkIn(kpi.id, PERIOD.end, 0, 'Still behind'));
    expect(d.context.risks).toHaveLength(1);
    expect(d.context.risks[0]).toMatchObject({
      status: 'open',
      severity: 'high',
      trigger: { kind: 'checkIn', kpiId: kpi.id },
    });
    const close = (countermeasure: string, ownerId: string | null): RunEvent => ({
      type: 'risk.update',
      by: 'p-lead',
      roles: ['lead'],
      at: at(),
      riskId: 'risk-1',
      countermeasure,
      ownerId,
      due: null,
      status: 'closed',
    });
    expect(d.trySend(close('', null))).toBe(false);
    d.send(close('Switch to online visits and send trial packs', 'p-am1'));
    expect(d.context.risks[0]?.status).toBe('closed');
  });

  it('refuses a check-in dated outside the period', () => {
    const d = new Driver().toLive();
    const event = checkIn(kpi.id, '2024-10-01', 1);
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)?.code).toBe('dateOutsidePeriod');
  });

  it('replans through strategy and resources, then resumes operating where it was', () => {
    const d = new Driver().toLive();
    d.send(checkIn(kpi.id, PERIOD.end, 0, 'Competitor cut prices by 15%'));
    d.send(lead('replan.escalate', { target: 'strategy', reason: 'Answer the price cut' }));
    expect(d.snapshot.matches({ strategy: 'drafting' })).toBe(true);
    expect(d.context.stages.resources.status).toBe('notStarted');
    expect(d.context.stages.execution.status).toBe('approved');
    d.through('strategy', 'resources');
    expect(
      d.snapshot.matches({ operating: { execution: 'approved', monitoring: 'approved' } }),
    ).toBe(true);
    expect(d.context.checkIns).toHaveLength(1);
    expect(d.context.transitions.filter((t) => t.kind === 'replan')).toHaveLength(1);
  });

  it('needs an explicit acceptance to close execution with an open critical risk', () => {
    const d = new Driver().toLive();
    d.send({
      type: 'risk.raise',
      by: 'p-am1',
      roles: ['accountManager'],
      at: at(),
      description: 'Key customer lost',
      severity: 'critical',
      countermeasure: '',
      ownerId: null,
      due: null,
    });
    expect(d.trySend(lead('execution.close', { acceptance: '' }))).toBe(false);
    d.send(
      lead('execution.close', { acceptance: 'Accepted: the customer moved budget to next year' }),
    );
    expect(d.context.executionClosed?.acceptance).toMatch(/Accepted/);
  });

  it('refuses to close execution before both operating plans are approved', () => {
    const d = new Driver().toOperating().through('execution');
    const event = lead('execution.close', { acceptance: '' });
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)).toMatchObject({
      code: 'stageNotApproved',
      params: { stage: 'monitoring' },
    });
  });

  it('lets only the owner or the lead move a task', () => {
    const d = new Driver().toLive();
    const task = content.execution.tasks[0]!;
    const stranger = task.ownerId === 'p-am2' ? 'p-am1' : 'p-am2';
    const move = (by: string): RunEvent => ({
      type: 'task.progress',
      by,
      roles: person(by).roles,
      at: at(),
      taskId: task.id,
      status: 'done',
    });
    expect(d.trySend(move(stranger))).toBe(false);
    d.send(move(task.ownerId ?? 'p-lead'));
    expect(d.context.taskProgress[task.id]?.status).toBe('done');
  });
});

describe('meeting notes while operating', () => {
  const meeting = content.execution.meetings[0]!;
  const note = (
    by: string,
    extra: { meetingId?: string; date?: string; decisions?: string } = {},
  ): RunEvent => ({
    type: 'meeting.note',
    by,
    roles: person(by).roles,
    at: at(),
    meetingId: extra.meetingId ?? meeting.id,
    date: extra.date ?? PERIOD.start,
    decisions: extra.decisions ?? 'Move ¥50k from the trade show to live streams',
    attendeeIds: ['p-lead', 'p-mkt', 'p-sales'],
  });

  it('records the notes of a plan meeting beside the approved plan, which stays as approved', () => {
    const d = new Driver().toLive();
    const plan = d.context.stages.execution.approved;
    d.send(note('p-mkt'));
    expect(d.context.meetingNotes).toEqual([
      {
        id: 'mn-1',
        meetingId: meeting.id,
        date: PERIOD.start,
        decisions: 'Move ¥50k from the trade show to live streams',
        attendeeIds: ['p-lead', 'p-mkt', 'p-sales'],
        by: 'p-mkt',
        at: expect.any(String),
      },
    ]);
    expect(d.context.stages.execution.approved).toBe(plan);
  });

  it('takes notes from the lead and from people with a part in the plan, not from others', () => {
    const d = new Driver().toLive();
    d.send(note('p-lead')).send(note('p-product'));
    const outsider = note('p-gm');
    expect(d.trySend(outsider)).toBe(false);
    expect(checkEvent(d.context, outsider)?.code).toBe('notOnRunTeam');
    expect(d.context.meetingNotes.map((n) => n.by)).toEqual(['p-lead', 'p-product']);
  });

  it('refuses notes of a meeting that is not in the approved plan, naming it', () => {
    const d = new Driver().toLive();
    const event = note('p-lead', { meetingId: 'm-monday' });
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)).toMatchObject({
      code: 'unknownMeeting',
      messageKey: 'refusal.unknownMeeting',
      params: { meetingId: 'm-monday' },
    });
  });

  it('refuses a note without decisions', () => {
    const d = new Driver().toLive();
    const event = note('p-lead', { decisions: '' });
    expect(d.trySend(event)).toBe(false);
    expect(checkEvent(d.context, event)?.code).toBe('decisionsRequired');
  });

  it('refuses a meeting dated outside the period or after the day it is recorded', () => {
    const d = new Driver().toLive();
    const before = note('p-lead', { date: '2024-06-28' });
    const ahead = note('p-lead', { date: '2024-07-05' });
    expect(d.trySend(before)).toBe(false);
    expect(checkEvent(d.context, before)?.code).toBe('noteDateOutsidePeriod');
    expect(d.trySend(ahead)).toBe(false);
    expect(checkEvent(d.context, ahead)?.code).toBe('noteDateInFuture');
  });

  it('takes notes only while the approved execution plan is operating', () => {
    const drafting = new Driver().toOperating();
    expect(drafting.trySend(note('p-lead'))).toBe(false);
    const closed = new Driver().toLive().send(lead('execution.close', { acceptance: '' }));
    expect(closed.trySend(note('p-lead'))).toBe(false);
  });

  it('keeps the notes through a replan and takes more once operating resumes', () => {
    const d = new Driver().toLive().send(note('p-am1'));
    d.send(lead('replan.escalate', { target: 'resources', reason: 'Move budget online' }));
    expect(d.trySend(note('p-am1'))).toBe(false);
    d.through('resources').send(note('p-am1'));
    expect(d.context.meetingNotes.map((n) => n.id)).toEqual(['mn-1', 'mn-2']);
  });
});

describe('next cycle', () => {
  it('links a completed run to the run that follows it, once', () => {
    const d = toReview('evaluation').pass('evaluation');
    const link = (childRunId: string): RunEvent => ({
      type: 'cycle.link',
      by: 'p-lead',
      roles: ['lead'],
      at: at(),
      childRunId,
    });
    d.send(link('run-2'));
    expect(d.context.childRunId).toBe('run-2');
    expect(d.trySend(link('run-3'))).toBe(false);
  });
});

describe('the demo team', () => {
  it.each(STAGE_IDS)('can pass the %s gate without the lead', (stage) => {
    const d = toReview(stage);
    expect(approversFor(d.snapshot, stage)).not.toContain('p-lead');
  });
});
