import { checkInDue, type Cadence, type Health } from '../src/domain/kpi';
import type { Role } from '../src/domain/people';
import { latestCheckIns } from '../src/domain/results';
import { STAGE_IDS, isStageId, type StageId } from '../src/domain/stages';
import type { IsoDate } from '../src/domain/time';
import type { StageContentMap } from '../src/domain/content';
import type { RunContext } from './run-context';

/**
 * The shape of RunFacts rows are stored with. Bump it when a fact is added or derived
 * differently: rows holding older facts are derived again from their runs (the engine's
 * `refreshStaleFacts`), so lists never read a fact a row does not have.
 */
export const FACTS_VERSION = 5;

/** A gate with a submission waiting for decisions: who may decide there, and who already did. */
export interface WaitingGate {
  stage: StageId;
  /** The submitter, who may not decide on their own submission. */
  submittedBy: string | null;
  /** Roles that may decide here: the gate's roles and its veto role. */
  roles: Role[];
  /** People who decided in this round. */
  decidedBy: string[];
}

/**
 * What lists and the portfolio board need of a run, derived from its context once per write and
 * stored with the run's row, so a thousand runs are drawn without reading a thousand snapshots.
 */
export interface RunFacts {
  /** Where the run stands (see `standingStage`). */
  stage: StageId;
  /**
   * Worst latest check-in per KPI of a run whose monitoring plan stands: operating, or paused for a
   * replan (its figures are why, and an executive still sees it off track). Null without
   * check-ins, before monitoring is approved, and once execution closed or the run ended.
   */
  health: Health | null;
  /** Operating (execution and monitoring under way), whatever stage it stands at. */
  operating: boolean;
  /** Recycle routes (from → to, other stages only), in order, for the back edges. */
  recycleRoutes: Array<[StageId, StageId]>;
  replans: number;
  /** FACTS_VERSION when these facts were derived; absent in rows from before versions. */
  version?: number;
  /** Gates waiting for decisions (none while the run is on hold or finished). */
  waiting?: WaitingGate[];
  /** Stages the lead is drafting, to submit (none while the run is on hold or finished). */
  drafting?: StageId[];
  /** While the run takes check-ins: who reports them, and each KPI's cadence and latest figure. */
  reporting?: Reporting | null;
}

/** What says when a live run's KPI figures are due, and from whom. */
export interface Reporting {
  /**
   * Each KPI's cadence, the date of its latest figure and who its figures are expected from
   * (`kpiReporters`), as one string (`kpiFact`): a list reads a thousand rows, and strings are
   * quicker to read back from IndexedDB than as many small objects.
   */
  kpis: string[];
}

// Spelled out: CADENCES lives with the zod schemas (content.ts), which lists do not load.
const CADENCE_NAMES: ReadonlySet<string> = new Set<Cadence>(['daily', 'weekly', 'monthly']);

/** "weekly 2026-11-26 p-am1,p-am2" ("-" before the first figure). Ids hold no spaces or commas. */
export function kpiFact(cadence: Cadence, latest: IsoDate | null, from: readonly string[]): string {
  return `${cadence} ${latest ?? '-'} ${from.join(',')}`;
}

/** A `kpiFact` read back; null for one that is not (a damaged row). */
export function readKpiFact(
  fact: string,
): { cadence: Cadence; latest: IsoDate | null; from: string[] } | null {
  const [cadence, latest, from] = fact.split(' ');
  if (cadence === undefined || !CADENCE_NAMES.has(cadence) || latest === undefined) return null;
  return {
    cadence: cadence as Cadence,
    latest: latest === '-' ? null : latest,
    from: from ? from.split(',') : [],
  };
}

/**
 * Where a run stands (every run at exactly one stage): a planning run at its current stage; a held
 * run at the gate that held it; a cancelled run at the gate that killed it; a completed run at
 * Evaluation. Execution and monitoring run side by side, so an operating run stands at Execution
 * until its execution plan is approved, then at Monitoring, where its KPI health is.
 */
export function standingStage(context: RunContext): StageId {
  if (context.outcome?.kind === 'killed' && isStageId(context.outcome.stage))
    return context.outcome.stage;
  if (context.outcome?.kind === 'completed') return 'evaluation';
  if (context.hold && isStageId(context.hold.stage)) return context.hold.stage;
  if (context.current === 'execution' || context.current === 'monitoring') {
    return context.stages.execution.status === 'approved' ? 'monitoring' : 'execution';
  }
  return context.current;
}

/** The worst health of each KPI's standing figure (`latestCheckIns`); null without check-ins. */
export function worstHealth(checkIns: RunContext['checkIns']): Health | null {
  let worst: Health | null = null;
  for (const { health: h } of latestCheckIns(checkIns).values()) {
    if (h === 'red') return 'red';
    if (h === 'amber') worst = 'amber';
    else if (worst === null) worst = 'green';
  }
  return worst;
}

