import type { Kpi } from './content';
import type { Health } from './kpi';
import { daysBetween, type IsoDate, type Period } from './time';

/**
 * Pure geometry for the operating views: calendar ticks over a period and a KPI chart (actual
 * against target and the time-prorated pace). Pixels in, pixels out; no DOM, no clock.
 */

// Calendar ticks ---------------------------------------------------------------------------------

export interface CalendarTick {
  date: IsoDate;
  /** Days from the period start to the start of `date`. */
  offset: number;
}

export interface CalendarTicks {
  /** The first day of every month that starts inside the period. */
  months: CalendarTick[];
  /** Every Monday inside the period. */
  weeks: CalendarTick[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Month starts and Mondays inside `period`, as day offsets from its start. */
export function calendarTicks(period: Period): CalendarTicks {
  const months: CalendarTick[] = [];
  let year = Number(period.start.slice(0, 4));
  let month = Number(period.start.slice(5, 7));
  if (period.start.slice(8) !== '01') month += 1;
  for (;;) {
    if (month > 12) {
      month = 1;
      year += 1;
    }
    const date = `${year}-${pad2(month)}-01`;
    if (date > period.end) break;
    months.push({ date, offset: daysBetween(period.start, date) });
    month += 1;
  }
  const weeks: CalendarTick[] = [];
  const [y, m, d] = [period.start.slice(0, 4), period.start.slice(5, 7), period.start.slice(8)];
  const weekday = new Date(Date.UTC(+y, +m - 1, +d)).getUTCDay();
  const days = daysBetween(period.start, period.end) + 1;
  for (let offset = (8 - weekday) % 7; offset < days; offset += 7) {
    const at = new Date(Date.UTC(+y, +m - 1, +d + offset)).toISOString().slice(0, 10);
    weeks.push({ date: at, offset });
  }
  return { months, weeks };
}

// Value axis -------------------------------------------------------------------------------------

/** The "nice" step (1, 2, 2.5 or 5 times a power of ten) nearest above `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Ticks from 0 to just above `max` (5% headroom) in a nice step, with at most `count` + 1
 * intervals: the smallest nice step that gets there, so the top stays close to the data.
 */
export function valueTicks(max: number, count = 4): number[] {
  const top = max > 0 && Number.isFinite(max) ? max * 1.05 : 1;
  const step = niceStep(top / (count + 1));
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  // toPrecision removes float noise (0.30000000000000004) from the tick values.
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

// KPI chart --------------------------------------------------------------------------------------

/** A check-in as the chart needs it (RunContext.checkIns of one KPI fit). */
export interface ChartCheckIn {
  date: IsoDate;
  value: number;
  paceTarget: number;
  attainment: number;
  health: Health;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room around the plot for axis labels. */
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ActualPoint extends ChartPoint, ChartCheckIn {
  /** Where the pace target this check-in was assessed against sits: the gap is `paceY - y`. */
  paceY: number;
}

export interface KpiChartGeometry {
  plot: { left: number; right: number; top: number; bottom: number };
  /** The latest figure reported for each date, in date order. */
  actual: ActualPoint[];
  /** The full target as a horizontal line; null for a KPI without a target. */
  target: { value: number; y: number } | null;
  /**
   * The pace line across the period: 0 → target for a cumulative KPI, reaching it at the end of
   * its pace span (the period, or its goal's earlier deadline) and flat after; flat at the target
   * for a level. A check-in on day d sits at the end of d, exactly where the line reaches the pace
   * target `assessCheckIn` compared it with. Two points, or three with an earlier deadline.
   */
  pace: ChartPoint[] | null;
  /**
   * Where a figure counts as on track (green): at or above pace × the green threshold when
   * higher is better, at or below pace ÷ it when lower is better. A polygon inside the plot;
   * empty without a target.
   */
  onTrack: ChartPoint[];
  yTicks: { value: number; y: number }[];
  /** Month starts along the time axis. */
  xTicks: { date: IsoDate; x: number }[];
  /** The middle of today; null outside the period. */
  today: number | null;
  /** The latest check-in by date (later reports win on the same date), with its health. */
  latest: ChartCheckIn | null;
  latestHealth: Health | null;
}

/**
 * Lays out a KPI chart in `box`: time runs over `period` left to right, values from 0 upward.
 * `checkIns` are this KPI's check-ins in the order they were recorded.
 */
export function kpiChart(
  kpi: Pick<Kpi, 'target' | 'measure' | 'direction' | 'thresholds'>,
  period: Period,
  checkIns: readonly ChartCheckIn[],
  today: IsoDate | null,
  box: ChartBox,
  /** The span the pace runs over (see `pacePeriod`): the whole period unless a deadline is earlier. */
  paceSpan: Period = period,
): KpiChartGeometry {
  const plot = {
    left: box.margin.left,
    right: box.width - box.margin.right,
    top: box.margin.top,
    bottom: box.height - box.margin.bottom,
  };
  const days = daysBetween(period.start, period.end) + 1;
  const xAt = (dayOffset: number) =>
    plot.left + (Math.min(days, Math.max(0, dayOffset)) / days) * (plot.right - plot.left);

  const byDate = new Map<IsoDate, ChartCheckIn>();
  for (const checkIn of checkIns) byDate.set(checkIn.date, checkIn);
  const series = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const latest = series.at(-1) ?? null;

  const highest = Math.max(kpi.target ?? 0, ...series.map((c) => c.value));
  const ticks = valueTicks(highest);
  const yMax = ticks.at(-1) ?? 1;
  const yAt = (value: number) => plot.bottom - (value / yMax) * (plot.bottom - plot.top);

  const target = kpi.target === null ? null : { value: kpi.target, y: yAt(kpi.target) };
  // Where the pace reaches the target: the end of the period, or the goal's earlier deadline.
  const dueDays =
    kpi.measure === 'cumulative' && paceSpan.end < period.end
      ? daysBetween(period.start, paceSpan.end) + 1
      : days;
  const pace: ChartPoint[] | null =
    kpi.target === null
      ? null
      : [
          { x: xAt(0), y: yAt(kpi.measure === 'cumulative' ? 0 : kpi.target) },
          { x: xAt(dueDays), y: yAt(kpi.target) },
          ...(dueDays < days ? [{ x: xAt(days), y: yAt(kpi.target) }] : []),
        ];
  const onTrack: ChartPoint[] = [];
  if (kpi.target !== null && kpi.thresholds.green > 0) {
    const g = kpi.thresholds.green;
    const start = kpi.measure === 'cumulative' ? 0 : kpi.target;
    // The boundary is a straight line in value space up to the due day, flat after; cut it
    // where it leaves the plot.
    const bound = (v: number) => (kpi.direction === 'higher' ? v * g : v / g);
    const [b0, b1] = [bound(start), bound(kpi.target)];
    const edge: ChartPoint[] = [{ x: xAt(0), y: yAt(Math.min(b0, yMax)) }];
    if ((b0 - yMax) * (b1 - yMax) < 0) {
      edge.push({ x: xAt(((yMax - b0) / (b1 - b0)) * dueDays), y: plot.top });
    }
    edge.push({ x: xAt(dueDays), y: yAt(Math.min(b1, yMax)) });
    if (dueDays < days) edge.push({ x: xAt(days), y: yAt(Math.min(b1, yMax)) });
    const far = kpi.direction === 'higher' ? plot.top : plot.bottom;
    onTrack.push(...edge, { x: xAt(days), y: far }, { x: xAt(0), y: far });
  }
  const todayOffset = today === null ? -1 : daysBetween(period.start, today);
  return {
    plot,
    actual: series.map((c) => ({
      ...c,
      x: xAt(daysBetween(period.start, c.date) + 1),
      y: yAt(c.value),
      paceY: yAt(Math.min(c.paceTarget, yMax)),
    })),
    target,
    pace,
    onTrack,
    yTicks: ticks.map((value) => ({ value, y: yAt(value) })),
    xTicks: calendarTicks(period).months.map((m) => ({ date: m.date, x: xAt(m.offset) })),
    today: todayOffset >= 0 && todayOffset < days ? xAt(todayOffset + 0.5) : null,
    latest,
    latestHealth: latest?.health ?? null,
  };
}
