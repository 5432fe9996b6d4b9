import type * as z from 'zod';
import {
  type Problem,
  isApproving,
  mayDecide,
  approvalsCounted,
  missingRoles,
  quorumReached,
} from '../src/domain/gate';
import type { Role } from '../src/domain/people';
import { parsedReadiness, rulesFrom, type GateContext } from '../src/domain/readiness';
import { assessCheckIn, pacePeriod } from '../src/domain/kpi';
import { measuredActuals } from '../src/domain/results';
import { dateOf, isWithin, personsDayAt, type Period } from '../src/domain/time';
import {
  STAGE_IDS,
  type StageId,
  isOperatingStage,
  stageStep,
  PLANNING_STAGES,
} from '../src/domain/stages';
import {
  type Kpi,
  type StageContentMap,
  MeetingNoteSchema,
  STAGE_CONTENT_SCHEMAS,
} from '../src/domain/content';
import type { EventOf, RunEvent, DecideEvent, SubmitEvent } from './events';
import { type RunContext, type StageRecord, type CastVote, approvedContent } from './run-context';

/**
 * Why the run refuses an event. Guards answer yes/no from these same checks, and the engine and
 * the UI show the refusal, so what a person is told is exactly what the machine decided.
 */
export interface Refusal {
  code: string;
  /** The machine guard that said no. */
  guard: string;
  messageKey: string;
  params: Record<string, string | number>;
  /** Gate problems, when the stage is not ready. */
  problems: Problem[];
  /** Roles that would be allowed, when the actor's roles are not. */
  missingRoles: Role[];
}

function refuse(
  code: string,
  guard: string,
  extra: Partial<Pick<Refusal, 'params' | 'problems' | 'missingRoles'>> = {},
): Refusal {
  return {
    code,
    guard,
    messageKey: `refusal.${code}`,
    params: extra.params ?? {},
    problems: extra.problems ?? [],
    missingRoles: extra.missingRoles ?? [],
  };
}

/**
 * The context a stage's gate is checked in: period, approved goals and strategy, the run's rules,
 * and for the evaluation each goal's actual as its KPI measured it.
 */
export function gateContextFor(
  context: RunContext,
  stage: StageId,
  personIds: readonly string[] | null = null,
): GateContext {
  const goals = stage === 'goals' ? [] : (approvedContent(context, 'goals')?.goals ?? []);
  const kpis = approvedContent(context, 'monitoring')?.kpis ?? [];
  return {
    period: context.period,
    goals,
    strategy: approvedContent(context, 'strategy'),
    personIds,
    rulesVersion: context.rulesVersion,
    ...(stage === 'evaluation'
      ? {
          measured: measuredActuals(goals, kpis, context.checkIns),
          openFollowUps: context.followUps
            .filter((f) => f.closed === null)
            .map((f) => ({ id: f.id, text: f.text, stage: f.stage })),
        }
      : {}),
  };
}

/**
 * True while the run operates: check-ins, task progress and closing execution are open. `current`
 * is execution only then (closing execution moves it on), so a run whose evaluation sent it back
 * under rules 2, and that passed its plans again, counts as operating despite its old close.
 */
export function isOperating(context: RunContext): boolean {
  return context.current === 'execution' && context.outcome === null && !context.hold;
}

/**
 * Whether KPI figures are taken as final figures: execution is closed and the evaluation is being
 * drafted (a quarter's total is known only after it ends). They raise no alert.
 */
export function takesFinalFigures(context: RunContext): boolean {
  return (
    context.current === 'evaluation' &&
    context.stages.evaluation.status === 'drafting' &&
    context.outcome === null &&
    !context.hold
  );
}

/**
 * What closing execution must face: open follow-ups, open critical risks, and from rules 4 the
 * other open risks still without a countermeasure or an owner (a red check-in's alert needs
 * both).
 */
export function openItems(context: RunContext): {
  followUps: number;
  criticalRisks: number;
  unhandledRisks: number;
} {
  const open = context.risks.filter((r) => r.status !== 'closed');
  return {
    followUps: context.followUps.filter((f) => f.closed === null).length,
    criticalRisks: open.filter((r) => r.severity === 'critical').length,
    unhandledRisks: rulesFrom(context, 4)
      ? open.filter(
          (r) =>
            r.severity !== 'critical' && (r.countermeasure.trim() === '' || r.ownerId === null),
        ).length
      : 0,
  };
}

