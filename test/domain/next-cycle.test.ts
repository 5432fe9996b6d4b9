import { describe, expect, it } from 'vitest';
import type { Goal, Kpi, StageContentMap } from '../../src/domain/content';
import { fitSubGoals, seedNextCycle } from '../../src/domain/next-cycle';
import { gateReadiness } from '../../src/domain/readiness';
import { demoContent } from '../../src/domain/scenarios';
import { quarterPeriod } from '../../src/domain/time';

const Q3 = quarterPeriod(2026, 3);
const Q4 = quarterPeriod(2026, 4);

/** A completed quarter whose sales goal (¥1.5M) came in at ¥1.8M, with three KPIs linked to it. */
function completedQuarter(): StageContentMap {
  const content = demoContent('deepenMarket', 'en', Q3);
  const sales: Goal = {
    ...content.goals.goals[0]!,
    id: 'g-sales',
    unit: 'CNY',
    direction: 'higher',
    target: 150_000_000,
    parentId: null,
  };
  const kpi = (id: string, fields: Partial<Kpi>): Kpi => ({
    ...content.monitoring.kpis[0]!,
    id,
    goalId: 'g-sales',
    ...fields,
  });
  return {
    ...content,
    goals: { goals: [sales] },
    monitoring: {
      kpis: [
        kpi('k-sales', { unit: 'CNY', direction: 'higher', target: 150_000_000 }),
        kpi('k-conversion', { unit: '%', direction: 'higher', target: 15 }),
        kpi('k-stock-days', { unit: 'days', direction: 'lower', target: 45 }),
      ],
    },
    evaluation: {
      ...content.evaluation,
      results: [{ goalId: 'g-sales', actual: 180_000_000, note: '' }],
    },
  };
}

describe('seeding the next cycle', () => {
  it('proposes a beaten goal at what was achieved, with the achievement as its baseline', () => {
    const drafts = seedNextCycle({ period: Q3, approved: completedQuarter() }, Q4);
    expect(drafts.goals?.goals[0]).toMatchObject({ target: 180_000_000, baseline: 180_000_000 });
  });

  it('proposes a beaten lower-is-better goal at what was achieved too, and keeps a missed one', () => {
    const quarter = completedQuarter();
    const stockDays = (actual: number) => {
      const approved: StageContentMap = {
        ...quarter,
        goals: {
          goals: [{ ...quarter.goals.goals[0]!, unit: 'days', direction: 'lower', target: 45 }],
        },
        evaluation: { ...quarter.evaluation, results: [{ goalId: 'g-sales', actual, note: '' }] },
      };
      return seedNextCycle({ period: Q3, approved }, Q4).goals?.goals[0];
    };
    expect(stockDays(30)).toMatchObject({ target: 30, baseline: 30 });
    expect(stockDays(52)).toMatchObject({ target: 45, baseline: 52 });
  });

  it('moves a date of the period written into a goal’s title with its deadline, and nothing else', () => {
    const approved = completedQuarter();
    approved.goals.goals[0] = {
      ...approved.goals.goals[0]!,
      title:
        'Sign ¥1.8M of new contracts by 2026-09-30 (base: 2025-12-31 list; SKU-2026-08-15-A, not 2026-08-45)',
      deadline: '2026-09-30',
    };
    const goal = seedNextCycle({ period: Q3, approved }, Q4).goals?.goals[0];
    expect(goal).toMatchObject({
      title:
        'Sign ¥1.8M of new contracts by 2026-12-31 (base: 2025-12-31 list; SKU-2026-08-15-A, not 2026-08-45)',
      deadline: '2026-12-31',
    });
  });

  it('moves the dates written into a campaign’s timing into the next period', () => {
    const approved = completedQuarter();
    approved.strategy.promotion[0] = {
      ...approved.strategy.promotion[0]!,
      timing: '2026-08-11 – 2026-09-09, three live streams',
    };
    const promotion = seedNextCycle({ period: Q3, approved }, Q4).strategy?.promotion[0];
    expect(promotion?.timing).toBe('2026-11-11 – 2026-12-09, three live streams');
  });

  it("moves the KPI that tracks the goal's own figure to the goal's new target", () => {
    const drafts = seedNextCycle({ period: Q3, approved: completedQuarter() }, Q4);
    expect(drafts.monitoring?.kpis.find((k) => k.id === 'k-sales')?.target).toBe(180_000_000);
  });

  it("leaves KPIs in other units or directions on their own targets, never the goal's yuan", () => {
    const drafts = seedNextCycle({ period: Q3, approved: completedQuarter() }, Q4);
    const kpis = new Map(drafts.monitoring?.kpis.map((k) => [k.id, k.target]));
    expect(kpis.get('k-conversion')).toBe(15);
    expect(kpis.get('k-stock-days')).toBe(45);
  });

  it("leaves a KPI in the goal's unit but with its own target (a share of it) as it was", () => {
    const approved = completedQuarter();
    approved.monitoring.kpis[0] = { ...approved.monitoring.kpis[0]!, target: 50_000_000 };
    const drafts = seedNextCycle({ period: Q3, approved }, Q4);
    expect(drafts.monitoring?.kpis[0]?.target).toBe(50_000_000);
  });
});

