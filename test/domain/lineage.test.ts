import { describe, expect, it } from 'vitest';
import type { Goal, StageContentMap } from '../../src/domain/content';
import {
  buildLineage,
  comparableText,
  sameTextAcross,
  diffCycles,
  lineageChart,
  ownDetail,
  provisionalAttainment,
  type Lineage,
  type LineageRunInput,
} from '../../src/domain/lineage';
import { seedNextCycle } from '../../src/domain/next-cycle';
import { attainmentRate } from '../../src/domain/kpi';
import { buildReport, type ReportInput } from '../../src/domain/report';
import { demoContent } from '../../src/domain/scenarios';
import { quarterPeriod, type IsoDate, type Period } from '../../src/domain/time';

const Q3 = quarterPeriod(2024, 3);
const Q4 = quarterPeriod(2024, 4);
const Q1 = quarterPeriod(2025, 1);

/** Q3's demo content, completed and evaluated. */
const q3 = () => demoContent('deepenMarket', 'en', Q3);

/** The next cycle as "Start next cycle" seeds it, with the given evaluation (empty: not yet). */
function nextOf(
  previous: StageContentMap,
  from: Period,
  to: Period,
  evaluation: StageContentMap['evaluation'] = {
    results: [],
    attribution: [],
    lessons: [],
    recommendations: [],
  },
): StageContentMap {
  const seeded = seedNextCycle({ period: from, approved: previous }, to) as StageContentMap;
  return { ...seeded, evaluation };
}

function runOf(
  runId: string,
  period: Period,
  content: Partial<StageContentMap>,
  patch: Partial<ReportInput> = {},
): LineageRunInput {
  const evaluated = (content.evaluation?.results.length ?? 0) > 0;
  return {
    runId,
    report: {
      title: 'Raise repurchase',
      scenario: 'deepenMarket',
      period,
      leadId: 'p-lead',
      goals: content.goals ?? null,
      strategy: content.strategy ?? null,
      monitoring: content.monitoring ?? null,
      evaluation: evaluated ? (content.evaluation ?? null) : null,
      evaluationApprovedAt: evaluated ? `${period.end}T09:00:00.000Z` : null,
      evaluationSubmittedAt: evaluated ? `${period.end}T08:00:00.000Z` : null,
      checkIns: [],
      risks: [],
      transitions: [],
      followUps: [],
      executionClosed: null,
      paceToDeadlines: true,
      killed: null,
      ...patch,
    },
    resources: content.resources ?? null,
  };
}

/** Results for every goal: target × `rate` (per goal id, else `fallback`). */
function evaluationFor(
  goals: readonly Goal[],
  rate: Record<string, number>,
  fallback = 1,
  extra: Partial<StageContentMap['evaluation']> = {},
): StageContentMap['evaluation'] {
  return {
    results: goals.map((g) => ({
      goalId: g.id,
      actual: Math.round((g.target ?? 0) * (rate[g.id] ?? fallback)),
      note: '',
    })),
    attribution: [],
    lessons: [{ id: 'l-1', text: 'A lesson' }],
    recommendations: [],
    ...extra,
  };
}

const track = (lineage: Lineage, key: string) => {
  const found = lineage.tracks.find((t) => t.key === key);
  if (!found) throw new Error(`no track ${key}`);
  return found;
};
const rates = (lineage: Lineage, key: string) =>
  track(lineage, key).results.map((r) => (r === null ? 'absent' : r.attainment));

const editGoal = (content: StageContentMap, id: string, patch: Partial<Goal>): StageContentMap => ({
  ...content,
  goals: { goals: content.goals.goals.map((g) => (g.id === id ? { ...g, ...patch } : g)) },
});