/**
 * True when closing execution at `at` comes before the period is over (rules 4 on): the lead's
 * "today" (`todayFor`) is not after its last day. The evaluation compares figures after the
 * period ends.
 */
export function closesEarly(context: RunContext, at: string, utcOffset?: number): boolean {
  return rulesFrom(context, 4) && todayFor(context, at, utcOffset) <= context.period.end;
}

/**
 * What the acting person calls today at `at`: from rules 7 the date on their clock where the event
 * recorded it (`personsDayAt`), before that (or without it) the latest calendar day anywhere.
 */
function todayFor(context: RunContext, at: string, utcOffset: number | undefined): string {
  return personsDayAt(at, rulesFrom(context, 7) ? utcOffset : undefined);
}

/** Why closing execution at `at` needs a written acceptance; empty when it needs none. */
export function closeNeedsAcceptance(
  context: RunContext,
  at: string,
  utcOffset?: number,
): { openItems: boolean; early: boolean } {
  const open = openItems(context);
  return {
    openItems: open.followUps > 0 || open.criticalRisks > 0 || open.unhandledRisks > 0,
    early: closesEarly(context, at, utcOffset),
  };
}

/**
 * Whether the lead may submit `stage` with this content. `personIds`, the workspace's people, is
 * known to the engine, not the machine: with it, owners named in the plan must be among them.
 */
export function checkSubmit(
  context: RunContext,
  event: SubmitEvent,
  stage: StageId,
  personIds: readonly string[] | null = null,
): Refusal | null {
  if (event.stage !== stage) return refuse('wrongStage', 'isThisStage', { params: { stage } });
  if (event.by !== context.leadId) return refuse('notLead', 'isLead');
  const problems = parsedReadiness(
    stage,
    submittedContent(event),
    gateContextFor(context, stage, personIds),
  );
  if (problems.length > 0) return refuse('notReady', 'gateReady', { problems });
  if (
    stage === 'evaluation' &&
    openItems(context).followUps > 0 &&
    !context.executionClosed?.acceptance
  ) {
    return refuse('followUpsOpen', 'followUpsClosed', {
      params: { count: openItems(context).followUps },
    });
  }
  return null;
}

/**
 * Where a recycle at `stage`'s gate may send the run: back to this stage or an earlier one.
 * Execution and monitoring share a step, so neither sends the run to the other (that would skip
 * its gate); from the evaluation both are earlier (rules 3 on, see GATE_RULES_VERSION).
 */
export function recycleTargets(
  context: Pick<RunContext, 'rulesVersion'>,
  stage: StageId,
): StageId[] {
  const fromEvaluation = stage === 'evaluation' && rulesFrom(context, 3);
  return STAGE_IDS.filter(
    (s) =>
      stageStep(s) <= stageStep(stage) && (!isOperatingStage(s) || s === stage || fromEvaluation),
  );
}

/** What a permitted decision does to the gate. */
export type DecisionOutcome = 'pass' | 'vote' | 'recycle' | 'hold' | 'kill';

export function checkDecide(
  context: RunContext,
  event: DecideEvent,
  stage: StageId,
): Refusal | null {
  if (event.stage !== stage) return refuse('wrongStage', 'isThisStage', { params: { stage } });
  const record = context.stages[stage];
  const policy = context.policies[stage];
  if (event.by === record.submittedBy) return refuse('selfDecision', 'notSubmitter');
  if (!mayDecide(policy, event.roles)) {
    const allowed = policy.vetoRole ? [...policy.roles, policy.vetoRole] : [...policy.roles];
    return refuse('roleNotPermitted', 'hasGateRole', { missingRoles: [...new Set(allowed)] });
  }
  if (record.votes.some((v) => v.by === event.by))
    return refuse('alreadyVoted', 'oneVotePerPerson');
  if (event.decision !== 'go' && event.comment.length === 0) {
    return refuse('commentRequired', 'hasComment', { params: { decision: event.decision } });
  }
  if (event.decision === 'conditionalGo') {
    if (event.conditions.length === 0) return refuse('conditionsRequired', 'hasConditions');
    if (stage === 'evaluation') return refuse('noConditionsAtFinalGate', 'notFinalGate');
  } else if (rulesFrom(context, 5) && event.conditions.length > 0) {
    // Conditions become follow-ups only through a Conditional Go (rules 5 on): under a plain Go
    // they were tracked though nobody chose to set them, even after the last gate.
    return refuse('conditionsOnlyWithConditionalGo', 'conditionsOnlyWithConditionalGo', {
      params: { decision: event.decision },
    });
  }
  if (
    event.decision === 'recycle' &&
    (event.recycleTo === null || !recycleTargets(context, stage).includes(event.recycleTo))
  ) {
    return refuse('invalidRecycleTarget', 'recycleToEarlierStage', { params: { stage } });
  }
  if (event.decision === 'kill' && policy.vetoRole && !event.roles.includes(policy.vetoRole)) {
    return refuse('vetoRoleRequired', 'hasVetoRole', { missingRoles: [policy.vetoRole] });
  }
  return null;
}

