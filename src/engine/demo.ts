import { STAGES_BEFORE_EVALUATION, type StageId } from '../domain/stages';
import {
  DEMO_DRAFTING_DAYS,
  demoContent,
  demoTeam,
  scenarioTemplate,
  type ScenarioId,
  type ContentLocale,
} from '../domain/scenarios';
import { measuringKpi } from '../domain/results';
import {
  addDays,
  quarterOf,
  quarterPeriod,
  seedingClock,
  type Period,
  type IsoDate,
} from '../domain/time';
import type { StrategyDb } from '../storage/db';
import { RunEngine, runTables, type RunAction } from './engine';
import { CHAIN_TITLE, completeTasks, goDecision, passDemoStage, seedDemoChain } from './demo-chain';
import type { RunSnapshot } from './snapshots';

type Act = (action: RunAction) => Promise<RunSnapshot>;

/** The ids of the demo runs, so tests and the app can find them. */
export const DEMO_RUN_IDS = {
  launch: 'demo-launch',
  region: 'demo-region',
  deepen: 'demo-deepen',
  /** One quarterly adjustment over three quarters, each cycle started from the one before. */
  cycle1: 'demo-cycle-1',
  cycle2: 'demo-cycle-2',
  cycle3: 'demo-cycle-3',
} as const;

const TITLES: Record<keyof typeof DEMO_RUN_IDS, Record<ContentLocale, string>> = {
  launch: { 'zh-CN': '新品 A 华东上市', en: 'Product A launch in East China' },
  region: { 'zh-CN': '华东华北区域市场拓展', en: 'East and North China regional expansion' },
  deepen: { 'zh-CN': '存量客户复购提升', en: 'Raise repurchase among existing customers' },
  cycle1: CHAIN_TITLE,
  cycle2: CHAIN_TITLE,
  cycle3: CHAIN_TITLE,
};

/** Demo events move 3 h 17 min apart. */
const DEMO_STEP_MINUTES = 3 * 60 + 17;

function previousQuarter(period: Period): Period {
  const { year, quarter } = quarterOf(period.start);
  return quarter === 1
    ? quarterPeriod(year - 1, 4)
    : quarterPeriod(year, (quarter - 1) as 1 | 2 | 3);
}

/**
 * Fills an empty workspace with the demo team and three runs at different points, in the chosen
 * language: a launch waiting at the strategy gate (after one recycle), a regional expansion
 * operating with a red KPI and its risk alert, and last quarter's run completed and evaluated.
 * Goes through the engine like any person would, so every demo event is in the log.
 */
export async function seedDemoWorkspace(
  db: StrategyDb,
  locale: ContentLocale,
  today: IsoDate,
): Promise<void> {
  // One transaction (the engine's own writes join it): a first open cut short by a reload or a
  // closed tab leaves an empty workspace, which the next open seeds again, never half a demo.
  await db.transaction('rw', [...runTables(db), db.people, db.meta], () =>
    seedDemo(db, locale, today),
  );
}

