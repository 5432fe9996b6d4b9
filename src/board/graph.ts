import type { Edge, Node } from '@xyflow/react';
import { approvalsNeeded } from '../domain/gate';
import { STAGE_IDS, stageNumber, type StageId } from '../domain/stages';
import type { RunContext } from '../../machines/run-context';
import { approvedContent } from '../../machines/run-context';
import { gateApprovalsCounted } from '../../machines/run-rules';
import { worstHealth } from '../../machines/run-facts';
import { daysBetween, type IsoDate } from '../domain/time';
import { backHandles, FORWARD_EDGES, STAGE_POSITIONS } from './layout';

/** What a stage node shows; statuses as people say them, derived from the run. */
export type BoardStatus =
  | 'notStarted'
  | 'drafting'
  | 'inReview'
  | 'approved'
  | 'recycled'
  | 'onHold'
  | 'operating'
  /** Execution and monitoring while a replan redoes the plan: check-ins and task updates wait. */
  | 'paused'
  | 'done'
  | 'cancelled';

export interface StageNodeData extends Record<string, unknown> {
  stage: StageId;
  number: number;
  status: BoardStatus;
  /** Approvals so far at the gate, while in review. */
  approvals: { count: number; needed: number } | null;
  /** Whether this is where the run stands now. */
  current: boolean;
  selected: boolean;
  /** Gate problems of the draft being prepared, when known; null when not drafting. */
  problems: number | null;
  /** Who acts next here: the lead while drafting, else null. */
  ownerId: string | null;
  recycles: number;
  tasks: { done: number; inProgress: number; late: number; total: number } | null;
  monitoring: {
    checkIns: number;
    health: 'green' | 'amber' | 'red' | null;
    openAlerts: number;
    withoutCountermeasure: number;
  } | null;
}

export type StageNode = Node<StageNodeData, 'stage'>;

export type LoopKind = 'forward' | 'recycle' | 'replan' | 'checkIns' | 'nextCycle';
export interface LoopEdgeData extends Record<string, unknown> {
  kind: LoopKind;
  count: number;
  walked: boolean;
}
export type BoardEdge = Edge<LoopEdgeData>;

export interface BoardOptions {
  /** The stage whose panel is open. */
  selected: StageId | null;
  /** Problem count of the current draft per stage, from the autosaved drafts. */
  draftProblems: Partial<Record<StageId, number>>;
  today: IsoDate;
}

/** Where a stage stands as people read it: the board's node and the stage panel say the same. */
export function statusOf(context: RunContext, stage: StageId): BoardStatus {
  const record = context.stages[stage];
  if (context.outcome?.kind === 'killed' && context.outcome.stage === stage) return 'cancelled';
  if (context.hold?.stage === stage) return 'onHold';
  if (stage === 'evaluation' && context.outcome?.kind === 'completed') return 'done';
  if ((stage === 'execution' || stage === 'monitoring') && record.status === 'approved') {
    if (context.current === 'execution') return 'operating';
    return context.executionClosed ? 'done' : 'paused';
  }
  if (record.status === 'drafting' && record.recycledBy) return 'recycled';
  return record.status;
}

/** The stages the run stands at now (two while operating, none once it is over). */
export function currentStages(context: RunContext): StageId[] {
  if (context.outcome) return [];
  if (context.hold) return [context.hold.stage];
  if (context.current === 'execution') return ['execution', 'monitoring'];
  return [context.current];
}

function taskCounts(context: RunContext, today: IsoDate): StageNodeData['tasks'] {
  const tasks = approvedContent(context, 'execution')?.tasks;
  if (!tasks) return null;
  let done = 0;
  let inProgress = 0;
  let late = 0;
  for (const task of tasks) {
    const status = context.taskProgress[task.id]?.status ?? task.status;
    if (status === 'done') done += 1;
    else {
      if (status === 'inProgress') inProgress += 1;
      // Late is derived from the dates and today, never typed in.
      if (task.end !== null && daysBetween(task.end, today) > 0) late += 1;
    }
  }
  return { done, inProgress, late, total: tasks.length };
}