/** The effect of a decision that `checkDecide` allowed. */
export function decisionOutcome(context: RunContext, event: DecideEvent): DecisionOutcome {
  if (!isApproving(event.decision)) return event.decision as 'recycle' | 'hold' | 'kill';
  const votes = [...context.stages[event.stage].votes, event];
  return quorumReached(context.policies[event.stage], votes, rulesFrom(context, 4))
    ? 'pass'
    : 'vote';
}

/** Missing roles before the gate can pass, shown as "Finance must approve the budget gate". */
export function gateMissingRoles(context: RunContext, stage: StageId): Role[] {
  return missingRoles(context.policies[stage], context.stages[stage].votes, rulesFrom(context, 4));
}

/** Approvals counted toward the gate's quorum, by the run's rules ("1 of 2 approvals"). */
export function gateApprovalsCounted(context: RunContext, stage: StageId): number {
  return approvalsCounted(
    context.policies[stage],
    context.stages[stage].votes,
    rulesFrom(context, 4),
  );
}

/**
 * The span `kpi`'s pace runs over in this run: up to its goal's deadline when that comes before
 * the period ends (gate rules 5 on), else the whole period.
 */
export function kpiPacePeriod(context: RunContext, kpi: Kpi): Period {
  if (!rulesFrom(context, 5)) return context.period;
  return pacePeriod(kpi, approvedContent(context, 'goals')?.goals ?? [], context.period);
}

export function checkCheckIn(context: RunContext, event: EventOf<'kpi.checkIn'>): Refusal | null {
  const kpi = approvedContent(context, 'monitoring')?.kpis.find((k) => k.id === event.kpiId);
  if (!kpi) return refuse('unknownKpi', 'kpiExists', { params: { kpiId: event.kpiId } });
  // Rules 4 on: figures come from the people running the plan, and money in whole fen, since the
  // latest figure becomes the goal's result.
  if (!mayReportFigures(context, event.by)) return refuse('checkInNotOnRunTeam', 'isOnRunTeam');
  if (rulesFrom(context, 4) && kpi.unit === 'CNY' && !Number.isInteger(event.value)) {
    return refuse('checkInNotInFen', 'figureInFen');
  }
  if (event.date < context.period.start || event.date > context.period.end) {
    return refuse('dateOutsidePeriod', 'dateInPeriod', { params: { date: event.date } });
  }
  // A figure for a day still ahead would become the goal's measured result (rules 3 on).
  if (rulesFrom(context, 3) && event.date > todayFor(context, event.at, event.utcOffset)) {
    return refuse('checkInDateInFuture', 'checkInDateNotAhead', { params: { date: event.date } });
  }
  const { health } = assessCheckIn(
    kpi,
    event.value,
    event.date,
    kpiPacePeriod(context, kpi),
    rulesFrom(context, 5),
  );
  if (health !== 'green' && event.reason.length === 0)
    return refuse('reasonRequired', 'hasGapReason');
  return null;
}

export function checkTaskProgress(
  context: RunContext,
  event: EventOf<'task.progress'>,
): Refusal | null {
  const task = approvedContent(context, 'execution')?.tasks.find((t) => t.id === event.taskId);
  if (!task) return refuse('unknownTask', 'taskExists', { params: { taskId: event.taskId } });
  if (event.by !== task.ownerId && event.by !== context.leadId)
    return refuse('notTaskOwner', 'isTaskOwner');
  return null;
}

/**
 * True when `personId` has a part in the plan: the lead, an owner named in the approved resources
 * or the owner of an approved task. They are the ones who meet and report while the plan runs.
 * Checked on every check-in of a replay: no set is built.
 */
