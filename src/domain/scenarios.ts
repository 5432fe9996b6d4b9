import type {
  EvaluationContent,
  ExecutionContent,
  Goal,
  GoalsContent,
  MonitoringContent,
  ResearchContent,
  ResourcesContent,
  StageContentMap,
  StrategyContent,
  Task,
} from './content';
import { any, type GatePolicies, type GatePolicy, type Quorum } from './gate';
import { type Fen, wanToFen } from './money';
import type { Person, Role } from './people';
import type { GateContext } from './readiness';
import { addDays, type IsoDate, type Period } from './time';
import type { ScenarioId, ContentLocale } from './scenario-ids';
import type { StageId } from './stages';

export { SCENARIO_IDS, CONTENT_LOCALES, type ScenarioId, type ContentLocale } from './scenario-ids';
export { ScenarioIdSchema } from './schemas';

interface Text {
  zh: string;
  en: string;
}
const say = (zh: string, en: string): Text => ({ zh, en });
const pick = (locale: ContentLocale, text: Text): string =>
  locale === 'zh-CN' ? text.zh : text.en;

// Demo team ---------------------------------------------------------------------------------------

/** Stable ids of the demo team; the lead is `p-lead`. */
export const DEMO_PERSON_IDS = [
  'p-lead',
  'p-sales',
  'p-mkt',
  'p-fin',
  'p-gm',
  'p-am1',
  'p-am2',
  'p-product',
] as const;
export type DemoPersonId = (typeof DEMO_PERSON_IDS)[number];

const DEMO_PEOPLE: Record<DemoPersonId, { name: Text; roles: readonly Role[] }> = {
  'p-lead': { name: say('林峰', 'Lin Feng'), roles: ['lead'] },
  'p-sales': { name: say('王敏', 'Wang Min'), roles: ['salesDirector'] },
  'p-mkt': { name: say('陈静', 'Chen Jing'), roles: ['marketingHead'] },
  'p-fin': { name: say('赵磊', 'Zhao Lei'), roles: ['finance'] },
  'p-gm': { name: say('周强', 'Zhou Qiang'), roles: ['generalManager'] },
  'p-am1': { name: say('刘洋', 'Liu Yang'), roles: ['accountManager'] },
  'p-am2': { name: say('孙悦', 'Sun Yue'), roles: ['accountManager'] },
  'p-product': { name: say('吴迪', 'Wu Di'), roles: ['product'] },
};

/** The demo team: names in the given language; role labels come from the i18n catalogs. */
/**
 * Who of the demo team passes each gate of the demo's runs under the default gate policies: enough
 * votes for the quorum, a veto holder where one is needed, never the lead.
 */
export const DEMO_APPROVERS: Readonly<Record<StageId, readonly string[]>> = {
  research: ['p-mkt'],
  goals: ['p-sales', 'p-gm'],
  strategy: ['p-sales', 'p-mkt'],
  resources: ['p-fin', 'p-sales'],
  execution: ['p-sales'],
  monitoring: ['p-mkt'],
  evaluation: ['p-gm', 'p-sales'],
};

/**
 * Days the demo's lead spends drafting each stage before submitting it (again after a recycle):
 * the demo's runs take weeks to plan, as real ones do, so the portfolio's days in stage read true.
 */
export const DEMO_DRAFTING_DAYS: Readonly<Record<StageId, number>> = {
  research: 4,
  goals: 2,
  strategy: 3,
  resources: 2,
  execution: 2,
  monitoring: 1,
  evaluation: 3,
};

export function demoTeam(locale: ContentLocale): Person[] {
  return DEMO_PERSON_IDS.map((id) => ({
    id,
    name: pick(locale, DEMO_PEOPLE[id].name),
    roles: [...DEMO_PEOPLE[id].roles],
  }));
}

// Gate policies -----------------------------------------------------------------------------------

const gatePolicy = (roles: Role[], quorum: Quorum, vetoRole: Role | null = null): GatePolicy => ({
  roles,
  quorum,
  vetoRole,
});

/** Scenarios that bet big on something new: both the GM and sales director sign off the result. */
const JOINT_EVALUATION: ReadonlySet<ScenarioId> = new Set([
  'newProductLaunch',
  'regionalExpansion',
  'keyAccount',
]);

/**
 * Who decides at each gate for a new run of `scenario`. The lead submits and never approves, so
 * no gate lists the lead role; every gate can be passed by the demo team. Finance may veto the
 * budget. Routine scenarios (deepening a market, a periodic adjustment) let either the general
 * manager or the sales director close the evaluation; the others need both.
 */
