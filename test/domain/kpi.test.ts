import { describe, it, expect } from 'vitest';
import type { Kpi } from '../../src/domain/content';
import {
  assessCheckIn,
  attainmentRate,
  DEFAULT_THRESHOLDS,
  elapsedFraction,
  health,
  MAX_ATTAINMENT,
  paceAttainment,
  paceTarget,
  pacePeriod,
} from '../../src/domain/kpi';
import { wanToFen } from '../../src/domain/money';
import type { Period } from '../../src/domain/time';

/** 2024 Q3: 1 July to 30 September, 92 days. */
const Q3_2024: Period = { start: '2024-07-01', end: '2024-09-30' };

function kpi(overrides: Partial<Kpi> = {}): Kpi {
  return {
    id: 'k-sales',
    goalId: 'g-sales',
    name: '销售额达成',
    target: wanToFen(150),
    unit: 'CNY',
    direction: 'higher',
    measure: 'cumulative',
    cadence: 'weekly',
    thresholds: { green: 0.95, amber: 0.8 },
    source: 'crm',
    ...overrides,
  };
}

describe('attainmentRate', () => {
  it('is 120% for actual ¥1.8M against a ¥1.5M target', () => {
    expect(attainmentRate(wanToFen(180), wanToFen(150), 'higher')).toBeCloseTo(1.2, 12);
  });

  it('is below 100% when higher is better and the actual falls short', () => {
    expect(attainmentRate(400, 500, 'higher')).toBe(0.8);
  });

  it('is target / actual when lower is better', () => {
    expect(attainmentRate(50, 45, 'lower')).toBe(0.9);
  });

  it('exceeds 100% when lower is better and the actual is under target', () => {
    expect(attainmentRate(30, 45, 'lower')).toBe(1.5);
  });

  it('counts anything against a zero target as attained when higher is better', () => {
    expect(attainmentRate(0, 0, 'higher')).toBe(1);
    expect(attainmentRate(7, 0, 'higher')).toBe(1);
  });

  it('caps a zero actual against a positive lower-is-better target', () => {
    expect(attainmentRate(0, 45, 'lower')).toBe(MAX_ATTAINMENT);
  });

  it('is exactly on target when lower is better and both are zero', () => {
    expect(attainmentRate(0, 0, 'lower')).toBe(1);
  });

  it('is zero when lower is better, the target was zero and something happened', () => {
    expect(attainmentRate(3, 0, 'lower')).toBe(0);
  });

  it('never reports more than MAX_ATTAINMENT', () => {
    expect(attainmentRate(1_000_000, 1, 'higher')).toBe(MAX_ATTAINMENT);
  });

  it('refuses negative figures', () => {
    expect(() => attainmentRate(-1, 10, 'higher')).toThrow(RangeError);
    expect(() => attainmentRate(1, Number.NaN, 'lower')).toThrow(RangeError);
  });
});

describe('elapsedFraction', () => {
  it('counts the first day of the period as one day elapsed', () => {
    expect(elapsedFraction(Q3_2024, '2024-07-01')).toBe(1 / 92);
  });

  it('is 1 on the last day of the period', () => {
    expect(elapsedFraction(Q3_2024, '2024-09-30')).toBe(1);
  });

  it('is 0 before the period starts', () => {
    expect(elapsedFraction(Q3_2024, '2024-06-30')).toBe(0);
  });

  it('is 1 after the period ends', () => {
    expect(elapsedFraction(Q3_2024, '2024-10-15')).toBe(1);
  });

  it('is one half on the 46th of 92 days', () => {
    expect(elapsedFraction(Q3_2024, '2024-08-15')).toBe(0.5);
  });

  it('is 1 on the only day of a one-day period', () => {
    expect(elapsedFraction({ start: '2024-06-10', end: '2024-06-10' }, '2024-06-10')).toBe(1);
  });
});

