import { getShortestPaths, getAdjacencyMap, adjacencyMapToArray } from 'xstate/graph';
import { runMachine } from '../../machines/run-machine';
import type { RunEvent } from '../../machines/events';
import { openItems } from '../../machines/run-rules';
import { approvedContent } from '../../machines/run-context';
import { measuredActuals, withMeasuredResults } from '../../src/domain/results';
import { mayDecide, type Decision, type GatePolicy } from '../../src/domain/gate';
import { demoContent } from '../../src/domain/scenarios';
import { STAGE_IDS, type StageId } from '../../src/domain/stages';
import type { RunSnapshot } from '../../src/engine/snapshots';
import { PERIOD, TEAM, runInput, person } from './driver';

const content = demoContent('newProductLaunch', 'en', PERIOD);
const AT = '2024-07-01T09:00:00.000Z';
const kpi = content.monitoring.kpis[0]!;
const task = content.execution.tasks[0]!;
const meeting = content.execution.meetings[0]!;

function actor(by: string) {
  return { by, roles: person(by).roles, at: AT };
}

/** The demo evaluation with each measured goal's actual computed from the run's check-ins. */
function computedEvaluation(snapshot: RunSnapshot) {
  const c = snapshot.context;
  const goals = approvedContent(c, 'goals')?.goals ?? [];
  const kpis = approvedContent(c, 'monitoring')?.kpis ?? [];
  const measured = measuredActuals(goals, kpis, c.checkIns);
  return {
    ...content.evaluation,
    results: withMeasuredResults(content.evaluation.results, goals, measured),
  };
}

/**
 * Every event worth trying in a state: submissions, each decision by each permitted approver and
 * by the submitter, resume, replan, check-ins, task progress, meeting notes, risks, follow-ups,
 * closing execution, next-cycle link. The machine's guards decide which of them are accepted.
 */
export function candidateEvents(snapshot: RunSnapshot): RunEvent[] {
  const c = snapshot.context;
  const events: RunEvent[] = [];
  for (const stage of STAGE_IDS) {
    const record = c.stages[stage];
    if (record.status === 'drafting' || record.status === 'notStarted') {
      const submitted = stage === 'evaluation' ? computedEvaluation(snapshot) : content[stage];
      events.push({ type: 'stage.submit', ...actor(c.leadId), stage, content: submitted });
    }
    if (record.status !== 'inReview') continue;
    const policy = c.policies[stage];
    const deciders = TEAM.filter((p) => mayDecide(policy, p.roles)).map((p) => p.id);
    // The first permitted approver tries every decision; the others and the submitter only Go.
    const first: Decision[] =
      stage === 'research'
        ? ['go', 'conditionalGo', 'recycle', 'hold', 'kill']
        : ['go', 'recycle', 'hold', 'kill'];
    for (const by of [...deciders, c.leadId]) {
      const decisions: Decision[] = by === deciders[0] ? first : ['go', 'kill'];
      for (const decision of decisions) {
        const back: StageId =
          stage === 'evaluation' || stage === 'execution' ? 'strategy' : 'research';
        const recycleTargets: (StageId | null)[] = decision === 'recycle' ? [stage, back] : [null];
        for (const recycleTo of recycleTargets) {
          events.push({
            type: 'gate.decide',
            ...actor(by),
            stage,
            decision,
            comment: decision === 'go' ? '' : 'because',
            conditions: decision === 'conditionalGo' ? ['follow up'] : [],
            recycleTo,
          });
        }
      }
    }
  }
  const riskOpen = c.risks.some((r) => r.status !== 'closed');
  if (!riskOpen) {
    events.push(
      {
        type: 'kpi.checkIn',
        ...actor('p-am1'),
        kpiId: kpi.id,
        // Dated the day the model's events are recorded: a figure for a day ahead is refused.
        date: PERIOD.start,
        value: 0,
        source: 'crm',
        reason: 'storms',
      },
      {
        type: 'risk.raise',
        ...actor('p-am1'),
        description: 'price war',
        severity: 'critical',
        countermeasure: '',
        ownerId: null,
        due: null,
      },
    );
  }
  events.push(
    { type: 'run.resume', ...actor(c.leadId), reason: 'resume' },
    { type: 'replan.escalate', ...actor(c.leadId), target: 'strategy', reason: 'lagging' },
    { type: 'replan.escalate', ...actor(c.leadId), target: 'resources', reason: 'lagging' },
    {
      type: 'kpi.checkIn',
      ...actor('p-am1'),
      kpiId: kpi.id,
      date: PERIOD.start,
      value: kpi.target ?? 0,
      source: 'crm',
      reason: '',
    },
    { type: 'task.progress', ...actor(task.ownerId ?? c.leadId), taskId: task.id, status: 'done' },
    // Notes of the Friday meeting: by a task owner (on the run's team), and by the general manager,
    // who has no part in the plan and is refused.
    ...[task.ownerId ?? c.leadId, 'p-gm'].map((by): RunEvent => ({
      type: 'meeting.note',
      ...actor(by),
      meetingId: meeting.id,
      date: PERIOD.start,
      decisions: 'Move the trade-show booth budget to live streams',
      attendeeIds: ['p-lead', 'p-mkt'],
    })),
    { type: 'execution.close', ...actor(c.leadId), acceptance: '' },
    { type: 'execution.close', ...actor(c.leadId), acceptance: 'accepted' },
    { type: 'cycle.link', ...actor(c.leadId), childRunId: 'run-next' },
  );
  for (const risk of c.risks.filter((r) => r.status !== 'closed')) {
    events.push({
      type: 'risk.update',
      ...actor(c.leadId),
      riskId: risk.id,
      countermeasure: 'online visits',
      ownerId: 'p-am1',
      due: null,
      status: 'closed',
    });
  }
  for (const f of c.followUps.filter((x) => x.closed === null))
    events.push({ type: 'followUp.close', ...actor(c.leadId), followUpId: f.id, note: 'done' });
  return events;
}

