import type { Health } from '../src/domain/kpi';
import { latestCheckIns } from '../src/domain/results';
import { isStageId, type StageId } from '../src/domain/stages';
import type { RunContext } from './run-context';

/**
 * What lists and the portfolio board need of a run, derived from its context once per write and
 * stored with the run's row, so a thousand runs are drawn without reading a thousand snapshots.
 */
export interface RunFacts {
  /** Where the run stands (see `standingStage`). */
  stage: StageId;
  /** Worst latest check-in per KPI of an operating run; null without check-ins or not operating. */
  health: Health | null;
  /** Operating (execution and monitoring under way), whatever stage it stands at. */
  operating: boolean;
  /** Recycle routes (from → to, other stages only), in order, for the back edges. */
  recycleRoutes: Array<[StageId, StageId]>;
  replans: number;
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
  const recycleRoutes: Array<[StageId, StageId]> = [];
  let replans = 0;
  for (const t of context.transitions) {
    if (t.kind === 'replan') replans += 1;
    else if (t.from !== t.to && isStageId(t.from) && isStageId(t.to))
      recycleRoutes.push([t.from, t.to]);
  }
  return {
    stage: standingStage(context),
    health: operating ? worstHealth(context.checkIns) : null,
    operating,
    recycleRoutes,
    replans,
  };
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
