import { GATE_RULES_VERSION } from '../domain/readiness';
import { measuredActuals, withMeasuredResults } from '../domain/results';
import type { RunEvent } from '../../machines/events';
import { approvedContent, RunInputSchema, type RunContext } from '../../machines/run-context';
import { openItems } from '../../machines/run-rules';
import type { Decision } from '../domain/gate';
import { assessCheckIn, pacePeriod } from '../domain/kpi';
import type { Kpi, StageContentMap } from '../domain/content';
import type { Role } from '../domain/people';
import {
  defaultGatePolicies,
  demoContent,
  demoTeam,
  SCENARIO_IDS,
  type ContentLocale,
  type ScenarioId,
} from '../domain/scenarios';
import {
  PLANNING_STAGES,
  STAGE_IDS,
  STAGES_BEFORE_EVALUATION,
  type StageId,
} from '../domain/stages';
import { seedNextCycle, type CycleOutcome } from '../domain/next-cycle';
import {
  addDays,
  daysBetween,
  nextPeriod,
  quarterOf,
  quarterPeriod,
  type IsoDate,
  type IsoDateTime,
  type Period,
} from '../domain/time';
import type { StrategyDb } from '../storage/db';
import { addLogs, deleteLogsOf } from '../storage/log';
import { yieldToPage } from './yield';
import { GENESIS_HASH, type DraftRow, type EventRecord } from '../storage/records';
import {
  buildRecord,
  LiveRun,
  RunEngine,
  runTables,
  storedRowsOf,
  type StoredRows,
} from './engine';
import type { RunSnapshot } from './snapshots';

/**
 * A seeded sample portfolio: hundreds or thousands of runs across the last quarters, in every
 * scenario, led and approved by the demo team, each with a full event log that the engine itself
 * accepted — the portfolio board, the benchmarks and a person trying the app at scale all see the
 * same realistic data.
 *
 * Each run is simulated on its own timeline: drafted, submitted and decided at the gates (with
 * recycles, holds, kills and conditional Go), operating with KPI check-ins that come out green,
 * amber or red, replans, execution closed after the period, evaluated. The simulation stops at
 * `now`, so where a run stands is where its timeline has brought it: runs of past quarters are
 * mostly completed, this quarter's are planning late or operating, next quarter's are planning.
 *
 * Deterministic: the same seed, size, `now` and language give the same runs, records and ids.
 * Nothing here reads the real clock or `Math.random`.
 */

/** Every sample run's id starts with this; generating again replaces them all. */
export const SAMPLE_RUN_PREFIX = 'sample-';
export const DEFAULT_SAMPLE_SIZE = 1000;
export const MAX_SAMPLE_SIZE = 10_000;
/** Runs written per transaction. */
export const SAMPLE_CHUNK_RUNS = 50;
/** Runs' logs added per request batch inside a chunk's transaction (~200 records). */
const WRITE_SLICE_RUNS = 5;

/**
 * Whether `id` is a generated sample run's: `sample-` and its number, nothing else. A run imported
 * as a copy of one (`sample-0518-copy`) is the person's, and stays when the sample is replaced.
 */
export function isSampleRunId(id: string): boolean {
  return /^sample-\d+$/.test(id);
}

export function sampleRunId(index: number): string {
  return `${SAMPLE_RUN_PREFIX}${String(index + 1).padStart(4, '0')}`;
}

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for sample data, never for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mixes two integers into one 32-bit seed (so run i does not depend on how many runs precede it). */
function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/**
 * A record id that is a valid v4-shaped UUID, unique per (seed, run, seq): the first three groups
 * carry them, the last group is seeded noise.
 */
function sampleRecordId(seed: number, index: number, seq: number, rand: () => number): string {
  const noise = hex(Math.floor(rand() * 0x1000000), 6) + hex(Math.floor(rand() * 0x1000000), 6);
  return `${hex(seed, 8)}-${hex(index >>> 12, 4)}-4${hex(index & 0xfff, 3)}-${hex(0x8000 | (seq & 0x3fff), 4)}-${noise}`;
}

export interface SampleOptions {
  /** Runs to generate; 1,000 unless given. At most `MAX_SAMPLE_SIZE`. */
  size?: number;
  seed?: number;
  /** "Now" of the seeding clock: no event of any run is later. Pass the app's clock reading. */
  now: IsoDateTime;
  /** Language of titles, reasons and stage content. */
  locale: ContentLocale;
  /** Quarters with runs, ending with the current one (next quarter's planning comes on top). */
  quarters?: number;
}

/** One sample run, built in memory: its row, its whole log and the drafts a template leaves. */
export interface SampleRun {
  stored: StoredRows;
  records: EventRecord[];
  drafts: DraftRow[];
}

// Words ------------------------------------------------------------------------------------------