export function defaultGatePolicies(scenario: ScenarioId): GatePolicies {
  return {
    research: any('marketingHead', 'salesDirector'),
    goals: gatePolicy(['salesDirector', 'marketingHead', 'generalManager'], { kind: 'nOfM', n: 2 }),
    strategy: gatePolicy(['salesDirector', 'marketingHead'], { kind: 'all' }),
    resources: gatePolicy(
      ['finance', 'salesDirector', 'generalManager'],
      { kind: 'nOfM', n: 2 },
      'finance',
    ),
    execution: any('salesDirector', 'marketingHead'),
    monitoring: any('salesDirector', 'marketingHead'),
    evaluation: gatePolicy(
      ['generalManager', 'salesDirector'],
      JOINT_EVALUATION.has(scenario) ? { kind: 'all' } : { kind: 'any' },
    ),
  };
}

// What differs between scenarios --------------------------------------------------------------

interface ScenarioSpec {
  focus: Text;
  /** Last period's sales in 万元; the overall goal is +30% on it. */
  baselineSalesWan: number;
  budgetWan: number;
  need: { segment: Text; painPoints: Text; preferences: Text; unmetNeeds: Text };
  product: { title: Text; detail: Text; positioning: Text };
  keyTask: Text;
  lesson: Text;
}

const SPECS: Record<ScenarioId, ScenarioSpec> = {
  newProductLaunch: {
    focus: say('新品 A 上市', 'Product A launch'),
    baselineSalesWan: 1000,
    budgetWan: 200,
    need: {
      segment: say('华东中小制造企业', 'Small and mid-sized manufacturers in East China'),
      painPoints: say(
        '设备停机损失大，现有供应商售后响应慢',
        'Downtime is costly and current vendors are slow to respond',
      ),
      preferences: say(
        '按年采购，看重性价比与本地服务',
        'Buy yearly; value for money and local service',
      ),
      unmetNeeds: say('远程诊断与预测性维护', 'Remote diagnostics and predictive maintenance'),
    },
    product: {
      title: say(
        '新品 A：高端款以技术领先，入门款主打性价比',
        'Product A: premium leads on technology, entry on value',
      ),
      detail: say(
        '高端款搭载远程诊断，入门款保留核心功能',
        'The premium model adds remote diagnostics; the entry model keeps the essentials',
      ),
      positioning: say('技术领先的智能设备', 'The smart, technology-led choice'),
    },
    keyTask: say('新品 A 渠道铺货', 'Stock channels with product A'),
    lesson: say(
      '上市前完成渠道铺货，首月动销更快',
      'Stocking channels before launch made the first month sell faster',
    ),
  },
  deepenMarket: {
    focus: say('存量市场深耕', 'Deepen the existing market'),
    baselineSalesWan: 1200,
    budgetWan: 180,
    need: {
      segment: say('近两年有采购的现有客户', 'Customers who bought in the last two years'),
      painPoints: say(
        '复购流程繁琐，缺少专属服务',
        'Reordering is tedious and service is impersonal',
      ),
      preferences: say('希望有会员价与定期回访', 'Member pricing and regular check-ins'),
      unmetNeeds: say('配件与耗材一站式采购', 'One-stop ordering of parts and consumables'),
    },
    product: {
      title: say('老客户升级套餐', 'Upgrade bundle for existing customers'),
      detail: say('以旧换新加延长保修', 'Trade-in plus an extended warranty'),
      positioning: say('老客户专享', 'For existing customers only'),
    },
    keyTask: say('老客户回访与复购激活', 'Call back existing customers to reorder'),
    lesson: say('定期回访明显提升了复购率', 'Regular check-ins clearly raised the repurchase rate'),
  },
  regionalExpansion: {
    focus: say('华东区域拓展', 'East China expansion'),
    baselineSalesWan: 800,
    budgetWan: 250,
    need: {
      segment: say(
        '华东新进入城市的制造企业',
        'Manufacturers in the East China cities we are entering',
      ),
      painPoints: say('本地缺少服务网点', 'No local service points'),
      preferences: say('重视本地经销商与快速交付', 'Local distributors and fast delivery'),
      unmetNeeds: say('48 小时上门服务', 'On-site service within 48 hours'),
    },
    product: {
      title: say('区域主推两款畅销型号', 'Lead with two best-selling models in the region'),
      detail: say('集中备货，缩短交付周期', 'Stock them locally to shorten delivery'),
      positioning: say('本地服务有保障', 'Backed by local service'),
    },
    keyTask: say('招募区域经销商', 'Recruit regional distributors'),
    lesson: say(
      '先建服务网点再做推广，转化更高',
      'Opening service points before promotion converted better',
    ),
  },
  periodicAdjustment: {
    focus: say('季度策略调整', 'Quarterly strategy adjustment'),
    baselineSalesWan: 1000,
    budgetWan: 150,
    need: {
      segment: say('上季度流失与沉睡客户', 'Customers lost or dormant last quarter'),
      painPoints: say(
        '竞品降价后我方价格缺乏竞争力',
        "Our prices lost their edge after a competitor's price cut",
      ),
      preferences: say('阶梯价格与灵活账期', 'Tiered prices and flexible payment terms'),
      unmetNeeds: say('更短的交付周期', 'Shorter delivery times'),
    },
    product: {
      title: say('调整产品组合', 'Rebalance the product portfolio'),
      detail: say(
        '下架低毛利型号，主推高毛利型号',
        'Retire low-margin models and push high-margin ones',
      ),
      positioning: say('价值更清晰', 'Clearer value'),
    },
    keyTask: say('复盘上季度数据与市场反馈', "Review last quarter's figures and market feedback"),
    lesson: say(
      '按月复盘比按季复盘更早发现偏差',
      'Monthly reviews caught gaps earlier than quarterly ones',
    ),
  },
  keyAccount: {
    focus: say('大客户攻坚', 'Key-account pursuit'),
    baselineSalesWan: 1000,
    budgetWan: 150,
    need: {
      segment: say(
        '目标大客户：华东某汽车零部件集团',
        'Target account: an East China auto-parts group',
      ),
      painPoints: say(
        '多工厂设备型号不统一，运维成本高',
        'Mixed equipment across plants makes upkeep costly',
      ),
      preferences: say(
        '集团集中采购，重视总体拥有成本',
        'Central purchasing; total cost of ownership',
      ),
      unmetNeeds: say('跨工厂统一运维平台', 'One maintenance platform across all plants'),
    },
    product: {
      title: say('集团定制方案', 'Tailored group solution'),
      detail: say(
        '统一设备平台加专属服务团队',
        'One equipment platform plus a dedicated service team',
      ),
      positioning: say('集团级整体方案', 'A group-wide solution'),
    },
    keyTask: say('客户高层拜访与方案汇报', "Executive visit and proposal to the customer's board"),
    lesson: say(
      '尽早让客户高层参与，决策更快',
      "Involving the customer's executives early sped up the decision",
    ),
  },
};

