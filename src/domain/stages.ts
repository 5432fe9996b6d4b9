/** The seven stages of a strategy run, in the order the source document gives them. */
export const STAGE_IDS = [
  'research',
  'goals',
  'strategy',
  'resources',
  'execution',
  'monitoring',
  'evaluation',
] as const;

export type StageId = (typeof STAGE_IDS)[number];

/** Every stage before the evaluation: the plan and its operation. */
export const STAGES_BEFORE_EVALUATION = STAGE_IDS.filter(
  (s): s is Exclude<StageId, 'evaluation'> => s !== 'evaluation',
);

/** Stages walked one after another before the run starts operating. */
export const PLANNING_STAGES = ['research', 'goals', 'strategy', 'resources'] as const;
export type PlanningStageId = (typeof PLANNING_STAGES)[number];

export type OperatingStageId = 'execution' | 'monitoring';

/** Where a replan may send the run back to. */
export const REPLAN_TARGETS = ['strategy', 'resources'] as const;
export type ReplanTarget = (typeof REPLAN_TARGETS)[number];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

/** 0-based position of a stage in the flow. */
export function stageIndex(stage: StageId): number {
  return STAGE_IDS.indexOf(stage);
}

/** 1-based number as people say it ("Stage 3"). */
export function stageNumber(stage: StageId): number {
  return stageIndex(stage) + 1;
}

/** Execution and monitoring share one step because they run in parallel. */
export function stageStep(stage: StageId): number {
  return stage === 'monitoring' ? stageIndex('execution') : stageIndex(stage);
}

export function isOperatingStage(stage: StageId): stage is OperatingStageId {
  return stage === 'execution' || stage === 'monitoring';
}