describe('comparableText', () => {
  it('reads a date by its month and day in a period of months, as the next cycle moves it', () => {
    expect(comparableText('Live streams 2024-08-11 – 2024-09-09', Q3)).toBe(
      comparableText('Live streams 2024-11-11 – 2024-12-09', Q4),
    );
    expect(comparableText('Review on 2024-08-31', Q3)).toBe(
      comparableText('Review on 2024-11-30', Q4),
    );
  });

  it('reads a day that becomes a month’s last only in the shorter month as the same day', () => {
    // Next-cycle seeding moves August 30th to November 30th, November's last day.
    expect(sameTextAcross('Review on 2024-08-30', Q3, 'Review on 2024-11-30', Q4)).toBe(true);
    expect(sameTextAcross('Review on 2024-08-31', Q3, 'Review on 2024-11-30', Q4)).toBe(true);
    expect(sameTextAcross('Review on 2024-08-29', Q3, 'Review on 2024-11-30', Q4)).toBe(false);
    expect(sameTextAcross('Review on 2024-08-30', Q3, 'Review on 2024-11-29', Q4)).toBe(false);
  });

  it('reads a date as days from the start in a period of days', () => {
    const days = { start: '2024-07-15', end: '2024-08-20' };
    const next = { start: '2024-08-21', end: '2024-09-26' };
    expect(comparableText('Launch on 2024-07-20', days)).toBe(
      comparableText('Launch on 2024-08-26', next),
    );
  });

  it('reads the last day of each period as the end, whatever the quarter’s length', () => {
    expect(comparableText('Sign 30 customers by 2024-09-30', Q3)).toBe(
      comparableText('Sign 30 customers by 2025-03-31', Q1),
    );
  });

  it('still tells a date that moved inside the period from one that did not', () => {
    expect(comparableText('Launch on 2024-07-10', Q3)).not.toBe(
      comparableText('Launch on 2024-10-20', Q4),
    );
  });

  it('folds case, spacing and full-width characters', () => {
    expect(comparableText('  Ｔrade   show ', Q3)).toBe(comparableText('trade show', Q4));
  });
});

describe('ownDetail', () => {
  it('drops the attribution notes next-cycle seeding appends to a strategy item', () => {
    expect(ownDetail('Trade-in plus warranty\n⟲ Closed 6 large contracts\n⟲ Another')).toBe(
      'Trade-in plus warranty',
    );
  });
});