function monitoringSummary(context: RunContext): StageNodeData['monitoring'] {
  if (context.stages.monitoring.status !== 'approved' && context.checkIns.length === 0) return null;
  const health = worstHealth(context.checkIns);
  const open = context.risks.filter((r) => r.status !== 'closed');
  return {
    checkIns: context.checkIns.length,
    health,
    openAlerts: open.length,
    withoutCountermeasure: open.filter((r) => r.countermeasure.trim() === '').length,
  };
}

/** Maps a run to the nodes of its board. Pure: same run, same nodes. */
export function runToNodes(context: RunContext, options: BoardOptions): StageNode[] {
  const current = new Set(currentStages(context));
  return STAGE_IDS.map((stage) => {
    const record = context.stages[stage];
    const status = statusOf(context, stage);
    const policy = context.policies[stage];
    const drafting =
      record.status === 'drafting' || (record.status === 'notStarted' && current.has(stage));
    return {
      id: stage,
      type: 'stage' as const,
      position: STAGE_POSITIONS[stage],
      data: {
        stage,
        number: stageNumber(stage),
        status,
        approvals:
          record.status === 'inReview'
            ? { count: gateApprovalsCounted(context, stage), needed: approvalsNeeded(policy) }
            : null,
        current: current.has(stage),
        selected: options.selected === stage,
        problems: drafting ? (options.draftProblems[stage] ?? null) : null,
        ownerId: drafting ? context.leadId : null,
        recycles: record.recycles,
        tasks: stage === 'execution' ? taskCounts(context, options.today) : null,
        monitoring: stage === 'monitoring' ? monitoringSummary(context) : null,
      },
    };
  });
}

/**
 * Maps a run to the edges of its board: the forward flow (the walked part highlighted), a dashed
 * back edge per recycle route with its count, the replan loop, the monitoring loop and the
 * next-cycle loop.
 */
export function runToEdges(context: RunContext): BoardEdge[] {
  const edges: BoardEdge[] = FORWARD_EDGES.map(([from, to, sh, th]) => {
    const walked =
      context.stages[from].status === 'approved' && context.stages[to].status !== 'notStarted';
    return {
      id: `${from}->${to}`,
      source: from,
      target: to,
      sourceHandle: `${sh}-out`,
      targetHandle: `${th}-in`,
      type: 'loop',
      data: { kind: 'forward', count: 0, walked },
    };
  });
  const recycles = new Map<string, { from: StageId; to: StageId; count: number }>();
  for (const t of context.transitions) {
    if (t.kind !== 'recycle' || t.from === t.to) continue;
    const key = `${t.from}->${t.to}`;
    const entry = recycles.get(key) ?? { from: t.from, to: t.to, count: 0 };
    entry.count += 1;
    recycles.set(key, entry);
  }
  for (const { from, to, count } of recycles.values()) {
    const [sh, th] = backHandles(from, to);
    edges.push({
      id: `recycle:${from}->${to}`,
      source: from,
      target: to,
      sourceHandle: `${sh}-out`,
      targetHandle: `${th}-in`,
      type: 'loop',
      data: { kind: 'recycle', count, walked: true },
    });
  }
  // One replan loop, back to strategy; a replan to resources is counted on it too.
  const replans = context.transitions.filter((t) => t.kind === 'replan').length;
  edges.push({
    id: 'replan:monitoring->strategy',
    source: 'monitoring',
    target: 'strategy',
    sourceHandle: 'r-out',
    targetHandle: 't-in',
    type: 'loop',
    data: { kind: 'replan', count: replans, walked: replans > 0 },
  });
  edges.push({
    id: 'checkIns:monitoring->execution',
    source: 'monitoring',
    target: 'execution',
    sourceHandle: 'l-out',
    targetHandle: 'r-in',
    type: 'loop',
    data: { kind: 'checkIns', count: context.checkIns.length, walked: context.checkIns.length > 0 },
  });
  edges.push({
    id: 'nextCycle:evaluation->research',
    source: 'evaluation',
    target: 'research',
    sourceHandle: 'l-out',
    targetHandle: 'b-in',
    type: 'loop',
    data: {
      kind: 'nextCycle',
      count: context.childRunId ? 1 : 0,
      walked: context.childRunId !== null,
    },
  });
  return edges;
}
