import type {
  EvaluationContent,
  ExecutionContent,
  Goal,
  GoalsContent,
  MonitoringContent,
  ResourcesContent,
  StageContentMap,
  StrategyContent,
} from '../domain/content';
import { elapsedFraction } from '../domain/kpi';
import { wanToFen, type Fen } from '../domain/money';
import { fitSubGoals, seedNextCycle } from '../domain/next-cycle';
import {
  DEMO_APPROVERS,
  DEMO_DRAFTING_DAYS,
  defaultGatePolicies,
  demoContent,
  splitByShares,
  type ContentLocale,
} from '../domain/scenarios';
import { STAGES_BEFORE_EVALUATION, type StageId } from '../domain/stages';
import {
  addDays,
  seedingClock,
  type IsoDate,
  type Period,
  type SeedingClock,
} from '../domain/time';
import type { StrategyDb } from '../storage/db';
import { RunEngine, type RunAction } from './engine';
import type { RunSnapshot } from './snapshots';

/**
 * Each task of an approved execution plan reported done by its owner (the lead for an unowned
 * one): a completed demo run shows its plan carried out, not every task late.
 */
export async function completeTasks(
  act: (action: RunAction) => Promise<unknown>,
  execution: ExecutionContent,
): Promise<void> {
  for (const task of execution.tasks) {
    await act({
      type: 'task.progress',
      by: task.ownerId ?? 'p-lead',
      taskId: task.id,
      status: 'done',
    });
  }
}

/** A Go at `stage`'s gate by `by`, with no comment or conditions: how the demo passes a gate. */
export const goDecision = (stage: StageId, by: string): RunAction => ({
  type: 'gate.decide',
  by,
  stage,
  decision: 'go',
  comment: '',
  conditions: [],
  recycleTo: null,
});

const latest = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * A demo stage drafted for its usual days (DEMO_DRAFTING_DAYS), submitted by the lead, and passed
 * by each of its demo approvers while it is in review. Returns the run after the last step.
 */
export async function passDemoStage(
  act: (action: RunAction) => Promise<RunSnapshot>,
  clock: SeedingClock,
  stage: StageId,
  content: unknown,
): Promise<RunSnapshot> {
  clock.rest(DEMO_DRAFTING_DAYS[stage]);
  let snapshot = await act({ type: 'stage.submit', by: 'p-lead', stage, content });
  for (const by of DEMO_APPROVERS[stage]) {
    if (snapshot.context.stages[stage].status !== 'inReview') break;
    snapshot = await act(goDecision(stage, by));
  }
  return snapshot;
}

/**
 * The demo's chain of cycles: one quarterly adjustment run three quarters in a row, each cycle
 * seeded from the one before (`seedNextCycle`, as "Start next cycle" does) and then revised the
 * way a lead would: targets summed up again and retitled, a goal added and one dropped, 4P items
 * added, dropped and retuned, the budget moved. `seedDemoChain` walks it through the engine.
 */

/** The run title of every cycle: "Start next cycle" keeps the title. */
export const CHAIN_TITLE: Record<ContentLocale, string> = {
  'zh-CN': '季度策略滚动调整',
  en: 'Quarterly strategy adjustment',
};

type Say = (zh: string, en: string) => string;

/** "1330万元" / "¥13.3M", as the scenario titles write money. */
function money(fen: Fen, locale: ContentLocale): string {
  const round = (n: number) => String(Number(n.toFixed(2)));
  return locale === 'zh-CN' ? `${round(fen / 1_000_000)}万元` : `¥${round(fen / 100_000_000)}M`;
}

/** Titles that state a figure, rewritten for the revised target. */
function retitle(goals: Goal[], locale: ContentLocale, period: Period, say: Say): Goal[] {
  const fig = (g: Goal) => money(g.target ?? 0, locale);
  const titles: Record<string, (g: Goal) => string> = {
    'g-sales': (g) =>
      say(`季度策略调整：销售额达到 ${fig(g)}`, `Quarterly adjustment: sales of ${fig(g)}`),
    'g-new-customers': (g) => say(`新增客户 ${g.target} 家`, `${g.target} new customers`),
    'g-east': (g) => say(`华东区域销售额 ${fig(g)}`, `East China sales of ${fig(g)}`),
    'g-north': (g) => say(`华北区域销售额 ${fig(g)}`, `North China sales of ${fig(g)}`),
    'g-east-a': (g) =>
      say(`华东区域产品 A 销售额增长 ${g.target}%`, `East China: product A sales +${g.target}%`),
    'g-contracts': (g) =>
      say(
        `截至 ${period.end} 在华东签约新客户合同总额 ${fig(g)}`,
        `Sign new East China customers worth ${fig(g)} by ${period.end}`,
      ),
    'g-east-existing': (g) =>
      say(`华东老客户销售额 ${fig(g)}`, `East China existing-customer sales of ${fig(g)}`),
    'g-online-share': (g) =>
      say(`线上渠道新客占比 ${g.target}%`, `Online share of new customers: ${g.target}%`),
    'g-repurchase': (g) =>
      say(`老客户复购率 ${g.target}%`, `Repurchase rate of existing customers: ${g.target}%`),
  };
  return goals.map((g) => ({ ...g, title: titles[g.id]?.(g) ?? g.title }));
}