export function onRunTeam(context: RunContext, personId: string): boolean {
  return (
    personId === context.leadId ||
    (approvedContent(context, 'resources')?.owners.some((o) => o.personId === personId) ?? false) ||
    (approvedContent(context, 'execution')?.tasks.some((t) => t.ownerId === personId) ?? false)
  );
}

/** May `personId` report KPI figures? From rules 4 only the run's team (`runTeam`) may. */
export function mayReportFigures(context: RunContext, personId: string): boolean {
  return !rulesFrom(context, 4) || onRunTeam(context, personId);
}

/**
 * May `personId` update `risk`? From rules 4: anyone on the run's team, whoever raised the risk
 * and its owner. Before, anyone could.
 */
export function mayUpdateRisk(
  context: RunContext,
  risk: Pick<RunContext['risks'][number], 'raisedBy' | 'ownerId'>,
  personId: string,
): boolean {
  return (
    !rulesFrom(context, 4) ||
    onRunTeam(context, personId) ||
    personId === risk.raisedBy ||
    personId === risk.ownerId
  );
}

/** May `personId` own a risk? From rules 4 only someone on the run's team. */
export function mayOwnRisk(context: RunContext, personId: string): boolean {
  return !rulesFrom(context, 4) || onRunTeam(context, personId);
}

/**
 * The latest date a meeting note recorded at `at` may carry: from rules 3 the writer's "today"
 * (`todayFor`); rules 1–2 took the UTC date, and keep it.
 */
export function latestNoteDate(context: RunContext, at: string, utcOffset?: number): string {
  return rulesFrom(context, 3) ? todayFor(context, at, utcOffset) : dateOf(at);
}

/**
 * A meeting's notes: for a meeting of the approved plan, by someone on the run's team (as task
 * progress comes from its owner or the lead), dated inside the period and not after the day it is
 * recorded, and a note MeetingNoteSchema accepts (decisions written down).
 */
export function checkMeetingNote(
  context: RunContext,
  event: EventOf<'meeting.note'>,
): Refusal | null {
  const meeting = approvedContent(context, 'execution')?.meetings.find(
    (m) => m.id === event.meetingId,
  );
  if (!meeting) {
    return refuse('unknownMeeting', 'meetingExists', { params: { meetingId: event.meetingId } });
  }
  if (!onRunTeam(context, event.by)) return refuse('notOnRunTeam', 'isOnRunTeam');
  if (!isWithin(event.date, context.period)) {
    return refuse('noteDateOutsidePeriod', 'noteDateInPeriod', {
      params: { date: event.date, start: context.period.start, end: context.period.end },
    });
  }
  if (event.date > latestNoteDate(context, event.at, event.utcOffset)) {
    return refuse('noteDateInFuture', 'noteDateNotAhead', { params: { date: event.date } });
  }
  if (!MeetingNoteSchema.safeParse({ date: event.date, decisions: event.decisions }).success) {
    return refuse('decisionsRequired', 'hasDecisions', { params: { title: meeting.title } });
  }
  return null;
}

export function checkRiskUpdate(
  context: RunContext,
  event: EventOf<'risk.update'>,
): Refusal | null {
  const risk = context.risks.find((r) => r.id === event.riskId);
  if (!risk) return refuse('unknownRisk', 'riskExists', { params: { riskId: event.riskId } });
  if (risk.status === 'closed') return refuse('riskClosed', 'riskOpen');
  if (!mayUpdateRisk(context, risk, event.by)) return refuse('riskNotOnRunTeam', 'isOnRunTeam');
  // A new owner must be on the team; one already named (before a replan changed the team) stays.
  if (
    event.ownerId !== null &&
    event.ownerId !== risk.ownerId &&
    !mayOwnRisk(context, event.ownerId)
  ) {
    return refuse('riskOwnerNotOnRunTeam', 'riskOwnerOnRunTeam');
  }
  if (event.status === 'closed' && (event.countermeasure.length === 0 || event.ownerId === null)) {
    return refuse('countermeasureRequired', 'hasCountermeasure');
  }
  return null;
}