// The shared builder --------------------------------------------------------------------------

/** Figures derived from a scenario, all money in fen and exact. */
interface Figures {
  baseline: Fen;
  salesTarget: Fen;
  east: Fen;
  eastBaseline: Fen;
  north: Fen;
  northBaseline: Fen;
  contracts: Fen;
  contractsActual: Fen;
  budget: Fen;
}

function figuresOf(spec: ScenarioSpec): Figures {
  const baseline = wanToFen(spec.baselineSalesWan);
  // Whole 万元 are multiples of 1,000,000 fen, so these splits stay integers.
  const salesTarget = (baseline * 13) / 10;
  const east = (salesTarget * 6) / 10;
  const eastBaseline = (baseline * 6) / 10;
  return {
    baseline,
    salesTarget,
    east,
    eastBaseline,
    north: salesTarget - east,
    northBaseline: baseline - eastBaseline,
    contracts: wanToFen(150),
    contractsActual: wanToFen(180),
    budget: wanToFen(spec.budgetWan),
  };
}

/** Everything a stage builder needs: language, dates and figures. */
interface Draft {
  locale: ContentLocale;
  t: (zh: string, en: string) => string;
  spec: ScenarioSpec;
  fig: Figures;
  period: Period;
  /** `days` after the period start, clamped inside the period. */
  at: (days: number) => IsoDate;
  money: (fen: Fen) => string;
}