/** KPI targets follow their goal where they measure it in the goal's unit; others carry over. */
function kpisFor(monitoring: MonitoringContent, goals: readonly Goal[]): MonitoringContent {
  return {
    kpis: monitoring.kpis.map((k) => {
      const goal = goals.find((g) => g.id === k.goalId);
      return goal && goal.unit === k.unit ? { ...k, target: goal.target } : k;
    }),
  };
}

function budget(totalFen: Fen, shares: readonly number[], previous: ResourcesContent) {
  const amounts = splitByShares(totalFen, shares);
  return {
    totalFen,
    lines: previous.budget.lines.map((line, i) => ({
      ...line,
      amountFen: amounts[i] ?? 0,
      shareBp: shares[i] ?? 0,
    })),
  };
}

/** A result for every goal: its target times `factor[id]`, sums kept consistent. */
function results(goals: readonly Goal[], factor: Record<string, number>): Map<string, number> {
  const actual = new Map<string, number>();
  const leaf = (g: Goal) => {
    const value = (g.target ?? 0) * (factor[g.id] ?? 1);
    return g.unit === 'CNY' ? Math.round(value / 100_000) * 100_000 : Math.round(value);
  };
  const valueOf = (g: Goal): number => {
    const known = actual.get(g.id);
    if (known !== undefined) return known;
    const children = goals.filter((c) => c.parentId === g.id && c.unit === g.unit && g.additive);
    // An additive parent is what its sub-goals of one dimension add up to.
    const dimension = children[0]?.dimension;
    const value =
      children.length > 0
        ? children.filter((c) => c.dimension === dimension).reduce((s, c) => s + valueOf(c), 0)
        : leaf(g);
    actual.set(g.id, value);
    return value;
  };
  for (const goal of goals) valueOf(goal);
  return actual;
}

function evaluationOf(
  goals: readonly Goal[],
  factor: Record<string, number>,
  rest: Omit<EvaluationContent, 'results'>,
): EvaluationContent {
  const actual = results(goals, factor);
  return {
    results: goals.map((g) => ({ goalId: g.id, actual: actual.get(g.id) ?? null, note: '' })),
    ...rest,
  };
}

function seeded(previous: StageContentMap, from: Period, to: Period): StageContentMap {
  const drafts = seedNextCycle({ period: from, approved: previous }, to);
  const { research, goals, strategy, resources, execution, monitoring } = drafts;
  if (!research || !goals || !strategy || !resources || !execution || !monitoring) {
    throw new Error('demo chain: seeding left a stage out');
  }
  return {
    research,
    goals,
    strategy,
    resources,
    execution,
    monitoring,
    evaluation: { results: [], attribution: [], lessons: [], recommendations: [] },
  };
}

