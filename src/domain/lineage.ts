import { niceStep, type ChartBox, type ChartPoint } from './chart';
import {
  STRATEGY_PS,
  type ResourcesContent,
  type StrategyContent,
  type StrategyItem,
  type StrategyP,
} from './content';
import { paceAttainment, pacePeriod, type Direction } from './kpi';
import { average, buildReport, type GoalResult, type Report, type ReportInput } from './report';
import { measuredActuals, withMeasuredResults } from './results';
import {
  DATE_IN_TEXT,
  daysBetween,
  monthEnd,
  monthsBetween,
  shiftDatesInText,
  wholeMonths,
  type IsoDate,
  type Period,
} from './time';

/**
 * The lineage of a chain of cycles (Q1 → Q2 → Q3 …): each run's goals followed across the cycles
 * that carried them, their attainment cycle by cycle, and what changed in the plan between any
 * two cycles. Attainment is the evaluation report's (`buildReport`), never recomputed here; a
 * cycle still operating gets a provisional figure "so far" from its KPI check-ins, kept apart from
 * the evaluated ones (`provisionalAttainment`).
 * Pure and language-free: no DOM, no clock; the UI translates the field names it gets.
 */

// Input -----------------------------------------------------------------------------------------

/** One run of a chain, as the lineage reads it. */
export interface LineageRunInput {
  runId: string;
  /** What the evaluation report reads from the run: approved goals, strategy, evaluation. */
  report: ReportInput;
  /** The approved resource allocation; null until its gate says Go. */
  resources: ResourcesContent | null;
}

// Cycles and goal tracks ------------------------------------------------------------------------

export interface LineageCycle {
  index: number;
  runId: string;
  title: string;
  period: Period;
  /** The run's evaluation report: status final / draft / empty, summary, per-goal results. */
  report: Report;
  /** Whether the goals gate said Go: without approved goals a cycle has none to compare. */
  goalsApproved: boolean;
  /** Approved content of the planning stages; null where the gate has not said Go yet. */
  strategy: StrategyContent | null;
  resources: ResourcesContent | null;
  /** The track key of each of this cycle's goal ids. */
  goalKeys: ReadonlyMap<string, string>;
  /**
   * Attainment so far from the KPI check-ins, for a cycle not evaluated yet; null once it has an
   * evaluation (draft or final) and where no check-in measures any of its goals.
   */
  provisional: ProvisionalAttainment | null;
}

/**
 * Attainment so far of a cycle not evaluated yet, read the way its evaluation will read it: each
 * goal's actual is the latest check-in of the KPI that measures it (`measuredActuals`), against
 * the goal's full target for the period. Provisional: a cumulative KPI is still adding up.
 */
export interface ProvisionalAttainment {
  /** The date of the latest check-in a figure comes from: "so far" means up to this day. */
  asOf: IsoDate;
  /** As the report counts them; `overallAttainment` is the mean of the overall goals so far. */
  summary: Report['summary'];
  /** Every goal in report order; `attainment` is null for a goal none of whose check-ins count. */
  goals: GoalResult[];
  /**
   * The overall goals' mean attainment against what is due by each figure's date rather than by
   * the end of the period: a cumulative KPI's target prorated over the days elapsed, a level KPI's
   * in full (as check-ins are assessed). Mid-period, 59% of the quarter's target can be 102% of
   * pace. Null where no overall goal has a figure.
   */
  paceAttainment: number | null;
}

/** One goal followed across the cycles of a chain. */
export interface GoalTrack {
  /** Stable across cycles: the goal's id in the first cycle it appears in (made unique). */
  key: string;
  /** Title, unit, direction and depth as in the newest cycle that has the goal. */
  title: string;
  unit: string;
  direction: Direction;
  depth: number;
  /** One entry per cycle, oldest first: the goal's result there, or null where it is absent. */
  results: (GoalResult | null)[];
  /**
   * One entry per cycle, oldest first: the goal's result so far where the cycle is provisional
   * (see `LineageCycle.provisional`), else null.
   */
  provisional: (GoalResult | null)[];
}

