import { setup, assign } from 'xstate';
import { PLANNING_STAGES, type StageId, type PlanningStageId } from '../src/domain/stages';
import type { RunEvent, DecideEvent, EventOf } from './events';
import { type RunContext, type RunInput, initialContext } from './run-context';
import * as rules from './run-rules';

/**
 * Bumped whenever the shape of persisted snapshots or of the events changes; the engine migrates
 * older snapshots through its migration registry before restoring them, and an app refuses events
 * and files of a version newer than its own by name.
 * 2: meeting notes recorded while operating (`meetingNotes`), and the run's gate rules version
 *    (`rulesVersion`) in the context.
 * 3: events carry the acting person's clock offset (`utcOffset`), which version 2's strict event
 *    schemas would refuse as an unknown key; snapshots are unchanged.
 */
export const MACHINE_VERSION = 3;

type Outcome = rules.DecisionOutcome;

const allowsDecision = (context: RunContext, event: RunEvent, stage: StageId, outcome: Outcome) =>
  event.type === 'gate.decide' &&
  rules.checkDecide(context, event, stage) === null &&
  rules.decisionOutcome(context, event) === outcome;

/**
 * One strategy run: seven gated stages, execution and monitoring in parallel once resources are
 * approved, a replan loop back to strategy or resources, and hold / kill at any gate.
 * The machine never reads the clock or generates random ids: everything comes in the events.
 */
export const runMachine = setup({
  types: {
    context: {} as RunContext,
    events: {} as RunEvent,
    input: {} as RunInput,
  },
  guards: {
    canSubmit: ({ context, event }, params: { stage: StageId }) =>
      event.type === 'stage.submit' && rules.checkSubmit(context, event, params.stage) === null,
    passes: ({ context, event }, params: { stage: StageId }) =>
      allowsDecision(context, event, params.stage, 'pass'),
    votes: ({ context, event }, params: { stage: StageId }) =>
      allowsDecision(context, event, params.stage, 'vote'),
    recycles: ({ context, event }, params: { stage: StageId }) =>
      allowsDecision(context, event, params.stage, 'recycle'),
    holds: ({ context, event }, params: { stage: StageId }) =>
      allowsDecision(context, event, params.stage, 'hold'),
    kills: ({ context, event }, params: { stage: StageId }) =>
      allowsDecision(context, event, params.stage, 'kill'),
    accepted: ({ context, event }) => rules.checkEvent(context, event) === null,
    isCurrent: ({ context }, params: { stage: StageId }) => context.current === params.stage,
    inReview: ({ context }, params: { stage: StageId }) =>
      context.stages[params.stage].status === 'inReview',
    isApproved: ({ context }, params: { stage: StageId }) =>
      context.stages[params.stage].status === 'approved',
    isOnHold: ({ context }) => context.hold !== null,
    isKilled: ({ context }) => context.outcome?.kind === 'killed',
    isCompleted: ({ context }) => context.outcome?.kind === 'completed',
  },
  actions: {
    submit: assign(({ context, event }) =>
      rules.applySubmit(context, event as EventOf<'stage.submit'>),
    ),
    vote: assign(({ context, event }) => rules.applyVote(context, event as DecideEvent)),
    pass: assign(({ context, event }) => rules.applyPass(context, event as DecideEvent)),
    recycle: assign(({ context, event }) => rules.applyRecycle(context, event as DecideEvent)),
    hold: assign(({ context, event }) => rules.applyHold(context, event as DecideEvent)),
    kill: assign(({ context, event }) => rules.applyKill(context, event as DecideEvent)),
    resume: assign(({ context, event }) =>
      rules.applyResume(context, event as EventOf<'run.resume'>),
    ),
    closeFollowUp: assign(({ context, event }) =>
      rules.applyFollowUpClose(context, event as EventOf<'followUp.close'>),
    ),
    progressTask: assign(({ context, event }) =>
      rules.applyTaskProgress(context, event as EventOf<'task.progress'>),
    ),
    noteMeeting: assign(({ context, event }) =>
      rules.applyMeetingNote(context, event as EventOf<'meeting.note'>),
    ),
    checkIn: assign(({ context, event }) =>
      rules.applyCheckIn(context, event as EventOf<'kpi.checkIn'>),
    ),
    raiseRisk: assign(({ context, event }) =>
      rules.applyRiskRaise(context, event as EventOf<'risk.raise'>),
    ),
    updateRisk: assign(({ context, event }) =>
      rules.applyRiskUpdate(context, event as EventOf<'risk.update'>),
    ),
    replan: assign(({ context, event }) =>
      rules.applyReplan(context, event as EventOf<'replan.escalate'>),
    ),
    closeExecution: assign(({ context, event }) =>
      rules.applyCloseExecution(context, event as EventOf<'execution.close'>),
    ),
    linkCycle: assign(({ context, event }) =>
      rules.applyLinkCycle(context, event as EventOf<'cycle.link'>),
    ),
  },
}).createMachine({
  id: 'run',
  context: ({ input }) => initialContext(input),
  initial: 'research',
  on: {
    'followUp.close': { guard: 'accepted', actions: 'closeFollowUp' },
  },
  states: {
    /** Transient: enters the state the context says the run is in (after recycle, replan, resume). */
    router: {
      always: [
        { guard: 'isKilled', target: 'cancelled' },
        { guard: 'isCompleted', target: 'completed' },
        { guard: 'isOnHold', target: 'onHold' },
        ...PLANNING_STAGES.map((stage) => ({
          guard: { type: 'isCurrent' as const, params: { stage } },
          target: stage,
        })),
        { guard: { type: 'isCurrent', params: { stage: 'execution' } }, target: 'operating' },
        { target: 'evaluation' },
      ],
    },
    research: gatedStage('research', nextTarget('research')),
    goals: gatedStage('goals', nextTarget('goals')),
    strategy: gatedStage('strategy', nextTarget('strategy')),
    resources: gatedStage('resources', nextTarget('resources')),
    operating: {
      type: 'parallel',
      on: {
        'replan.escalate': { guard: 'accepted', target: 'router', actions: 'replan' },
        'execution.close': { guard: 'accepted', target: 'evaluation', actions: 'closeExecution' },
        'risk.raise': { guard: 'accepted', actions: 'raiseRisk' },
        'risk.update': { guard: 'accepted', actions: 'updateRisk' },
      },
      states: {
        execution: operatingStage('execution', {
          'task.progress': { guard: 'accepted', actions: 'progressTask' },
          'meeting.note': { guard: 'accepted', actions: 'noteMeeting' },
        }),
        monitoring: operatingStage('monitoring', {
          'kpi.checkIn': { guard: 'accepted', actions: 'checkIn' },
        }),
      },
    },
    evaluation: evaluationStage(),
    onHold: {
      on: { 'run.resume': { guard: 'accepted', target: 'router', actions: 'resume' } },
    },
    completed: {
      on: { 'cycle.link': { guard: 'accepted', actions: 'linkCycle' } },
    },
    cancelled: { type: 'final' },
  },
});