interface Text {
  zh: string;
  en: string;
}
const say = (zh: string, en: string): Text => ({ zh, en });

const SUBJECTS: Record<ScenarioId, Text[]> = {
  newProductLaunch: [
    say('新品 A 上市', 'Product A launch'),
    say('智能传感器上市', 'Smart sensor launch'),
    say('B 系列入门款上市', 'B-series entry model launch'),
    say('远程诊断服务上市', 'Remote diagnostics launch'),
  ],
  deepenMarket: [
    say('存量客户复购提升', 'Repurchase uplift'),
    say('老客户交叉销售', 'Cross-selling to existing customers'),
    say('经销商份额提升', 'Distributor share growth'),
    say('服务合同续约', 'Service contract renewals'),
  ],
  regionalExpansion: [
    say('区域市场拓展', 'Regional expansion'),
    say('新城市进入', 'New-city entry'),
    say('汽车零部件行业拓展', 'Auto-parts industry entry'),
    say('县域渠道下沉', 'County-level channel build-out'),
  ],
  periodicAdjustment: [
    say('季度策略调整', 'Quarterly strategy adjustment'),
    say('价格体系调整', 'Price structure review'),
    say('渠道政策调整', 'Channel policy review'),
    say('促销节奏调整', 'Promotion calendar review'),
  ],
  keyAccount: [
    say('大客户攻坚', 'Key-account pursuit'),
    say('集团客户框架协议', 'Group framework agreement'),
    say('头部客户年度合同', 'Top-customer annual contract'),
    say('战略客户联合方案', 'Strategic-customer joint plan'),
  ],
};

const PLACES: Text[] = [
  say('华东', 'East China'),
  say('华南', 'South China'),
  say('华北', 'North China'),
  say('西南', 'Southwest'),
  say('华中', 'Central China'),
  say('上海', 'Shanghai'),
  say('苏州', 'Suzhou'),
  say('成都', 'Chengdu'),
  say('武汉', 'Wuhan'),
  say('深圳', 'Shenzhen'),
  say('杭州', 'Hangzhou'),
  say('西安', "Xi'an"),
];

const RECYCLE_REASONS: Text[] = [
  say('证据不足，请补充两份客户访谈', 'Not enough evidence: add two customer interviews'),
  say('分目标需按渠道再拆分一次', 'Split the sub-goals by channel as well'),
  say('价格策略与目标毛利不一致', 'The price strategy does not fit the target margin'),
  say('预算分配需与财务再核对', 'Check the budget split with finance again'),
  say('任务缺少明确的截止日期', 'Some tasks lack a clear deadline'),
];
const HOLD_REASONS: Text[] = [
  say('等待年度预算确认', 'Waiting for the annual budget to be confirmed'),
  say('组织调整期间暂缓', 'Paused during the reorganisation'),
  say('等待大客户招标结果', "Waiting for the key customer's tender result"),
];
const KILL_REASONS: Text[] = [
  say('市场容量不足以支撑投入', 'The market is too small for the investment'),
  say('与公司年度重点不再一致', "No longer fits the company's priorities for the year"),
  say('竞品降价后商业回报不成立', 'After the competitor price cut the business case fails'),
];
const CONDITIONS: Text[] = [
  say('上市前与经销商确认库存', 'Confirm stock with distributors before launch'),
  say('每月向财务汇报预算使用', 'Report budget use to finance monthly'),
  say('补充竞品价格监测', 'Add competitor price monitoring'),
];
const GAP_REASONS: Text[] = [
  say('华东暴雨导致线下拜访减少 30%', 'Storms in East China cut offline visits by 30%'),
  say('竞品降价 10%，部分客户观望', 'A competitor cut prices by 10%; some customers wait'),
  say('重点经销商备货延迟', 'A key distributor delayed stocking'),
  say('直播引流转化低于预期', 'Live-stream leads converted below plan'),
  say('大客户采购流程延长', "The key customer's purchasing took longer"),
];
const COUNTERMEASURES: Text[] = [
  say('改为线上拜访并寄送试用装', 'Switch to online visits and send trial packs'),
  say('针对观望客户推出限时返利', 'Offer a time-limited rebate to waiting customers'),
  say('协调备用经销商补货', 'Have a second distributor restock'),
];
const REPLAN_REASONS: Text[] = [
  say(
    '连续两次检查未达进度，需调整策略',
    'Two check-ins behind pace: the strategy needs to change',
  ),
  say('渠道表现低于预期，需重新分配资源', 'Channels lag: resources need to be reallocated'),
];
const RESUME_REASONS: Text[] = [
  say('预算已确认，继续推进', 'Budget confirmed; carry on'),
  say('前置条件已满足', 'The preconditions are met'),
];
const FOLLOW_UP_NOTES: Text[] = [
  say('已完成并记录在 CRM', 'Done and recorded in the CRM'),
  say('已在周五同步会上确认', 'Confirmed at the Friday sync'),
];
const ACCEPTANCE = say(
  '遗留事项转入下一周期跟进',
  'Open items move to the next cycle and are followed up there',
);

