import type { Edge, Node } from '@xyflow/react';
import { quorumReached, type Decision, type GatePolicies, type Vote } from '../domain/gate';
import type { Health } from '../domain/kpi';
import type { Role } from '../domain/people';
import {
  isOperatingStage,
  isStageId,
  PLANNING_STAGES,
  STAGE_IDS,
  stageNumber,
  stageStep,
  type StageId,
} from '../domain/stages';
import { addDays, type IsoDate } from '../domain/time';
import type { EventRecord, RunRow, RunStatus } from '../storage/records';
import { backHandles, FORWARD_EDGES, sameRow, STAGE_POSITIONS } from './layout';

/**
 * The whole portfolio on one board of the seven stages: how many runs stand at each stage, their
 * health, how many are on hold or overdue, and — from the event logs — how long runs spend in each
 * stage and how often each gate sends work back. Pure: rows and records in, nodes and edges out.
 *
 * Rules (the page's legend says the same in words):
 * - **Where a run stands.** A planning run stands at its current stage; a held run at the gate that
 *   held it; a cancelled run at the gate that killed it; a completed run at Evaluation. Execution
 *   and monitoring run side by side, so an operating run stands at Execution until its execution
 *   plan is approved, then at Monitoring (where its KPI health is) — every run counts once.
 * - **Health** is the worst of the latest check-in of each KPI, for operating runs only; planning
 *   stages have none, and an operating run without check-ins has none yet.
 * - **Overdue** (`stageDeadline`): planning stages not approved by the day before the period
 *   starts; execution and monitoring still operating after the period ends; evaluation not
 *   approved 14 days after the period ends. Completed and cancelled runs are never overdue.
 * - **Days in stage** (`runHistory`): a stage is entered when its drafting begins — the previous
 *   gate said Go, or a recycle or replan sent the run back to it — and left at its own gate's Go
 *   (for Execution and Monitoring, the Go that approves their plans). Visits are summed per run;
 *   the average is over runs whose gate has passed, so runs still in the stage do not count.
 * - **Recycles** are the Recycle decisions taken at each stage's gate.
 */

/** Days after the period's end by which the evaluation should be approved. */
export const EVALUATION_GRACE_DAYS = 14;

/** The last day a run may still be at `stage` without being overdue. */
export function stageDeadline(stage: StageId, period: { start: IsoDate; end: IsoDate }): IsoDate {
  if (stage === 'evaluation') return addDays(period.end, EVALUATION_GRACE_DAYS);
  if (isOperatingStage(stage)) return period.end;
  return addDays(period.start, -1);
}

/** What the board needs of one run, read from its stored snapshot without restoring an actor. */
export interface RunSummary {
  id: string;
  title: string;
  scenario: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  leadId: string;
  status: RunStatus;
  updatedAt: string;
  revision: number;
  /** Where the run stands (see the rules above). */
  stage: StageId;
  /** Worst latest check-in per KPI of an operating run; null without check-ins or not operating. */
  health: Health | null;
  /** Operating (execution and monitoring under way), whatever node it stands at. */
  operating: boolean;
  overdue: boolean;
  /** Recycle routes (from → to, other stages only) and replans, for the back edges. */
  recycleRoutes: ReadonlyArray<readonly [StageId, StageId]>;
  replans: number;
}

/**
 * The summary of a stored run, from its row alone: the facts (`runFacts`) were derived from its
 * snapshot when it was written. A row without facts (its snapshot could not be read when the
 * database was upgraded) gives null: the page counts those as unreadable.
 */
export function summarizeRun(row: RunRow, today: IsoDate): RunSummary | null {
  const facts = row.facts;
  if (!facts || !isStageId(facts.stage)) return null;
  return overdueOn(
    {
      id: row.id,
      title: row.title,
      scenario: row.scenario,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      leadId: row.leadId,
      status: row.status,
      updatedAt: row.updatedAt,
      revision: row.revision,
      stage: facts.stage,
      health: facts.health,
      operating: facts.operating,
      overdue: false,
      recycleRoutes: facts.recycleRoutes,
      replans: facts.replans,
    },
    today,
  );
}

