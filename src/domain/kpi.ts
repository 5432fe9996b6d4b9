import type { CADENCES, DIRECTIONS, Kpi, KPI_MEASURES } from './content';
import { addDays, addMonths, daysBetween, type IsoDate, type Period } from './time';

/**
 * KPI math for the monitoring loop: attainment, the time-prorated target (pace) and health.
 * Rates are fractions (1.2 = 120%), as thresholds are. Every result is a finite number so it can
 * be stored in a check-in and compared with thresholds without special cases.
 */

export type Direction = (typeof DIRECTIONS)[number];
export type KpiMeasure = (typeof KPI_MEASURES)[number];
export type Health = 'green' | 'amber' | 'red';
export type Cadence = (typeof CADENCES)[number];

export interface Thresholds {
  /** Pace attainment at or above which the KPI is green (0.95 = 95%). */
  green: number;
  /** Pace attainment at or above which the KPI is amber; below it is red. */
  amber: number;
}

/** Green at 95% of pace or better, amber from 80%, red below (DOMAIN.md, monitoring loop). */
export const DEFAULT_THRESHOLDS: Thresholds = { green: 0.95, amber: 0.8 };

/**
 * The highest attainment reported (1000%). It keeps "beat a target by infinitely much" finite;
 * thresholds (capped at 10 by the schema) can never tell the difference.
 */
export const MAX_ATTAINMENT = 10;

/**
 * How far `actual` reaches `target`: actual / target when higher is better, target / actual when
 * lower is better (cost, inventory days). ¥1.8M against ¥1.5M is 1.2.
 *
 * Edge cases:
 * - higher, target 0: nothing was required, so any actual counts as fully attained (1). This is
 *   also the pace target before a cumulative KPI's period starts.
 * - lower, actual 0: nothing beats zero. Against a target of 0 that is exactly on target (1);
 *   against a positive target it is capped at `MAX_ATTAINMENT`.
 * - lower, target 0, actual > 0: the target was zero and something happened: 0.
 * Results are capped at `MAX_ATTAINMENT`.
 *
 * WARNING: throws a RangeError on negative or non-finite input; KPI figures are never negative.
 */
export function attainmentRate(actual: number, target: number, direction: Direction): number {
  assertFigure(actual, 'actual');
  assertFigure(target, 'target');
  const [reached, wanted] = direction === 'higher' ? [actual, target] : [target, actual];
  if (wanted === 0) return direction === 'higher' || reached === 0 ? 1 : MAX_ATTAINMENT;
  return Math.min(reached / wanted, MAX_ATTAINMENT);
}

function assertFigure(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}

/**
 * The fraction of the period elapsed by the end of `date`, counting whole days inclusively: on
 * the first day it is 1 / length, on the last day 1. Before the period it is 0, after it 1.
 */
export function elapsedFraction(period: Period, date: IsoDate): number {
  if (date < period.start) return 0;
  if (date >= period.end) return 1;
  const length = daysBetween(period.start, period.end) + 1;
  return (daysBetween(period.start, date) + 1) / length;
}

/** What a KPI needs for pace: its target and whether it accumulates. */
export interface PaceKpi {
  target: number;
  measure: KpiMeasure;
}

/**
 * The target due by `date`: a cumulative KPI (sales to date) is prorated linearly over the
 * period; a level KPI (a rate, a share) is expected at its full target all along.
 */
export function paceTarget(kpi: PaceKpi, period: Period, date: IsoDate, exact = true): number {
  if (kpi.measure !== 'cumulative') return kpi.target;
  // Gate rules before 5 multiplied by the elapsed fraction (see assessCheckIn).
  if (!exact) return kpi.target * elapsedFraction(period, date);
  if (date < period.start) return 0;
  if (date >= period.end) return kpi.target;
  // Multiplied before dividing: 9,200 over 27 of 92 days is exactly 2,700, not 2,700.0000000000005.
  const length = daysBetween(period.start, period.end) + 1;
  return (kpi.target * (daysBetween(period.start, date) + 1)) / length;
}