// Who does what ----------------------------------------------------------------------------------

/**
 * Two more project leads, who join the team with a sample portfolio: dozens of strategies a
 * quarter are not all one person's. Only project leads lead runs, as in the New run dialog.
 */
export const SAMPLE_LEADS = [
  { id: 'p-lead-east', name: say('黄磊', 'Huang Lei'), roles: ['lead'] },
  { id: 'p-lead-north', name: say('郑雪', 'Zheng Xue'), roles: ['lead'] },
] as const satisfies ReadonlyArray<{ id: string; name: Text; roles: readonly Role[] }>;

/** Leads of sample runs, most often the demo's strategy lead. */
const LEADS = ['p-lead', 'p-lead', 'p-lead-east', 'p-lead-north'] as const;

/** Approvers who pass each gate of the default policies, in voting order (veto holder first). */
const APPROVERS: Record<StageId, readonly string[]> = {
  research: ['p-mkt', 'p-sales'],
  goals: ['p-sales', 'p-gm'],
  strategy: ['p-sales', 'p-mkt'],
  resources: ['p-fin', 'p-sales'],
  execution: ['p-sales', 'p-mkt'],
  monitoring: ['p-mkt', 'p-sales'],
  evaluation: ['p-gm', 'p-sales'],
};

/** Typical days a lead spends drafting each stage, before the run's own pace. */
const DRAFT_DAYS: Record<StageId, number> = {
  research: 7,
  goals: 5,
  strategy: 7,
  resources: 4,
  execution: 3,
  monitoring: 2,
  evaluation: 5,
};
/** Typical days an approver takes at each gate; finance and strategy reviews are slower. */
const REVIEW_DAYS: Record<StageId, number> = {
  research: 1.2,
  goals: 1.5,
  strategy: 2.5,
  resources: 3,
  execution: 1,
  monitoring: 1,
  evaluation: 2,
};
/** Chance the first approver of a round sends the stage back. */
const RECYCLE_CHANCE: Record<StageId, number> = {
  research: 0.06,
  goals: 0.12,
  strategy: 0.16,
  resources: 0.1,
  execution: 0.05,
  monitoring: 0.04,
  evaluation: 0.04,
};

const DAY_MS = 86_400_000;
const ROLES = new Map<string, Role[]>([
  ...demoTeam('en').map((p) => [p.id, [...p.roles]] as [string, Role[]]),
  ...SAMPLE_LEADS.map((p) => [p.id, [...p.roles]] as [string, Role[]]),
]);
const rolesOf = (id: string): Role[] => ROLES.get(id) ?? [];

/** Stops a run's simulation when its next action would happen after `now`. */
class ReachedNow extends Error {}

interface SimState {
  recycles: number;
  held: boolean;
  replanned: boolean;
  lastCheckIn: IsoDate | null;
}

/** Content is the same for every run of a scenario, period and language: build it once. */
type ContentCache = Map<string, StageContentMap>;

/** How often a completed sample run goes on into its next cycle (the optimization loop). */
const CONTINUE_CHANCE = 0.55;

/** What the run after a sample run that went on into its next cycle takes from it. */
interface NextCycle {
  index: number;
  parentRunId: string;
  scenario: ScenarioId;
  leadId: (typeof LEADS)[number];
  subject: Text;
  place: Text;
  period: Period;
  /** When the parent linked it: the next cycle is created then. */
  atMs: number;
  /** What the parent approved, its period: the next cycle's plan is seeded from it. */
  outcome: CycleOutcome;
}

/**
 * Builds sample runs in memory. `build(i)` is pure with respect to storage: it steps a `LiveRun`
 * through `engine.step`, exactly as `apply` would, and returns the row, records and drafts that
 * `apply` would have written. Without a size, run `i` is the same whatever comes before it; with
 * one, runs are built in order, and a completed run may go on into the next index's run.
 */
export class SampleRunBuilder {
  private readonly engine: RunEngine;
  /** The last index of the portfolio, when known: a run may go on into the next index only. */
  private readonly lastIndex: number;
  private nextCycle: NextCycle | null = null;

  /** True when the run built last linked the next index's run as its next cycle. */
  get linksNext(): boolean {
    return this.nextCycle !== null;
  }
  private readonly content: ContentCache = new Map();
  private readonly seed: number;
  private readonly nowMs: number;
  private readonly locale: ContentLocale;
  private readonly periods: { period: Period; weight: number }[];
  private nextId: () => string = () => {
    throw new Error('record id requested outside a build');
  };

