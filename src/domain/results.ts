import type { EvaluationContent, Goal, Kpi } from './content';
import type { IsoDate } from './time';

/**
 * Evaluation results computed from the monitoring record (效果评估: results computed, not typed).
 * A goal's actual is the latest figure of the KPI that measures it; only a goal no KPI measures
 * (or whose KPI never got a check-in) has an actual entered by hand, and says so.
 */

/**
 * Each KPI's standing figure: the check-in with the latest date, and of those on one date the one
 * recorded last. A figure back-filled for an earlier day does not replace a later one.
 */
export function latestCheckIns<T extends { kpiId: string; date: IsoDate }>(
  checkIns: readonly T[],
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const checkIn of checkIns) {
    const seen = latest.get(checkIn.kpiId);
    if (seen === undefined || checkIn.date >= seen.date) latest.set(checkIn.kpiId, checkIn);
  }
  return latest;
}

/** A goal's actual as its KPI measured it: the figure of the KPI's latest check-in. */
export interface MeasuredActual {
  goalId: string;
  kpiId: string;
  kpiName: string;
  value: number;
  /** The date of the check-in the figure comes from. */
  date: IsoDate;
}

/** Where a result's actual comes from: computed from a KPI, or entered by hand. */
export type ResultSource = 'kpi' | 'manual';

type GoalMeasure = Pick<Goal, 'id' | 'unit' | 'direction'>;

/**
 * The KPI whose figures are a goal's actual: the first KPI linked to the goal that counts in the
 * goal's unit and direction. A KPI in another unit (inventory days for a sales goal) watches the
 * goal but cannot measure it against the goal's target.
 */
export function measuringKpi(goal: GoalMeasure, kpis: readonly Kpi[]): Kpi | undefined {
  return kpis.find(
    (k) => k.goalId === goal.id && k.unit === goal.unit && k.direction === goal.direction,
  );
}

/**
 * Each goal's actual computed from the check-ins of its measuring KPI (see `measuringKpi`): the
 * figure with the latest date, and of check-ins on the same date the one recorded last. Goals
 * without a measuring KPI, or whose KPI has no check-in, are not in the map.
 */
export function measuredActuals(
  goals: readonly GoalMeasure[],
  kpis: readonly Kpi[],
  checkIns: readonly { kpiId: string; date: IsoDate; value: number }[],
): Map<string, MeasuredActual> {
  const latest = latestCheckIns(checkIns);
  const measured = new Map<string, MeasuredActual>();
  for (const goal of goals) {
    const kpi = measuringKpi(goal, kpis);
    const figure = kpi === undefined ? undefined : latest.get(kpi.id);
    if (kpi === undefined || figure === undefined) continue;
    measured.set(goal.id, {
      goalId: goal.id,
      kpiId: kpi.id,
      kpiName: kpi.name,
      value: figure.value,
      date: figure.date,
    });
  }
  return measured;
}

/**
 * `results` with every measured goal's actual set to its measured figure, and a row added for
 * each goal that has none (measured, or with no actual yet). Other results are kept as they are.
 * Returns `results` itself when nothing changes.
 */
export function withMeasuredResults(
  results: EvaluationContent['results'],
  goals: readonly Pick<Goal, 'id'>[],
  measured: ReadonlyMap<string, MeasuredActual>,
): EvaluationContent['results'] {
  let next = results;
  for (const goal of goals) {
    const figure = measured.get(goal.id);
    const index = next.findIndex((r) => r.goalId === goal.id);
    if (index < 0) {
      next = [...next, { goalId: goal.id, actual: figure?.value ?? null, note: '' }];
    } else if (figure !== undefined && next[index]?.actual !== figure.value) {
      next = next.map((r, i) => (i === index ? { ...r, actual: figure.value } : r));
    }
  }
  return next;
}

/**
 * Where the actual of a result comes from: `kpi` when it is the goal's measured figure, `manual`
 * when someone entered it (no KPI measures the goal, its KPI has no check-in, or the run predates
 * computed results and a different figure was approved), null without an actual.
 */
export function resultSource(
  actual: number | null,
  measured: MeasuredActual | undefined,
): ResultSource | null {
  if (actual === null) return null;
  return measured !== undefined && measured.value === actual ? 'kpi' : 'manual';
}