function draftOf(scenario: ScenarioId, locale: ContentLocale, period: Period): Draft {
  const t = (zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
  const at = (days: number): IsoDate => {
    const date = addDays(period.start, days);
    return date > period.end ? period.end : date;
  };
  const spec = SPECS[scenario];
  return {
    locale,
    t,
    spec,
    fig: figuresOf(spec),
    period,
    at,
    money: (fen) => formatMoney(fen, locale),
  };
}

/** "1300万元" in Chinese, "¥13M" in English (plans are stated in 万 / millions). */
function formatMoney(fen: Fen, locale: ContentLocale): string {
  const round = (n: number) => String(Number(n.toFixed(2)));
  return locale === 'zh-CN' ? `${round(fen / 1_000_000)}万元` : `¥${round(fen / 100_000_000)}M`;
}

function buildResearch({ t, locale, spec, fig, period }: Draft): ResearchContent {
  // The latest full year's report when the period starts: a 2026 plan cites 2025's, not 2024's.
  const reportYear = Number(period.start.slice(0, 4)) - 1;
  return {
    marketNeeds: [
      {
        id: 'n-core',
        segment: pick(locale, spec.need.segment),
        painPoints: pick(locale, spec.need.painPoints),
        preferences: pick(locale, spec.need.preferences),
        unmetNeeds: pick(locale, spec.need.unmetNeeds),
        sources: [
          {
            kind: 'industryReport',
            title: t(`${reportYear} 行业白皮书`, `${reportYear} industry white paper`),
          },
          {
            kind: 'interview',
            title: t('客户经理访谈 12 场', '12 interviews with account managers'),
          },
        ],
      },
      {
        id: 'n-online',
        segment: t('线上首次购买客户', 'Online first-time buyers'),
        painPoints: t('难以比价，担心售后', 'Hard to compare offers; worried about after-sales'),
        preferences: t(
          '通过直播和短视频了解产品',
          'Learn about products from live streams and videos',
        ),
        unmetNeeds: t('线上下单、线下服务', 'Buy online, get served locally'),
        sources: [
          { kind: 'survey', title: t('线上问卷（800 份）', 'Online survey (800 responses)') },
        ],
      },
    ],
    competitors: [
      {
        id: 'c-alpha',
        name: t('竞品甲', 'Rival Alpha'),
        productFeatures: t('功能齐全但操作复杂', 'Full-featured but hard to use'),
        pricing: t('比我方低约 8%', 'About 8% below ours'),
        marketSharePct: 22,
        marketingMoves: t(
          '季末促销，经销商返点 6%',
          'End-of-quarter promotions; 6% distributor rebate',
        ),
      },
      {
        id: 'c-beta',
        name: t('竞品乙', 'Rival Beta'),
        productFeatures: t('入门款价格低', 'A cheap entry model'),
        pricing: t('全国统一价', 'Uniform national pricing'),
        marketSharePct: 15,
        marketingMoves: t('电商直播频繁', 'Frequent e-commerce live streams'),
      },
    ],
    ownResources: {
      productStrengths: t(
        '远程诊断技术领先，交付周期 7 天',
        'Leading remote-diagnostics technology; 7-day delivery',
      ),
      teamCapability: t(
        '核心团队 8 人，客户经理平均从业 6 年',
        'A core team of 8; account managers average 6 years of experience',
      ),
      budgetFen: fig.budget,
      channels: t(
        '电商旗舰店、12 家经销商、直销团队',
        'Online flagship store, 12 distributors, direct sales',
      ),
    },
  };
}

type GoalDraft = Pick<Goal, 'id' | 'title' | 'metric' | 'target' | 'unit'> & Partial<Goal>;

function goal(period: Period, draft: GoalDraft): Goal {
  return {
    baseline: null,
    direction: 'higher',
    additive: false,
    deadline: period.end,
    parentId: null,
    dimension: null,
    dimensionValue: '',
    rationale: '',
    ...draft,
  };
}

function buildGoals({ t, spec, locale, fig, period, money }: Draft): GoalsContent {
  const focus = pick(locale, spec.focus);
  const sales = t('销售额', 'Sales');
  const eastChina = t('华东', 'East China');
  return {
    goals: [
      goal(period, {
        id: 'g-sales',
        title: t(
          `${focus}：销售额同比增长 30%，达到 ${money(fig.salesTarget)}`,
          `${focus}: sales +30% to ${money(fig.salesTarget)}`,
        ),
        metric: sales,
        target: fig.salesTarget,
        unit: 'CNY',
        baseline: fig.baseline,
        additive: true,
        rationale: t(
          `上期销售额 ${money(fig.baseline)}，新品与渠道扩展支撑增长`,
          `Last period ${money(fig.baseline)}; new products and channels support the growth`,
        ),
      }),
      goal(period, {
        id: 'g-new-customers',
        title: t('新增客户 500 家', '500 new customers'),
        metric: t('新客户数', 'New customers'),
        target: 500,
        unit: t('家', 'customers'),
        baseline: 380,
        additive: true,
        rationale: t('上期新增 380 家', '380 new customers last period'),
      }),
      goal(period, {
        id: 'g-east',
        title: t(`华东区域销售额 ${money(fig.east)}`, `East China sales of ${money(fig.east)}`),
        metric: sales,
        target: fig.east,
        unit: 'CNY',
        baseline: fig.eastBaseline,
        additive: true,
        parentId: 'g-sales',
        dimension: 'region',
        dimensionValue: eastChina,
      }),
      goal(period, {
        id: 'g-north',
        title: t(`华北区域销售额 ${money(fig.north)}`, `North China sales of ${money(fig.north)}`),
        metric: sales,
        target: fig.north,
        unit: 'CNY',
        baseline: fig.northBaseline,
        additive: true,
        parentId: 'g-sales',
        dimension: 'region',
        dimensionValue: t('华北', 'North China'),
      }),
      goal(period, {
        id: 'g-east-a',
        title: t('华东区域产品 A 销售额增长 25%', 'East China: product A sales +25%'),
        metric: t('产品 A 销售额增长率', 'Product A sales growth'),
        target: 25,
        unit: '%',
        parentId: 'g-east',
        dimension: 'productLine',
        dimensionValue: t('产品 A', 'Product A'),
        rationale: t(
          '产品 A 上期在华东增长 18%，新增经销商扩大覆盖',
          'Product A grew 18% in East China last period; new distributors widen its reach',
        ),
      }),
      goal(period, {
        id: 'g-contracts',
        title: t(
          `通过线下推广，截至 ${period.end} 在华东签约 30 家新客户，合同总额 ${money(fig.contracts)}`,
          `Through offline promotion, sign 30 new customers in East China worth ${money(fig.contracts)} by ${period.end}`,
        ),
        metric: t('新客户合同额', 'New-customer contract value'),
        target: fig.contracts,
        unit: 'CNY',
        parentId: 'g-east',
        dimension: 'customerType',
        dimensionValue: t('新客户', 'New customers'),
        rationale: t(
          '展会与直播已储备 120 条线索',
          '120 leads already in the pipeline from trade shows and live streams',
        ),
      }),
      goal(period, {
        id: 'g-east-existing',
        title: t(
          `华东老客户销售额 ${money(fig.east - fig.contracts)}`,
          `East China existing-customer sales of ${money(fig.east - fig.contracts)}`,
        ),
        metric: sales,
        target: fig.east - fig.contracts,
        unit: 'CNY',
        baseline: fig.eastBaseline,
        additive: true,
        parentId: 'g-east',
        dimension: 'customerType',
        dimensionValue: t('老客户', 'Existing customers'),
      }),
      goal(period, {
        id: 'g-online-share',
        title: t('线上渠道新客占比 40%', 'Online share of new customers: 40%'),
        metric: t('线上新客占比', 'Online share of new customers'),
        target: 40,
        unit: '%',
        baseline: 28,
        parentId: 'g-new-customers',
        dimension: 'channel',
        dimensionValue: t('线上', 'Online'),
      }),
    ],
  };
}

function buildStrategy({ t, locale, spec, at }: Draft): StrategyContent {
  return {
    product: [
      {
        id: 'pd-main',
        title: pick(locale, spec.product.title),
        detail: pick(locale, spec.product.detail),
        positioning: pick(locale, spec.product.positioning),
        goalIds: ['g-sales', 'g-east-a'],
      },
    ],
    price: [
      {
        id: 'pr-volume',
        title: t('年采购额超 100 万元享 9 折', '10% off annual purchases over ¥1M'),
        detail: t('按年度累计采购额结算折扣', 'The discount is settled on the yearly total'),
        model: 'discount',
        goalIds: ['g-sales', 'g-contracts'],
      },
    ],
    channel: [
      {
        id: 'ch-distributors',
        title: t('经销商：季度目标达成返点 5%', 'Distributors: 5% rebate on the quarterly target'),
        detail: t('华北以经销商为主', 'Distributors lead in North China'),
        duties: t('区域铺货与本地服务', 'Stock the region and serve locally'),
        incentive: t('季度目标达成返点 5%', '5% rebate when the quarterly target is met'),
        goalIds: ['g-north', 'g-sales'],
      },
      {
        id: 'ch-online',
        title: t('电商旗舰店', 'Online flagship store'),
        detail: t('线上获客与下单', 'Win and serve customers online'),
        duties: t('线上咨询、下单与售后衔接', 'Online enquiries, orders and after-sales hand-off'),
        incentive: t('线上新客首单优惠券', 'A first-order coupon for online newcomers'),
        goalIds: ['g-online-share', 'g-new-customers'],
      },
    ],
    promotion: [
      {
        id: 'pm-live',
        title: t('3 场直播', '3 live streams'),
        detail: t('产品讲解加限时优惠', 'Product walkthroughs with limited-time offers'),
        channel: t('直播平台', 'Live-stream platforms'),
        budgetFen: wanToFen(20),
        timing: `${at(41)} – ${at(70)}`,
        conversionTargetPct: 15,
        goalIds: ['g-new-customers', 'g-online-share'],
      },
      {
        id: 'pm-tradeshow',
        title: t('行业展会', 'Industry trade show'),
        detail: t('展位演示与现场签约', 'Booth demos and on-site signing'),
        channel: t('线下展会', 'Trade show'),
        budgetFen: wanToFen(30),
        timing: `${at(45)} – ${at(47)}`,
        conversionTargetPct: null,
        goalIds: ['g-contracts'],
      },
    ],
  };
}

/** Budget split 40% promotion / 30% channel / 10% training / 20% other, in basis points. */
const BUDGET_SPLIT = [
  { id: 'b-promotion', shareBp: 4000, module: say('推广', 'Promotion') },
  { id: 'b-channel', shareBp: 3000, module: say('渠道支持', 'Channel support') },
  { id: 'b-training', shareBp: 1000, module: say('培训', 'Training') },
  { id: 'b-other', shareBp: 2000, module: say('其他', 'Other') },
] as const;

/**
 * Splits `total` fen by shares in basis points with exact integer math (BigInt: total × share can
 * pass 2^53). Each line is rounded down and the fen left over go one each to the first lines, so
 * each amount is within 1 fen of its share. The amounts add up to exactly `total` only when the
 * shares add up to 10000.
 */
export function splitByShares(total: Fen, sharesBp: readonly number[]): Fen[] {
  const exact = sharesBp.map((bp) => BigInt(total) * BigInt(bp));
  const amounts = exact.map((scaled) => Number(scaled / 10_000n));
  let rest = total - amounts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0 && i < amounts.length; i++, rest--) amounts[i] = (amounts[i] ?? 0) + 1;
  return amounts;
}