/** A risk raised by hand: from rules 4, an owner named with it is on the run's team. */
export function checkRiskRaise(context: RunContext, event: EventOf<'risk.raise'>): Refusal | null {
  if (event.ownerId !== null && !mayOwnRisk(context, event.ownerId)) {
    return refuse('riskOwnerNotOnRunTeam', 'riskOwnerOnRunTeam');
  }
  return null;
}

export function checkReplan(
  context: RunContext,
  event: EventOf<'replan.escalate'>,
): Refusal | null {
  if (event.by !== context.leadId) return refuse('notLead', 'isLead');
  return null;
}

export function checkCloseExecution(
  context: RunContext,
  event: EventOf<'execution.close'>,
): Refusal | null {
  if (event.by !== context.leadId) return refuse('notLead', 'isLead');
  for (const stage of ['execution', 'monitoring'] as const) {
    if (context.stages[stage].status !== 'approved') {
      return refuse('stageNotApproved', 'operatingApproved', { params: { stage } });
    }
  }
  const needs = closeNeedsAcceptance(context, event.at, event.utcOffset);
  if (needs.openItems && event.acceptance.length === 0) {
    const open = openItems(context);
    return refuse(
      open.unhandledRisks > 0 ? 'unhandledItemsNeedAcceptance' : 'openItemsNeedAcceptance',
      'openItemsAccepted',
      { params: { ...open } },
    );
  }
  if (needs.early && event.acceptance.length === 0) {
    return refuse('earlyCloseNeedsAcceptance', 'earlyCloseAccepted', {
      params: { end: context.period.end },
    });
  }
  return null;
}

export function checkFollowUpClose(
  context: RunContext,
  event: EventOf<'followUp.close'>,
): Refusal | null {
  const followUp = context.followUps.find((f) => f.id === event.followUpId);
  if (!followUp) return refuse('unknownFollowUp', 'followUpExists');
  if (followUp.closed) return refuse('followUpClosed', 'followUpOpen');
  // Rules 3 on: closed by the lead, whoever set the condition, or an approver of that gate.
  if (
    rulesFrom(context, 3) &&
    event.by !== context.leadId &&
    event.by !== followUp.raisedBy &&
    !event.roles.some((r) => context.policies[followUp.stage].roles.includes(r))
  ) {
    return refuse('notFollowUpOwner', 'mayCloseFollowUp', { params: { stage: followUp.stage } });
  }
  return null;
}

export function checkResume(context: RunContext, event: EventOf<'run.resume'>): Refusal | null {
  if (
    event.by !== context.leadId &&
    !event.roles.some((r) => context.policies[context.hold?.stage ?? 'research'].roles.includes(r))
  ) {
    return refuse('notLeadOrApprover', 'isLeadOrApprover', {
      params: { stage: context.hold?.stage ?? 'research' },
    });
  }
  return null;
}

export function checkLinkCycle(context: RunContext, event: EventOf<'cycle.link'>): Refusal | null {
  if (event.by !== context.leadId) return refuse('notLead', 'isLead');
  if (context.childRunId !== null) return refuse('alreadyLinked', 'notYetLinked');
  return null;
}

/** Refusal for any event, given only the context; the state-dependent part is the machine's. */
export function checkEvent(context: RunContext, event: RunEvent): Refusal | null {
  switch (event.type) {
    case 'stage.submit':
      return checkSubmit(context, event, event.stage);
    case 'gate.decide':
      return checkDecide(context, event, event.stage);
    case 'run.resume':
      return checkResume(context, event);
    case 'followUp.close':
      return checkFollowUpClose(context, event);
    case 'task.progress':
      return checkTaskProgress(context, event);
    case 'meeting.note':
      return checkMeetingNote(context, event);
    case 'kpi.checkIn':
      return checkCheckIn(context, event);
    case 'risk.raise':
      return checkRiskRaise(context, event);
    case 'risk.update':
      return checkRiskUpdate(context, event);
    case 'replan.escalate':
      return checkReplan(context, event);
    case 'execution.close':
      return checkCloseExecution(context, event);
    case 'cycle.link':
      return checkLinkCycle(context, event);
  }
}

// Reducers: each returns a new context; the machine's actions are thin wrappers around them. ---

function withStage(context: RunContext, stage: StageId, patch: Partial<StageRecord>): RunContext {
  return {
    ...context,
    stages: { ...context.stages, [stage]: { ...context.stages[stage], ...patch } },
  };
}