describe('buildLineage', () => {
  it('follows every goal across cycles by the id next-cycle seeding carries', () => {
    const first = q3();
    const second = nextOf(first, Q3, Q4);

    const lineage = buildLineage([runOf('q3', Q3, first), runOf('q4', Q4, second)]);

    // Parents before their sub-goals, as the report lists them.
    const inReportOrder = buildReport(runOf('q3', Q3, first).report).goals.map((g) => g.goalId);
    expect(lineage.tracks.map((t) => t.key)).toEqual(inReportOrder);
    for (const t of lineage.tracks) expect(t.results.every((r) => r !== null)).toBe(true);
  });

  it('takes each cycle’s attainment from its evaluation report', () => {
    const first = q3();
    const run = runOf('q3', Q3, first);

    const lineage = buildLineage([run]);

    const report = buildReport(run.report);
    expect(lineage.cycles[0]?.report).toEqual(report);
    for (const goal of report.goals) {
      expect(track(lineage, goal.goalId).results[0]?.attainment).toBe(goal.attainment);
    }
    expect(track(lineage, 'g-contracts').results[0]?.attainment).toBeCloseTo(1.2);
  });

  it('has goals but no figures for a cycle not evaluated yet', () => {
    const first = q3();
    const lineage = buildLineage([runOf('q3', Q3, first), runOf('q4', Q4, nextOf(first, Q3, Q4))]);

    expect(lineage.cycles[1]?.report.status).toBe('empty');
    expect(rates(lineage, 'g-sales')[1]).toBeNull();
  });

  it('gives a cycle whose goals are not approved no goals at all', () => {
    const lineage = buildLineage([runOf('q3', Q3, q3()), runOf('q4', Q4, {})]);

    expect(lineage.cycles[1]?.goalsApproved).toBe(false);
    expect(rates(lineage, 'g-sales')).toEqual([expect.any(Number), 'absent']);
  });

  it('continues a goal whose id changed when its title is the same, dates read per period', () => {
    const first = q3();
    const contracts = first.goals.goals.find((g) => g.id === 'g-contracts')!;
    const second = editGoal(nextOf(first, Q3, Q4), 'g-contracts', {
      id: 'g-contracts-new',
      title: contracts.title.replace(Q3.end, Q4.end),
    });

    const lineage = buildLineage([runOf('q3', Q3, first), runOf('q4', Q4, second)]);

    expect(track(lineage, 'g-contracts').results[1]?.goalId).toBe('g-contracts-new');
    expect(lineage.tracks.some((t) => t.key === 'g-contracts-new')).toBe(false);
  });

  it('continues a goal whose id and title changed when it alone has the same metric, unit and parent', () => {
    const first = q3();
    const second = editGoal(nextOf(first, Q3, Q4), 'g-north', {
      id: 'g-north-2',
      title: 'North China: hold the line',
    });

    const lineage = buildLineage([runOf('q3', Q3, first), runOf('q4', Q4, second)]);

    expect(track(lineage, 'g-north').results[1]?.goalId).toBe('g-north-2');
    expect(track(lineage, 'g-north').title).toBe('North China: hold the line');
  });

  it('does not guess between two goals that share a metric, unit and parent', () => {
    const first = q3();
    // East and North China are both "sales" under the overall goal; only the region tells them
    // apart. Blank the region and rename both: nothing identifies either any more.
    let second = nextOf(first, Q3, Q4);
    for (const id of ['g-east', 'g-north']) {
      second = editGoal(second, id, { id: `${id}-x`, title: `${id} renamed`, dimensionValue: '' });
    }
    const firstBlank = ['g-east', 'g-north'].reduce(
      (content, id) => editGoal(content, id, { dimensionValue: '' }),
      first,
    );

    const lineage = buildLineage([runOf('q3', Q3, firstBlank), runOf('q4', Q4, second)]);

    expect(rates(lineage, 'g-east')[1]).toBe('absent');
    expect(rates(lineage, 'g-north')[1]).toBe('absent');
    expect(track(lineage, 'g-east-x').results[0]).toBeNull();
  });

  it('starts a track of its own for a new goal, with a unique key even if its id was used', () => {
    const first = q3();
    const second = nextOf(first, Q3, Q4);
    const reused: Goal = {
      ...second.goals.goals.find((g) => g.id === 'g-online-share')!,
      title: 'Repurchase rate 35%',
      metric: 'Repurchase rate',
      dimensionValue: 'Existing customers',
    };
    // The online-share goal is dropped and its id is reused for a different goal.
    const withNew: StageContentMap = {
      ...second,
      goals: {
        goals: [...second.goals.goals.filter((g) => g.id !== 'g-online-share'), reused],
      },
    };

    const lineage = buildLineage([runOf('q3', Q3, first), runOf('q4', Q4, withNew)]);

    // Same id, so the track continues; a matching id is the strongest evidence there is.
    expect(track(lineage, 'g-online-share').results[1]?.title).toBe('Repurchase rate 35%');
    const third = { ...withNew, goals: { goals: [...withNew.goals.goals] } };
    third.goals.goals.push({ ...reused, id: 'g-brand-new', title: 'Brand new', metric: 'NPS' });
    const longer = buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, withNew),
      runOf('q1', Q1, third),
    ]);
    expect(rates(longer, 'g-brand-new')).toEqual(['absent', 'absent', null]);
  });

  it('keeps a goal’s track when it skips a cycle', () => {
    const first = q3();
    const second = nextOf(first, Q3, Q4);
    const withoutNorth: StageContentMap = {
      ...second,
      goals: { goals: second.goals.goals.filter((g) => g.id !== 'g-north') },
    };
    const third = nextOf(second, Q4, Q1);

    const lineage = buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, withoutNorth),
      runOf('q1', Q1, third),
    ]);

    expect(rates(lineage, 'g-north')).toEqual([expect.any(Number), 'absent', null]);
    expect(lineage.tracks.filter((t) => t.key.startsWith('g-north'))).toHaveLength(1);
  });
});

