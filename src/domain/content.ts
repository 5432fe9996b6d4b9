import * as z from 'zod';
import { IdSchema, IsoDateSchema } from './schemas';
import type { StageId } from './stages';

/**
 * What a lead fills in at each of the seven stages. Every string and list has a limit, and objects
 * are strict: stage content crosses boundaries (forms, storage, import) and is never trusted.
 */
const text = (max = 500) => z.string().trim().max(max);
const requiredText = (max = 200) => z.string().trim().min(1).max(max);
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max);
/** Integer minor units (fen). */
const FenSchema = z.number().int().min(0).max(1e13);
const idList = (max = 20) => z.array(IdSchema).max(max);

// 1. 前期调研 Research ---------------------------------------------------------------------------
export const SOURCE_KINDS = [
  'industryReport',
  'survey',
  'interview',
  'expert',
  'crm',
  'other',
] as const;
export const SourceSchema = z.strictObject({
  kind: z.enum(SOURCE_KINDS),
  title: requiredText(200),
});
export const MarketNeedSchema = z.strictObject({
  id: IdSchema,
  segment: requiredText(120),
  painPoints: text(1000),
  preferences: text(1000),
  unmetNeeds: text(1000),
  sources: list(SourceSchema, 20),
});
export const CompetitorSchema = z.strictObject({
  id: IdSchema,
  name: requiredText(120),
  productFeatures: text(1000),
  pricing: text(500),
  /** Share of the market in percent, 0-100. */
  marketSharePct: z.number().min(0).max(100).nullable(),
  marketingMoves: text(1000),
});
export const OwnResourcesSchema = z.strictObject({
  productStrengths: text(1000),
  teamCapability: text(1000),
  budgetFen: FenSchema.nullable(),
  channels: text(1000),
});
export const ResearchContentSchema = z.strictObject({
  marketNeeds: list(MarketNeedSchema),
  competitors: list(CompetitorSchema),
  ownResources: OwnResourcesSchema,
});

// 2. 目标设定 Goal setting (SMART) ----------------------------------------------------------------
export const GOAL_DIMENSIONS = ['productLine', 'region', 'customerType', 'channel'] as const;
export const DIRECTIONS = ['higher', 'lower'] as const;
export const GoalSchema = z.strictObject({
  id: IdSchema,
  /** Specific: what is to be achieved, in a sentence. */
  title: requiredText(200),
  /** Measurable: the metric, e.g. "sales", "new customers". */
  metric: text(120),
  /** Numeric target; for unit "CNY" it is integer fen. */
  target: z.number().min(0).max(1e13).nullable(),
  /** "CNY" for money (fen), "%" for rates, or a count noun ("customers"). */
  unit: text(40),
  baseline: z.number().min(0).max(1e13).nullable(),
  direction: z.enum(DIRECTIONS),
  /** Whether sub-goal targets should add up to this goal's target (sales yes, rates no). */
  additive: z.boolean(),
  /** Time-bound: must fall inside the run's period. */
  deadline: IsoDateSchema.nullable(),
  /** Relevant: the goal this one serves; null for an overall goal. */
  parentId: IdSchema.nullable(),
  dimension: z.enum(GOAL_DIMENSIONS).nullable(),
  dimensionValue: text(120),
  /** Achievable: why the target is realistic (evidence, resources). */
  rationale: text(1000),
});
export const GoalsContentSchema = z.strictObject({ goals: list(GoalSchema, 100) });

// 3. 策略制定 Strategy (4P) -----------------------------------------------------------------------
const strategyItem = {
  id: IdSchema,
  title: requiredText(200),
  detail: text(2000),
  /** The goals this item serves; every item must serve at least one. */
  goalIds: idList(),
};
export const PRICE_MODELS = ['uniform', 'discount', 'tiered'] as const;
export const ProductItemSchema = z.strictObject({ ...strategyItem, positioning: text(500) });
export const PriceItemSchema = z.strictObject({ ...strategyItem, model: z.enum(PRICE_MODELS) });
export const ChannelItemSchema = z.strictObject({
  ...strategyItem,
  duties: text(1000),
  incentive: text(500),
});
export const PromotionItemSchema = z.strictObject({
  ...strategyItem,
  channel: text(200),
  budgetFen: FenSchema.nullable(),
  timing: text(200),
  conversionTargetPct: z.number().min(0).max(100).nullable(),
});
export const StrategyContentSchema = z.strictObject({
  product: list(ProductItemSchema),
  price: list(PriceItemSchema),
  channel: list(ChannelItemSchema),
  promotion: list(PromotionItemSchema),
});
export const STRATEGY_PS = ['product', 'price', 'channel', 'promotion'] as const;
export type StrategyP = (typeof STRATEGY_PS)[number];