describe('paceTarget', () => {
  it('prorates a cumulative target over the period', () => {
    expect(paceTarget({ target: 920, measure: 'cumulative' }, Q3_2024, '2024-07-01')).toBe(10);
  });

  it('is the full cumulative target on the last day', () => {
    const pace = paceTarget(
      { target: wanToFen(150), measure: 'cumulative' },
      Q3_2024,
      '2024-09-30',
    );

    expect(pace).toBe(wanToFen(150));
  });

  it('is zero for a cumulative KPI before the period starts', () => {
    expect(paceTarget({ target: 500, measure: 'cumulative' }, Q3_2024, '2024-06-01')).toBe(0);
  });

  it('prorates exactly where the figures divide: 9,200 over 27 of 92 days is 2,700', () => {
    expect(paceTarget({ target: 9200, measure: 'cumulative' }, Q3_2024, '2024-07-27')).toBe(2700);
  });

  it('keeps a level target (a rate) whole from the first day', () => {
    expect(paceTarget({ target: 40, measure: 'level' }, Q3_2024, '2024-07-01')).toBe(40);
  });
});

describe('pacePeriod', () => {
  const goals = [
    { id: 'g-sales', deadline: '2024-09-30' },
    { id: 'g-contracts', deadline: '2024-08-31' },
    { id: 'g-open', deadline: null },
  ];

  it('ends at the deadline of the KPI’s goal when that comes before the period ends', () => {
    expect(pacePeriod({ goalId: 'g-contracts' }, goals, Q3_2024)).toEqual({
      start: '2024-07-01',
      end: '2024-08-31',
    });
  });

  it('is the whole period for a goal due at its end, without a deadline, or for no goal', () => {
    expect(pacePeriod({ goalId: 'g-sales' }, goals, Q3_2024)).toEqual(Q3_2024);
    expect(pacePeriod({ goalId: 'g-open' }, goals, Q3_2024)).toEqual(Q3_2024);
    expect(pacePeriod({ goalId: null }, goals, Q3_2024)).toEqual(Q3_2024);
  });

  it('gives the whole target due on the deadline and after it', () => {
    const span = pacePeriod({ goalId: 'g-contracts' }, goals, Q3_2024);
    const contracts = { target: 30, measure: 'cumulative' } as const;
    expect(paceTarget(contracts, span, '2024-08-31')).toBe(30);
    expect(paceTarget(contracts, span, '2024-09-15')).toBe(30);
    expect(paceTarget(contracts, span, '2024-07-31')).toBeCloseTo((30 * 31) / 62, 9);
  });
});

describe('paceAttainment', () => {
  it('compares cumulative sales with the prorated target mid-period', () => {
    const sales = { target: wanToFen(150), measure: 'cumulative', direction: 'higher' } as const;

    expect(paceAttainment(wanToFen(72), sales, Q3_2024, '2024-08-15')).toBeCloseTo(0.96, 12);
  });

  it('compares a lower-is-better level with its full target', () => {
    const days = { target: 45, measure: 'level', direction: 'lower' } as const;

    expect(paceAttainment(50, days, Q3_2024, '2024-07-01')).toBe(0.9);
  });
});