function buildResources({ t, locale, fig }: Draft): ResourcesContent {
  const amounts = splitByShares(
    fig.budget,
    BUDGET_SPLIT.map((line) => line.shareBp),
  );
  const scopes = [
    [
      t('直播、展会与内容', 'Live streams, trade shows and content'),
      t('市场负责人 → 财务', 'Marketing head → finance'),
    ],
    [
      t('经销商返点与铺货补贴', 'Distributor rebates and stocking subsidies'),
      t('销售总监 → 财务', 'Sales director → finance'),
    ],
    [t('销售与经销商培训', 'Sales and distributor training'), t('销售总监', 'Sales director')],
    [t('预备金', 'Contingency'), t('总经理 → 财务', 'General manager → finance')],
  ] as const;
  return {
    owners: [
      {
        id: 'o-east',
        personId: 'p-am1',
        scope: t('华东大客户', 'East China key accounts'),
        kpi: t('签约额 80 万元', 'Signed revenue of ¥800k'),
        targetFen: wanToFen(80),
        goalIds: ['g-east', 'g-contracts'],
      },
      {
        id: 'o-north',
        personId: 'p-am2',
        scope: t('华北区域', 'North China'),
        kpi: t('区域销售额', 'Regional sales'),
        targetFen: fig.north,
        goalIds: ['g-north'],
      },
      {
        id: 'o-online',
        personId: 'p-mkt',
        scope: t('线上新客', 'Online new customers'),
        kpi: t('线上新客占比 40%', 'Online share of new customers 40%'),
        targetFen: null,
        goalIds: ['g-online-share'],
      },
      {
        id: 'o-product',
        personId: 'p-product',
        scope: t('产品 A', 'Product A'),
        kpi: t('华东产品 A 增长 25%', 'Product A +25% in East China'),
        targetFen: null,
        goalIds: ['g-east-a'],
      },
    ],
    budget: {
      totalFen: fig.budget,
      lines: BUDGET_SPLIT.map((line, i) => ({
        id: line.id,
        module: pick(locale, line.module),
        amountFen: amounts[i] ?? 0,
        shareBp: line.shareBp,
        scope: scopes[i]?.[0] ?? '',
        approvalFlow: scopes[i]?.[1] ?? '',
      })),
    },
    tools: [
      {
        id: 'tl-crm',
        name: 'CRM',
        kind: 'crm',
        usageRule: t(
          '每日 17:00 前更新客户拜访与商机',
          'Update visits and opportunities by 17:00 daily',
        ),
      },
      {
        id: 'tl-automation',
        name: t('营销自动化', 'Marketing automation'),
        kind: 'automation',
        usageRule: t(
          '直播线索 24 小时内分配给客户经理',
          'Assign live-stream leads within 24 hours',
        ),
      },
      {
        id: 'tl-bi',
        name: t('数据看板', 'Analytics dashboard'),
        kind: 'analytics',
        usageRule: t('每周一更新周报', 'Refresh the weekly report every Monday'),
      },
    ],
  };
}