describe('provisional attainment', () => {
  type CheckIn = ReportInput['checkIns'][number];
  const checkIn = (kpiId: string, date: IsoDate, value: number): CheckIn => ({
    kpiId,
    date,
    value,
    health: 'green',
  });
  /** Q3 evaluated, Q4 seeded from it and operating with `checkIns`. */
  function operating(checkIns: readonly CheckIn[], patch: Partial<ReportInput> = {}) {
    const first = q3();
    const second = nextOf(first, Q3, Q4);
    const target = (id: string) => second.goals.goals.find((g) => g.id === id)!.target!;
    const lineage = buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, second, { checkIns, ...patch }),
    ]);
    return { lineage, target };
  }
  const soFar = (lineage: Lineage, key: string, cycle = 1) =>
    track(lineage, key).provisional[cycle]?.attainment;

  it('gives an operating cycle with check-ins its attainment so far per goal, from each KPI’s latest check-in', () => {
    const { lineage, target } = operating([
      checkIn('k-sales', '2024-11-20', 900_000_000),
      // Recorded later, dated earlier: the figure of the latest date counts.
      checkIn('k-sales', '2024-11-10', 700_000_000),
      checkIn('k-new-customers', '2024-11-15', 260),
    ]);

    expect(soFar(lineage, 'g-sales')).toBeCloseTo(900_000_000 / target('g-sales'));
    expect(soFar(lineage, 'g-new-customers')).toBeCloseTo(260 / target('g-new-customers'));
    expect(lineage.cycles[1]?.provisional?.asOf).toBe('2024-11-20');
  });

  it('gives a goal whose KPI has no check-in yet no figure so far', () => {
    const { lineage } = operating([checkIn('k-sales', '2024-11-20', 900_000_000)]);

    expect(soFar(lineage, 'g-north')).toBeNull();
    expect(track(lineage, 'g-north').provisional[1]?.goalId).toBe('g-north');
  });

  it('averages the overall goals so far as the evaluation will, over the ones with a figure', () => {
    const { lineage, target } = operating([
      checkIn('k-sales', '2024-11-20', 900_000_000),
      checkIn('k-new-customers', '2024-11-15', 260),
    ]);

    const expected =
      (attainmentRate(900_000_000, target('g-sales'), 'higher') +
        attainmentRate(260, target('g-new-customers'), 'higher')) /
      2;
    expect(lineage.cycles[1]?.provisional?.summary.overallAttainment).toBeCloseTo(expected);
  });

  it('also reads the overall goals against what is due by each figure’s date (cumulative KPIs prorated)', () => {
    const { lineage, target } = operating([
      checkIn('k-sales', '2024-11-20', 900_000_000),
      checkIn('k-new-customers', '2024-11-15', 260),
    ]);

    // Q4 2024 has 92 days: Nov 20 is day 51, Nov 15 day 46. Both KPIs add up over the quarter.
    const sales = 900_000_000 / ((target('g-sales') * 51) / 92);
    const customers = 260 / ((target('g-new-customers') * 46) / 92);
    const provisional = lineage.cycles[1]?.provisional;
    expect(provisional?.paceAttainment).toBeCloseTo((sales + customers) / 2);
    // Mid-quarter, pace reads well above the share of the whole quarter's targets reached so far.
    expect(provisional!.paceAttainment!).toBeGreaterThan(provisional!.summary.overallAttainment!);
  });

  it('paces a KPI to its goal’s deadline when that comes first, as monitoring did (gate rules 5 on)', () => {
    const seeded = editGoal(nextOf(q3(), Q3, Q4), 'g-sales', { deadline: '2024-11-30' });
    const target = seeded.goals.goals.find((g) => g.id === 'g-sales')!.target!;
    const paceOf = (paceToDeadlines: boolean) =>
      buildLineage([
        runOf('q4', Q4, seeded, {
          checkIns: [checkIn('k-sales', '2024-11-20', 900_000_000)],
          paceToDeadlines,
        }),
      ]).cycles[0]?.provisional?.paceAttainment;

    // Oct 1 – Nov 30 is 61 days and Nov 20 is day 51 of them; the whole quarter has 92.
    expect(paceOf(true)).toBeCloseTo(900_000_000 / ((target * 51) / 61));
    // A run created under earlier rules paced over its whole period, and still reads so.
    expect(paceOf(false)).toBeCloseTo(900_000_000 / ((target * 51) / 92));
  });

  it('has no pace figure when no overall goal has a figure yet', () => {
    const { lineage } = operating([checkIn('k-north', '2024-11-20', 1)]);
    const provisional = lineage.cycles[1]?.provisional;
    expect(provisional?.asOf).toBe('2024-11-20');
    expect(provisional?.paceAttainment).toBeNull();
  });

  it('keeps the provisional figures apart: the cycle is still not evaluated', () => {
    const { lineage } = operating([checkIn('k-sales', '2024-11-20', 900_000_000)]);

    expect(lineage.cycles[1]?.report.status).toBe('empty');
    expect(rates(lineage, 'g-sales')[1]).toBeNull();
    expect(lineage.cycles[1]?.report.summary.overallAttainment).toBeNull();
  });

  it('does not read a KPI in another unit or direction as the goal’s actual', () => {
    // Channel inventory days watch the sales goal but cannot measure it against ¥.
    const { lineage } = operating([checkIn('k-inventory', '2024-11-20', 30)]);

    expect(lineage.cycles[1]?.provisional).toBeNull();
  });

  it('gives an operating cycle without check-ins no figures so far: it is not evaluated yet', () => {
    const { lineage } = operating([]);

    expect(lineage.cycles[1]?.provisional).toBeNull();
    for (const t of lineage.tracks) expect(t.provisional).toEqual([null, null]);
  });

  it('gives a cancelled cycle no figures so far: it stopped', () => {
    const { lineage } = operating([checkIn('k-sales', '2024-11-20', 900_000_000)], {
      killed: { stage: 'monitoring', at: '2024-11-21T09:00:00.000Z', reason: 'Merged' },
    });

    expect(lineage.cycles[1]?.provisional).toBeNull();
  });

  it('leaves evaluated cycles as their evaluation says, check-ins or not', () => {
    const first = q3();
    const run = runOf('q3', Q3, first, {
      checkIns: [checkIn('k-sales', '2024-09-20', 1)],
    });

    const lineage = buildLineage([run]);

    expect(lineage.cycles[0]?.provisional).toBeNull();
    expect(lineage.cycles[0]?.report).toEqual(buildReport(run.report));
    for (const t of lineage.tracks) expect(t.provisional).toEqual([null]);
  });

  it('gives a cycle with a draft evaluation no figures so far: the draft says more', () => {
    const run = runOf('q3', Q3, q3(), {
      evaluationApprovedAt: null,
      checkIns: [checkIn('k-sales', '2024-09-20', 1)],
    });

    expect(provisionalAttainment(run.report)).toBeNull();
  });
});