  constructor(db: StrategyDb, options: SampleOptions) {
    this.seed = (options.seed ?? 1) >>> 0;
    // Chains of cycles only where the size is known, so no run links a next cycle never built.
    this.lastIndex = options.size === undefined ? -1 : Math.trunc(options.size) - 1;
    this.nowMs = Date.parse(options.now);
    if (Number.isNaN(this.nowMs)) throw new RangeError(`not a moment: ${options.now}`);
    this.locale = options.locale;
    this.engine = new RunEngine(db, { newId: () => this.nextId() });
    const today = options.now.slice(0, 10);
    const quarters = Math.max(1, Math.min(12, Math.trunc(options.quarters ?? 6)));
    const current = quarterOf(today);
    const periods: { period: Period; weight: number }[] = [];
    for (let back = quarters - 1; back >= -1; back -= 1) {
      const n = current.year * 4 + (current.quarter - 1) - back;
      const period = quarterPeriod(Math.floor(n / 4), ((n % 4) + 1) as 1 | 2 | 3 | 4);
      // This quarter is the busiest; next quarter only has runs in planning.
      periods.push({ period, weight: back === 0 ? 2 : back === -1 ? 0.6 : 1 });
    }
    this.periods = periods;
  }

  private contentFor(scenario: ScenarioId, period: Period): StageContentMap {
    const key = `${scenario}|${period.start}|${this.locale}`;
    let content = this.content.get(key);
    if (!content) {
      content = demoContent(scenario, this.locale, period);
      this.content.set(key, content);
    }
    return content;
  }