describe('health', () => {
  it('is green at 95% of pace by default', () => {
    expect(health(0.95)).toBe('green');
  });

  it('is amber just below 95%', () => {
    expect(health(0.9499)).toBe('amber');
  });

  it('is amber at 80% of pace', () => {
    expect(health(0.8)).toBe('amber');
  });

  it('is red below 80% of pace', () => {
    expect(health(0.79)).toBe('red');
  });

  it('reads a figure exactly on a threshold as on it, though binary fractions fall just short', () => {
    // 2.4 / 3 is 0.7999999999999999 and 2,565 / 2,700 is 0.9499999999999998 in floating point.
    expect(health(2.4 / 3)).toBe('amber');
    expect(health(2565 / 2700)).toBe('green');
  });

  it('rates check-ins of exactly 95% and 80% of pace green and amber', () => {
    const sales = { target: 9200, measure: 'cumulative', direction: 'higher' } as const;
    const rate = { target: 3, measure: 'level', direction: 'higher' } as const;

    expect(health(paceAttainment(2565, sales, Q3_2024, '2024-07-27'))).toBe('green');
    expect(health(paceAttainment(2160, sales, Q3_2024, '2024-07-27'))).toBe('amber');
    expect(health(paceAttainment(2.4, rate, Q3_2024, '2024-07-27'))).toBe('amber');
    expect(health(paceAttainment(2159, sales, Q3_2024, '2024-07-27'))).toBe('red');
  });

  it('uses the thresholds it is given', () => {
    expect(health(0.92, { green: 0.9, amber: 0.75 })).toBe('green');
    expect(health(0.7, { green: 0.9, amber: 0.75 })).toBe('red');
  });

  it('defaults to green ≥ 95% and amber ≥ 80%', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ green: 0.95, amber: 0.8 });
  });
});

describe('assessCheckIn', () => {
  it('rates ¥1.8M of cumulative sales on the last day as 120% and green', () => {
    const assessment = assessCheckIn(kpi(), wanToFen(180), '2024-09-30', Q3_2024);

    expect(assessment.paceTarget).toBe(wanToFen(150));
    expect(assessment.attainment).toBeCloseTo(1.2, 12);
    expect(assessment.health).toBe('green');
  });

  it('rates a first-day check-in against one day of target', () => {
    const assessment = assessCheckIn(kpi({ target: 9200 }), 80, '2024-07-01', Q3_2024);

    expect(assessment).toEqual({ paceTarget: 100, attainment: 0.8, health: 'amber' });
  });

  it('is green before the period starts, when nothing is due yet', () => {
    const assessment = assessCheckIn(kpi(), 0, '2024-06-28', Q3_2024);

    expect(assessment).toEqual({ paceTarget: 0, attainment: 1, health: 'green' });
  });

  it('holds the full target after the period ends', () => {
    const assessment = assessCheckIn(kpi(), wanToFen(105), '2024-10-08', Q3_2024);

    expect(assessment.paceTarget).toBe(wanToFen(150));
    expect(assessment.health).toBe('red');
  });

  it('turns red when storms cut East China sales to 70% of pace', () => {
    const assessment = assessCheckIn(kpi({ target: 9200 }), 3220, '2024-08-15', Q3_2024);

    expect(assessment.attainment).toBeCloseTo(0.7, 12);
    expect(assessment.health).toBe('red');
  });

  it('uses the KPI’s own thresholds', () => {
    const wide = kpi({ target: 9200, thresholds: { green: 0.9, amber: 0.75 } });

    expect(assessCheckIn(wide, 4232, '2024-08-15', Q3_2024).health).toBe('green');
    expect(assessCheckIn(kpi({ target: 9200 }), 4232, '2024-08-15', Q3_2024).health).toBe('amber');
  });

  it('assesses a level KPI against its whole target on any day', () => {
    const onlineShare = kpi({ target: 40, unit: '%', measure: 'level' });

    expect(assessCheckIn(onlineShare, 38, '2024-07-01', Q3_2024)).toEqual({
      paceTarget: 40,
      attainment: 0.95,
      health: 'green',
    });
  });

  it('assesses a lower-is-better KPI with target / actual', () => {
    const inventoryDays = kpi({ target: 45, unit: 'days', direction: 'lower', measure: 'level' });

    expect(assessCheckIn(inventoryDays, 60, '2024-08-01', Q3_2024)).toEqual({
      paceTarget: 45,
      attainment: 0.75,
      health: 'red',
    });
  });

  it('refuses a KPI without a target', () => {
    expect(() => assessCheckIn(kpi({ target: null }), 1, '2024-08-01', Q3_2024)).toThrow(
      RangeError,
    );
  });
});
