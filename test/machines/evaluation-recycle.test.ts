import { describe, it, expect } from 'vitest';
import { checkEvent, isOperating, recycleTargets } from '../../machines/run-rules';
import type { RunEvent } from '../../machines/events';
import { approvedContent } from '../../machines/run-context';
import type { StageId } from '../../src/domain/stages';
import { Driver, decideEvent, person, at, closeExecutionEvent, runInput } from '../support/driver';

const closeExecution = (d: Driver): RunEvent => closeExecutionEvent(d.context.leadId);

/** A run under the given gate rules whose evaluation is in review. */
function evaluationInReview(rulesVersion?: number): Driver {
  const d = new Driver(runInput(rulesVersion ? { rulesVersion } : {})).toLive();
  d.send(closeExecution(d));
  return d.submit('evaluation');
}

const sendBack = (to: StageId) =>
  decideEvent('evaluation', 'recycle', 'p-gm', { recycleTo: to, comment: 'Not good enough yet' });

describe('the evaluation gate sending a run back', () => {
  it('may send it to any earlier stage, execution and monitoring included', () => {
    expect(recycleTargets(evaluationInReview().context, 'evaluation')).toEqual([
      'research',
      'goals',
      'strategy',
      'resources',
      'execution',
      'monitoring',
      'evaluation',
    ]);
  });

  it('still never lets execution and monitoring send the run to each other', () => {
    const d = new Driver().toLive();
    expect(recycleTargets(d.context, 'execution')).not.toContain('monitoring');
    expect(recycleTargets(d.context, 'monitoring')).not.toContain('execution');
  });

  for (const target of ['execution', 'monitoring'] as const) {
    it(`to ${target}: the run operates again with that plan drafted, and the evaluation starts over`, () => {
      const d = evaluationInReview();
      d.send(sendBack(target));
      expect(d.snapshot.matches({ operating: { [target]: 'drafting' } })).toBe(true);
      expect(isOperating(d.context)).toBe(true);
      expect(d.context.executionClosed).toBeNull();
      expect(d.context.stages.evaluation).toMatchObject({ status: 'notStarted', votes: [] });
    });
  }

  it('to strategy: once the plans pass again the run operates, can be closed and evaluated afresh', () => {
    const d = evaluationInReview();
    d.send(sendBack('strategy'));
    expect(d.snapshot.matches({ strategy: 'drafting' })).toBe(true);
    expect(d.context.stages.evaluation.status).toBe('notStarted');
    d.submit('strategy').pass('strategy').submit('resources').pass('resources');
    expect(d.snapshot.matches('operating')).toBe(true);
    expect(isOperating(d.context)).toBe(true);
    expect(d.context.executionClosed).toBeNull();
    d.send(closeExecution(d));
    d.submit('evaluation').pass('evaluation');
    expect(d.context.outcome?.kind).toBe('completed');
  });

  it('to itself: the evaluation is drafted again and execution stays closed', () => {
    const d = evaluationInReview();
    d.send(sendBack('evaluation'));
    expect(d.snapshot.matches({ evaluation: 'drafting' })).toBe(true);
    expect(d.context.executionClosed).not.toBeNull();
  });
});

describe('a run created under gate rules 2', () => {
  it('keeps them: the evaluation cannot send it to execution, and a recycle to strategy replays as it was accepted', () => {
    const d = evaluationInReview(2);
    expect(checkEvent(d.context, sendBack('execution'))?.code).toBe('invalidRecycleTarget');
    d.send(sendBack('strategy'));
    expect(d.context.stages.evaluation.status).toBe('inReview');
    expect(d.context.executionClosed).not.toBeNull();
  });

  it('counts as operating once its plans pass again, so its lead can close execution', () => {
    const d = evaluationInReview(2);
    d.send(sendBack('strategy'));
    d.submit('strategy').pass('strategy').submit('resources').pass('resources');
    expect(isOperating(d.context)).toBe(true);
    expect(d.trySend(closeExecution(d))).toBe(true);
    expect(d.snapshot.matches({ evaluation: 'drafting' })).toBe(true);
  });
});