  /**
   * Run number `index` (0-based) of the portfolio. Built in order: a completed run may go on into
   * its next cycle, which is then the next index's run (linked both ways, as "Start next cycle"
   * links them), and so on, so the portfolio holds chains of quarters.
   */
  build(index: number): SampleRun {
    const rand = mulberry32(mixSeed(this.seed, index));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
    const text = (t: Text) => (this.locale === 'zh-CN' ? t.zh : t.en);
    const chance = (p: number) => rand() < p;
    const between = (a: number, b: number) => a + rand() * (b - a);
    const cycle = this.nextCycle?.index === index ? this.nextCycle : null;
    this.nextCycle = null;

    const runId = sampleRunId(index);
    const scenario = cycle?.scenario ?? pick(SCENARIO_IDS);
    const total = this.periods.reduce((s, p) => s + p.weight, 0);
    let roll = rand() * total;
    const period =
      cycle?.period ??
      (this.periods.find((p) => (roll -= p.weight) < 0) ?? this.periods.at(-1)!).period;
    const leadId = cycle?.leadId ?? pick(LEADS);
    const subject = cycle?.subject ?? pick(SUBJECTS[scenario]);
    const place = cycle?.place ?? pick(PLACES);
    const title =
      this.locale === 'zh-CN'
        ? // A space between Chinese and Latin letters, as Chinese typesetting does.
          `${place.zh}${/^[A-Za-z]/.test(subject.zh) ? ' ' : ''}${subject.zh} · ${periodTag(period)}`
        : `${subject.en} · ${place.en} · ${periodTag(period)}`;
    // A next cycle's plan is seeded from what its parent approved, as "Start next cycle" seeds it.
    const content = cycle
      ? { ...this.contentFor(scenario, period), ...seedNextCycle(cycle.outcome, period) }
      : this.contentFor(scenario, period);

    // The run's character: how fast its lead drafts, how its KPIs go, how it ends.
    const pace = between(0.6, 1.8);
    const form = 1.02 + gaussian(rand) * 0.11;
    const drift = gaussian(rand) * 0.12;
    const evaluationDelay = chance(0.05) ? 400 : between(3, 25);
    const resumesHold = chance(0.7);

    const periodStartMs = Date.parse(`${period.start}T00:00:00.000Z`);
    // A next cycle is created when its parent links it, after the parent's evaluation.
    let t = cycle
      ? cycle.atMs
      : workHour(
          Math.min(
            periodStartMs - between(12, 45) * DAY_MS,
            this.nowMs - between(0.5, 20) * DAY_MS,
          ),
          rand,
        );
    const createdAt = new Date(t).toISOString();

    let seq = 0;
    this.nextId = () => sampleRecordId(this.seed, index, seq, rand);
    const input = RunInputSchema.parse({
      runId,
      scenario,
      title,
      period,
      leadId,
      parentRunId: cycle?.parentRunId ?? null,
      createdAt,
      policies: defaultGatePolicies(scenario),
      rulesVersion: GATE_RULES_VERSION,
    });
    const creation = buildRecord({
      id: this.nextId(),
      runId,
      seq: 0,
      type: 'run.created',
      actorId: leadId,
      at: createdAt,
      payload: input,
      prevHash: GENESIS_HASH,
    });
    const records: EventRecord[] = [creation];
    const live = LiveRun.fromInput(input, creation.hash);
    let snapshot: RunSnapshot = live.snapshot;

    const wait = (days: number) => {
      t = workHour(t + Math.max(0.05, days) * DAY_MS, rand);
    };
    const waitUntil = (date: IsoDate) => {
      t = Math.max(t, workHour(Date.parse(`${date}T00:00:00.000Z`), rand));
    };
    const act = (event: Record<string, unknown> & { type: RunEvent['type']; by: string }) => {
      if (t > this.nowMs) throw new ReachedNow();
      seq = live.revision + 1;
      const result = this.engine.step(live, {
        ...event,
        roles: rolesOf(event.by),
        at: new Date(t).toISOString(),
      });
      if (!result.ok) {
        throw new Error(
          `sample run ${runId}: ${event.type} refused (${result.refusal.code}) in ${JSON.stringify(live.snapshot.value)}`,
        );
      }
      records.push(result.record);
      live.revision = result.record.seq;
      live.headHash = result.record.hash;
      snapshot = result.snapshot;
      t += between(2, 40) * 60_000;
    };
    const ctx = (): RunContext => snapshot.context;

    const state: SimState = {
      recycles: 0,
      held: false,
      replanned: false,
      lastCheckIn: null,
    };

    const submit = (stage: StageId) => {
      const round = ctx().stages[stage].round;
      wait(DRAFT_DAYS[stage] * pace * between(0.5, 1.5) * (round > 0 ? 0.5 : 1));
      act({ type: 'stage.submit', by: leadId, stage, content: submission(stage) });
    };
    // The evaluation's results are what the KPIs measured, as the evaluation form fills them.
    const submission = (stage: StageId) => {
      if (stage !== 'evaluation') return content[stage];
      const c = ctx();
      const goals = approvedContent(c, 'goals')?.goals ?? content.goals.goals;
      const kpis = approvedContent(c, 'monitoring')?.kpis ?? content.monitoring.kpis;
      const measured = measuredActuals(goals, kpis, c.checkIns);
      return {
        ...content.evaluation,
        results: withMeasuredResults(content.evaluation.results, goals, measured),
      };
    };

    const decide = (
      stage: StageId,
      by: string,
      decision: Decision,
      comment = '',
      extra: { conditions?: string[]; recycleTo?: StageId | null } = {},
    ) =>
      act({
        type: 'gate.decide',
        by,
        stage,
        decision,
        comment,
        conditions: extra.conditions ?? [],
        recycleTo: extra.recycleTo ?? null,
      });

    /** One round at a gate: approvers decide in turn until it passes, or one sends it elsewhere. */
    const gateRound = (stage: StageId) => {
      const voted = new Set(ctx().stages[stage].votes.map((v) => v.by));
      const approvers = APPROVERS[stage].filter((p) => p !== leadId && !voted.has(p));
      for (const [i, by] of approvers.entries()) {
        if (ctx().stages[stage].status !== 'inReview' || ctx().hold || ctx().outcome) return;
        wait(REVIEW_DAYS[stage] * between(0.2, 1.8));
        const first = i === 0 && voted.size === 0;
        if (first && state.recycles < 3 && chance(RECYCLE_CHANCE[stage])) {
          state.recycles += 1;
          const earlier = PLANNING_STAGES.filter(
            (s) => PLANNING_STAGES.indexOf(s) < PLANNING_STAGES.indexOf(stage as never),
          );
          const to: StageId = earlier.length > 0 && chance(0.3) ? pick(earlier) : stage;
          decide(stage, by, 'recycle', text(pick(RECYCLE_REASONS)), { recycleTo: to });
          return;
        }
        if (first && !state.held && stage !== 'evaluation' && chance(0.018)) {
          state.held = true;
          decide(stage, by, 'hold', text(pick(HOLD_REASONS)));
          return;
        }
        if (first && stage !== 'evaluation' && chance(0.012)) {
          decide(stage, by, 'kill', text(pick(KILL_REASONS)));
          return;
        }
        if (stage !== 'evaluation' && chance(0.07)) {
          const condition = text(pick(CONDITIONS));
          decide(stage, by, 'conditionalGo', condition, { conditions: [condition] });
        } else {
          decide(stage, by, 'go');
        }
      }
    };

    /**
     * Follow-ups from conditional Go are usually closed a few days later; all of them before the
     * evaluation is sent (gate rules 6).
     */
    const closeFollowUps = (all = false) => {
      // A run killed at a gate accepts nothing more: its conditions stay open.
      if (ctx().outcome) return;
      for (const f of ctx().followUps) {
        if (f.closed || (!all && !chance(0.5))) continue;
        wait(between(0.5, 3));
        act({
          type: 'followUp.close',
          by: leadId,
          followUpId: f.id,
          note: text(pick(FOLLOW_UP_NOTES)),
        });
      }
    };

    const kpis = pickKpis(content.monitoring.kpis, rand);
    const cadence = chance(0.5) ? 7 : 14;

    /** Operating with both plans approved: check-ins, task progress, risks, maybe a replan. */
    const operate = (): 'replanned' | 'closed' => {
      const approvedOn = (ctx().stages.monitoring.approvedAt ?? new Date(t).toISOString()).slice(
        0,
        10,
      );
      let date = state.lastCheckIn
        ? addDays(state.lastCheckIn, cadence)
        : addDays(period.start, Math.floor(between(5, 5 + cadence)));
      while (date <= approvedOn) date = addDays(date, cadence);
      closeFollowUps();
      for (; date <= period.end; date = addDays(date, cadence)) {
        waitUntil(date);
        if (t > this.nowMs) throw new ReachedNow();
        state.lastCheckIn = date;
        const elapsed =
          (daysBetween(period.start, date) + 1) / (daysBetween(period.start, period.end) + 1);
        let red = false;
        for (const kpi of kpis) {
          const perf = Math.max(0.3, form + drift * elapsed + gaussian(rand) * 0.04);
          const value = checkInValue(kpi, perf, period, date);
          // Assessed as the machine will (gate rules 5): paced up to the KPI's goal's deadline.
          const span = pacePeriod(kpi, content.goals.goals, period);
          const health = assessCheckIn(kpi, value, date, span).health;
          red ||= health === 'red';
          act({
            type: 'kpi.checkIn',
            by: chance(0.5) ? 'p-am1' : 'p-am2',
            kpiId: kpi.id,
            date,
            value,
            source: kpi.source,
            reason: health === 'green' ? '' : text(pick(GAP_REASONS)),
          });
        }
        progressTasks(date);
        const risks = ctx().risks;
        for (const risk of risks) {
          if (risk.status === 'closed') continue;
          if (risk.countermeasure === '' && chance(0.6)) {
            wait(between(0.5, 3));
            act({
              type: 'risk.update',
              by: leadId,
              riskId: risk.id,
              countermeasure: text(pick(COUNTERMEASURES)),
              ownerId: chance(0.5) ? 'p-am1' : 'p-am2',
              due: addDays(date, 14) > period.end ? period.end : addDays(date, 14),
              status: 'mitigating',
            });
          } else if (!red && risk.countermeasure !== '' && risk.ownerId && chance(0.5)) {
            wait(between(0.5, 3));
            act({
              type: 'risk.update',
              by: leadId,
              riskId: risk.id,
              countermeasure: risk.countermeasure,
              ownerId: risk.ownerId,
              due: risk.due,
              status: 'closed',
            });
          }
        }
        if (red && !state.replanned && elapsed < 0.7 && chance(0.18)) {
          state.replanned = true;
          wait(between(1, 4));
          act({
            type: 'replan.escalate',
            by: leadId,
            target: chance(0.65) ? 'strategy' : 'resources',
            reason: text(pick(REPLAN_REASONS)),
          });
          return 'replanned';
        }
      }
      waitUntil(addDays(period.end, Math.floor(between(1, 8))));
      // Before closing, the team marks what it finished in the period's last days.
      progressTasks(period.end);
      // The machine's own reading of what closing must face (rules 4 adds unhandled alerts).
      const open = Object.values(openItems(ctx())).some((count) => count > 0);
      act({ type: 'execution.close', by: leadId, acceptance: open ? text(ACCEPTANCE) : '' });
      return 'closed';
    };

    const progressTasks = (date: IsoDate) => {
      // The approved plan's tasks as the run records them: a replan approves the plan afresh.
      const c = ctx();
      for (const task of approvedContent(c, 'execution')?.tasks ?? content.execution.tasks) {
        const now = c.taskProgress[task.id]?.status ?? 'todo';
        let next = now;
        if (now === 'todo' && task.start !== null && task.start <= date) next = 'inProgress';
        if (
          next === 'inProgress' &&
          task.end !== null &&
          task.end <= date &&
          form > 0.85 &&
          chance(0.8)
        )
          next = 'done';
        if (next === now) continue;
        act({ type: 'task.progress', by: task.ownerId ?? leadId, taskId: task.id, status: next });
      }
    };

    try {
      for (let guard = 0; guard < 400; guard += 1) {
        const c = ctx();
        if (c.outcome) break;
        if (c.hold) {
          if (!resumesHold) break;
          wait(between(4, 20));
          act({ type: 'run.resume', by: leadId, reason: text(pick(RESUME_REASONS)) });
          continue;
        }
        if (c.current === 'execution') {
          const { execution, monitoring } = c.stages;
          if (execution.status === 'drafting') submit('execution');
          else if (monitoring.status === 'drafting') submit('monitoring');
          else if (execution.status === 'inReview') gateRound('execution');
          else if (monitoring.status === 'inReview') gateRound('monitoring');
          else operate();
          continue;
        }
        const stage = c.current;
        if (stage === 'evaluation' && c.stages.evaluation.status === 'drafting') {
          waitUntil(addDays(period.end, Math.floor(evaluationDelay)));
          closeFollowUps(true);
        }
        if (c.stages[stage].status === 'inReview') gateRound(stage);
        else submit(stage);
        if (stage !== 'evaluation') closeFollowUps();
      }
      // The optimization loop: a completed run often goes on into the next quarter, which is the
      // next index's run; not into a quarter already over by the time its evaluation passed.
      if (
        ctx().outcome?.kind === 'completed' &&
        index < this.lastIndex &&
        chance(CONTINUE_CHANCE)
      ) {
        wait(between(1, 8));
        const next = nextPeriod(period);
        if (new Date(t).toISOString().slice(0, 10) <= next.end) {
          const atMs = t;
          act({ type: 'cycle.link', by: leadId, childRunId: sampleRunId(index + 1) });
          this.nextCycle = {
            index: index + 1,
            parentRunId: runId,
            scenario,
            leadId,
            subject,
            place,
            period: next,
            atMs,
            outcome: {
              period,
              approved: Object.fromEntries(
                STAGE_IDS.map((s) => [s, ctx().stages[s].approved]).filter(([, v]) => v !== null),
              ),
            },
          };
        }
      }
    } catch (error) {
      if (!(error instanceof ReachedNow)) throw error;
    }
    live.actor.stop();

    const last = records.at(-1)!;
    const context = snapshot.context;
    const drafts: DraftRow[] = [];
    if (!context.outcome) {
      for (const stage of STAGES_BEFORE_EVALUATION) {
        if (context.stages[stage].round > 0) continue;
        drafts.push({ runId, stage, content: content[stage], savedBy: leadId, savedAt: createdAt });
      }
    }
    return {
      stored: storedRowsOf(snapshot, last),
      records,
      drafts,
    };
  }
}