/** The summary with `overdue` worked out for `today`, e.g. for summaries kept from another day. */
export function overdueOn(summary: RunSummary, today: IsoDate): RunSummary {
  const open = summary.status === 'active' || summary.status === 'onHold';
  const overdue =
    open &&
    today > stageDeadline(summary.stage, { start: summary.periodStart, end: summary.periodEnd });
  return overdue === summary.overdue ? summary : { ...summary, overdue };
}

// Filters ----------------------------------------------------------------------------------------

/** `open` is active plus on hold: the runs still under way. */
export const STATUS_FILTERS = [
  'open',
  'active',
  'onHold',
  'completed',
  'cancelled',
  'all',
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface PortfolioFilters {
  scenario: string | null;
  /** A period's start date. */
  period: IsoDate | null;
  leadId: string | null;
  status: StatusFilter;
}

export const NO_FILTERS: PortfolioFilters = {
  scenario: null,
  period: null,
  leadId: null,
  status: 'open',
};

export function matchesStatus(status: RunStatus, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'open') return status === 'active' || status === 'onHold';
  return status === filter;
}

export function filterRuns(runs: readonly RunSummary[], filters: PortfolioFilters): RunSummary[] {
  return runs.filter(
    (r) =>
      (filters.scenario === null || r.scenario === filters.scenario) &&
      (filters.period === null || r.periodStart === filters.period) &&
      (filters.leadId === null || r.leadId === filters.leadId) &&
      matchesStatus(r.status, filters.status),
  );
}

// Event logs -------------------------------------------------------------------------------------

/** What `runHistory` reads of a record. */
export type HistoryRecord = Pick<EventRecord, 'type' | 'actorId' | 'at' | 'payload'>;

export type StageProgress = 'notStarted' | 'open' | 'approved';

/** Timings and recycles of one run, from its log. */
export interface RunHistory {
  /** Days spent in each stage, summed over every visit that has ended (Go, recycle, kill). */
  days: Partial<Record<StageId, number>>;
  /** Stages whose gate has said Go at least once. */
  passed: StageId[];
  /** Recycle decisions taken at each stage's gate. */
  recycles: Partial<Record<StageId, number>>;
  /** Where each stage stands after the last record, as the tracker sees it. */
  progress: Record<StageId, StageProgress>;
}

const DAY_MS = 86_400_000;

/** The stage(s) drafting begins at once a stage's gate says Go. */
function entersAfterGo(stage: StageId): StageId[] {
  if (stage === 'resources') return ['execution', 'monitoring'];
  if (isOperatingStage(stage) || stage === 'evaluation') return [];
  return [STAGE_IDS[STAGE_IDS.indexOf(stage) + 1] as StageId];
}

/**
 * Replays a run's log far enough to time its stages: who entered which stage when, and which Go
 * passed a gate (votes against the gate policy of the creation record, as the machine counts them).
 * It does not restore an actor or validate content, so it runs over thousands of logs in
 * milliseconds. WARNING: it trusts the log to be one the machine accepted (the engine's `verify`
 * and `replayMatchesStored` check that); a log it cannot read gives an empty history.
 */