function task(
  draft: Pick<Task, 'id' | 'name' | 'ownerId' | 'department' | 'start' | 'end'> & Partial<Task>,
): Task {
  return { dependsOn: [], status: 'todo', ...draft };
}

function buildExecution({ t, locale, spec, period, at }: Draft): ExecutionContent {
  return {
    tasks: [
      task({
        id: 't-materials',
        // The deadline is the task's end date, not part of its name: a next cycle moves it.
        name: t('展会与直播物料', 'Trade-show and live-stream materials'),
        ownerId: 'p-mkt',
        department: 'marketing',
        start: at(0),
        end: at(40),
      }),
      task({
        id: 't-key',
        name: pick(locale, spec.keyTask),
        ownerId: 'p-sales',
        department: 'sales',
        start: at(0),
        end: at(30),
      }),
      task({
        id: 't-live',
        name: t('3 场直播', '3 live streams'),
        ownerId: 'p-mkt',
        department: 'marketing',
        start: at(41),
        end: at(70),
        dependsOn: ['t-materials'],
      }),
      task({
        id: 't-tradeshow',
        name: t('行业展会', 'Industry trade show'),
        ownerId: 'p-sales',
        department: 'sales',
        start: at(45),
        end: at(47),
        dependsOn: ['t-materials'],
      }),
      task({
        id: 't-accounts',
        name: t('华东大客户签约', 'Sign East China key accounts'),
        ownerId: 'p-am1',
        department: 'sales',
        start: at(0),
        end: period.end,
      }),
      task({
        id: 't-north',
        name: t('华北经销商拓展', 'Grow North China distributors'),
        ownerId: 'p-am2',
        department: 'sales',
        start: at(0),
        end: period.end,
      }),
      task({
        id: 't-feedback',
        name: t('收集客户反馈并排期改进', 'Collect customer feedback and schedule fixes'),
        ownerId: 'p-product',
        department: 'product',
        start: at(31),
        end: period.end,
        dependsOn: ['t-key'],
      }),
      task({
        id: 't-budget-review',
        name: t('预算执行复核', 'Review budget spend'),
        ownerId: 'p-fin',
        department: 'finance',
        start: at(60),
        end: period.end,
      }),
    ],
    meetings: [
      {
        id: 'm-friday',
        title: t('周五策略同步会', 'Friday strategy sync'),
        cadence: t('每周五下午', 'Every Friday afternoon'),
        departments: ['marketing', 'sales', 'product'],
        notes: [],
      },
    ],
  };
}