describe('sub-goals of a seeded additive goal', () => {
  const base = (): Goal => ({
    ...demoContent('deepenMarket', 'en', Q3).goals.goals[0]!,
    unit: 'CNY',
    direction: 'higher',
    additive: true,
    parentId: null,
    dimension: null,
    dimensionValue: '',
  });
  const goal = (
    id: string,
    target: number,
    parentId: string | null = null,
    dimension: Goal['dimension'] = 'region',
  ): Goal => ({
    ...base(),
    id,
    target,
    parentId,
    dimension: parentId === null ? null : dimension,
    dimensionValue: parentId === null ? '' : id,
  });

  it('keep what was proposed for them, and their parent becomes their sum', () => {
    // East beaten and raised to ¥1,000,000; North missed and kept at ¥600,000.
    const fitted = fitSubGoals([
      goal('g-sales', 150_000_000),
      goal('g-east', 100_000_000, 'g-sales'),
      goal('g-north', 60_000_000, 'g-sales'),
    ]);
    expect(fitted.map((g) => g.target)).toEqual([160_000_000, 100_000_000, 60_000_000]);
  });

  it('take the largest split’s sum and scale the other splits up to it, keeping shares, in whole fen', () => {
    const fitted = fitSubGoals([
      goal('g-sales', 150_000_000),
      goal('g-east', 100_000_000, 'g-sales'),
      goal('g-north', 60_000_000, 'g-sales'),
      goal('g-a', 80_000_000, 'g-sales', 'productLine'),
      goal('g-b', 90_000_000, 'g-sales', 'productLine'),
    ]);
    const target = (i: number) => fitted[i]!.target!;
    expect(target(0)).toBe(170_000_000);
    expect([target(3), target(4)]).toEqual([80_000_000, 90_000_000]);
    const [east, north] = [target(1), target(2)];
    expect(east + north).toBe(170_000_000);
    expect(Number.isInteger(east) && Number.isInteger(north)).toBe(true);
    expect(east / north).toBeCloseTo(100 / 60, 4);
  });

  it('never lower a sub-goal below what was proposed for it (a beaten one its actual, a missed one its target)', () => {
    // 1,000 new customers by region (East 700 beaten, West 400) and by product (A 800 beaten,
    // B 500 missed): scaled to the regions' 1,100, A fell to 677 and B to 423.
    const fitted = fitSubGoals([
      goal('g-new', 1_000),
      goal('g-east', 700, 'g-new'),
      goal('g-west', 400, 'g-new'),
      goal('g-a', 800, 'g-new', 'productLine'),
      goal('g-b', 500, 'g-new', 'productLine'),
    ]);
    const target = (id: string) => fitted.find((g) => g.id === id)!.target!;
    expect(target('g-new')).toBe(1_300);
    expect(target('g-a')).toBe(800);
    expect(target('g-b')).toBe(500);
    expect(target('g-east')).toBeGreaterThanOrEqual(700);
    expect(target('g-west')).toBeGreaterThanOrEqual(400);
    expect(target('g-east') + target('g-west')).toBe(1_300);
  });

  it('take the smallest split’s sum where lower is better, tightening the others, never loosening', () => {
    const lower = (g: Goal): Goal => ({ ...g, direction: 'lower' });
    // Returns capped at 100 by region (60 + 30) and by channel (50 + 60).
    const fitted = fitSubGoals(
      [
        goal('g-returns', 100),
        goal('g-east', 60, 'g-returns'),
        goal('g-west', 30, 'g-returns'),
        goal('g-online', 50, 'g-returns', 'channel'),
        goal('g-stores', 60, 'g-returns', 'channel'),
      ].map(lower),
    );
    const target = (id: string) => fitted.find((g) => g.id === id)!.target!;
    expect(target('g-returns')).toBe(90);
    expect([target('g-east'), target('g-west')]).toEqual([60, 30]);
    expect(target('g-online')).toBeLessThanOrEqual(50);
    expect(target('g-stores')).toBeLessThanOrEqual(60);
    expect(target('g-online') + target('g-stores')).toBe(90);
  });

  it('count a sub-goal whose unit is written otherwise in its parent’s sum, as the gate does', () => {
    const fitted = fitSubGoals([
      goal('g-sales', 150_000_000),
      goal('g-east', 100_000_000, 'g-sales'),
      { ...goal('g-west', 60_000_000, 'g-sales'), unit: 'cny' },
    ]);
    expect(fitted[0]!.target).toBe(160_000_000);
  });

  it('leaves groups that already add up, and goals without sub-goals, as they are', () => {
    const goals = [
      goal('g-sales', 160_000_000),
      goal('g-east', 100_000_000, 'g-sales'),
      goal('g-north', 60_000_000, 'g-sales'),
      goal('g-online', 5_000),
    ];
    expect(fitSubGoals(goals)).toEqual(goals);
  });

  it('pass a scaled sub-goal’s change on to its own sub-goals', () => {
    // P by region (70 + 50) and by channel (C1 60, C2 40); C1 itself split into 45 + 25.
    const fitted = fitSubGoals([
      goal('g-p', 100),
      goal('g-r1', 70, 'g-p'),
      goal('g-r2', 50, 'g-p'),
      goal('g-c1', 60, 'g-p', 'channel'),
      goal('g-c2', 40, 'g-p', 'channel'),
      goal('g-c1a', 45, 'g-c1', 'channel'),
      goal('g-c1b', 25, 'g-c1', 'channel'),
    ]);
    const target = (id: string) => fitted.find((g) => g.id === id)!.target!;
    expect(target('g-p')).toBe(120);
    expect(target('g-c1') + target('g-c2')).toBe(120);
    expect(target('g-c1a') + target('g-c1b')).toBe(target('g-c1'));
    expect(
      gateReadiness(
        'goals',
        { goals: fitted },
        {
          period: Q4,
          goals: [],
          strategy: null,
          personIds: null,
        },
      ).filter((p) => p.code === 'goals.subGoalsDontAddUp'),
    ).toEqual([]);
  });

  it('sum the deepest level first, so a grandparent adds up the new figures', () => {
    const fitted = fitSubGoals([
      goal('g-sales', 200_000_000),
      goal('g-east', 100_000_000, 'g-sales'),
      goal('g-north', 100_000_000, 'g-sales'),
      goal('g-east-a', 30_000_000, 'g-east'),
      goal('g-east-b', 40_000_000, 'g-east'),
    ]);
    expect(fitted.find((g) => g.id === 'g-east')!.target).toBe(70_000_000);
    expect(fitted.find((g) => g.id === 'g-sales')!.target).toBe(170_000_000);
  });
});