function nextTarget(stage: PlanningStageId): string {
  const next = rules.nextStage(stage);
  return next === 'execution' ? '#run.operating' : `#run.${next}`;
}

/** The decisions every gate offers; `onPass` is where the run goes when the quorum is met. */
function gateDecisions(stage: StageId, onPass: string | undefined) {
  const p = { stage };
  return [
    { guard: { type: 'passes' as const, params: p }, target: onPass, actions: 'pass' as const },
    { guard: { type: 'votes' as const, params: p }, actions: 'vote' as const },
    {
      guard: { type: 'recycles' as const, params: p },
      target: '#run.router',
      actions: 'recycle' as const,
    },
    {
      guard: { type: 'holds' as const, params: p },
      target: '#run.onHold',
      actions: 'hold' as const,
    },
    {
      guard: { type: 'kills' as const, params: p },
      target: '#run.cancelled',
      actions: 'kill' as const,
    },
  ];
}

/**
 * A gated stage: drafted by the lead, then in review until its gate decides. Entering it lands
 * where its record says it was, so recycle, replan and resume need no history states.
 */
function gatedStage(stage: StageId, onPass: string) {
  const params = { stage };
  return {
    initial: 'route' as const,
    states: {
      route: {
        always: [
          { guard: { type: 'inReview' as const, params }, target: 'inReview' },
          { target: 'drafting' },
        ],
      },
      drafting: {
        on: {
          'stage.submit': {
            guard: { type: 'canSubmit' as const, params },
            target: 'inReview',
            actions: 'submit' as const,
          },
        },
      },
      inReview: { on: { 'gate.decide': gateDecisions(stage, onPass) } },
    },
  };
}

/**
 * The evaluation, gated like any stage. While it is drafted, KPI figures up to the period's end
 * still come in: a quarter's total is known only after it ends, often after execution closed, and
 * each goal's result is its KPI's latest figure.
 */
function evaluationStage() {
  const gated = gatedStage('evaluation', '#run.completed');
  return {
    ...gated,
    states: {
      ...gated.states,
      drafting: {
        on: {
          ...gated.states.drafting.on,
          'kpi.checkIn': { guard: 'accepted' as const, actions: 'checkIn' as const },
        },
      },
    },
  };
}

/**
 * Execution or monitoring: gated like any stage, then `approved`, where it stays live (`live`
 * events: task progress and meeting notes, check-ins) while the run operates.
 */
function operatingStage(
  stage: 'execution' | 'monitoring',
  live: { 'task.progress': object; 'meeting.note': object } | { 'kpi.checkIn': object },
) {
  const gated = gatedStage(stage, 'approved');
  return {
    initial: 'route' as const,
    states: {
      ...gated.states,
      route: {
        always: [
          { guard: { type: 'isApproved' as const, params: { stage } }, target: 'approved' },
          ...gated.states.route.always,
        ],
      },
      approved: { on: live },
    },
  };
}