function buildMonitoring({ t, fig }: Draft): MonitoringContent {
  const base = {
    direction: 'higher',
    cadence: 'weekly',
    thresholds: { green: 0.95, amber: 0.8 },
  } as const;
  return {
    kpis: [
      {
        ...base,
        id: 'k-sales',
        goalId: 'g-sales',
        name: t('销售额达成', 'Sales attainment'),
        target: fig.salesTarget,
        unit: 'CNY',
        measure: 'cumulative',
        source: 'crm',
      },
      {
        ...base,
        id: 'k-new-customers',
        goalId: 'g-new-customers',
        name: t('新客户数', 'New customers'),
        target: 500,
        unit: t('家', 'customers'),
        measure: 'cumulative',
        source: 'crm',
      },
      {
        ...base,
        id: 'k-east',
        goalId: 'g-east',
        name: t('华东销售额', 'East China sales'),
        target: fig.east,
        unit: 'CNY',
        measure: 'cumulative',
        // Storm season in East China: a wider amber band before the region turns red.
        thresholds: { green: 0.9, amber: 0.75 },
        source: 'crm',
      },
      {
        ...base,
        id: 'k-online-share',
        goalId: 'g-online-share',
        name: t('线上新客占比', 'Online share of new customers'),
        target: 40,
        unit: '%',
        measure: 'level',
        source: 'marketingTool',
      },
      {
        ...base,
        id: 'k-conversion',
        goalId: 'g-new-customers',
        name: t('直播线索转化率', 'Live-stream lead conversion'),
        target: 15,
        unit: '%',
        measure: 'level',
        source: 'marketingTool',
      },
      {
        ...base,
        id: 'k-inventory',
        goalId: 'g-sales',
        name: t('渠道库存周转天数', 'Channel inventory days'),
        target: 45,
        unit: t('天', 'days'),
        direction: 'lower',
        measure: 'level',
        cadence: 'monthly',
        source: 'erp',
      },
      // Every sub-goal has a KPI of its own too: each result is computed from check-ins.
      {
        ...base,
        id: 'k-north',
        goalId: 'g-north',
        name: t('华北销售额', 'North China sales'),
        target: fig.north,
        unit: 'CNY',
        measure: 'cumulative',
        source: 'crm',
      },
      {
        ...base,
        id: 'k-east-a',
        goalId: 'g-east-a',
        name: t('华东产品 A 销售额增长率', 'East China product A sales growth'),
        target: 25,
        unit: '%',
        measure: 'level',
        cadence: 'monthly',
        source: 'erp',
      },
      {
        ...base,
        id: 'k-contracts',
        goalId: 'g-contracts',
        name: t('华东新客户合同额', 'East China new-customer contract value'),
        target: fig.contracts,
        unit: 'CNY',
        measure: 'cumulative',
        source: 'crm',
      },
      {
        ...base,
        id: 'k-east-existing',
        goalId: 'g-east-existing',
        name: t('华东老客户销售额', 'East China existing-customer sales'),
        target: fig.east - fig.contracts,
        unit: 'CNY',
        measure: 'cumulative',
        source: 'crm',
      },
    ],
  };
}