export function runHistory(records: readonly HistoryRecord[]): RunHistory {
  const progress = Object.fromEntries(STAGE_IDS.map((s) => [s, 'notStarted'])) as Record<
    StageId,
    StageProgress
  >;
  const history: RunHistory = { days: {}, passed: [], recycles: {}, progress };
  const entered = new Map<StageId, number>();
  const votes = new Map<StageId, Vote[]>();
  let policies: GatePolicies | null = null;
  /** The run's gate rules are version 4 or later (see GATE_RULES_VERSION). */
  let rules4 = false;

  const enter = (stage: StageId, at: number) => {
    if (progress[stage] === 'open' && entered.has(stage)) return;
    progress[stage] = 'open';
    entered.set(stage, at);
  };
  const leave = (stage: StageId, at: number) => {
    const since = entered.get(stage);
    if (since === undefined) return;
    history.days[stage] = (history.days[stage] ?? 0) + Math.max(0, at - since) / DAY_MS;
    entered.delete(stage);
  };
  /** A recycle or replan: `to` is drafted again; what came after it must pass its gate again. */
  const reopen = (from: StageId, to: StageId, at: number) => {
    for (const stage of STAGE_IDS) {
      if (stage === to) continue;
      const later =
        stageStep(stage) > stageStep(to) && (PLANNING_STAGES as readonly StageId[]).includes(stage);
      // Rules 4 on, a recycle to the goals or earlier sends the monitoring plan back too.
      const remeasured = stage === 'monitoring' && rules4 && stageStep(to) <= stageStep('goals');
      if (later || remeasured || (stage === from && isOperatingStage(stage))) {
        leave(stage, at);
        progress[stage] = 'notStarted';
      }
    }
    if (progress[to] !== 'open') {
      leave(to, at);
      progress[to] = 'notStarted';
    }
    enter(to, at);
  };

  for (const record of records) {
    const at = Date.parse(record.at);
    const payload = (record.payload ?? {}) as Record<string, unknown>;
    const stage = isStageId(payload.stage) ? payload.stage : null;
    switch (record.type) {
      case 'run.created':
        policies = (payload.policies as GatePolicies | undefined) ?? null;
        rules4 = typeof payload.rulesVersion === 'number' && payload.rulesVersion >= 4;
        enter('research', at);
        break;
      case 'stage.submit':
        if (stage) votes.set(stage, []);
        break;
      case 'gate.decide': {
        if (!stage) break;
        const decision = payload.decision;
        if (decision === 'recycle') {
          history.recycles[stage] = (history.recycles[stage] ?? 0) + 1;
          reopen(stage, isStageId(payload.recycleTo) ? payload.recycleTo : stage, at);
        } else if (decision === 'kill') {
          leave(stage, at);
        } else if (decision === 'go' || decision === 'conditionalGo') {
          const cast: Vote[] = [
            ...(votes.get(stage) ?? []),
            {
              by: record.actorId,
              roles: (Array.isArray(payload.roles) ? payload.roles : []) as Role[],
              decision: decision as Decision,
            },
          ];
          votes.set(stage, cast);
          const policy = policies?.[stage];
          // Rules 4 on, an "all" gate needs a different person per role (see `coveredRoles`).
          if (policy && quorumReached(policy, cast, rules4)) {
            leave(stage, at);
            progress[stage] = 'approved';
            if (!history.passed.includes(stage)) history.passed.push(stage);
            for (const next of entersAfterGo(stage)) {
              // A replan keeps the operating plans approved: they are not drafted again.
              if (progress[next] === 'notStarted') enter(next, at);
            }
          }
        }
        break;
      }
      case 'replan.escalate':
        if (isStageId(payload.target)) reopen('resources', payload.target, at);
        break;
      case 'execution.close':
        enter('evaluation', at);
        break;
      default:
        break;
    }
  }
  return history;
}

// The board --------------------------------------------------------------------------------------

export const HEAT_MODES = ['counts', 'days', 'recycles'] as const;
export type HeatMode = (typeof HEAT_MODES)[number];

/** Heat levels: 0 for nothing, then four equal steps up to the largest value on the board. */
export const HEAT_LEVELS = 4;

export interface PortfolioNodeData extends Record<string, unknown> {
  stage: StageId;
  number: number;
  /** Runs standing here. */
  count: number;
  green: number;
  amber: number;
  red: number;
  /** Operating runs here without any check-in yet. */
  noCheckIns: number;
  onHold: number;
  overdue: number;
  completed: number;
  cancelled: number;
  /**
   * Whether the node shows health: Monitoring, where operating runs report, always; Execution
   * only when a run there already has check-ins (its monitoring plan went live first).
   */
  hasHealth: boolean;
  heat: {
    mode: HeatMode;
    /** Runs here, average days in stage, or recycles at the gate; null when unknown. */
    value: number | null;
    /** 0 … HEAT_LEVELS; null when unknown. */
    level: number | null;
  };
  selected: boolean;
}

export type PortfolioNode = Node<PortfolioNodeData, 'portfolioStage'>;

export interface HeatScale {
  mode: HeatMode;
  /** The largest value on the board (0 when all are 0 or unknown). */
  max: number;
  /**
   * The values each level 1 … HEAT_LEVELS stands for, for the legend. Counts and recycles are
   * whole numbers, so a level no whole number falls into is left out (with a largest value of 2,
   * only levels 2 and 4 occur: 1 and 2).
   */
  bands: { level: number; from: number; to: number }[];
}