describe('diffCycles', () => {
  /** Q3 evaluated, Q4 seeded from it and evaluated, Q1 seeded and running. */
  function chain(edit: (q4: StageContentMap) => StageContentMap = (c) => c) {
    const first = q3();
    const seeded = edit(nextOf(first, Q3, Q4));
    const second: StageContentMap = {
      ...seeded,
      evaluation: evaluationFor(seeded.goals.goals, { 'g-north': 0.9 }, 1.02, {
        lessons: [
          { id: 'l-a', text: 'Regular check-ins clearly raised the repurchase rate' },
          { id: 'l-b', text: 'Storms need a plan B' },
        ],
        recommendations: [{ id: 'r-a', text: 'Start the member day' }],
      }),
    };
    return { first, second, third: nextOf(second, Q4, Q1) };
  }
  const lineageOf = (c: ReturnType<typeof chain>) =>
    buildLineage([runOf('q3', Q3, c.first), runOf('q4', Q4, c.second), runOf('q1', Q1, c.third)]);

  it('counts neither a new baseline nor a deadline moved into the new period as a change', () => {
    const c = chain((q4) => {
      const first = q3();
      // Keep Q3's targets: only baselines and deadlines differ from Q3.
      return {
        ...q4,
        goals: {
          goals: q4.goals.goals.map((g) => ({
            ...g,
            target: first.goals.goals.find((f) => f.id === g.id)!.target,
          })),
        },
      };
    });

    const diff = diffCycles(lineageOf(c), 0, 1);

    expect(diff.goals).toEqual({
      available: true,
      diff: { added: [], removed: [], changed: [] },
    });
  });

  it('lists a goal added, one removed and a target raised, with what the earlier cycle reached', () => {
    const c = chain((q4) => ({
      ...q4,
      goals: {
        goals: [
          ...q4.goals.goals.filter((g) => g.id !== 'g-online-share'),
          {
            ...q4.goals.goals.find((g) => g.id === 'g-new-customers')!,
            id: 'g-repurchase',
            title: 'Repurchase rate 35%',
            metric: 'Repurchase rate',
            unit: '%',
            target: 35,
          },
        ],
      },
    }));

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.goals.available) throw new Error('goals should compare');
    expect(diff.goals.diff.added.map((g) => g.goalId)).toEqual(['g-repurchase']);
    expect(diff.goals.diff.removed.map((g) => g.goalId)).toEqual(['g-online-share']);
    // Contracts beat their target (120%): seeding proposes what was achieved as the new target.
    const contracts = diff.goals.diff.changed.find((e) => e.to.goalId === 'g-contracts');
    expect(contracts?.changes).toEqual([{ field: 'target', from: 150_000_000, to: 180_000_000 }]);
    expect(contracts?.from.attainment).toBeCloseTo(1.2);
  });

  it('does not repeat a target change as a title that only restates the figure', () => {
    const c = chain((q4) =>
      editGoal(q4, 'g-north', { target: 62_400_000, title: 'North China sales of ¥0.62M' }),
    );
    const third = editGoal(c.third, 'g-north', {
      target: 70_000_000,
      title: 'North China sales of ¥0.7M',
    });
    const lineage = buildLineage([
      runOf('q3', Q3, c.first),
      runOf('q4', Q4, c.second),
      runOf('q1', Q1, third),
    ]);

    const diff = diffCycles(lineage, 1, 2);

    if (!diff.goals.available) throw new Error('goals should compare');
    const north = diff.goals.diff.changed.find((e) => e.to.goalId === 'g-north');
    expect(north?.changes).toEqual([{ field: 'target', from: 62_400_000, to: 70_000_000 }]);
    // Reworded, not just refigured: the title change is news.
    const sales = diffCycles(
      lineageOf(chain((q4) => editGoal(q4, 'g-north', { title: 'North: hold' }))),
      0,
      1,
    );
    if (!sales.goals.available) throw new Error('goals should compare');
    expect(
      sales.goals.diff.changed
        .find((e) => e.to.goalId === 'g-north')
        ?.changes.map((ch) => ch.field),
    ).toContain('title');
  });

  it('lists 4P items added, removed and changed field by field, in the later cycle’s order', () => {
    const c = chain((q4) => ({
      ...q4,
      strategy: {
        ...q4.strategy,
        price: q4.strategy.price.map((p) => ({ ...p, model: 'tiered' as const })),
        promotion: [
          ...q4.strategy.promotion
            .filter((p) => p.id !== 'pm-tradeshow')
            .map((p) =>
              p.id === 'pm-live' ? { ...p, title: '5 live streams', budgetFen: 32_000_000 } : p,
            ),
          {
            ...q4.strategy.promotion[0]!,
            id: 'pm-member',
            title: 'Member day',
            goalIds: ['g-sales'],
          },
        ],
      },
    }));

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.strategy.available) throw new Error('strategy should compare');
    const { price, promotion, product } = diff.strategy.diff;
    expect(product).toEqual({ added: [], removed: [], changed: [] });
    expect(price.changed[0]?.changes).toEqual([{ field: 'model', from: 'discount', to: 'tiered' }]);
    expect(promotion.added.map((p) => p.id)).toEqual(['pm-member']);
    expect(promotion.removed.map((p) => p.id)).toEqual(['pm-tradeshow']);
    expect(promotion.changed[0]?.changes).toEqual([
      { field: 'title', from: '3 live streams', to: '5 live streams' },
      { field: 'budgetFen', from: 20_000_000, to: 32_000_000 },
    ]);
  });

  it('does not count a date seeding moved onto a shorter month’s last day as a change', () => {
    const first = q3();
    const promotion = first.strategy.promotion.map((p) =>
      p.id === 'pm-live' ? { ...p, timing: 'Review on 2024-08-30' } : p,
    );
    const q3Content = { ...first, strategy: { ...first.strategy, promotion } };
    const seeded = nextOf(q3Content, Q3, Q4);
    expect(seeded.strategy.promotion.find((p) => p.id === 'pm-live')?.timing).toBe(
      'Review on 2024-11-30',
    );

    const diff = diffCycles(
      buildLineage([runOf('q3', Q3, q3Content), runOf('q4', Q4, seeded)]),
      0,
      1,
    );

    if (!diff.strategy.available) throw new Error('strategy should compare');
    expect(diff.strategy.diff.promotion.changed).toEqual([]);
  });

  it('does not count the attribution notes seeding appends to a carried item as a change', () => {
    const c = chain();
    // Q3's evaluation credits the live streams: seeding appended "⟲ …" to their detail.
    expect(c.second.strategy.promotion.find((p) => p.id === 'pm-live')?.detail).toContain('⟲');

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.strategy.available) throw new Error('strategy should compare');
    expect(diff.strategy.diff.promotion.changed).toEqual([]);
  });

  it('compares goal links by the goals’ tracks and shows their titles', () => {
    const c = chain((q4) => ({
      ...q4,
      strategy: {
        ...q4.strategy,
        product: q4.strategy.product.map((p) => ({ ...p, goalIds: ['g-sales'] })),
        // The same links in another order are not a change.
        channel: q4.strategy.channel.map((p) => ({ ...p, goalIds: [...p.goalIds].reverse() })),
      },
    }));

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.strategy.available) throw new Error('strategy should compare');
    expect(diff.strategy.diff.channel.changed).toEqual([]);
    const [change] = diff.strategy.diff.product.changed[0]?.changes ?? [];
    expect(change?.field).toBe('goals');
    expect(change?.to).toEqual([c.second.goals.goals.find((g) => g.id === 'g-sales')!.title]);
    expect(change?.from).toHaveLength(2);
  });

  it('names a linked goal by its newest title in both cycles, so a retitled goal reads the same', () => {
    const c = chain((q4) => {
      const retitled = editGoal(q4, 'g-sales', { title: 'Sales of ¥16.5M' });
      return {
        ...retitled,
        strategy: {
          ...retitled.strategy,
          product: retitled.strategy.product.map((p) => ({ ...p, goalIds: ['g-sales'] })),
        },
      };
    });

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.strategy.available) throw new Error('strategy should compare');
    const [change] = diff.strategy.diff.product.changed[0]?.changes ?? [];
    expect(change?.from).toContain('Sales of ¥16.5M');
    expect(change?.to).toEqual(['Sales of ¥16.5M']);
  });

  it('reports the total budget and budget lines, owners and tools that changed', () => {
    const c = chain((q4) => ({
      ...q4,
      resources: {
        ...q4.resources,
        budget: {
          totalFen: 200_000_000,
          lines: q4.resources.budget.lines.map((l) =>
            l.id === 'b-promotion'
              ? { ...l, amountFen: 100_000_000, shareBp: 5000 }
              : // A line whose id changed is still itself when its module is the same.
                l.id === 'b-training'
                ? { ...l, id: 'b-training-2' }
                : l,
          ),
        },
        owners: q4.resources.owners.filter((o) => o.id !== 'o-product'),
        tools: [
          ...q4.resources.tools,
          { id: 'tl-bot', name: 'Lead bot', kind: 'automation', usageRule: '' },
        ],
      },
    }));

    const diff = diffCycles(lineageOf(c), 0, 1);

    if (!diff.resources.available) throw new Error('resources should compare');
    const r = diff.resources.diff;
    expect(r.totalFen).toEqual({ from: 180_000_000, to: 200_000_000 });
    expect(r.budget.added).toEqual([]);
    expect(r.budget.removed).toEqual([]);
    expect(r.budget.changed.map((e) => e.to.id)).toEqual(['b-promotion']);
    expect(r.budget.changed[0]?.changes.map((ch) => ch.field)).toEqual(['amountFen', 'shareBp']);
    expect(r.owners.removed.map((o) => o.id)).toEqual(['o-product']);
    expect(r.tools.added.map((t) => t.id)).toEqual(['tl-bot']);
  });

  it('says a part of the plan cannot be compared where a cycle has not approved it', () => {
    const first = q3();
    const lineage = buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, { goals: nextOf(first, Q3, Q4).goals }),
    ]);

    const diff = diffCycles(lineage, 0, 1);

    expect(diff.goals.available).toBe(true);
    expect(diff.strategy).toEqual({ available: false, missingIn: ['to'] });
    expect(diff.resources).toEqual({ available: false, missingIn: ['to'] });
  });

  it('gives each cycle’s lessons and recommendations, and the lessons written down again', () => {
    const diff = diffCycles(lineageOf(chain()), 0, 1);

    expect(diff.learning.from.lessons).toEqual(q3().evaluation.lessons.map((l) => l.text));
    expect(diff.learning.to.recommendations).toEqual(['Start the member day']);
    expect(diff.learning.repeated).toEqual([
      'Regular check-ins clearly raised the repurchase rate',
    ]);
  });

  it('compares any two cycles, also the other way round and with one not evaluated yet', () => {
    const lineage = lineageOf(chain());

    const backwards = diffCycles(lineage, 2, 0);

    expect(backwards.overall.from).toBeNull();
    expect(backwards.overall.to).toBe(lineage.cycles[0]?.report.summary.overallAttainment);
    expect(backwards.learning.from.evaluation).toBe('empty');
  });

  it('refuses a cycle outside the lineage', () => {
    expect(() => diffCycles(lineageOf(chain()), 0, 3)).toThrow(RangeError);
  });
});