// 4. 资源分配 Resource allocation -----------------------------------------------------------------
export const TOOL_KINDS = ['crm', 'automation', 'analytics', 'other'] as const;
export const OwnerSchema = z.strictObject({
  id: IdSchema,
  personId: IdSchema,
  /** What they own: a region, customer type or product line. */
  scope: requiredText(200),
  kpi: requiredText(200),
  targetFen: FenSchema.nullable(),
  goalIds: idList(),
});
export const BudgetLineSchema = z.strictObject({
  id: IdSchema,
  module: requiredText(120),
  amountFen: FenSchema,
  /** Share of the total in basis points (4000 = 40%), exact integer arithmetic. */
  shareBp: z.number().int().min(0).max(10_000),
  scope: text(500),
  approvalFlow: text(200),
});
export const ToolSchema = z.strictObject({
  id: IdSchema,
  name: requiredText(120),
  kind: z.enum(TOOL_KINDS),
  usageRule: text(500),
});
export const ResourcesContentSchema = z.strictObject({
  owners: list(OwnerSchema),
  budget: z.strictObject({ totalFen: FenSchema, lines: list(BudgetLineSchema, 30) }),
  tools: list(ToolSchema, 20),
});

// 5. 执行落地 Execution ---------------------------------------------------------------------------
export const DEPARTMENTS = ['marketing', 'sales', 'product', 'finance', 'other'] as const;
export const TASK_STATUSES = ['todo', 'inProgress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TaskSchema = z.strictObject({
  id: IdSchema,
  name: requiredText(200),
  ownerId: IdSchema.nullable(),
  department: z.enum(DEPARTMENTS),
  start: IsoDateSchema.nullable(),
  end: IsoDateSchema.nullable(),
  dependsOn: idList(),
  status: z.enum(TASK_STATUSES),
});
export const MeetingNoteSchema = z.strictObject({
  date: IsoDateSchema,
  decisions: requiredText(2000),
});
export const MeetingSchema = z.strictObject({
  id: IdSchema,
  title: requiredText(200),
  cadence: requiredText(120),
  departments: z.array(z.enum(DEPARTMENTS)).max(DEPARTMENTS.length),
  notes: list(MeetingNoteSchema, 200),
});
export const ExecutionContentSchema = z.strictObject({
  tasks: list(TaskSchema, 300),
  meetings: list(MeetingSchema, 20),
});

// 6. 过程监控 Monitoring --------------------------------------------------------------------------
export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export const KPI_MEASURES = ['cumulative', 'level'] as const;
export const DATA_SOURCES = ['crm', 'erp', 'marketingTool', 'manual'] as const;
/** The schema's word for thresholds set the wrong way round, which the gate names as such. */
export const THRESHOLDS_REVERSED = 'the green threshold must be at or above amber';
export const ThresholdsSchema = z
  .strictObject({
    /** Attainment of pace at or above which the KPI is green (0.95 = 95%). */
    green: z.number().min(0).max(10),
    amber: z.number().min(0).max(10),
  })
  .refine((t) => t.green >= t.amber, { message: THRESHOLDS_REVERSED });
export const KpiSchema = z.strictObject({
  id: IdSchema,
  goalId: IdSchema.nullable(),
  name: requiredText(120),
  target: z.number().min(0).max(1e13).nullable(),
  unit: text(40),
  direction: z.enum(DIRECTIONS),
  /** Cumulative figures (sales to date) are prorated over the period; levels (a rate) are not. */
  measure: z.enum(KPI_MEASURES),
  cadence: z.enum(CADENCES),
  thresholds: ThresholdsSchema,
  source: z.enum(DATA_SOURCES),
});
export const MonitoringContentSchema = z.strictObject({ kpis: list(KpiSchema, 50) });