/** The legend's bands for a scale up to `max` (see `HeatScale.bands`). */
export function heatBands(mode: HeatMode, max: number): HeatScale['bands'] {
  const bands: HeatScale['bands'] = [];
  if (max <= 0) return bands;
  for (let level = 1; level <= HEAT_LEVELS; level += 1) {
    const low = (max * (level - 1)) / HEAT_LEVELS;
    const high = (max * level) / HEAT_LEVELS;
    if (mode === 'days') {
      bands.push({ level, from: low, to: high });
    } else {
      const from = Math.floor(low) + 1;
      const to = Math.floor(high);
      if (from <= to) bands.push({ level, from, to });
    }
  }
  return bands;
}

/** Aggregates of the filtered runs' histories, per stage. */
export interface HistoryTotals {
  /** Average days in stage over runs whose gate passed; null without any. */
  averageDays: Record<StageId, number | null>;
  /** Runs the average is taken over. */
  passedRuns: Record<StageId, number>;
  recycles: Record<StageId, number>;
  /** Runs whose history was available. */
  runs: number;
}

/** Sums the histories of `runs` (those without a known history are left out). */
export function historyTotals(
  runs: readonly RunSummary[],
  histories: ReadonlyMap<string, RunHistory>,
): HistoryTotals {
  const sums = Object.fromEntries(STAGE_IDS.map((s) => [s, 0])) as Record<StageId, number>;
  const passedRuns = { ...sums };
  const recycles = { ...sums };
  let known = 0;
  for (const run of runs) {
    const history = histories.get(run.id);
    if (!history) continue;
    known += 1;
    for (const stage of history.passed) {
      sums[stage] += history.days[stage] ?? 0;
      passedRuns[stage] += 1;
    }
    for (const stage of STAGE_IDS) recycles[stage] += history.recycles[stage] ?? 0;
  }
  const averageDays = Object.fromEntries(
    STAGE_IDS.map((s) => [s, passedRuns[s] > 0 ? sums[s] / passedRuns[s] : null]),
  ) as Record<StageId, number | null>;
  return { averageDays, passedRuns, recycles, runs: known };
}

/** The level of `value` on a scale up to `max`: 0 for 0, else 1 … HEAT_LEVELS. */
export function heatLevel(value: number | null, max: number): number | null {
  if (value === null) return null;
  if (value <= 0 || max <= 0) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((value / max) * HEAT_LEVELS)));
}

export interface PortfolioGraphOptions {
  mode: HeatMode;
  selected: StageId | null;
  /** Needed for the days and recycles modes; without it their values are unknown (null). */
  totals: HistoryTotals | null;
}

/** Forward flow, recycle routes (with how often each was taken) and the replan loop. */
export interface PortfolioEdgeData extends Record<string, unknown> {
  kind: 'forward' | 'recycle' | 'replan';
  count: number;
  /** Stacking of back edges: 0 is the innermost arc. */
  lane: number;
  /** `count` relative to the busiest back edge, 0 … 1 (for the stroke width). */
  weight: number;
}
export type PortfolioEdge = Edge<PortfolioEdgeData, 'portfolioLoop'>;

export interface PortfolioGraph {
  nodes: PortfolioNode[];
  edges: PortfolioEdge[];
  scale: HeatScale;
}

/**
 * The portfolio board for the (already filtered) runs: one node per stage at the run board's
 * positions, counts split by health, hold and overdue, coloured by the chosen heat mode, and the
 * process's edges: the forward flow, each recycle route with how often it was taken, and the
 * replan loop.
 */