function periodTag(period: Period): string {
  const { year, quarter } = quarterOf(period.start);
  return `${year}-Q${quarter}`;
}

/** A standard normal deviate (Box–Muller) from the run's PRNG. */
function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A time during the working day (01:00–10:00 UTC is 09:00–18:00 in China) on the day of `ms`. */
function workHour(ms: number, rand: () => number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const hour = day + (1 + rand() * 9) * 3_600_000;
  return hour < ms ? Math.min(ms + rand() * 3_600_000, day + DAY_MS - 1) : hour;
}

/** Sales always; one or two more of the plan's KPIs. */
function pickKpis(kpis: readonly Kpi[], rand: () => number): Kpi[] {
  const withTarget = kpis.filter((k) => k.target !== null);
  const [first, ...others] = withTarget;
  if (!first) return [];
  const extra = 1 + Math.floor(rand() * 2);
  const shuffled = [...others].sort(() => rand() - 0.5);
  return [first, ...shuffled.slice(0, extra)];
}

/** The figure a person would type: pace times performance, rounded like the unit is. */
function checkInValue(kpi: Kpi, perf: number, period: Period, date: IsoDate): number {
  const target = kpi.target ?? 0;
  const length = daysBetween(period.start, period.end) + 1;
  const elapsed = Math.min(1, (daysBetween(period.start, date) + 1) / length);
  const pace = kpi.measure === 'cumulative' ? target * elapsed : target;
  const raw = kpi.direction === 'higher' ? pace * perf : pace / perf;
  if (kpi.unit === 'CNY') return Math.max(0, Math.round(raw / 1_000_000) * 1_000_000);
  if (kpi.unit === '%') return Math.max(0, Math.round(raw * 10) / 10);
  return Math.max(0, Math.round(raw));
}