// 7. 效果评估 Evaluation --------------------------------------------------------------------------
export const ATTRIBUTION_KINDS = ['strategy', 'execution', 'external'] as const;
export const ResultSchema = z.strictObject({
  goalId: IdSchema,
  actual: z.number().min(0).max(1e13).nullable(),
  note: text(1000),
});
export const AttributionSchema = z.strictObject({
  id: IdSchema,
  goalId: IdSchema.nullable(),
  kind: z.enum(ATTRIBUTION_KINDS),
  /** For a strategy attribution: the product, price, channel or promotion item it credits. */
  strategyItemId: IdSchema.nullable(),
  note: requiredText(1000),
});
export const LessonSchema = z.strictObject({ id: IdSchema, text: requiredText(1000) });
export const EvaluationContentSchema = z.strictObject({
  results: list(ResultSchema, 100),
  attribution: list(AttributionSchema, 100),
  lessons: list(LessonSchema),
  recommendations: list(LessonSchema),
});

export const STAGE_CONTENT_SCHEMAS = {
  research: ResearchContentSchema,
  goals: GoalsContentSchema,
  strategy: StrategyContentSchema,
  resources: ResourcesContentSchema,
  execution: ExecutionContentSchema,
  monitoring: MonitoringContentSchema,
  evaluation: EvaluationContentSchema,
} as const satisfies Record<StageId, z.ZodType>;

export type ResearchContent = z.infer<typeof ResearchContentSchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type GoalsContent = z.infer<typeof GoalsContentSchema>;
export type StrategyContent = z.infer<typeof StrategyContentSchema>;
export type StrategyItem = StrategyContent[StrategyP][number];
export type ResourcesContent = z.infer<typeof ResourcesContentSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type ExecutionContent = z.infer<typeof ExecutionContentSchema>;
export type Kpi = z.infer<typeof KpiSchema>;
export type MonitoringContent = z.infer<typeof MonitoringContentSchema>;
export type EvaluationContent = z.infer<typeof EvaluationContentSchema>;

export interface StageContentMap {
  research: ResearchContent;
  goals: GoalsContent;
  strategy: StrategyContent;
  resources: ResourcesContent;
  execution: ExecutionContent;
  monitoring: MonitoringContent;
  evaluation: EvaluationContent;
}
export type StageContent = StageContentMap[StageId];

/** Empty content for a stage: what a new draft starts from. */
export function emptyContent<S extends StageId>(stage: S): StageContentMap[S] {
  const empty: StageContentMap = {
    research: {
      marketNeeds: [],
      competitors: [],
      ownResources: { productStrengths: '', teamCapability: '', budgetFen: null, channels: '' },
    },
    goals: { goals: [] },
    strategy: { product: [], price: [], channel: [], promotion: [] },
    resources: { owners: [], budget: { totalFen: 0, lines: [] }, tools: [] },
    execution: { tasks: [], meetings: [] },
    monitoring: { kpis: [] },
    evaluation: { results: [], attribution: [], lessons: [], recommendations: [] },
  };
  return empty[stage];
}

/**
 * Where a draft's content is not shaped like its stage's content — a list that is not a list, a
 * text that is a number — which the stage's editor could not show; null when its shape is sound.
 * Values may still be missing, incomplete or out of range: that is what a draft is for, and the
 * gate lists them. A field left empty (null) is such a value.
 */
export function draftShapeIssue(
  stage: StageId,
  content: unknown,
): { path: (string | number)[]; expected: string } | null {
  const parsed = STAGE_CONTENT_SCHEMAS[stage].safeParse(content);
  if (parsed.success) return null;
  for (const issue of parsed.error.issues) {
    if (issue.code !== 'invalid_type') continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const value = path.reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as never)[key] : undefined),
      content,
    );
    // An empty field reads as null; only a list or a group of fields may never be one.
    if (value === null && issue.expected !== 'array' && issue.expected !== 'object') continue;
    return { path, expected: issue.expected };
  }
  return null;
}