describe('dates a person reports', () => {
  const checkIn = (d: Driver, date: string, recordedAt: string): RunEvent => {
    const kpi = approvedContent(d.context, 'monitoring')!.kpis[0]!;
    return {
      type: 'kpi.checkIn',
      by: 'p-am1',
      roles: person('p-am1').roles,
      at: recordedAt,
      kpiId: kpi.id,
      date,
      value: kpi.target ?? 0,
      source: kpi.source,
      reason: '',
    };
  };

  it('refuse a check-in for a day still ahead everywhere (rules 3 on)', () => {
    const d = new Driver().toLive();
    const refusal = checkEvent(d.context, checkIn(d, '2024-07-20', '2024-07-15T09:00:00.000Z'));
    expect(refusal?.code).toBe('checkInDateInFuture');
  });

  it("accept today's figure reported early in the morning east of UTC", () => {
    // 07:00 on 16 July in Beijing is still 15 July in UTC.
    const d = new Driver().toLive();
    expect(checkEvent(d.context, checkIn(d, '2024-07-16', '2024-07-15T23:00:00.000Z'))).toBeNull();
  });

  it('leave a rules-2 run accepting what it accepted', () => {
    const d = new Driver(runInput({ rulesVersion: 2 })).toLive();
    expect(checkEvent(d.context, checkIn(d, '2024-07-20', '2024-07-15T09:00:00.000Z'))).toBeNull();
  });
});

describe('closing a follow-up (rules 3 on)', () => {
  /** Research passed with a condition set by the marketing head. */
  function withFollowUp(rulesVersion?: number): Driver {
    const d = new Driver(runInput(rulesVersion ? { rulesVersion } : {})).submit('research');
    return d.send(
      decideEvent('research', 'conditionalGo', 'p-mkt', {
        conditions: ['Add two expert interviews'],
        comment: 'One gap',
      }),
    );
  }
  const close = (by: string): RunEvent => ({
    type: 'followUp.close',
    by,
    roles: person(by).roles,
    at: at(),
    followUpId: 'fu-1',
    note: 'Two interviews held',
  });

  it('is for the lead, whoever set the condition, or an approver of that gate', () => {
    const d = withFollowUp();
    expect(checkEvent(d.context, close('p-lead'))).toBeNull();
    expect(checkEvent(d.context, close('p-mkt'))).toBeNull();
    expect(checkEvent(d.context, close('p-sales'))).toBeNull(); // research approver
  });

  it('is refused to anyone else, saying who may close it', () => {
    const d = withFollowUp();
    expect(checkEvent(d.context, close('p-am1'))).toMatchObject({
      code: 'notFollowUpOwner',
      params: { stage: 'research' },
    });
  });

  it('stays open to anyone on a rules-2 run, as it was accepted then', () => {
    expect(checkEvent(withFollowUp(2).context, close('p-am1'))).toBeNull();
  });
});

describe('a meeting note’s date', () => {
  /** The Friday sync of the approved plan, noted by the lead, dated `date`, recorded `at`. */
  const note = (d: Driver, date: string, recordedAt: string): RunEvent => ({
    type: 'meeting.note',
    by: d.context.leadId,
    roles: person(d.context.leadId).roles,
    at: recordedAt,
    meetingId: approvedContent(d.context, 'execution')!.meetings[0]!.id,
    date,
    decisions: 'Shift two visits online',
    attendeeIds: [],
  });

  it('may be today in Beijing while it is still yesterday in UTC (rules 3 on)', () => {
    const d = new Driver().toLive();
    expect(checkEvent(d.context, note(d, '2024-07-16', '2024-07-15T23:00:00.000Z'))).toBeNull();
  });

  it('keeps the UTC day on a rules-2 run, as it was accepted then', () => {
    const d = new Driver(runInput({ rulesVersion: 2 })).toLive();
    expect(checkEvent(d.context, note(d, '2024-07-16', '2024-07-15T23:00:00.000Z'))?.code).toBe(
      'noteDateInFuture',
    );
  });
});