/**
 * The submit being transitioned and its content parsed with its stage's schema, while
 * `parsingContentOnce` runs: the guard checks the parse and the action stores it, where each parse
 * copies the whole content (a sixth of a large import's replay). Outside it, each parses.
 */
let lastSubmit: { event: SubmitEvent; parsed: z.ZodSafeParseResult<unknown> } | null = null;
let parsingOnce = false;

/**
 * Runs one event's transition (`transition`) with a submit's content parsed once for its guard
 * and its action. Scoped to the call, so an event object sent again later, its content changed
 * meanwhile, is parsed again.
 */
export function parsingContentOnce<T>(transition: () => T): T {
  const outer = parsingOnce;
  parsingOnce = true;
  try {
    return transition();
  } finally {
    parsingOnce = outer;
    if (!outer) lastSubmit = null;
  }
}

function submittedContent(event: SubmitEvent): z.ZodSafeParseResult<unknown> {
  if (parsingOnce && lastSubmit?.event === event) return lastSubmit.parsed;
  const parsed = STAGE_CONTENT_SCHEMAS[event.stage].safeParse(event.content);
  if (parsingOnce) lastSubmit = { event, parsed };
  return parsed;
}

export function applySubmit(context: RunContext, event: SubmitEvent): RunContext {
  const record = context.stages[event.stage];
  const parsed = submittedContent(event);
  // The guard passed it, so it parsed; a throw here means a transition without its guard.
  if (!parsed.success) throw parsed.error;
  return {
    ...withStage(context, event.stage, {
      status: 'inReview',
      // The gate check has validated it; store the canonical parsed form (trimmed strings).
      submitted: parsed.data as StageContentMap[StageId],
      submittedBy: event.by,
      submittedAt: event.at,
      round: record.round + 1,
      votes: [],
      recycledBy: null,
    }),
    updatedAt: event.at,
  };
}

function castVote(event: DecideEvent): CastVote {
  return {
    by: event.by,
    roles: event.roles,
    decision: event.decision,
    at: event.at,
    comment: event.comment,
    conditions: event.conditions,
  };
}

export function applyVote(context: RunContext, event: DecideEvent): RunContext {
  const record = context.stages[event.stage];
  return {
    ...withStage(context, event.stage, { votes: [...record.votes, castVote(event)] }),
    updatedAt: event.at,
  };
}

/** The stage after `stage` once its gate passes; execution and monitoring both lead on to evaluation. */
export function nextStage(stage: StageId): StageId | null {
  if (stage === 'resources') return 'execution';
  if (stage === 'execution' || stage === 'monitoring' || stage === 'evaluation') return null;
  return STAGE_IDS[STAGE_IDS.indexOf(stage) + 1] ?? null;
}

export function applyPass(context: RunContext, event: DecideEvent): RunContext {
  const record = context.stages[event.stage];
  const votes = [...record.votes, castVote(event)];
  let next = withStage(context, event.stage, {
    status: 'approved',
    approved: record.submitted,
    approvedVotes: votes,
    approvedAt: event.at,
    votes,
  });
  const conditions = votes.flatMap((v) => v.conditions.map((text) => ({ text, by: v.by })));
  next = {
    ...next,
    followUps: [
      ...next.followUps,
      ...conditions.map((c, i) => ({
        id: `fu-${next.followUps.length + i + 1}`,
        stage: event.stage,
        text: c.text,
        raisedBy: c.by,
        raisedAt: event.at,
        closed: null,
      })),
    ],
    updatedAt: event.at,
  };
  if (event.stage === 'evaluation') {
    return { ...next, outcome: { kind: 'completed', at: event.at } };
  }
  const following = nextStage(event.stage);
  if (following === null) return next;
  if (following === 'execution') {
    // Operating starts: both plans are drafted unless they were already under way (a replan).
    for (const stage of ['execution', 'monitoring'] as const) {
      if (next.stages[stage].status === 'notStarted')
        next = withStage(next, stage, { status: 'drafting' });
    }
    return { ...next, current: 'execution' };
  }
  return { ...withStage(next, following, { status: 'drafting' }), current: following };
}

/**
 * Sends the run back to `to`: that stage is drafted again and every stage after it up to `from`
 * must pass its gate again. Operating stages that are not part of the way back keep their state,
 * so a replan resumes operating where it left off. Sent back from the evaluation (rules 3 on),
 * the evaluation starts over and execution is open again: the run operates until it is closed.
 */