/**
 * The span a KPI's pace runs over: the run's period, or up to the deadline of the goal it is
 * linked to when that comes first ("30 contracts by Aug 31" in a quarter is due at the end of
 * August, not of September). From gate rules 5 on; earlier runs pace over the whole period.
 */
export function pacePeriod(
  kpi: { goalId: string | null },
  goals: readonly { id: string; deadline: IsoDate | null }[],
  period: Period,
): Period {
  const deadline = goals.find((g) => g.id === kpi.goalId)?.deadline ?? null;
  if (deadline === null || deadline < period.start || deadline >= period.end) return period;
  return { start: period.start, end: deadline };
}

/** Attainment of `actual` against the pace target on `date` (`exact`: see paceTarget). */
export function paceAttainment(
  actual: number,
  kpi: PaceKpi & { direction: Direction },
  period: Period,
  date: IsoDate,
  exact = true,
): number {
  return attainmentRate(actual, paceTarget(kpi, period, date, exact), kpi.direction);
}

/**
 * How far below a threshold an attainment may fall and still count as reaching it: binary
 * fractions cannot hold 2.4 / 3 exactly (it comes out 0.7999999999999999), and a figure exactly
 * on a threshold must read as on it. Float error is near 1e-16; a fen short of 95% of ¥13M is 1e-9.
 */
const THRESHOLD_TOLERANCE = 1e-12;

/**
 * Green at or above `thresholds.green`, amber at or above `thresholds.amber`, red below.
 * `exact: false` compares without the tolerance, as gate rules before 5 did.
 */
export function health(
  attainment: number,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  exact = true,
): Health {
  const tolerance = exact ? THRESHOLD_TOLERANCE : 0;
  if (attainment >= thresholds.green - tolerance) return 'green';
  if (attainment >= thresholds.amber - tolerance) return 'amber';
  return 'red';
}

export interface CheckInAssessment {
  paceTarget: number;
  attainment: number;
  health: Health;
}

/**
 * Assesses a KPI check-in: the pace target on `date`, attainment against it, and health by the
 * KPI's own thresholds. `exact` is false only for runs under gate rules before 5, whose logs must
 * replay as they were accepted: there a figure exactly on a threshold could fall just short of it.
 *
 * WARNING: throws a RangeError when the KPI has no target. The monitoring gate refuses KPIs
 * without one (`kpis.noTarget`), so approved KPIs always have one.
 */
export function assessCheckIn(
  kpi: Kpi,
  value: number,
  date: IsoDate,
  period: Period,
  exact = true,
): CheckInAssessment {
  // The run machine's guard and action assess the same check-in back to back: remember the last.
  const last = lastAssessment;
  if (
    last &&
    last.kpi === kpi &&
    last.value === value &&
    last.date === date &&
    // By value: a pace span up to a goal's deadline is a new object at each call.
    last.period.start === period.start &&
    last.period.end === period.end &&
    last.exact === exact
  ) {
    return last.result;
  }
  if (kpi.target === null) throw new RangeError(`KPI ${kpi.id} has no target to assess against`);
  const pace = paceTarget({ target: kpi.target, measure: kpi.measure }, period, date, exact);
  const attainment = attainmentRate(value, pace, kpi.direction);
  const result = {
    paceTarget: pace,
    attainment,
    health: health(attainment, kpi.thresholds, exact),
  };
  lastAssessment = { kpi, value, date, period, exact, result };
  return result;
}

let lastAssessment: {
  kpi: Kpi;
  value: number;
  date: IsoDate;
  period: Period;
  exact: boolean;
  result: CheckInAssessment;
} | null = null;

/**
 * True when a KPI's next figure is due on `today`: a whole cadence (a day, a week, a month) has
 * passed since its latest figure, or since the period began when it has none. Nothing is due
 * for days after the period, nor before it starts.
 */
export function checkInDue(
  cadence: Cadence,
  latest: IsoDate | null,
  period: Period,
  today: IsoDate,
): boolean {
  const until = today < period.end ? today : period.end;
  if (until < period.start) return false;
  const since = latest ?? addDays(period.start, -1);
  const next =
    cadence === 'daily'
      ? addDays(since, 1)
      : cadence === 'weekly'
        ? addDays(since, 7)
        : addMonths(since, 1);
  return next <= until;
}