/** The second cycle: a repurchase goal and a member day, five live streams, a bigger budget. */
function secondCycle(
  previous: StageContentMap,
  periods: readonly [Period, Period],
  locale: ContentLocale,
): StageContentMap {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const [from, to] = periods;
  const next = seeded(previous, from, to);
  const goalList: Goal[] = retitle(
    fitSubGoals([
      ...next.goals.goals,
      {
        id: 'g-repurchase',
        title: '',
        metric: say('老客户复购率', 'Repurchase rate'),
        target: 35,
        unit: '%',
        baseline: 28,
        direction: 'higher',
        additive: false,
        deadline: to.end,
        parentId: 'g-sales',
        dimension: 'customerType',
        dimensionValue: say('老客户', 'Existing customers'),
        rationale: say(
          '上季度会员回访试点复购率达 33%',
          'A member check-in pilot reached 33% last quarter',
        ),
      },
    ]),
    locale,
    to,
    say,
  );
  const goals: GoalsContent = { goals: goalList };
  const at = (days: number) => addDays(to.start, days);
  const s = next.strategy;
  const strategy: StrategyContent = {
    ...s,
    promotion: [
      ...s.promotion.map((item) =>
        item.id === 'pm-live'
          ? {
              ...item,
              title: say('5 场直播', '5 live streams'),
              budgetFen: wanToFen(32),
              conversionTargetPct: 16,
            }
          : item,
      ),
      {
        id: 'pm-member',
        title: say('老客户会员日', 'Member day for existing customers'),
        detail: say(
          '每月一次会员专享价与上门回访',
          'A monthly member price with a visit from the account manager',
        ),
        channel: say('电商旗舰店与客服', 'Online store and customer service'),
        budgetFen: wanToFen(10),
        timing: `${at(10)} – ${at(85)}`,
        conversionTargetPct: null,
        goalIds: ['g-repurchase', 'g-sales'],
      },
    ],
  };
  const resources: ResourcesContent = {
    ...next.resources,
    budget: budget(wanToFen(170), [4500, 3000, 1000, 1500], next.resources),
    owners: [
      ...next.resources.owners,
      {
        id: 'o-repurchase',
        personId: 'p-mkt',
        scope: say('老客户复购', 'Existing-customer repurchase'),
        kpi: say('复购率 35%', 'Repurchase rate 35%'),
        targetFen: null,
        goalIds: ['g-repurchase'],
      },
    ],
  };
  const monitoring = kpisFor(
    {
      kpis: [
        ...next.monitoring.kpis.map((k) => (k.id === 'k-conversion' ? { ...k, target: 16 } : k)),
        {
          id: 'k-repurchase',
          goalId: 'g-repurchase',
          name: say('老客户复购率', 'Repurchase rate of existing customers'),
          target: 35,
          unit: '%',
          direction: 'higher',
          measure: 'level',
          cadence: 'monthly',
          thresholds: { green: 0.95, amber: 0.8 },
          source: 'crm',
        },
      ],
    },
    goalList,
  );
  const evaluation = evaluationOf(
    goalList,
    {
      'g-contracts': 0.9,
      'g-east-existing': 1.06,
      'g-north': 0.93,
      'g-new-customers': 0.94,
      'g-east-a': 0.89,
      'g-online-share': 1.07,
      'g-repurchase': 0.95,
    },
    {
      attribution: [
        {
          id: 'a-live',
          goalId: 'g-new-customers',
          kind: 'strategy',
          strategyItemId: 'pm-live',
          note: say(
            '5 场直播线索转化率 18%，但新客总量仍未达标',
            'The 5 live streams converted 18% of leads, yet new customers fell short overall',
          ),
        },
        {
          id: 'a-member',
          goalId: 'g-east-existing',
          kind: 'strategy',
          strategyItemId: 'pm-member',
          note: say(
            '会员日召回 60 家沉睡客户，老客户销售额超目标 6%',
            'Member days won back 60 dormant customers; existing-customer sales beat the target by 6%',
          ),
        },
        {
          id: 'a-rival',
          goalId: 'g-north',
          kind: 'external',
          strategyItemId: null,
          note: say(
            '竞品甲在华北降价 8%，经销商返点未能抵消',
            'Rival Alpha cut prices by 8% in North China; distributor rebates did not offset it',
          ),
        },
      ],
      lessons: [
        {
          id: 'l-member',
          text: say(
            '会员日召回沉睡客户比单纯打折更有效',
            'Member days won back dormant customers better than discounts alone',
          ),
        },
        {
          id: 'l-monthly',
          text: say(
            '按月复盘比按季复盘更早发现偏差',
            'Monthly reviews caught gaps earlier than quarterly ones',
          ),
        },
      ],
      recommendations: [
        {
          id: 'r-tiered',
          text: say(
            '华北以阶梯价格应对降价，而不是继续加大返点',
            'Answer the price cut in North China with tiered prices, not deeper rebates',
          ),
        },
        {
          id: 'r-tradeshow',
          text: say(
            '取消行业展会，预算转向渠道支持',
            'Drop the trade show and move its budget to channel support',
          ),
        },
      ],
    },
  );
  return { ...next, goals, strategy, resources, monitoring, evaluation };
}