export function runFacts(context: RunContext): RunFacts {
  const operating = !context.outcome && context.current === 'execution';
  // Version 5 on: a run paused for a replan keeps its health (version 4 left it out).
  const monitored =
    operating ||
    (!context.outcome &&
      context.executionClosed === null &&
      context.stages.monitoring.status === 'approved');
  const recycleRoutes: Array<[StageId, StageId]> = [];
  let replans = 0;
  for (const t of context.transitions) {
    if (t.kind === 'replan') replans += 1;
    else if (t.from !== t.to && isStageId(t.from) && isStageId(t.to))
      recycleRoutes.push([t.from, t.to]);
  }
  // A held or finished run waits for nobody's decision or submission.
  const open = !context.outcome && !context.hold;
  const waiting: WaitingGate[] = [];
  const drafting: StageId[] = [];
  for (const stage of open ? STAGE_IDS : []) {
    const record = context.stages[stage];
    if (record.status === 'drafting') drafting.push(stage);
    if (record.status !== 'inReview') continue;
    const policy = context.policies[stage];
    waiting.push({
      stage,
      submittedBy: record.submittedBy,
      roles: [...new Set(policy.vetoRole ? [...policy.roles, policy.vetoRole] : policy.roles)],
      decidedBy: [...new Set(record.votes.map((v) => v.by))],
    });
  }
  return {
    stage: standingStage(context),
    health: monitored ? worstHealth(context.checkIns) : null,
    operating,
    recycleRoutes,
    replans,
    version: FACTS_VERSION,
    waiting,
    drafting,
    reporting: operating && open ? reportingOf(context) : null,
  };
}

/** A stage's approved content. Read here rather than through run-context: lists load this module. */
function approved<S extends StageId>(context: RunContext, stage: S): StageContentMap[S] | null {
  return context.stages[stage].approved as StageContentMap[S] | null;
}

/** Check-ins are taken once the monitoring plan is approved, until execution closes. */
function reportingOf(context: RunContext): Reporting | null {
  const monitoring = approved(context, 'monitoring');
  if (!monitoring) return null;
  const latest = latestCheckIns(context.checkIns);
  return {
    kpis: monitoring.kpis.map((k) =>
      kpiFact(k.cadence, latest.get(k.id)?.date ?? null, kpiReporters(context, k.goalId)),
    ),
  };
}

/**
 * Whom a KPI's figures are expected from: the owners (Resource allocation) of the goal it
 * measures, who answer for that goal's numbers; the lead when nobody owns it. Anyone on the run's
 * team may still report a figure (`mayReportFigures`); this says whose job it is.
 */
export function kpiReporters(context: RunContext, goalId: string | null): string[] {
  const owners = (approved(context, 'resources')?.owners ?? [])
    .filter((o) => goalId !== null && o.goalIds.includes(goalId))
    .map((o) => o.personId);
  return owners.length > 0 ? [...new Set(owners)] : [context.leadId];
}

/** What a run waits for from one person: decisions at its gates, stages to submit, figures. */
export interface YourTurn {
  decide: StageId[];
  submit: StageId[];
  /** KPIs whose next figure is due (`checkInDue`) from this person (`kpiReporters`). */
  report: number;
}

/**
 * The run's gates where `person` may still decide (as `checkDecide` would let them: holding a
 * role of the gate, not the submitter, not decided yet this round); for its lead, the stages
 * being drafted; the KPIs whose figures are due from them `today`. Empty for facts derived
 * before these were stored.
 */
export function yourTurn(
  run: { facts: RunFacts | null; leadId: string; periodStart: IsoDate; periodEnd: IsoDate },
  person: { id: string; roles: readonly Role[] },
  today: IsoDate,
): YourTurn {
  const { facts, leadId } = run;
  const period = { start: run.periodStart, end: run.periodEnd };
  const decide = (facts?.waiting ?? [])
    .filter(
      (gate) =>
        gate.submittedBy !== person.id &&
        !gate.decidedBy.includes(person.id) &&
        person.roles.some((role) => gate.roles.includes(role)),
    )
    .map((gate) => gate.stage);
  const submit = leadId === person.id ? [...(facts?.drafting ?? [])] : [];
  const report = (facts?.reporting?.kpis ?? [])
    .map(readKpiFact)
    .filter(
      (k) =>
        k !== null && k.from.includes(person.id) && checkInDue(k.cadence, k.latest, period, today),
    ).length;
  return { decide, submit, report };
}

/**
 * `runFacts` of a stored context that may not be what it claims (an old or damaged database):
 * null, instead of a throw, when it lacks what the facts are read from.
 */
export function storedRunFacts(context: unknown): RunFacts | null {
  const c = context as Partial<RunContext> | null;
  if (
    !c ||
    typeof c !== 'object' ||
    !c.stages ||
    typeof c.stages.execution?.status !== 'string' ||
    !isStageId(c.current) ||
    !Array.isArray(c.checkIns) ||
    !Array.isArray(c.transitions)
  ) {
    return null;
  }
  try {
    return runFacts(c as RunContext);
  } catch {
    return null;
  }
}