export interface Lineage {
  /** Oldest first. */
  cycles: LineageCycle[];
  /** In order of first appearance, each cycle's goals parents first. */
  tracks: GoalTrack[];
}

/** The lines `seedNextCycle` appends to a carried strategy item's detail ("\n⟲ note"). */
const CARRIED_ATTRIBUTION = /\n⟲ [^\n]*/g;

/**
 * Text as it compares across cycles: whitespace and width folded, and every date written where it
 * falls in the cycle's period, the way next-cycle seeding moves dates (`shiftInto`): in a period
 * of whole months by month and day (a month's last day as its end), else by days from the start;
 * the period's last day as "the end". "Live streams 2024-08-11 – 2024-09-09" in Q3 and
 * "2024-11-11 – 2024-12-09" in Q4 say the same thing; so do "by 2024-09-30" and "by 2024-12-31".
 */
export function comparableText(text: string, period: Period): string {
  const byMonths = wholeMonths(period) !== null;
  const place = (date: string) =>
    date === period.end
      ? '⟨end⟩'
      : byMonths
        ? `⟨month${monthsBetween(period.start, date)}:${date === monthEnd(date) ? 'end' : date.slice(8)}⟩`
        : `⟨start${daysBetween(period.start, date)}⟩`;
  return text
    .replace(DATE_IN_TEXT, place)
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * True when text `a` of a cycle in period `from` says what `b` says in period `to`: the same as
 * `comparableText`, or once `a`'s dates are moved into `to` as next-cycle seeding moves them. The
 * second catches a day that becomes a month's last only in the shorter month: August 30th is moved
 * to November 30th, which `comparableText` reads as November's end.
 */
export function sameTextAcross(a: string, from: Period, b: string, to: Period): boolean {
  const wanted = comparableText(b, to);
  return (
    comparableText(a, from) === wanted ||
    comparableText(shiftDatesInText(a, from, to), to) === wanted
  );
}

/** A strategy item's detail without the attribution notes the previous cycle carried into it. */
export function ownDetail(detail: string): string {
  return detail.replace(CARRIED_ATTRIBUTION, '').trimEnd();
}

interface TrackBuilder extends GoalTrack {
  /** The newest appearance: its result, period and its parent's track ('' for an overall goal). */
  latest: { result: GoalResult; period: Period; parentKey: string | undefined };
}

/** What identifies a goal when its id and title changed; null when too little is known. */
function goalSignature(
  result: GoalResult,
  period: Period,
  parentKey: string | undefined,
): string | null {
  if (result.metric.trim() === '' || parentKey === undefined) return null;
  return [
    comparableText(result.metric, period),
    result.unit,
    result.direction,
    result.dimension ?? '',
    comparableText(result.dimensionValue, period),
    parentKey,
  ].join('\u0000');
}

/**
 * Attainment so far of a run with no evaluation yet, from its KPI check-ins: the evaluation report
 * built as if evaluated now with computed results only (`withMeasuredResults`), so a goal's actual
 * is its measuring KPI's latest figure and attainment, health and the overall mean are the ones the
 * evaluation will compute from the same figures. Null when the run has an evaluation (draft or
 * final, which says more), was cancelled (not "so far": it stopped), has no approved goals, or no
 * check-in measures any of its goals.
 */
export function provisionalAttainment(input: ReportInput): ProvisionalAttainment | null {
  if (input.evaluation !== null || input.killed !== null || input.goals === null) return null;
  const goals = input.goals.goals;
  const measured = measuredActuals(goals, input.monitoring?.kpis ?? [], input.checkIns);
  const dates = [...measured.values()].map((m) => m.date).sort();
  const asOf = dates.at(-1);
  if (asOf === undefined) return null;
  const report = buildReport({
    ...input,
    evaluation: {
      results: withMeasuredResults([], goals, measured),
      attribution: [],
      lessons: [],
      recommendations: [],
    },
    evaluationApprovedAt: null,
    evaluationSubmittedAt: null,
  });
  const kpis = new Map((input.monitoring?.kpis ?? []).map((k) => [k.id, k]));
  const paced = report.goals.flatMap((goal) => {
    const { actual, target, direction, measuredBy } = goal;
    const kpi = measuredBy ? kpis.get(measuredBy.kpiId) : undefined;
    if (goal.parentId !== null || !kpi || !measuredBy || actual === null || target === null) {
      return [];
    }
    const due = { target, measure: kpi.measure, direction };
    // Paced as monitoring paced this run's check-ins (see ReportInput.paceToDeadlines).
    const exact = input.paceToDeadlines;
    const span = exact ? pacePeriod(kpi, goals, input.period) : input.period;
    return [paceAttainment(actual, due, span, measuredBy.date, exact)];
  });
  return {
    asOf,
    summary: report.summary,
    goals: report.goals,
    paceAttainment: average(paced),
  };
}

/**
 * Follows every goal of a chain across its cycles. A goal of one cycle continues a goal of an
 * earlier one (the newest appearance of each track is compared) when, in this order:
 * 1. it has the same id (next-cycle seeding carries ids), or
 * 2. the same title (dates in it read relative to the period, see `comparableText`), or
 * 3. it is the only candidate with the same metric, unit, direction, dimension and parent goal
 *    (the lead rewrote the title of "sales +30%" as "sales +35%").
 * Each goal continues at most one track and each track takes at most one goal per cycle; a goal
 * that matches nothing starts a track of its own. A goal that skips a cycle keeps its track.
 * A cycle whose goals were never approved has no goals here. A cycle not evaluated yet carries its
 * attainment so far (`provisionalAttainment`) in `provisional`, on the cycle and on each track.
 *
 * `runs` must be the chain oldest first (follow `parentRunId`); the order is not checked.
 */
export function buildLineage(runs: readonly LineageRunInput[]): Lineage {
  const tracks: TrackBuilder[] = [];
  const keys = new Set<string>();
  const cycles: LineageCycle[] = runs.map((run, index) => {
    const report = buildReport(run.report);
    const period = run.report.period;
    const goalKeys = new Map<string, string>();
    const claimed = new Set<TrackBuilder>();
    const open = () => tracks.filter((t) => !claimed.has(t));
    const take = (track: TrackBuilder, result: GoalResult) => {
      claimed.add(track);
      goalKeys.set(result.goalId, track.key);
      track.results[index] = result;
      track.latest = { result, period, parentKey: undefined };
    };
    const unmatched = () => report.goals.filter((r) => !goalKeys.has(r.goalId));
    const parentKeyOf = (r: GoalResult) => (r.parentId === null ? '' : goalKeys.get(r.parentId));

    for (const result of report.goals) {
      const track = open().find((t) => t.latest.result.goalId === result.goalId);
      if (track) take(track, result);
    }
    for (const result of unmatched()) {
      const title = comparableText(result.title, period);
      const track = open().find(
        (t) =>
          t.latest.result.title === result.title ||
          comparableText(t.latest.result.title, t.latest.period) === title,
      );
      if (track) take(track, result);
    }
    // Tree order: a parent matched here is known before its sub-goals look for theirs.
    for (const result of unmatched()) {
      const wanted = goalSignature(result, period, parentKeyOf(result));
      if (wanted === null) continue;
      const candidates = open().filter(
        (t) => goalSignature(t.latest.result, t.latest.period, t.latest.parentKey) === wanted,
      );
      const [only] = candidates;
      if (only && candidates.length === 1) take(only, result);
    }
    for (const result of unmatched()) {
      let key = result.goalId;
      for (let n = 2; keys.has(key); n++) key = `${result.goalId}~${n}`;
      keys.add(key);
      const track: TrackBuilder = {
        key,
        title: result.title,
        unit: result.unit,
        direction: result.direction,
        depth: result.depth,
        results: Array.from({ length: runs.length }, () => null),
        provisional: Array.from({ length: runs.length }, () => null),
        latest: { result, period, parentKey: undefined },
      };
      tracks.push(track);
      take(track, result);
    }
    const provisional = provisionalAttainment(run.report);
    const soFar = new Map(provisional?.goals.map((g) => [g.goalId, g]));
    for (const track of claimed) {
      const { result } = track.latest;
      track.provisional[index] = soFar.get(result.goalId) ?? null;
      track.latest.parentKey = parentKeyOf(result);
      track.title = result.title;
      track.unit = result.unit;
      track.direction = result.direction;
      track.depth = result.depth;
    }
    return {
      index,
      runId: run.runId,
      title: run.report.title,
      period,
      report,
      goalsApproved: run.report.goals !== null,
      strategy: run.report.strategy,
      resources: run.resources,
      goalKeys,
      provisional,
    };
  });
  return {
    cycles,
    tracks: tracks.map(({ latest: _latest, ...track }) => track),
  };
}

// Differences between two cycles ----------------------------------------------------------------

/** A value as the diff reports it: text, a figure (money in fen), or a list of goal titles. */
export type FieldValue = string | number | null | readonly string[];

export interface FieldChange<F extends string = string> {
  field: F;
  from: FieldValue;
  to: FieldValue;
}

/** Entries only in the later cycle, only in the earlier one, and in both but changed. */
export interface ListDiff<T, F extends string> {
  added: T[];
  removed: T[];
  changed: { from: T; to: T; changes: FieldChange<F>[] }[];
}

/**
 * A part of the plan compared between two cycles, or not comparable because its gate has not
 * approved it in one of them (a cycle still planning).
 */
export type PlanDiff<D> =
  { available: true; diff: D } | { available: false; missingIn: ('from' | 'to')[] };

export type GoalField = 'target' | 'title' | 'unit' | 'direction';
export type GoalsDiff = ListDiff<GoalResult, GoalField>;

export type StrategyField =
  | 'title'
  | 'detail'
  | 'positioning'
  | 'model'
  | 'duties'
  | 'incentive'
  | 'channel'
  | 'budgetFen'
  | 'timing'
  | 'conversionTargetPct'
  | 'goals';
export type StrategyDiff = Record<StrategyP, ListDiff<StrategyItem, StrategyField>>;

export type BudgetLine = ResourcesContent['budget']['lines'][number];
export type ResourceOwner = ResourcesContent['owners'][number];
export type ResourceTool = ResourcesContent['tools'][number];
export type BudgetLineField = 'module' | 'amountFen' | 'shareBp' | 'scope' | 'approvalFlow';
export type OwnerField = 'person' | 'scope' | 'kpi' | 'targetFen' | 'goals';
export type ToolField = 'name' | 'kind' | 'usageRule';

export interface ResourcesDiff {
  /** The total budget in both cycles, in fen. */
  totalFen: { from: number; to: number };
  budget: ListDiff<BudgetLine, BudgetLineField>;
  owners: ListDiff<ResourceOwner, OwnerField>;
  tools: ListDiff<ResourceTool, ToolField>;
}

/** What each cycle learned, from its evaluation (approved, else as submitted). */
export interface CycleLearning {
  evaluation: Report['status'];
  lessons: string[];
  recommendations: string[];
}

export interface CycleDiff {
  from: number;
  to: number;
  /** Mean attainment of the overall goals in each cycle; null without an evaluation. */
  overall: { from: number | null; to: number | null };
  goals: PlanDiff<GoalsDiff>;
  strategy: PlanDiff<StrategyDiff>;
  resources: PlanDiff<ResourcesDiff>;
  learning: {
    from: CycleLearning;
    to: CycleLearning;
    /** Lessons written down in both cycles: learned once already, and still a lesson. */
    repeated: string[];
  };
}

/** How one side of a comparison reads its values. */
interface Side {
  period: Period;
  /** The track key of a goal id of this cycle; an unknown id stands for itself. */
  goalKey(id: string): string;
  goalTitle(id: string): string;
}

interface FieldSpec<T, F extends string> {
  field: F;
  /** What a reader sees. */
  value(item: T, side: Side): FieldValue;
  /** What is compared; by default the value, text compared as `comparableText`. */
  compare?(item: T, side: Side): string;
}

/**
 * One cycle's side of a comparison. Goals are named by their track's newest title, so a link to
 * the same goal reads the same in both cycles even where the goal was retitled.
 */
function sideOf(cycle: LineageCycle, trackTitles: ReadonlyMap<string, string>): Side {
  const titles = new Map(cycle.report.goals.map((g) => [g.goalId, g.title]));
  const goalKey = (id: string) => cycle.goalKeys.get(id) ?? `?${id}`;
  return {
    period: cycle.period,
    goalKey,
    goalTitle: (id) => trackTitles.get(goalKey(id)) ?? titles.get(id) ?? id,
  };
}

function comparable(value: FieldValue, side: Side): string {
  if (typeof value === 'string') return `s:${comparableText(value, side.period)}`;
  if (typeof value === 'number') return `n:${value}`;
  if (value === null) return 'null';
  return `l:${JSON.stringify(value)}`;
}

/** The fields of `before` and `after` that differ, with what each was and is. */
function changesOf<T, F extends string>(
  before: T,
  after: T,
  fields: readonly FieldSpec<T, F>[],
  sides: { from: Side; to: Side },
): FieldChange<F>[] {
  return fields.flatMap((spec) => {
    const [was, is] = [spec.value(before, sides.from), spec.value(after, sides.to)];
    const key = (item: T, value: FieldValue, side: Side) =>
      spec.compare ? spec.compare(item, side) : comparable(value, side);
    // Text carried word for word is unchanged, even where its dates now fall outside the period.
    if (!spec.compare && typeof was === 'string' && was === is) return [];
    if (
      !spec.compare &&
      typeof was === 'string' &&
      typeof is === 'string' &&
      sameTextAcross(was, sides.from.period, is, sides.to.period)
    )
      return [];
    if (key(before, was, sides.from) === key(after, is, sides.to)) return [];
    return [{ field: spec.field, from: was, to: is }];
  });
}

/**
 * Pairs the entries of two lists: by id first, then by name (compared as `comparableText`), each
 * entry used once; what is left is added or removed. Changed entries list the fields that differ.
 * Added and changed entries keep the later cycle's order, removed ones the earlier's.
 */
function diffList<T extends { id: string }, F extends string>(
  from: readonly T[],
  to: readonly T[],
  name: (item: T) => string,
  fields: readonly FieldSpec<T, F>[],
  sides: { from: Side; to: Side },
): ListDiff<T, F> {
  const left = new Set(from);
  const pairOf = new Map<T, T>();
  const claim = (item: T, match: T | undefined) => {
    if (!match) return;
    left.delete(match);
    pairOf.set(item, match);
  };
  for (const item of to)
    claim(
      item,
      [...left].find((f) => f.id === item.id),
    );
  for (const item of to) {
    if (pairOf.has(item)) continue;
    claim(
      item,
      [...left].find(
        (f) =>
          name(f) === name(item) ||
          sameTextAcross(name(f), sides.from.period, name(item), sides.to.period),
      ),
    );
  }
  return {
    added: to.filter((item) => !pairOf.has(item)),
    removed: from.filter((item) => left.has(item)),
    changed: to.flatMap((item) => {
      const before = pairOf.get(item);
      if (!before) return [];
      const changes = changesOf(before, item, fields, sides);
      return changes.length === 0 ? [] : [{ from: before, to: item, changes }];
    }),
  };
}

/** Goal links: compared by the goals' tracks, shown as their titles. */
function goalLinks<T, F extends string>(
  field: F,
  ids: (item: T) => readonly string[],
): FieldSpec<T, F> {
  const ordered = (item: T, side: Side) =>
    [...new Set(ids(item))]
      .map((id) => ({ key: side.goalKey(id), title: side.goalTitle(id) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    field,
    value: (item, side) => ordered(item, side).map((link) => link.title),
    compare: (item, side) => JSON.stringify(ordered(item, side).map((link) => link.key)),
  };
}

type ItemOf<P extends StrategyP> = StrategyContent[P][number];

/** The fields every item has, around the fields of its own P. */
function itemFields<P extends StrategyP>(
  own: readonly FieldSpec<ItemOf<P>, StrategyField>[],
): readonly FieldSpec<StrategyItem, StrategyField>[] {
  const fields: readonly FieldSpec<ItemOf<P>, StrategyField>[] = [
    { field: 'title', value: (item) => item.title },
    { field: 'detail', value: (item) => ownDetail(item.detail) },
    ...own,
    goalLinks<ItemOf<P>, StrategyField>('goals', (item) => item.goalIds),
  ];
  // Each list of a P is only ever compared with a list of the same P.
  return fields as unknown as readonly FieldSpec<StrategyItem, StrategyField>[];
}

const ITEM_FIELDS: Record<StrategyP, readonly FieldSpec<StrategyItem, StrategyField>[]> = {
  product: itemFields<'product'>([{ field: 'positioning', value: (i) => i.positioning }]),
  price: itemFields<'price'>([{ field: 'model', value: (i) => i.model }]),
  channel: itemFields<'channel'>([
    { field: 'duties', value: (i) => i.duties },
    { field: 'incentive', value: (i) => i.incentive },
  ]),
  promotion: itemFields<'promotion'>([
    { field: 'channel', value: (i) => i.channel },
    { field: 'budgetFen', value: (i) => i.budgetFen },
    { field: 'timing', value: (i) => i.timing },
    { field: 'conversionTargetPct', value: (i) => i.conversionTargetPct },
  ]),
};

const GOAL_FIELDS: readonly FieldSpec<GoalResult, GoalField>[] = [
  { field: 'target', value: (g) => g.target },
  { field: 'unit', value: (g) => g.unit },
  { field: 'direction', value: (g) => g.direction },
  { field: 'title', value: (g) => g.title },
];
const BUDGET_FIELDS: readonly FieldSpec<BudgetLine, BudgetLineField>[] = [
  { field: 'module', value: (l) => l.module },
  { field: 'amountFen', value: (l) => l.amountFen },
  { field: 'shareBp', value: (l) => l.shareBp },
  { field: 'scope', value: (l) => l.scope },
  { field: 'approvalFlow', value: (l) => l.approvalFlow },
];
const OWNER_FIELDS: readonly FieldSpec<ResourceOwner, OwnerField>[] = [
  { field: 'person', value: (o) => o.personId },
  { field: 'scope', value: (o) => o.scope },
  { field: 'kpi', value: (o) => o.kpi },
  { field: 'targetFen', value: (o) => o.targetFen },
  goalLinks<ResourceOwner, OwnerField>('goals', (o) => o.goalIds),
];
const TOOL_FIELDS: readonly FieldSpec<ResourceTool, ToolField>[] = [
  { field: 'name', value: (t) => t.name },
  { field: 'kind', value: (t) => t.kind },
  { field: 'usageRule', value: (t) => t.usageRule },
];

/** Text with its figures blanked: "sales of ¥13.3M" and "sales of ¥13.68M" read the same. */
const withoutFigures = (text: string) => text.replace(/\d[\d.,]*/g, '#');

/**
 * A goal retitled only in its figures while its target changed just restates the target (the
 * lead wrote the new figure into the title): the target change says it all.
 */
function withoutRestatedTitle(
  changes: FieldChange<GoalField>[],
  from: GoalResult,
  to: GoalResult,
): FieldChange<GoalField>[] {
  const restated =
    changes.some((c) => c.field === 'target') &&
    withoutFigures(from.title) === withoutFigures(to.title);
  return restated ? changes.filter((c) => c.field !== 'title') : changes;
}

function planDiff<T, D>(from: T | null, to: T | null, diff: (from: T, to: T) => D): PlanDiff<D> {
  if (from !== null && to !== null) return { available: true, diff: diff(from, to) };
  const missingIn: ('from' | 'to')[] = [];
  if (from === null) missingIn.push('from');
  if (to === null) missingIn.push('to');
  return { available: false, missingIn };
}

const foldLesson = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

function learningOf(report: Report): CycleLearning {
  return {
    evaluation: report.status,
    lessons: [...report.lessons],
    recommendations: [...report.recommendations],
  };
}

/**
 * What changed from cycle `from` to cycle `to` of a lineage (indices into `lineage.cycles`; any
 * two, in either order): goals added, removed or changed (matched by track, see `buildLineage`;
 * a new baseline or a deadline moved into the new period is not a change), 4P strategy items
 * and resources added, removed or changed field by field (matched by id, then by title or
 * name), the total budget, and each cycle's lessons and recommendations. Dates in text compare
 * relative to each period (`comparableText`), and the attribution notes seeding appends to a
 * strategy item's detail are not a change.
 *
 * WARNING: throws a RangeError for an index outside the lineage.
 */
export function diffCycles(lineage: Lineage, from: number, to: number): CycleDiff {
  const a = lineage.cycles[from];
  const b = lineage.cycles[to];
  if (!a || !b) {
    throw new RangeError(`no cycle ${a ? to : from} in a lineage of ${lineage.cycles.length}`);
  }
  const trackTitles = new Map(lineage.tracks.map((t) => [t.key, t.title]));
  const sides = { from: sideOf(a, trackTitles), to: sideOf(b, trackTitles) };

  const goals = planDiff(a.goalsApproved ? a : null, b.goalsApproved ? b : null, () => {
    const keyOf = (cycle: LineageCycle, goal: GoalResult) =>
      cycle.goalKeys.get(goal.goalId) ?? goal.goalId;
    const before = new Map(a.report.goals.map((g) => [keyOf(a, g), g]));
    const after = new Set(b.report.goals.map((g) => keyOf(b, g)));
    return {
      added: b.report.goals.filter((g) => !before.has(keyOf(b, g))),
      removed: a.report.goals.filter((g) => !after.has(keyOf(a, g))),
      changed: b.report.goals.flatMap((goal) => {
        const was = before.get(keyOf(b, goal));
        if (!was) return [];
        const changes = withoutRestatedTitle(changesOf(was, goal, GOAL_FIELDS, sides), was, goal);
        return changes.length === 0 ? [] : [{ from: was, to: goal, changes }];
      }),
    };
  });

  const strategy = planDiff(a.strategy, b.strategy, (x, y) => {
    const diff = {} as StrategyDiff;
    for (const p of STRATEGY_PS) {
      diff[p] = diffList(x[p], y[p], (item) => item.title, ITEM_FIELDS[p], sides);
    }
    return diff;
  });

  const resources = planDiff(a.resources, b.resources, (x, y) => ({
    totalFen: { from: x.budget.totalFen, to: y.budget.totalFen },
    budget: diffList(x.budget.lines, y.budget.lines, (l) => l.module, BUDGET_FIELDS, sides),
    owners: diffList(x.owners, y.owners, (o) => o.scope, OWNER_FIELDS, sides),
    tools: diffList(x.tools, y.tools, (t) => t.name, TOOL_FIELDS, sides),
  }));

  const earlier = new Set(a.report.lessons.map(foldLesson));
  return {
    from,
    to,
    overall: {
      from: a.report.summary.overallAttainment,
      to: b.report.summary.overallAttainment,
    },
    goals,
    strategy,
    resources,
    learning: {
      from: learningOf(a.report),
      to: learningOf(b.report),
      repeated: b.report.lessons.filter((l) => earlier.has(foldLesson(l))),
    },
  };
}

// Chart -----------------------------------------------------------------------------------------

export interface LineagePoint extends ChartPoint {
  cycle: number;
  attainment: number;
  /** Above the top of the chart: drawn at the top, with its figure. */
  clipped: boolean;
  /** From a submitted evaluation the gate has not approved yet. */
  draft: boolean;
  /** Attainment so far from check-ins, of a cycle not evaluated yet (`provisionalAttainment`). */
  provisional: boolean;
}

export interface LineageSeries {
  key: string;
  points: LineagePoint[];
  /** Runs of neighbouring cycles that both have an evaluated figure: each is one line. */
  segments: ChartPoint[][];
  /** Lines from or to a provisional point, each between two neighbouring cycles: drawn apart. */
  provisionalSegments: [ChartPoint, ChartPoint][];
}

export interface LineageChartGeometry {
  plot: { left: number; right: number; top: number; bottom: number };
  /** The middle of each cycle's column, oldest first, and the columns' width. */
  cycleX: number[];
  columnWidth: number;
  yTicks: { value: number; y: number }[];
  /** Where 100% (the target) sits. */
  targetY: number;
  series: LineageSeries[];
}

/**
 * Lays out attainment per goal across cycles in `box`: one column per cycle, one series per goal
 * track. The value axis always shows 100% and spans the figures in nice steps (`niceStep`),
 * starting at the step below the lowest, so close results stay apart; figures above `maxRate`
 * (default 200%) are drawn at the top and flagged `clipped`. A cycle not evaluated yet draws its
 * attainment so far, flagged `provisional`, and the lines to it are `provisionalSegments`.
 */
export function lineageChart(lineage: Lineage, box: ChartBox, maxRate = 2): LineageChartGeometry {
  const plot = {
    left: box.margin.left,
    right: box.width - box.margin.right,
    top: box.margin.top,
    bottom: box.height - box.margin.bottom,
  };
  const count = Math.max(1, lineage.cycles.length);
  const column = (plot.right - plot.left) / count;
  const cycleX = lineage.cycles.map((_, i) => plot.left + column * (i + 0.5));

  /** The figure drawn for a track in a cycle: evaluated, else so far, else none. */
  const figureAt = (track: GoalTrack, cycle: number) => {
    const evaluated = track.results[cycle]?.attainment;
    if (evaluated != null) return { attainment: evaluated, provisional: false };
    const soFar = track.provisional[cycle]?.attainment;
    return soFar == null ? null : { attainment: soFar, provisional: true };
  };
  const rates = lineage.tracks.flatMap((t) =>
    t.results.flatMap((_, cycle) => {
      const figure = figureAt(t, cycle);
      return figure === null ? [] : [Math.min(figure.attainment, maxRate)];
    }),
  );
  const lowest = Math.min(1, ...rates);
  const highest = Math.max(1, ...rates);
  const step = niceStep(Math.max(highest - lowest, 0.2) / 4);
  const clean = (n: number) => Number(n.toPrecision(12));
  let lo = Math.floor(lowest / step + 1e-9) * step;
  if (lowest - lo < step * 0.2) lo -= step;
  lo = Math.max(0, clean(lo));
  let hi = Math.ceil(highest / step - 1e-9) * step;
  if (hi - highest < step * 0.2) hi += step;
  hi = clean(hi);
  const yAt = (rate: number) =>
    plot.bottom - ((Math.min(rate, hi) - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const yTicks: { value: number; y: number }[] = [];
  for (let v = lo; v <= hi + 1e-9; v = clean(v + step)) yTicks.push({ value: v, y: yAt(v) });

  const series = lineage.tracks.map((track) => {
    const points: LineagePoint[] = track.results.flatMap((_, cycle) => {
      const x = cycleX[cycle];
      const figure = figureAt(track, cycle);
      if (figure === null || x === undefined) return [];
      const draft = lineage.cycles[cycle]?.report.status === 'draft';
      return [
        {
          cycle,
          x,
          y: yAt(figure.attainment),
          attainment: figure.attainment,
          clipped: figure.attainment > hi,
          draft,
          provisional: figure.provisional,
        },
      ];
    });
    const segments: ChartPoint[][] = [];
    const provisionalSegments: [ChartPoint, ChartPoint][] = [];
    points.forEach((point, i) => {
      const before = points[i - 1];
      const joined = before?.cycle === point.cycle - 1;
      const at = { x: point.x, y: point.y };
      if (joined && (before.provisional || point.provisional)) {
        provisionalSegments.push([{ x: before.x, y: before.y }, at]);
        segments.push([at]);
        return;
      }
      const last = segments.at(-1);
      if (joined && last) last.push(at);
      else segments.push([at]);
    });
    return {
      key: track.key,
      points,
      segments: segments.filter((s) => s.length > 1),
      provisionalSegments,
    };
  });
  return { plot, cycleX, columnWidth: column, yTicks, targetY: yAt(1), series };
}