// Writing ----------------------------------------------------------------------------------------

export interface SampleProgress {
  /** Removing the earlier sample runs first, then writing the new ones. */
  phase: 'removing' | 'writing';
  /** Runs written so far. */
  runs: number;
  total: number;
  events: number;
}

export interface GenerateOptions extends SampleOptions {
  /** Runs per transaction; `SAMPLE_CHUNK_RUNS` unless given. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?(progress: SampleProgress): void;
  /** Lets the page breathe between slices of work; a macrotask unless given. */
  yieldToUi?(): Promise<void>;
}

export interface GenerateResult extends SampleProgress {
  cancelled: boolean;
}

/**
 * Deletes every sample run (`isSampleRunId`) with its log and drafts, in one transaction. Other
 * runs, copies of sample runs among them, and the people stay.
 */
export async function removeSamplePortfolio(db: StrategyDb): Promise<number> {
  return db.transaction('rw', runTables(db), async () => {
    const ids = (await db.runs.where('id').startsWith(SAMPLE_RUN_PREFIX).primaryKeys()).filter(
      isSampleRunId,
    );
    await deleteLogsOf(db, ids);
    await db.drafts.where('runId').anyOf(ids).delete();
    await db.snapshots.bulkDelete(ids);
    await db.runs.bulkDelete(ids);
    return ids.length;
  });
}

