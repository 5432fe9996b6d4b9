import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../src/domain/content';
import {
  calendarTicks,
  kpiChart,
  niceStep,
  valueTicks,
  type ChartBox,
  type ChartCheckIn,
} from '../../src/domain/chart';
import { assessCheckIn } from '../../src/domain/kpi';
import type { Period } from '../../src/domain/time';

/** 2024 Q3: 1 July to 30 September, 92 days. */
const Q3: Period = { start: '2024-07-01', end: '2024-09-30' };
/** A 92-pixel-wide plot: one pixel per day, 100 pixels tall. */
const BOX: ChartBox = { width: 92, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };

function kpi(overrides: Partial<Kpi> = {}): Kpi {
  return {
    id: 'k-sales',
    goalId: 'g-sales',
    name: 'Sales attainment',
    target: 150_000_000,
    unit: 'CNY',
    direction: 'higher',
    measure: 'cumulative',
    cadence: 'weekly',
    thresholds: { green: 0.95, amber: 0.8 },
    source: 'crm',
    ...overrides,
  };
}

function checkIn(k: Kpi, date: string, value: number): ChartCheckIn {
  return { date, value, ...assessCheckIn(k, value, date, Q3) };
}

describe('calendarTicks', () => {
  it('puts a month tick on the first of each month inside a quarter', () => {
    expect(calendarTicks(Q3).months).toEqual([
      { date: '2024-07-01', offset: 0 },
      { date: '2024-08-01', offset: 31 },
      { date: '2024-09-01', offset: 62 },
    ]);
  });

  it('skips a month start before a period that begins mid-month, across a year end', () => {
    const ticks = calendarTicks({ start: '2024-12-15', end: '2025-02-10' }).months;
    expect(ticks.map((t) => t.date)).toEqual(['2025-01-01', '2025-02-01']);
  });

  it('puts a week tick on every Monday', () => {
    const weeks = calendarTicks(Q3).weeks;
    // 1 July 2024 was a Monday.
    expect(weeks[0]).toEqual({ date: '2024-07-01', offset: 0 });
    expect(weeks[1]).toEqual({ date: '2024-07-08', offset: 7 });
    expect(weeks.at(-1)).toEqual({ date: '2024-09-30', offset: 91 });
    expect(weeks).toHaveLength(14);
  });
});

