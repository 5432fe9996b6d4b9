/**
 * The five business scenarios (适用业务场景); each is a template for a new run. Kept apart from
 * the templates themselves (scenarios.ts) so screens that only name scenarios stay small.
 */
export const SCENARIO_IDS = [
  'newProductLaunch',
  'deepenMarket',
  'regionalExpansion',
  'periodicAdjustment',
  'keyAccount',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Languages the templates write user text in. */
export const CONTENT_LOCALES = ['zh-CN', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];