/**
 * Replaces the sample portfolio: removes earlier sample runs, makes sure the demo team and the
 * sample's project leads exist (missing people are added, on the team's record; nobody is
 * renamed), then builds runs in memory and writes them in chunks of `chunkSize` runs, one
 * read-write transaction per chunk holding whole runs (row, every record, drafts); a chunk
 * commits while the next one is built. Cancelling (`signal`) stops between chunks: the chunk
 * being committed completes, the one being built is dropped, so the database never holds half a
 * run — every run in it has its complete log. Yields to the page every few milliseconds of work
 * so it stays responsive.
 */
export async function generateSamplePortfolio(
  db: StrategyDb,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const total = Math.trunc(options.size ?? DEFAULT_SAMPLE_SIZE);
  if (!(total >= 1 && total <= MAX_SAMPLE_SIZE)) {
    throw new RangeError(`A sample portfolio has 1 to ${MAX_SAMPLE_SIZE} runs, not ${total}.`);
  }
  const chunkSize = Math.max(1, Math.trunc(options.chunkSize ?? SAMPLE_CHUNK_RUNS));
  const yieldToUi = options.yieldToUi ?? yieldToPage;
  const progress: SampleProgress = { phase: 'removing', runs: 0, total, events: 0 };
  options.onProgress?.({ ...progress });
  const cancelled = () => options.signal?.aborted === true;

  await removeSamplePortfolio(db);
  await db.transaction('rw', [db.people, db.peopleLog], async () => {
    const team = [
      ...demoTeam(options.locale),
      ...SAMPLE_LEADS.map((p) => ({
        id: p.id,
        name: options.locale === 'zh-CN' ? p.name.zh : p.name.en,
        roles: p.roles,
      })),
    ];
    const existing = await db.people.bulkGet(team.map((p) => p.id));
    const missing = team.filter((_, i) => !existing[i]);
    await db.people.bulkAdd(missing.map((p) => ({ ...p, roles: [...p.roles] })));
    // On the team's record, like every change to who holds which role.
    const at = new Date(Date.parse(options.now)).toISOString();
    await db.peopleLog.bulkAdd(
      missing.map((p) => ({
        at,
        by: null,
        personId: p.id,
        name: p.name,
        before: null,
        after: [...p.roles],
        via: 'sample' as const,
      })),
    );
  });
  progress.phase = 'writing';
  options.onProgress?.({ ...progress });

  const builder = new SampleRunBuilder(db, { ...options, size: total });
  // One chunk commits while the next is built: IndexedDB works off the main thread meanwhile.
  let writing: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const write = (chunk: SampleRun[]) =>
    db
      .transaction('rw', runTables(db), async () => {
        // add() copies each value on the main thread: in slices, so the page is never blocked for
        // long. The transaction stays open while a slice is pending, so the chunk is still atomic.
        for (let i = 0; i < chunk.length; i += WRITE_SLICE_RUNS) {
          await addLogs(
            db,
            chunk.slice(i, i + WRITE_SLICE_RUNS).map((r) => r.records),
          );
        }
        await db.drafts.bulkPut(chunk.flatMap((r) => r.drafts));
        await db.snapshots.bulkPut(chunk.map((r) => r.stored.snapshot));
        await db.runs.bulkPut(chunk.map((r) => r.stored.row));
      })
      .then(
        () => {
          progress.runs += chunk.length;
          progress.events += chunk.reduce((n, r) => n + r.records.length, 0);
          options.onProgress?.({ ...progress });
        },
        (error: unknown) => {
          failure = error;
        },
      );

  let sliceStart = performance.now();
  let next = 0;
  chunks: while (next < total) {
    const chunk: SampleRun[] = [];
    const start = next;
    // A chunk never ends between a run and the next cycle it links: cancelled after it, the
    // portfolio would hold a link to a run never written.
    for (; next < total && (next < start + chunkSize || builder.linksNext); next += 1) {
      if (cancelled() || failure) break chunks;
      chunk.push(builder.build(next));
      // Long tasks make the page feel stuck: hand control back every ~12 ms of building.
      if (performance.now() - sliceStart > 12) {
        await yieldToUi();
        sliceStart = performance.now();
      }
    }
    await writing;
    if (cancelled() || failure) break;
    writing = write(chunk);
  }
  await writing;
  if (failure) throw failure;
  return { ...progress, cancelled: progress.runs < total };
}