/** The third cycle: product A's goal dropped, tiered prices, no trade show, a leaner budget. */
function thirdCycle(
  previous: StageContentMap,
  periods: readonly [Period, Period],
  locale: ContentLocale,
): StageContentMap {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const [from, to] = periods;
  const next = seeded(previous, from, to);
  const goalList = retitle(
    fitSubGoals(next.goals.goals.filter((g) => g.id !== 'g-east-a')),
    locale,
    to,
    say,
  );
  const without = (ids: readonly string[]) => ids.filter((id) => id !== 'g-east-a');
  const s = next.strategy;
  const strategy: StrategyContent = {
    product: s.product.map((item) => ({ ...item, goalIds: without(item.goalIds) })),
    price: s.price.map((item) =>
      item.id === 'pr-volume'
        ? {
            ...item,
            title: say(
              '阶梯价：年采购超 50 万元 95 折，超 100 万元 9 折',
              'Tiered prices: 5% off over ¥500k a year, 10% over ¥1M',
            ),
            model: 'tiered' as const,
          }
        : item,
    ),
    channel: s.channel.map((item) =>
      item.id === 'ch-distributors'
        ? {
            ...item,
            title: say(
              '经销商：季度目标达成返点 6%',
              'Distributors: 6% rebate on the quarterly target',
            ),
            incentive: say('季度目标达成返点 6%', '6% rebate when the quarterly target is met'),
          }
        : item,
    ),
    // Timings carried as the next cycle moves them.
    promotion: s.promotion.filter((item) => item.id !== 'pm-tradeshow'),
  };
  const resources: ResourcesContent = {
    ...next.resources,
    budget: budget(wanToFen(160), [4000, 3500, 1000, 1500], next.resources),
    owners: next.resources.owners
      .filter((o) => o.id !== 'o-product')
      .map((o) =>
        o.id === 'o-east'
          ? {
              ...o,
              kpi: say('签约额 95 万元', 'Signed revenue of ¥950k'),
              targetFen: wanToFen(95),
              goalIds: without(o.goalIds),
            }
          : { ...o, goalIds: without(o.goalIds) },
      ),
  };
  return {
    ...next,
    goals: { goals: goalList },
    strategy,
    resources,
    monitoring: kpisFor(
      { kpis: next.monitoring.kpis.filter((k) => k.goalId !== 'g-east-a') },
      goalList,
    ),
  };
}

/** A KPI figure reported on the last day of a cycle: the result its goal is evaluated by. */
export interface ClosingFigure {
  kpiId: string;
  value: number;
  /** Why the figure is short of its target; empty when it is not. */
  reason: string;
}

/**
 * The check-ins that close an evaluated cycle: for every result, the figure of the KPI that
 * measures its goal (linked to it, in its unit and direction), so the evaluation's results are
 * what monitoring recorded. A figure short of its target says why.
 */
export function closingFigures(content: StageContentMap, locale: ContentLocale): ClosingFigure[] {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const { goals } = content.goals;
  const shortfall: Record<string, string> = {
    'g-north': say(
      '竞品甲在华北降价，经销商返点未能抵消',
      'Rival Alpha cut prices in North China; rebates did not offset it',
    ),
  };
  return content.evaluation.results.flatMap((result) => {
    const goal = goals.find((g) => g.id === result.goalId);
    const kpi = content.monitoring.kpis.find(
      (k) => k.goalId === goal?.id && k.unit === goal.unit && k.direction === goal.direction,
    );
    if (!goal || !kpi || result.actual === null || goal.target === null) return [];
    const short =
      goal.direction === 'higher' ? result.actual < goal.target : result.actual > goal.target;
    return [
      {
        kpiId: kpi.id,
        value: result.actual,
        reason: short
          ? (shortfall[goal.id] ??
            say('季末未达目标，原因见效果评估', 'Short of target at the close; see the evaluation'))
          : '',
      },
    ];
  });
}

/**
 * The content of each cycle of the demo chain over `periods` (oldest first): the first is the
 * quarterly-adjustment scenario's demo content, each later one seeded from the one before and
 * revised. The last cycle's evaluation is empty: it is still operating.
 */
export function demoChainContent(
  locale: ContentLocale,
  periods: readonly [Period, Period, Period],
): [StageContentMap, StageContentMap, StageContentMap] {
  const first = demoContent('periodicAdjustment', locale, periods[0]);
  const second = secondCycle(first, [periods[0], periods[1]], locale);
  const third = thirdCycle(second, [periods[1], periods[2]], locale);
  return [first, second, third];
}

/** Chain events move 3 h 11 min apart. */
const CHAIN_STEP_MINUTES = 3 * 60 + 11;

