import { describe, it, expect } from 'vitest';
import type { Goal, Kpi } from '../../src/domain/content';
import {
  measuredActuals,
  measuringKpi,
  resultSource,
  withMeasuredResults,
} from '../../src/domain/results';

const goal = (id: string, unit = 'CNY', direction: Goal['direction'] = 'higher') => ({
  id,
  unit,
  direction,
});

function kpi(
  id: string,
  goalId: string | null,
  unit = 'CNY',
  direction: Kpi['direction'] = 'higher',
): Kpi {
  return {
    id,
    goalId,
    name: `KPI ${id}`,
    target: 100,
    unit,
    direction,
    measure: 'cumulative',
    cadence: 'weekly',
    thresholds: { green: 0.95, amber: 0.8 },
    source: 'crm',
  };
}

describe('the KPI that measures a goal', () => {
  it('is the first KPI linked to the goal in its unit and direction', () => {
    const kpis = [
      kpi('k-inventory', 'g-sales', 'days', 'lower'),
      kpi('k-other', 'g-north'),
      kpi('k-sales', 'g-sales'),
      kpi('k-sales-2', 'g-sales'),
    ];

    expect(measuringKpi(goal('g-sales'), kpis)?.id).toBe('k-sales');
  });

  it('does not exist when the goal’s KPIs count in another unit or direction', () => {
    const kpis = [kpi('k-share', 'g-online', '%'), kpi('k-cost', 'g-online', 'customers', 'lower')];

    expect(measuringKpi(goal('g-online', 'customers'), kpis)).toBeUndefined();
  });
});

describe('measured actuals', () => {
  const goals = [goal('g-sales'), goal('g-north'), goal('g-east')];
  const kpis = [kpi('k-sales', 'g-sales'), kpi('k-north', 'g-north'), kpi('k-east', 'g-east')];

  it('take the figure of the KPI’s check-in with the latest date, the last recorded of a day', () => {
    const measured = measuredActuals(goals, kpis, [
      { kpiId: 'k-sales', date: '2024-09-20', value: 150 },
      { kpiId: 'k-sales', date: '2024-09-30', value: 170 },
      { kpiId: 'k-sales', date: '2024-09-30', value: 180 },
      // Backfilled later for an earlier day: not the latest figure.
      { kpiId: 'k-sales', date: '2024-08-31', value: 90 },
    ]);

    expect(measured.get('g-sales')).toEqual({
      goalId: 'g-sales',
      kpiId: 'k-sales',
      kpiName: 'KPI k-sales',
      value: 180,
      date: '2024-09-30',
    });
  });

  it('leave out goals whose KPI has no check-in', () => {
    const measured = measuredActuals(goals, kpis, [
      { kpiId: 'k-north', date: '2024-09-30', value: 40 },
    ]);

    expect([...measured.keys()]).toEqual(['g-north']);
  });

  it('ignore check-ins of KPIs that watch a goal in another unit', () => {
    const measured = measuredActuals(
      [goal('g-sales')],
      [kpi('k-inventory', 'g-sales', 'days', 'lower')],
      [{ kpiId: 'k-inventory', date: '2024-09-30', value: 45 }],
    );

    expect(measured.size).toBe(0);
  });
});

describe('results with measured actuals', () => {
  const measured = measuredActuals(
    [goal('g-sales'), goal('g-north')],
    [kpi('k-sales', 'g-sales'), kpi('k-north', 'g-north')],
    [
      { kpiId: 'k-sales', date: '2024-09-30', value: 180 },
      { kpiId: 'k-north', date: '2024-09-30', value: 40 },
    ],
  );
  const goals = [{ id: 'g-sales' }, { id: 'g-north' }, { id: 'g-east' }];

  it('replace what was typed for a measured goal and add rows for goals without one', () => {
    const results = [
      { goalId: 'g-sales', actual: 200, note: 'typed' },
      { goalId: 'g-east', actual: 70, note: '' },
    ];

    expect(withMeasuredResults(results, goals, measured)).toEqual([
      { goalId: 'g-sales', actual: 180, note: 'typed' },
      { goalId: 'g-east', actual: 70, note: '' },
      { goalId: 'g-north', actual: 40, note: '' },
    ]);
  });

  it('are the same list when every measured actual is already in place', () => {
    const results = [
      { goalId: 'g-sales', actual: 180, note: '' },
      { goalId: 'g-north', actual: 40, note: '' },
      { goalId: 'g-east', actual: null, note: '' },
    ];

    expect(withMeasuredResults(results, goals, measured)).toBe(results);
  });
});

describe('the source of a result', () => {
  const figure = { goalId: 'g', kpiId: 'k', kpiName: 'K', value: 180, date: '2024-09-30' };

  it('is the KPI when the actual is its measured figure', () => {
    expect(resultSource(180, figure)).toBe('kpi');
  });

  it('is a person when nothing measured the goal or another figure was entered', () => {
    expect(resultSource(180, undefined)).toBe('manual');
    expect(resultSource(175, figure)).toBe('manual');
  });

  it('is nothing without an actual', () => {
    expect(resultSource(null, figure)).toBeNull();
  });
});