describe('lineageChart', () => {
  const BOX = { width: 680, height: 300, margin: { top: 20, right: 20, bottom: 40, left: 60 } };
  const lineageWith = (rate: Record<string, number>, fallback = 1) => {
    const first = q3();
    const second = nextOf(first, Q3, Q4);
    return buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, { ...second, evaluation: evaluationFor(second.goals.goals, rate, fallback) }),
      runOf('q1', Q1, nextOf(second, Q4, Q1)),
    ]);
  };

  it('puts each cycle in the middle of its own column and draws one series per goal', () => {
    const lineage = lineageWith({});

    const chart = lineageChart(lineage, BOX);

    expect(chart.cycleX).toEqual([160, 360, 560]);
    expect(chart.series.map((s) => s.key)).toEqual(lineage.tracks.map((t) => t.key));
  });

  it('always shows 100% and spans the figures in nice steps from below the lowest', () => {
    const chart = lineageChart(lineageWith({ 'g-north': 0.9 }), BOX);

    const values = chart.yTicks.map((t) => t.value);
    expect(values).toContain(1);
    expect(values[0]).toBeLessThan(0.9);
    expect(values.at(-1)).toBeGreaterThanOrEqual(1.2);
    const steps = new Set(values.slice(1).map((v, i) => Number((v - values[i]!).toFixed(9))));
    expect(steps.size).toBe(1);
    expect(chart.targetY).toBe(chart.yTicks.find((t) => t.value === 1)?.y);
  });

  it('joins neighbouring cycles with a line and leaves out a cycle without figures', () => {
    const chart = lineageChart(lineageWith({}), BOX);

    const sales = chart.series.find((s) => s.key === 'g-sales')!;
    expect(sales.points.map((p) => p.cycle)).toEqual([0, 1]);
    expect(sales.segments).toHaveLength(1);
    expect(sales.segments[0]).toHaveLength(2);
  });

  it('draws a figure above the maximum at the top of the chart and flags it', () => {
    const chart = lineageChart(lineageWith({ 'g-north': 4 }), BOX, 2);

    const north = chart.series.find((s) => s.key === 'g-north')!.points[1]!;
    expect(north.attainment).toBeCloseTo(4);
    expect(north.clipped).toBe(true);
    expect(north.y).toBe(chart.yTicks.at(-1)?.y);
  });

  it('draws an operating cycle’s attainment so far as provisional points, on lines of their own', () => {
    const first = q3();
    const second = nextOf(first, Q3, Q4);
    const lineage = buildLineage([
      runOf('q3', Q3, first),
      runOf('q4', Q4, second, {
        checkIns: [{ kpiId: 'k-sales', date: '2024-11-20', value: 900_000_000, health: 'green' }],
      }),
    ]);

    const chart = lineageChart(lineage, BOX);

    const sales = chart.series.find((s) => s.key === 'g-sales')!;
    expect(sales.points.map((p) => [p.cycle, p.provisional])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(sales.segments).toEqual([]);
    expect(sales.provisionalSegments).toEqual([
      [
        { x: sales.points[0]!.x, y: sales.points[0]!.y },
        { x: sales.points[1]!.x, y: sales.points[1]!.y },
      ],
    ]);
    // No check-in, no point: North China's line stops at Q3.
    expect(chart.series.find((s) => s.key === 'g-north')!.points.map((p) => p.cycle)).toEqual([0]);
  });

  it('marks the points of a draft evaluation', () => {
    const first = q3();
    const run = runOf('q3', Q3, first, { evaluationApprovedAt: null });

    const chart = lineageChart(buildLineage([run]), BOX);

    expect(chart.series.every((s) => s.points.every((p) => p.draft))).toBe(true);
  });
});