function reopen(context: RunContext, from: StageId, to: StageId): RunContext {
  if (from === 'evaluation' && to !== 'evaluation' && rulesFrom(context, 3)) {
    const reopened = withStage(context, 'evaluation', {
      status: 'notStarted',
      approved: null,
      votes: [],
    });
    return reopenStages({ ...reopened, executionClosed: null }, from, to);
  }
  return reopenStages(context, from, to);
}

function reopenStages(context: RunContext, from: StageId, to: StageId): RunContext {
  let next = context;
  for (const stage of STAGE_IDS) {
    if (stage === to) {
      next = withStage(next, stage, { status: 'drafting', approved: null, votes: [] });
    } else if (
      stageStep(stage) > stageStep(to) &&
      (PLANNING_STAGES as readonly StageId[]).includes(stage)
    ) {
      next = withStage(next, stage, { status: 'notStarted', approved: null, votes: [] });
    } else if (stage === from && stage !== to && isOperatingStage(stage)) {
      next = withStage(next, stage, { status: 'notStarted', approved: null, votes: [] });
    } else if (
      stage === 'monitoring' &&
      stageStep(to) <= stageStep('goals') &&
      rulesFrom(context, 4) &&
      next.stages.monitoring.status !== 'notStarted'
    ) {
      // The KPIs measure the goals being redone: they pass their gate again against the new ones.
      next = withStage(next, stage, { status: 'notStarted', approved: null, votes: [] });
    }
  }
  return { ...next, current: isOperatingStage(to) ? 'execution' : to };
}

export function applyRecycle(context: RunContext, event: DecideEvent): RunContext {
  const to = event.recycleTo ?? event.stage;
  const reopened = reopen(applyVote(context, event), event.stage, to);
  const target = reopened.stages[to];
  return {
    ...withStage(reopened, to, {
      recycles: target.recycles + 1,
      recycledBy: { from: event.stage, by: event.by, at: event.at, reason: event.comment },
    }),
    transitions: [
      ...context.transitions,
      { kind: 'recycle', from: event.stage, to, by: event.by, at: event.at, reason: event.comment },
    ],
    updatedAt: event.at,
  };
}

export function applyHold(context: RunContext, event: DecideEvent): RunContext {
  return {
    ...applyVote(context, event),
    hold: { stage: event.stage, by: event.by, at: event.at, reason: event.comment },
  };
}

export function applyResume(context: RunContext, event: EventOf<'run.resume'>): RunContext {
  // The held gate is decided afresh: the hold vote does not count as a decision any more.
  if (!context.hold) return context;
  const stage = context.hold.stage;
  const votes = context.stages[stage].votes.filter((v) => v.decision !== 'hold');
  return { ...withStage(context, stage, { votes }), hold: null, updatedAt: event.at };
}

export function applyKill(context: RunContext, event: DecideEvent): RunContext {
  return {
    ...applyVote(context, event),
    outcome: {
      kind: 'killed',
      stage: event.stage,
      by: event.by,
      at: event.at,
      reason: event.comment,
    },
  };
}

export function applyFollowUpClose(
  context: RunContext,
  event: EventOf<'followUp.close'>,
): RunContext {
  return {
    ...context,
    followUps: context.followUps.map((f) =>
      f.id === event.followUpId
        ? { ...f, closed: { by: event.by, at: event.at, note: event.note } }
        : f,
    ),
    updatedAt: event.at,
  };
}

export function applyTaskProgress(
  context: RunContext,
  event: EventOf<'task.progress'>,
): RunContext {
  return {
    ...context,
    taskProgress: {
      ...context.taskProgress,
      [event.taskId]: { status: event.status, by: event.by, at: event.at },
    },
    updatedAt: event.at,
  };
}

/**
 * How a reducer appends to a list of the context. The machine keeps snapshots immutable (copy);
 * replay, which owns every list it builds, may append in place and skip the O(n) copy per event.
 */
export type Append = <T>(list: readonly T[], item: T) => T[];
export const appendCopy: Append = (list, item) => [...list, item];

/** Records a meeting's notes in the operating record, beside the approved plan. */
export function applyMeetingNote(
  context: RunContext,
  event: EventOf<'meeting.note'>,
  append: Append = appendCopy,
): RunContext {
  return {
    ...context,
    meetingNotes: append(context.meetingNotes, {
      id: `mn-${context.meetingNotes.length + 1}`,
      meetingId: event.meetingId,
      date: event.date,
      decisions: event.decisions,
      attendeeIds: [...event.attendeeIds],
      by: event.by,
      at: event.at,
    }),
    updatedAt: event.at,
  };
}