function buildEvaluation({ t, locale, spec, fig, money }: Draft): EvaluationContent {
  const eastExisting = fig.east - fig.contracts;
  const northActual = Math.round((fig.north * 97) / 100);
  const eastActual = fig.contractsActual + eastExisting;
  return {
    results: [
      { goalId: 'g-sales', actual: eastActual + northActual, note: '' },
      { goalId: 'g-new-customers', actual: 520, note: '' },
      { goalId: 'g-east', actual: eastActual, note: '' },
      { goalId: 'g-north', actual: northActual, note: '' },
      { goalId: 'g-east-a', actual: 27, note: '' },
      {
        goalId: 'g-contracts',
        actual: fig.contractsActual,
        note: t(
          `实际 ${money(fig.contractsActual)}，目标 ${money(fig.contracts)}，达成率 120%`,
          `Actual ${money(fig.contractsActual)} vs target ${money(fig.contracts)}: 120%`,
        ),
      },
      { goalId: 'g-east-existing', actual: eastExisting, note: '' },
      { goalId: 'g-online-share', actual: 42, note: '' },
    ],
    attribution: [
      {
        id: 'a-live',
        goalId: 'g-new-customers',
        kind: 'strategy',
        strategyItemId: 'pm-live',
        note: t(
          '3 场直播线索转化率 17%，高于 15% 的目标',
          'The 3 live streams converted 17% of leads, above the 15% target',
        ),
      },
      {
        id: 'a-discount',
        goalId: 'g-contracts',
        kind: 'strategy',
        strategyItemId: 'pr-volume',
        note: t(
          '年采购超 100 万元 9 折促成 6 份大额合同',
          'The 10% volume discount closed 6 large contracts',
        ),
      },
      {
        id: 'a-storm',
        goalId: 'g-east',
        kind: 'external',
        strategyItemId: null,
        note: t(
          '华东暴雨导致线下拜访减少 30%，改为线上拜访并寄送试用装',
          'Storms in East China cut offline visits by 30%; we switched to online visits and sent trial packs',
        ),
      },
      {
        id: 'a-crm',
        goalId: null,
        kind: 'execution',
        strategyItemId: null,
        note: t(
          '第一个月 CRM 常未在 17:00 前更新，周报滞后',
          'In the first month the CRM often missed the 17:00 update, so weekly reports lagged',
        ),
      },
    ],
    lessons: [
      { id: 'l-scenario', text: pick(locale, spec.lesson) },
      {
        id: 'l-friday',
        text: t(
          '周五同步会让市场与销售节奏一致',
          'The Friday sync kept marketing and sales in step',
        ),
      },
    ],
    recommendations: [
      { id: 'r-live', text: t('下期直播增加到 5 场', 'Raise live streams to 5 next cycle') },
      {
        id: 'r-crm',
        text: t('CRM 更新纳入每周复盘', 'Make CRM updates part of the weekly review'),
      },
    ],
  };
}

/**
 * Complete demo content for all seven stages of `scenario`, in the given language, with dates
 * computed from `period` (deadlines on its last day, materials 40 days in, everything clamped
 * inside) and people from `demoTeam`. Every stage passes its gate in `demoGateContext`.
 */
export function demoContent(
  scenario: ScenarioId,
  locale: ContentLocale,
  period: Period,
): StageContentMap {
  const draft = draftOf(scenario, locale, period);
  return {
    research: buildResearch(draft),
    goals: buildGoals(draft),
    strategy: buildStrategy(draft),
    resources: buildResources(draft),
    execution: buildExecution(draft),
    monitoring: buildMonitoring(draft),
    evaluation: buildEvaluation(draft),
  };
}

/** The gate context demo content is checked in: its goals, strategy and the demo team. */
export function demoGateContext(
  scenario: ScenarioId,
  locale: ContentLocale,
  period: Period,
): GateContext {
  const content = demoContent(scenario, locale, period);
  return {
    period,
    goals: content.goals.goals,
    strategy: content.strategy,
    personIds: [...DEMO_PERSON_IDS],
  };
}

export interface ScenarioTemplate {
  drafts: Partial<StageContentMap>;
  policies: GatePolicies;
}

/**
 * What a new run of `scenario` starts from: drafts for every stage but evaluation (its results do
 * not exist yet), taken from `demoContent`, and the scenario's gate policies. The lead reviews and
 * edits the drafts; they are valid content and pass their gates as they stand.
 */
export function scenarioTemplate(
  scenario: ScenarioId,
  locale: ContentLocale,
  period: Period,
): ScenarioTemplate {
  const { evaluation: _evaluation, ...drafts } = demoContent(scenario, locale, period);
  return { drafts, policies: defaultGatePolicies(scenario) };
}