describe('value ticks', () => {
  it('rounds a step up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(13)).toBe(20);
    expect(niceStep(230)).toBe(250);
    expect(niceStep(4_100_000)).toBe(5_000_000);
  });

  it('run from zero past the highest value', () => {
    expect(valueTicks(40)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(valueTicks(150_000_000)).toEqual([0, 50_000_000, 100_000_000, 150_000_000, 200_000_000]);
  });

  it('still have a scale when every value is zero', () => {
    expect(valueTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('kpiChart', () => {
  it('draws the pace of a cumulative KPI from zero at the start to the target at the end', () => {
    const chart = kpiChart(kpi(), Q3, [], null, BOX);

    expect(chart.pace?.[0]).toEqual({ x: 0, y: 100 });
    expect(chart.pace?.[1]?.x).toBe(92);
    expect(chart.pace?.[1]?.y).toBeCloseTo(chart.target?.y ?? NaN, 9);
    expect(chart.target?.y).toBeCloseTo(100 - (150 / 200) * 100, 9);
  });

  it('reaches the target at the goal’s earlier deadline and stays there, the band with it', () => {
    const chart = kpiChart(kpi(), Q3, [], null, BOX, { start: Q3.start, end: '2024-08-31' });

    // Box 92 wide for 92 days: the deadline's end is at x = 62.
    expect(chart.pace?.map((p) => p.x)).toEqual([0, 62, 92]);
    expect(chart.pace?.[1]?.y).toBeCloseTo(chart.target?.y ?? NaN, 9);
    expect(chart.pace?.[2]?.y).toBeCloseTo(chart.target?.y ?? NaN, 9);
    const band = chart.onTrack.filter((p) => p.x === 62 || p.x === 92).map((p) => p.y);
    expect(new Set(band.slice(0, 2)).size).toBe(1);
  });

  it('keeps the pace of a level KPI flat at the target', () => {
    const chart = kpiChart(kpi({ measure: 'level', target: 40, unit: '%' }), Q3, [], null, BOX);

    expect(chart.pace?.[0]?.y).toBe(chart.target?.y);
    expect(chart.pace?.[1]?.y).toBe(chart.target?.y);
  });

  it('puts a check-in on the pace line when it is exactly on pace', () => {
    const k = kpi();
    const onPace = checkIn(k, '2024-08-15', Math.round((150_000_000 * 46) / 92));

    const chart = kpiChart(k, Q3, [onPace], null, BOX);

    // 15 August ends day 46 of 92: halfway along the time axis and the pace line.
    const point = chart.actual[0];
    expect(point?.x).toBe(46);
    expect(point?.y).toBeCloseTo(100 - (75 / 200) * 100, 6);
    expect(point?.paceY).toBeCloseTo(point?.y ?? NaN, 6);
    expect(chart.latestHealth).toBe('green');
  });

  it('orders the series by date and keeps the latest report of a date', () => {
    const k = kpi();
    const chart = kpiChart(
      k,
      Q3,
      [
        checkIn(k, '2024-08-15', 60_000_000),
        checkIn(k, '2024-07-31', 30_000_000),
        checkIn(k, '2024-08-15', 40_000_000),
      ],
      null,
      BOX,
    );

    expect(chart.actual.map((p) => [p.date, p.value])).toEqual([
      ['2024-07-31', 30_000_000],
      ['2024-08-15', 40_000_000],
    ]);
    expect(chart.latest?.value).toBe(40_000_000);
  });

  it('reports the health of the latest check-in', () => {
    const k = kpi();
    const chart = kpiChart(
      k,
      Q3,
      [checkIn(k, '2024-07-31', 50_000_000), checkIn(k, '2024-08-31', 45_000_000)],
      null,
      BOX,
    );

    expect(chart.latest?.date).toBe('2024-08-31');
    expect(chart.latestHealth).toBe('red');
    // Behind pace: the pace mark sits above the figure (smaller y is higher up).
    const latest = chart.actual.at(-1);
    expect(latest?.paceY).toBeLessThan(latest?.y ?? NaN);
  });

  it('has no latest check-in and no health before the first check-in', () => {
    const chart = kpiChart(kpi(), Q3, [], null, BOX);

    expect(chart.actual).toEqual([]);
    expect(chart.latest).toBeNull();
    expect(chart.latestHealth).toBeNull();
  });

  it('raises the value axis above a figure that beats the target', () => {
    const k = kpi({ measure: 'level', target: 40, unit: '%' });
    const chart = kpiChart(k, Q3, [checkIn(k, '2024-08-01', 72)], null, BOX);

    expect(chart.yTicks.at(-1)?.value).toBeGreaterThanOrEqual(72);
    expect(chart.actual[0]?.y).toBeGreaterThanOrEqual(0);
  });

  it('places today in the middle of its day and leaves it out after the period', () => {
    expect(kpiChart(kpi(), Q3, [], '2024-07-01', BOX).today).toBe(0.5);
    expect(kpiChart(kpi(), Q3, [], '2024-10-01', BOX).today).toBeNull();
  });

  it('maps month starts onto the time axis', () => {
    const chart = kpiChart(kpi(), Q3, [], null, BOX);

    expect(chart.xTicks.map((t) => t.x)).toEqual([0, 31, 62]);
  });

  it('respects the margins around the plot', () => {
    const box: ChartBox = {
      width: 200,
      height: 120,
      margin: { top: 10, right: 8, bottom: 20, left: 100 },
    };

    const chart = kpiChart(kpi(), Q3, [], null, box);

    expect(chart.plot).toEqual({ left: 100, right: 192, top: 10, bottom: 100 });
    expect(chart.pace?.[0]).toEqual({ x: 100, y: 100 });
    expect(chart.yTicks.at(-1)?.y).toBe(10);
  });

  it('shades the on-track zone above pace × green when higher is better', () => {
    const chart = kpiChart(kpi({ measure: 'level', target: 40, unit: '%' }), Q3, [], null, BOX);

    const boundary = 100 - ((40 * 0.95) / 50) * 100;
    expect(chart.onTrack).toEqual([
      { x: 0, y: boundary },
      { x: 92, y: boundary },
      { x: 92, y: 0 },
      { x: 0, y: 0 },
    ]);
  });

  it('shades the zone below pace ÷ green when lower is better', () => {
    const k = kpi({ measure: 'level', target: 45, unit: 'days', direction: 'lower' });
    const chart = kpiChart(k, Q3, [], null, BOX);

    const top = chart.yTicks.at(-1)?.value ?? NaN;
    const boundary = 100 - (45 / 0.95 / top) * 100;
    expect(chart.onTrack[0]?.y).toBeCloseTo(boundary, 9);
    expect(chart.onTrack.at(-1)).toEqual({ x: 0, y: 100 });
  });

  it('cuts the on-track boundary where it leaves the top of the plot', () => {
    // Lower is better, cumulative: pace ÷ 0.5 reaches twice the target, far above the axis.
    const k = kpi({ direction: 'lower', thresholds: { green: 0.5, amber: 0.4 } });
    const chart = kpiChart(k, Q3, [], null, BOX);

    expect(chart.onTrack).toHaveLength(5);
    expect(chart.onTrack[1]?.y).toBe(0);
    expect(chart.onTrack[1]?.x).toBeGreaterThan(0);
    expect(chart.onTrack[1]?.x).toBeLessThan(92);
    expect(chart.onTrack[2]).toEqual({ x: 92, y: 0 });
  });

  it('draws no target, pace or zone for a KPI without a target', () => {
    const chart = kpiChart(kpi({ target: null }), Q3, [], null, BOX);

    expect(chart.target).toBeNull();
    expect(chart.pace).toBeNull();
    expect(chart.onTrack).toEqual([]);
  });
});