/**
 * An abstraction of a snapshot that keeps what changes behaviour (state, stage statuses, votes,
 * open items) and drops what only accumulates (timestamps, counts), so the state space is finite.
 */
export function serializeState(snapshot: RunSnapshot): string {
  const c = snapshot.context;
  const open = openItems(c);
  return JSON.stringify([
    snapshot.value,
    STAGE_IDS.map((s) => [c.stages[s].status, c.stages[s].votes.map((v) => v.decision)]),
    c.hold?.stage ?? null,
    open.followUps > 0,
    open.criticalRisks > 0,
    c.risks.some((r) => r.status !== 'closed'),
    c.childRunId !== null,
  ]);
}

/**
 * The model's input: the demo policies, with two approvals at the gates that need only one, so
 * that a vote short of the quorum is part of the model too.
 */
export function modelInput() {
  const input = runInput();
  const two = (policy: GatePolicy): GatePolicy => ({ ...policy, quorum: { kind: 'nOfM', n: 2 } });
  const p = input.policies;
  return {
    ...input,
    policies: {
      ...p,
      research: two(p.research),
      execution: two(p.execution),
      monitoring: two(p.monitoring),
    },
  };
}

/** Shortest paths to every abstract state of the run machine. */
export function explore() {
  return getShortestPaths(runMachine, {
    input: modelInput(),
    events: (snapshot) => candidateEvents(snapshot as RunSnapshot),
    serializeState: (snapshot) => serializeState(snapshot as RunSnapshot),
    limit: 200_000,
  });
}

/** Every edge (state, event, next state) of the explored graph, refused events excluded. */
export function exploreEdges() {
  const map = getAdjacencyMap(runMachine, {
    input: modelInput(),
    events: (snapshot) => candidateEvents(snapshot as RunSnapshot),
    serializeState: (snapshot) => serializeState(snapshot as RunSnapshot),
    limit: 200_000,
  });
  const states = Object.values(map).map((v) => v.state as RunSnapshot);
  const edges = adjacencyMapToArray(map)
    .map((e) => ({
      state: e.state as RunSnapshot,
      event: e.event as RunEvent,
      next: e.nextState as RunSnapshot,
    }))
    .filter((e) => e.next.context !== e.state.context);
  return { states, edges };
}