export function portfolioGraph(
  runs: readonly RunSummary[],
  options: PortfolioGraphOptions,
): PortfolioGraph {
  const data = Object.fromEntries(
    STAGE_IDS.map((stage) => [
      stage,
      {
        stage,
        number: stageNumber(stage),
        count: 0,
        green: 0,
        amber: 0,
        red: 0,
        noCheckIns: 0,
        onHold: 0,
        overdue: 0,
        completed: 0,
        cancelled: 0,
        hasHealth: stage === 'monitoring',
        heat: { mode: options.mode, value: null, level: null },
        selected: options.selected === stage,
      },
    ]),
  ) as Record<StageId, PortfolioNodeData>;
  const routes = new Map<string, { from: StageId; to: StageId; count: number }>();
  let replans = 0;
  for (const run of runs) {
    const node = data[run.stage];
    node.count += 1;
    if (run.status === 'onHold') node.onHold += 1;
    if (run.status === 'completed') node.completed += 1;
    if (run.status === 'cancelled') node.cancelled += 1;
    if (run.overdue) node.overdue += 1;
    if (run.health) node[run.health] += 1;
    else if (run.operating) node.noCheckIns += 1;
    for (const [from, to] of run.recycleRoutes) {
      const key = `${from}->${to}`;
      const route = routes.get(key) ?? { from, to, count: 0 };
      route.count += 1;
      routes.set(key, route);
    }
    replans += run.replans;
  }

  // Execution, and the planning stages a replan sent runs back to, show a health bar when runs
  // standing there have figures: a run paused for a replan is still off track.
  for (const stage of STAGE_IDS) {
    const node = data[stage];
    if (stage !== 'monitoring') node.hasHealth = node.green + node.amber + node.red > 0;
  }

  const valueOf = (stage: StageId): number | null => {
    switch (options.mode) {
      case 'counts':
        return data[stage].count;
      case 'days':
        return options.totals ? options.totals.averageDays[stage] : null;
      case 'recycles':
        return options.totals ? options.totals.recycles[stage] : null;
    }
  };
  const values = STAGE_IDS.map(valueOf);
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  for (const [i, stage] of STAGE_IDS.entries()) {
    const value = values[i] ?? null;
    data[stage].heat = { mode: options.mode, value, level: heatLevel(value, max) };
  }
  const scale: HeatScale = { mode: options.mode, max, bands: heatBands(options.mode, max) };

  const nodes: PortfolioNode[] = STAGE_IDS.map((stage) => ({
    id: stage,
    type: 'portfolioStage' as const,
    position: STAGE_POSITIONS[stage],
    data: data[stage],
  }));

  const edges: PortfolioEdge[] = FORWARD_EDGES.map(([from, to, sh, th]) => ({
    id: `${from}->${to}`,
    source: from,
    target: to,
    sourceHandle: `${sh}-out`,
    targetHandle: `${th}-in`,
    type: 'portfolioLoop' as const,
    data: { kind: 'forward' as const, count: 0, lane: 0, weight: 0 },
  }));
  const busiest = Math.max(1, replans, ...[...routes.values()].map((r) => r.count));
  for (const { from, to, count } of routes.values()) {
    const arches = sameRow(from, to);
    const [sh, th] = backHandles(from, to);
    // Arcs over the planning row stack by how far they reach back, so none hides another.
    const span = Math.abs(stageStep(from) - stageStep(to));
    edges.push({
      id: `recycle:${from}->${to}`,
      source: from,
      target: to,
      sourceHandle: `${sh}-out`,
      targetHandle: `${th}-in`,
      type: 'portfolioLoop',
      data: { kind: 'recycle', count, lane: arches ? span - 1 : 0, weight: count / busiest },
    });
  }
  if (replans > 0) {
    edges.push({
      id: 'replan:monitoring->strategy',
      source: 'monitoring',
      target: 'strategy',
      // Up past Resource allocation's right side, over the recycle arcs, down into Strategy.
      sourceHandle: 't-out',
      targetHandle: 't-in',
      type: 'portfolioLoop',
      data: { kind: 'replan', count: replans, lane: 3, weight: replans / busiest },
    });
  }
  return { nodes, edges, scale };
}

/**
 * The runs standing at `stage`, most urgent first: overdue, then red, amber, on hold, then by
 * title.
 */
export function runsAtStage(runs: readonly RunSummary[], stage: StageId): RunSummary[] {
  const rank = (r: RunSummary) =>
    (r.overdue ? 0 : 8) +
    (r.health === 'red' ? 0 : r.health === 'amber' ? 2 : 4) +
    (r.status === 'onHold' ? 0 : 1);
  return runs
    .filter((r) => r.stage === stage)
    .sort(
      (a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id),
    );
}