async function seedDemo(db: StrategyDb, locale: ContentLocale, today: IsoDate): Promise<void> {
  const team = demoTeam(locale);
  await db.people.bulkPut(team.map((p) => ({ ...p, roles: [...p.roles] })));
  const current = quarterPeriod(quarterOf(today).year, quarterOf(today).quarter);
  const last = previousQuarter(current);

  const walk = async (
    engine: RunEngine,
    runId: string,
    scenario: ScenarioId,
    period: Period,
    steps: (act: Act, content: ReturnType<typeof demoContent>) => Promise<void>,
  ) => {
    const content = demoContent(scenario, locale, period);
    const template = scenarioTemplate(scenario, locale, period);
    const key = (Object.keys(DEMO_RUN_IDS) as (keyof typeof DEMO_RUN_IDS)[]).find(
      (k) => DEMO_RUN_IDS[k] === runId,
    )!;
    await engine.createRun(
      {
        runId,
        scenario,
        title: TITLES[key][locale],
        period,
        leadId: 'p-lead',
        parentRunId: null,
        policies: template.policies,
      },
      'p-lead',
      template.drafts,
    );
    const act = async (action: RunAction) => {
      const result = await engine.apply(runId, action);
      if (!result.ok) throw new Error(`demo step ${action.type} refused: ${result.refusal.code}`);
      return result.snapshot;
    };
    await steps(act, content);
  };

  const submit = (stage: StageId, content: unknown): RunAction => ({
    type: 'stage.submit',
    by: 'p-lead',
    stage,
    content,
  });
  const say = (zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

  // Last quarter: completed and evaluated, ready to seed the next cycle.
  // Each run is planned in the weeks before its quarter (see DEMO_DRAFTING_DAYS).
  const lastClock = seedingClock(addDays(last.start, -24), DEMO_STEP_MINUTES, today);
  await walk(
    new RunEngine(db, { clock: lastClock }),
    DEMO_RUN_IDS.deepen,
    'deepenMarket',
    last,
    async (act, c) => {
      for (const stage of STAGES_BEFORE_EVALUATION)
        await passDemoStage(act, lastClock, stage, c[stage]);
      const sales = c.monitoring.kpis[0];
      if (sales?.target) {
        lastClock.jump(addDays(last.start, 45));
        await act({
          type: 'kpi.checkIn',
          by: 'p-am1',
          kpiId: sales.id,
          date: addDays(last.start, 45),
          value: Math.round((sales.target * 0.52) / 100) * 100,
          source: 'crm',
          reason: '',
        });
      }
      // At the close every goal's KPI reports the figure the evaluation computes from it.
      lastClock.jump(last.end);
      for (const result of c.evaluation.results) {
        const goal = c.goals.goals.find((g) => g.id === result.goalId);
        const kpi = goal && measuringKpi(goal, c.monitoring.kpis);
        if (!goal || !kpi || result.actual === null || goal.target === null) continue;
        const short =
          goal.direction === 'higher' ? result.actual < goal.target : result.actual > goal.target;
        await act({
          type: 'kpi.checkIn',
          by: 'p-am1',
          kpiId: kpi.id,
          date: last.end,
          value: result.actual,
          source: kpi.source,
          reason: short
            ? say(
                '季末未达目标，原因见效果评估',
                'Short of target at the close; see the evaluation',
              )
            : '',
        });
      }
      await completeTasks(act, c.execution);
      lastClock.jump(addDays(last.end, 1));
      await act({ type: 'execution.close', by: 'p-lead', acceptance: '' });
      lastClock.jump(addDays(last.end, 4));
      await passDemoStage(act, lastClock, 'evaluation', c.evaluation);
    },
  );

  // This quarter, operating: East China sales are lagging and raised a risk alert.
  const regionClock = seedingClock(addDays(current.start, -24), DEMO_STEP_MINUTES, today);
  await walk(
    new RunEngine(db, { clock: regionClock }),
    DEMO_RUN_IDS.region,
    'regionalExpansion',
    current,
    async (act, c) => {
      for (const stage of STAGES_BEFORE_EVALUATION)
        await passDemoStage(act, regionClock, stage, c[stage]);
      const checkDay =
        today > current.start
          ? addDays(today, -1) < current.start
            ? current.start
            : addDays(today, -1)
          : current.start;
      regionClock.jump(checkDay);
      for (const kpi of c.monitoring.kpis.slice(0, 3)) {
        if (!kpi.target) continue;
        const lagging = kpi.id === 'k-east';
        const elapsed = Math.max(
          1,
          (Date.parse(checkDay) - Date.parse(current.start)) / 86_400_000 + 1,
        );
        const length = (Date.parse(current.end) - Date.parse(current.start)) / 86_400_000 + 1;
        const pace = kpi.measure === 'cumulative' ? (kpi.target * elapsed) / length : kpi.target;
        // Whole yuan for money, whole units otherwise: figures people would type.
        const unit = kpi.unit === 'CNY' ? 100 : 1;
        const value = Math.round((pace * (lagging ? 0.62 : 1.04)) / unit) * unit;
        await act({
          type: 'kpi.checkIn',
          by: 'p-am1',
          kpiId: kpi.id,
          date: checkDay,
          value,
          source: 'crm',
          reason: lagging
            ? say('华东暴雨导致线下拜访减少 30%', 'Storms in East China cut offline visits by 30%')
            : '',
        });
      }
    },
  );

  // This quarter, planning: goals were recycled once; the strategy waits for its second approval.
  const launchClock = seedingClock(addDays(current.start, -20), DEMO_STEP_MINUTES, today);
  await walk(
    new RunEngine(db, { clock: launchClock }),
    DEMO_RUN_IDS.launch,
    'newProductLaunch',
    current,
    async (act, c) => {
      await passDemoStage(act, launchClock, 'research', c.research);
      launchClock.rest(DEMO_DRAFTING_DAYS.goals);
      await act(submit('goals', c.goals));
      await act({
        type: 'gate.decide',
        by: 'p-gm',
        stage: 'goals',
        decision: 'recycle',
        comment: say('分目标需按渠道再拆分一次', 'Split the sub-goals by channel as well'),
        conditions: [],
        recycleTo: 'goals',
      });
      await passDemoStage(act, launchClock, 'goals', c.goals);
      launchClock.rest(DEMO_DRAFTING_DAYS.strategy);
      await act(submit('strategy', c.strategy));
      await act(goDecision('strategy', 'p-sales'));
    },
  );
  // Three quarters of one quarterly adjustment, each started from the last: a lineage to look at.
  await seedDemoChain(db, locale, {
    runIds: [DEMO_RUN_IDS.cycle1, DEMO_RUN_IDS.cycle2, DEMO_RUN_IDS.cycle3],
    periods: [previousQuarter(last), last, current],
    today,
  });
  await db.meta.put({ key: 'workspace', value: { kind: 'demo', locale, seededOn: today } });
}

/**
 * Settings' "Reset demo data" and "Start empty": the workspace emptied and then seeded with the
 * demo, or marked as started empty, in ONE transaction. As two, a seed that failed left an empty
 * workspace, and a tab closed in between turned "Start empty" into the demo on the next open.
 */
export async function replaceWorkspace(
  db: StrategyDb,
  next: { kind: 'empty' } | { kind: 'demo'; locale: ContentLocale; today: IsoDate },
): Promise<void> {
  await db.transaction('rw', [...runTables(db), db.people, db.peopleLog, db.meta], async () => {
    await clearTables(db);
    if (next.kind === 'demo') await seedDemo(db, next.locale, next.today);
    else await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
  });
}

async function clearTables(db: StrategyDb): Promise<void> {
  await Promise.all([
    db.runs.clear(),
    db.snapshots.clear(),
    db.log.clear(),
    db.drafts.clear(),
    db.people.clear(),
    db.peopleLog.clear(),
    db.meta.clear(),
  ]);
}