/** Records a check-in; a red one raises a risk alert for its KPI unless one is already open. */
export function applyCheckIn(
  context: RunContext,
  event: EventOf<'kpi.checkIn'>,
  append: Append = appendCopy,
): RunContext {
  const kpi = approvedContent(context, 'monitoring')?.kpis.find((k) => k.id === event.kpiId);
  if (!kpi) return context;
  const assessment = assessCheckIn(
    kpi,
    event.value,
    event.date,
    kpiPacePeriod(context, kpi),
    rulesFrom(context, 5),
  );
  const checkIn = {
    id: `ci-${context.checkIns.length + 1}`,
    kpiId: event.kpiId,
    date: event.date,
    value: event.value,
    source: event.source,
    reason: event.reason,
    by: event.by,
    at: event.at,
    ...assessment,
  };
  const next = { ...context, checkIns: append(context.checkIns, checkIn), updatedAt: event.at };
  // A final figure reported for the evaluation raises no alert: the plan no longer runs.
  if (context.current !== 'execution') return next;
  const alreadyOpen = context.risks.some(
    (r) => r.trigger.kind === 'checkIn' && r.trigger.kpiId === kpi.id && r.status !== 'closed',
  );
  if (assessment.health !== 'red' || alreadyOpen) return next;
  // Rules 4 on: a figure back-filled for an earlier day is not the KPI's standing; no alert.
  // Looked for last, on red figures only: replaying thousands of check-ins stays linear.
  const backFilled =
    rulesFrom(context, 4) &&
    context.checkIns.some((c) => c.kpiId === kpi.id && c.date > event.date);
  if (backFilled) return next;
  return {
    ...next,
    risks: append(context.risks, {
      id: `risk-${context.risks.length + 1}`,
      description: event.reason,
      severity: 'high',
      trigger: { kind: 'checkIn', kpiId: kpi.id, checkInId: checkIn.id },
      countermeasure: '',
      ownerId: null,
      due: null,
      status: 'open',
      raisedBy: event.by,
      raisedAt: event.at,
      updatedAt: event.at,
    }),
  };
}

export function applyRiskRaise(context: RunContext, event: EventOf<'risk.raise'>): RunContext {
  return {
    ...context,
    risks: [
      ...context.risks,
      {
        id: `risk-${context.risks.length + 1}`,
        description: event.description,
        severity: event.severity,
        trigger: { kind: 'manual' },
        countermeasure: event.countermeasure,
        ownerId: event.ownerId,
        due: event.due,
        status: 'open',
        raisedBy: event.by,
        raisedAt: event.at,
        updatedAt: event.at,
      },
    ],
    updatedAt: event.at,
  };
}

export function applyRiskUpdate(context: RunContext, event: EventOf<'risk.update'>): RunContext {
  return {
    ...context,
    risks: context.risks.map((r) =>
      r.id === event.riskId
        ? {
            ...r,
            countermeasure: event.countermeasure,
            ownerId: event.ownerId,
            due: event.due,
            status: event.status,
            updatedAt: event.at,
          }
        : r,
    ),
    updatedAt: event.at,
  };
}

export function applyReplan(context: RunContext, event: EventOf<'replan.escalate'>): RunContext {
  const reopened = reopen(context, 'resources', event.target);
  return {
    ...reopened,
    transitions: [
      ...context.transitions,
      {
        kind: 'replan',
        from: 'monitoring',
        to: event.target,
        by: event.by,
        at: event.at,
        reason: event.reason,
      },
    ],
    updatedAt: event.at,
  };
}

export function applyCloseExecution(
  context: RunContext,
  event: EventOf<'execution.close'>,
): RunContext {
  return {
    ...withStage(context, 'evaluation', { status: 'drafting' }),
    current: 'evaluation',
    executionClosed: { by: event.by, at: event.at, acceptance: event.acceptance },
    updatedAt: event.at,
  };
}

export function applyLinkCycle(context: RunContext, event: EventOf<'cycle.link'>): RunContext {
  return { ...context, childRunId: event.childRunId, updatedAt: event.at };
}