export interface DemoChainOptions {
  /** The runs, oldest first; each later one is the next cycle of the one before. */
  runIds: readonly [string, string, string];
  /** Three consecutive periods; the last is the current one, still operating. */
  periods: readonly [Period, Period, Period];
  /** Check-ins of the operating cycle are dated the day before. */
  today: IsoDate;
}

/**
 * Seeds the demo chain into `db` through the engine, as people would: the first two cycles
 * planned, run (check-ins through the quarter, each goal's KPI reporting its figure at the close)
 * and evaluated; each next cycle linked from its parent (`cycle.link`) a few days into its period
 * and planned from the seeded content; the newest operating with this week's check-ins, one of
 * them behind pace. Expects the demo team in `db.people`.
 */
export async function seedDemoChain(
  db: StrategyDb,
  locale: ContentLocale,
  { runIds, periods, today }: DemoChainOptions,
): Promise<void> {
  const say: Say = (zh, en) => (locale === 'zh-CN' ? zh : en);
  const cycles = demoChainContent(locale, periods);
  for (const [i, period] of periods.entries()) {
    const content = cycles[i];
    const runId = runIds[i];
    if (!content || !runId) continue;
    const parentRunId = runIds[i - 1] ?? null;
    // A first cycle is planned in the weeks before its quarter; a next one starts once its parent
    // is evaluated (about a week into its own period), on a later day than the parent's last event.
    const parentDone = parentRunId ? (await db.runs.get(parentRunId))?.updatedAt : undefined;
    const start = parentDone
      ? latest(addDays(period.start, 9), addDays(parentDone.slice(0, 10), 1))
      : addDays(period.start, -24);
    const clock = seedingClock(start, CHAIN_STEP_MINUTES, today);
    const engine = new RunEngine(db, { clock });
    const apply = async (id: string, action: RunAction) => {
      const result = await engine.apply(id, action);
      if (!result.ok) throw new Error(`demo chain ${action.type} refused: ${result.refusal.code}`);
      return result.snapshot;
    };
    if (parentRunId) {
      await apply(parentRunId, { type: 'cycle.link', by: 'p-lead', childRunId: runId });
    }
    const { evaluation: _evaluation, ...drafts } = content;
    await engine.createRun(
      {
        runId,
        scenario: 'periodicAdjustment',
        title: CHAIN_TITLE[locale],
        period,
        leadId: 'p-lead',
        parentRunId,
        policies: defaultGatePolicies('periodicAdjustment'),
      },
      'p-lead',
      drafts,
    );
    const act = (action: RunAction) => apply(runId, action);
    const pass = (stage: StageId, submitted: unknown) =>
      passDemoStage(act, clock, stage, submitted);
    const checkIn = (kpiId: string, date: IsoDate, value: number, reason = ''): RunAction => ({
      type: 'kpi.checkIn',
      by: 'p-am1',
      kpiId,
      date,
      value,
      source: 'crm',
      reason,
    });
    const target = (kpiId: string) =>
      content.monitoring.kpis.find((k) => k.id === kpiId)?.target ?? 0;

    for (const stage of STAGES_BEFORE_EVALUATION) await pass(stage, content[stage]);
    if (i < periods.length - 1) {
      const midway = addDays(period.start, 45);
      clock.jump(midway);
      await act(checkIn('k-sales', midway, Math.round((target('k-sales') * 0.52) / 100) * 100));
      clock.jump(period.end);
      for (const figure of closingFigures(content, locale)) {
        await act(checkIn(figure.kpiId, period.end, figure.value, figure.reason));
      }
      await completeTasks(act, content.execution);
      clock.jump(addDays(period.end, 1));
      await act({ type: 'execution.close', by: 'p-lead', acceptance: '' });
      clock.jump(addDays(period.end, 4));
      await pass('evaluation', content.evaluation);
      continue;
    }
    const yesterday = addDays(today, -1);
    const day =
      yesterday < period.start ? period.start : yesterday > period.end ? period.end : yesterday;
    clock.jump(day);
    const pace = (kpiId: string, share: number, unit: number) =>
      Math.max(
        unit,
        Math.round((target(kpiId) * elapsedFraction(period, day) * share) / unit) * unit,
      );
    await act(checkIn('k-sales', day, pace('k-sales', 1.03, 100)));
    await act(checkIn('k-east', day, pace('k-east', 0.98, 100)));
    await act(
      checkIn(
        'k-new-customers',
        day,
        pace('k-new-customers', 0.86, 1),
        say(
          '竞品甲降价后华北新客询盘减少',
          "Fewer new-customer enquiries in North China after Rival Alpha's price cut",
        ),
      ),
    );
  }
}
