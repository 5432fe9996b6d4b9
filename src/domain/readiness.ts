import type * as z from 'zod';
import {
  STAGE_CONTENT_SCHEMAS,
  STRATEGY_PS,
  THRESHOLDS_REVERSED,
  type EvaluationContent,
  type ExecutionContent,
  type Goal,
  type GoalsContent,
  type MonitoringContent,
  type ResearchContent,
  type ResourcesContent,
  type StageContentMap,
  type StrategyContent,
  type StrategyItem,
  type Task,
} from './content';
import { problem, type Problem } from './gate';
import { measuringKpi, type MeasuredActual } from './results';
import { sumFen } from './money';
import type { StageId } from './stages';
import { isWithin, type Period } from './time';

/**
 * The version of the gate rules. A run is checked by the rules of the version it was created
 * under for life, because its log must replay exactly as it was accepted.
 * 2: results are computed instead of taken as typed: every goal is measured by a KPI in its own
 *    unit (`kpis.goalNotMeasured`), and a measured goal's result is its KPI's latest figure
 *    (`results.differsFromKpi`).
 * 3: the evaluation gate may send the run back to execution or monitoring, and a recycle from it
 *    reopens the evaluation and execution's close, so the run operates again and can be closed
 *    and evaluated afresh (under 2 a run sent back to planning was left with both still done);
 *    a check-in or meeting note may not be dated after the latest calendar day anywhere when it
 *    is recorded; a follow-up is closed by the lead, whoever set it, or an approver of its gate.
 * 4: an "all" gate needs a different person per role; a recycle to the goals or earlier sends the
 *    monitoring plan back too (its KPIs measure the goals); KPI figures and risk updates come from
 *    the run's team, a risk's owner is on it, and money figures are whole fen; an alert is raised
 *    by the KPI's latest-dated figure only; closing execution with alerts still lacking a
 *    countermeasure or an owner, or before the period ends, needs a written acceptance; sub-goals
 *    in whole units add up exactly.
 * 5: a KPI figure exactly on a health threshold reads as on it (under 4, binary fractions could put
 *    2,565 against a pace of 2,700 at 94.99999% and amber); only a Conditional Go carries
 *    conditions; the KPI that measures a goal aims at the goal's target, and its pace runs to the
 *    goal's deadline when that comes before the period ends (`pacePeriod`); the plan is complete as
 *    the template asks: channels with duties and incentive, promotions with channel, budget and
 *    timing, budget lines with scope and approval flow, and a regular cross-department meeting.
 * 6: the evaluation is sent only once every condition of a Conditional Go is closed, as the
 *    decision promises (`evaluation.openFollowUp`); a sub-goal in its parent's unit written
 *    otherwise ("Customers" under "customers") counts in the parent's sum.
 * 7: "today" for a check-in, a meeting note or closing execution is the date on the acting
 *    person's clock, where their event records it (`utcOffset`): a date still ahead for them is
 *    refused, and closing on the period's last evening is early (under 6, the latest calendar day
 *    anywhere, which in Beijing after 18:00 is already tomorrow).
 */
export const GATE_RULES_VERSION = 7;

/** What a gate needs to know beyond the stage's own content. */
export interface GateContext {
  /** The run's period: deadlines, task dates and the like must fall inside it. */
  period: Period;
  /** Goals as approved at the goals gate. The goals stage checks its own content: pass `[]`. */
  goals: readonly Goal[];
  /** The approved strategy, for links from evaluation attribution; null when not yet approved. */
  strategy: StrategyContent | null;
  /** Known people ids; null means owners are not checked against a roster. */
  personIds: readonly string[] | null;
  /** The run's gate rules (see GATE_RULES_VERSION); the latest when absent. */
  rulesVersion?: number;
  /**
   * For the evaluation: each goal's actual computed from its KPI's check-ins (`measuredActuals`).
   * Absent means nothing was measured, so every result is taken as entered.
   */
  measured?: ReadonlyMap<string, MeasuredActual>;
  /** For the evaluation: the conditions of Conditional Go decisions not closed yet. */
  openFollowUps?: readonly { id: string; text: string; stage: StageId }[];
}

/** True when the run's rules include those of `version`. */
export const rulesFrom = (context: { rulesVersion?: number }, version: number): boolean =>
  (context.rulesVersion ?? GATE_RULES_VERSION) >= version;

type Path = readonly (string | number)[];
type StageCheck<S extends StageId> = (
  content: StageContentMap[S],
  context: GateContext,
) => Problem[];
type StageChecks = { [S in StageId]: StageCheck<S> };

/**
 * Why a stage's content cannot pass its gate yet; `[]` means ready.
 *
 * Content is parsed with the stage schema first. Invalid content yields one `content.invalid`
 * problem per schema issue and nothing else: business rules only run on well-formed content.
 * Otherwise every completeness and business-rule problem is returned, not just the first, so the
 * UI can list them all. Both the machine guard and the stage panel call this.
 */
export function gateReadiness<S extends StageId>(
  stage: S,
  content: unknown,
  context: GateContext,
): Problem[] {
  return parsedReadiness(stage, STAGE_CONTENT_SCHEMAS[stage].safeParse(content), context);
}

/** `gateReadiness` of content already parsed with its stage's schema (`safeParse`). */
export function parsedReadiness<S extends StageId>(
  stage: S,
  parsed: z.ZodSafeParseResult<unknown>,
  context: GateContext,
): Problem[] {
  if (!parsed.success) return parsed.error.issues.map(contentProblem);
  // The schema for `stage` produced this value, so it is that stage's content.
  const check: StageCheck<S> = STAGE_CHECKS[stage];
  return check(parsed.data as StageContentMap[S], context);
}

/**
 * A schema issue as a problem people can act on, in their language: an empty required field, a
 * text too long, a figure out of range; anything else is a field not filled in correctly. Zod's
 * own wording (English, about types) stays in `detail`, for support, and is not shown.
 */
function contentProblem(issue: z.core.$ZodIssue): Problem {
  const path = toPath(issue.path);
  const detail = { detail: issue.message };
  if (issue.code === 'too_small' && (issue.origin === 'string' || issue.origin === 'array')) {
    return problem('content.required', path, detail);
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return problem('content.tooLong', path, { ...detail, max: Number(issue.maximum) });
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    return problem('content.outOfRange', path, detail);
  }
  if (issue.code === 'custom' && issue.message === THRESHOLDS_REVERSED) {
    return problem('content.thresholdsReversed', path, detail);
  }
  return problem('content.invalid', path, detail);
}

/** True when the stage's content passes every gate rule (no problems). */
export function isReady(stage: StageId, content: unknown, context: GateContext): boolean {
  return gateReadiness(stage, content, context).length === 0;
}

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((key) => (typeof key === 'symbol' ? String(key) : key));
}

// Shared helpers --------------------------------------------------------------------------------

const isBlank = (text: string): boolean => text.trim() === '';

/** The first item with each id; later duplicates are reported separately. */
function firstById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

/** One problem for every repeat of an id already used earlier in the list. */
function duplicateIds(
  items: readonly { id: string }[],
  path: Path,
  code: string,
  offsetPath: (index: number) => Path = (index) => [...path, index],
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id))
      problems.push(problem(code, [...offsetPath(index), 'id'], { id: item.id }));
    seen.add(item.id);
  });
  return problems;
}

/** Goal ids that do not exist among the context's goals, one problem per bad link. */
function unknownGoalLinks(
  goalIds: readonly string[],
  path: Path,
  known: ReadonlySet<string>,
  code: string,
  /** What links it, named in the message (the strategy item's title, the owner's scope). */
  item: string,
): Problem[] {
  return goalIds.flatMap((goalId, index) =>
    known.has(goalId) ? [] : [problem(code, [...path, index], { goalId, item })],
  );
}

const overallGoals = (goals: readonly Goal[]): Goal[] => goals.filter((g) => g.parentId === null);

/** The ids plus every goal above them; guarded against parent cycles. */
function withAncestors(ids: Iterable<string>, goals: readonly Goal[]): Set<string> {
  const byId = firstById(goals);
  const result = new Set<string>();
  for (const id of ids) {
    let current: string | null = id;
    while (current !== null && !result.has(current)) {
      result.add(current);
      current = byId.get(current)?.parentId ?? null;
    }
  }
  return result;
}

// 1. Research -----------------------------------------------------------------------------------

function checkResearch(content: ResearchContent): Problem[] {
  return [
    ...checkMarketNeeds(content),
    ...(content.competitors.length === 0
      ? [problem('research.noCompetitors', ['competitors'])]
      : []),
    ...duplicateIds(content.competitors, ['competitors'], 'research.duplicateId'),
    ...checkOwnResources(content),
  ];
}

function checkMarketNeeds({ marketNeeds }: ResearchContent): Problem[] {
  if (marketNeeds.length === 0) return [problem('research.noMarketNeeds', ['marketNeeds'])];
  const problems = duplicateIds(marketNeeds, ['marketNeeds'], 'research.duplicateId');
  marketNeeds.forEach((need, i) => {
    const params = { segment: need.segment };
    // Research is evidence, not opinion: every need names where it comes from.
    if (need.sources.length === 0) {
      problems.push(problem('research.needWithoutSource', ['marketNeeds', i, 'sources'], params));
    }
    if (isBlank(need.painPoints) && isBlank(need.preferences) && isBlank(need.unmetNeeds)) {
      problems.push(problem('research.needNotDescribed', ['marketNeeds', i, 'painPoints'], params));
    }
  });
  return problems;
}

const OWN_RESOURCE_FIELDS = ['productStrengths', 'teamCapability', 'channels'] as const;

function checkOwnResources({ ownResources }: ResearchContent): Problem[] {
  return OWN_RESOURCE_FIELDS.filter((field) => isBlank(ownResources[field])).map((field) =>
    problem('research.ownResourcesIncomplete', ['ownResources', field], { field }),
  );
}

// 2. Goals (SMART) ------------------------------------------------------------------------------

function checkGoals({ goals }: GoalsContent, context: GateContext): Problem[] {
  const byId = firstById(goals);
  return [
    ...(overallGoals(goals).length === 0 ? [problem('goals.noOverallGoal', ['goals'])] : []),
    ...duplicateIds(goals, ['goals'], 'goals.duplicateId'),
    ...goals.flatMap((goal, i) => checkSmartGoal(goal, ['goals', i], byId, context.period)),
    ...goals.flatMap((goal, i) => checkSubGoalSums(goal, ['goals', i], goals, context)),
  ];
}

function checkSmartGoal(
  goal: Goal,
  path: Path,
  byId: ReadonlyMap<string, Goal>,
  period: Period,
): Problem[] {
  return [
    ...checkMeasurable(goal, path),
    ...checkTimeBound(goal, path, period),
    ...checkRelevant(goal, path, byId),
    ...(goal.baseline === null && isBlank(goal.rationale)
      ? [problem('goals.notAchievable', [...path, 'rationale'], { goalTitle: goal.title })]
      : []),
  ];
}

/** Metric, a positive numeric target and a unit; money targets in whole fen. */
function checkMeasurable(goal: Goal, path: Path): Problem[] {
  const params = { goalTitle: goal.title };
  const problems: Problem[] = [];
  if (isBlank(goal.metric)) {
    problems.push(
      problem('goals.notMeasurable', [...path, 'metric'], { ...params, field: 'metric' }),
    );
  }
  if (goal.target === null) {
    problems.push(
      problem('goals.notMeasurable', [...path, 'target'], { ...params, field: 'target' }),
    );
  } else if (goal.target < 0 || (goal.target === 0 && goal.direction !== 'lower')) {
    // Zero is a target only where lower is better ("no key account lost"): nothing to reach else.
    problems.push(problem('goals.targetNotAboveZero', [...path, 'target'], params));
  }
  if (isBlank(goal.unit)) {
    problems.push(problem('goals.notMeasurable', [...path, 'unit'], { ...params, field: 'unit' }));
  }
  if (goal.unit === 'CNY') {
    for (const field of ['target', 'baseline'] as const) {
      const amount = goal[field];
      if (amount !== null && !Number.isInteger(amount)) {
        problems.push(problem('goals.moneyNotInFen', [...path, field], { ...params, field }));
      }
    }
  }
  return problems;
}

function checkTimeBound(goal: Goal, path: Path, period: Period): Problem[] {
  if (goal.deadline === null) {
    return [problem('goals.notTimeBound', [...path, 'deadline'], { goalTitle: goal.title })];
  }
  if (!isWithin(goal.deadline, period)) {
    return [
      problem('goals.deadlineOutsidePeriod', [...path, 'deadline'], {
        goalTitle: goal.title,
        deadline: goal.deadline,
        start: period.start,
        end: period.end,
      }),
    ];
  }
  return [];
}

/** A sub-goal links to an existing goal without a loop, and says how it splits its parent. */
function checkRelevant(goal: Goal, path: Path, byId: ReadonlyMap<string, Goal>): Problem[] {
  if (goal.parentId === null) return [];
  const params = { goalTitle: goal.title, parentId: goal.parentId };
  const problems: Problem[] = [];
  if (inParentCycle(goal, byId)) {
    problems.push(problem('goals.parentCycle', [...path, 'parentId'], params));
  } else if (!byId.has(goal.parentId)) {
    problems.push(problem('goals.parentNotFound', [...path, 'parentId'], params));
  }
  if (goal.dimension === null) {
    problems.push(problem('goals.dimensionMissing', [...path, 'dimension'], params));
  }
  if (isBlank(goal.dimensionValue)) {
    problems.push(problem('goals.dimensionValueMissing', [...path, 'dimensionValue'], params));
  }
  return problems;
}

/** True when following parent links from `goal` comes back to it (including a self-parent). */
function inParentCycle(goal: Goal, byId: ReadonlyMap<string, Goal>): boolean {
  const seen = new Set<string>();
  let current = goal.parentId;
  while (current !== null && !seen.has(current)) {
    if (current === goal.id) return true;
    seen.add(current);
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}

/**
 * For an additive parent, each dimension's sub-goals in the parent's unit must add up to the
 * parent's target. A parent may be split along several dimensions (by region and by product
 * line): each dimension is one group, checked on its own. Groups with a missing target are
 * skipped, since that sub-goal already has a `goals.notMeasurable` problem.
 */
function checkSubGoalSums(
  parent: Goal,
  path: Path,
  goals: readonly Goal[],
  context: GateContext,
): Problem[] {
  const target = parent.target;
  if (!parent.additive || target === null) return [];
  const groups = new Map<string, Goal[]>();
  for (const goal of goals) {
    if (goal.parentId !== parent.id || goal.id === parent.id) continue;
    if (!sameUnit(goal.unit, parent.unit, rulesFrom(context, 6)) || goal.dimension === null) {
      continue;
    }
    groups.set(goal.dimension, [...(groups.get(goal.dimension) ?? []), goal]);
  }
  const problems: Problem[] = [];
  for (const [dimension, children] of groups) {
    const targets = children.map((child) => child.target);
    if (targets.some((t) => t === null)) continue;
    const sum = (targets as number[]).reduce((a, b) => a + b, 0);
    if (!sameAmount(sum, target, rulesFrom(context, 4))) {
      problems.push(
        problem('goals.subGoalsDontAddUp', [...path, 'target'], {
          parentTitle: parent.title,
          sum,
          target,
          unit: parent.unit,
          dimension,
        }),
      );
    }
  }
  return problems;
}

/**
 * The same unit, from rules 6 also as written otherwise: "Customers" and "customers ", "％" and
 * "%". Before, a sub-goal whose unit was spelt differently was left out of its parent's sum.
 */
export function sameUnit(a: string, b: string, loosely: boolean): boolean {
  if (a === b) return true;
  // Not the locale's lower case: a log must read the same wherever it is replayed.
  const norm = (unit: string) => unit.normalize('NFKC').trim().toLowerCase();
  return loosely && norm(a) === norm(b);
}

/**
 * Equal amounts: tolerant of float noise for fractional units, and from rules 4 exact when both
 * are whole (fen, counts), where the tolerance let ¥100亿 pass 999 fen short.
 */
function sameAmount(a: number, b: number, exactForIntegers: boolean): boolean {
  if (exactForIntegers && Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

// 3. Strategy (4P) ------------------------------------------------------------------------------

interface LocatedItem {
  item: StrategyItem;
  path: Path;
}

function locatedItems(strategy: StrategyContent): LocatedItem[] {
  return STRATEGY_PS.flatMap((p) => {
    const items: readonly StrategyItem[] = strategy[p];
    return items.map((item, i) => ({ item, path: [p, i] }));
  });
}

/** Ids of every product, price, channel and promotion item. */
function strategyItemIds(strategy: StrategyContent): Set<string> {
  return new Set(locatedItems(strategy).map(({ item }) => item.id));
}

/**
 * Every P has an item, every item serves known goals, and every overall goal is served. An item
 * serving a sub-goal also serves the goals above it ("East China sales" serves "sales +30%").
 */
function checkStrategy(strategy: StrategyContent, context: GateContext): Problem[] {
  const known = new Set(context.goals.map((g) => g.id));
  const located = locatedItems(strategy);
  const problems: Problem[] = STRATEGY_PS.filter((p) => strategy[p].length === 0).map((p) =>
    problem('strategy.missingP', [p], { p }),
  );
  for (const { item, path } of located) {
    if (item.goalIds.length === 0) {
      problems.push(
        problem('strategy.itemServesNoGoal', [...path, 'goalIds'], { title: item.title }),
      );
    }
    problems.push(
      ...unknownGoalLinks(
        item.goalIds,
        [...path, 'goalIds'],
        known,
        'strategy.unknownGoal',
        item.title,
      ),
    );
  }
  problems.push(
    ...duplicateIds(
      located.map(({ item }) => item),
      [],
      'strategy.duplicateId',
      (index) => located[index]?.path ?? [],
    ),
  );
  if (rulesFrom(context, 5)) problems.push(...incompleteChannelsAndPromotions(strategy));
  const served = withAncestors(
    located.flatMap(({ item }) => item.goalIds),
    context.goals,
  );
  for (const goal of overallGoals(context.goals)) {
    if (!served.has(goal.id)) {
      problems.push(
        problem('strategy.goalNotServed', [], { goalId: goal.id, goalTitle: goal.title }),
      );
    }
  }
  return problems;
}

/**
 * Rules 5 on: a channel says what the partner does and earns ("quarterly target met: 5% rebate"),
 * and a promotion where, for how much and when ("3 live streams in June, ¥200k").
 */
function incompleteChannelsAndPromotions({ channel, promotion }: StrategyContent): Problem[] {
  const problems: Problem[] = [];
  channel.forEach(({ title, duties, incentive }, i) => {
    if (isBlank(duties))
      problems.push(problem('channel.noDuties', ['channel', i, 'duties'], { title }));
    if (isBlank(incentive))
      problems.push(problem('channel.noIncentive', ['channel', i, 'incentive'], { title }));
  });
  promotion.forEach(({ title, channel: where, budgetFen, timing }, i) => {
    const at = (field: string) => ['promotion', i, field];
    if (isBlank(where)) problems.push(problem('promotion.noChannel', at('channel'), { title }));
    if (budgetFen === null)
      problems.push(problem('promotion.noBudget', at('budgetFen'), { title }));
    if (isBlank(timing)) problems.push(problem('promotion.noTiming', at('timing'), { title }));
  });
  return problems;
}

// 4. Resources ----------------------------------------------------------------------------------

function checkResources(content: ResourcesContent, context: GateContext): Problem[] {
  return [
    ...checkOwners(content, context),
    ...checkBudget(content),
    ...(rulesFrom(context, 5) ? budgetLinesWithoutRules(content) : []),
    ...checkTools(content),
  ];
}

/** Rules 5 on: every budget line says what it may be spent on and who approves spending it. */
function budgetLinesWithoutRules({ budget }: ResourcesContent): Problem[] {
  return budget.lines.flatMap((line, i) => [
    ...(isBlank(line.scope)
      ? [problem('budget.noScope', ['budget', 'lines', i, 'scope'], { module: line.module })]
      : []),
    ...(isBlank(line.approvalFlow)
      ? [
          problem('budget.noApprovalFlow', ['budget', 'lines', i, 'approvalFlow'], {
            module: line.module,
          }),
        ]
      : []),
  ]);
}

function checkOwners({ owners }: ResourcesContent, context: GateContext): Problem[] {
  if (owners.length === 0) return [problem('owners.none', ['owners'])];
  const known = new Set(context.goals.map((g) => g.id));
  const people = context.personIds === null ? null : new Set(context.personIds);
  const problems = duplicateIds(owners, ['owners'], 'owners.duplicateId');
  owners.forEach((owner, i) => {
    if (people !== null && !people.has(owner.personId)) {
      problems.push(
        problem('owners.unknownPerson', ['owners', i, 'personId'], { personId: owner.personId }),
      );
    }
    problems.push(
      ...unknownGoalLinks(
        owner.goalIds,
        ['owners', i, 'goalIds'],
        known,
        'owners.unknownGoal',
        owner.scope,
      ),
    );
  });
  return problems;
}

/**
 * Shares add up to exactly 100% (10000 bp), amounts to exactly the total, and each amount matches
 * its share within 1 fen. The share check uses BigInt: amount × 10000 can pass 2^53 for large
 * budgets, where float arithmetic would silently round.
 */
function checkBudget({ budget }: ResourcesContent): Problem[] {
  const { totalFen, lines } = budget;
  const problems: Problem[] = [];
  if (totalFen <= 0) problems.push(problem('budget.totalNotPositive', ['budget', 'totalFen']));
  if (lines.length === 0) return [...problems, problem('budget.noLines', ['budget', 'lines'])];
  problems.push(...duplicateIds(lines, ['budget', 'lines'], 'budget.duplicateId'));
  const sumBp = lines.reduce((a, line) => a + line.shareBp, 0);
  if (sumBp !== 10_000) {
    problems.push(
      problem('budget.sharesNot100', ['budget', 'lines'], { sumBp, sumPct: sumBp / 100 }),
    );
  }
  const sum = sumFen(lines.map((line) => line.amountFen));
  if (sum !== totalFen) {
    problems.push(problem('budget.amountsNotTotal', ['budget', 'lines'], { sum, total: totalFen }));
  }
  if (totalFen <= 0) return problems;
  // A share is written to a basis point (0.01%), so an amount matches it within one basis point
  // of the total: on ¥1.5M, ¥500,000 is 33.33% or 33.34%, as an equal split in three must write
  // one of them. Within 1 fen on budgets so small that a basis point is less.
  const total = BigInt(totalFen);
  const tolerance = total > 10_000n ? total : 10_000n;
  lines.forEach((line, i) => {
    const exact = BigInt(line.shareBp) * total;
    const scaled = BigInt(line.amountFen) * 10_000n;
    const diff = scaled > exact ? scaled - exact : exact - scaled;
    if (diff > tolerance) {
      problems.push(
        problem('budget.amountNotMatchingShare', ['budget', 'lines', i, 'amountFen'], {
          module: line.module,
          amount: line.amountFen,
          expected: Number((exact + 5_000n) / 10_000n),
          shareBp: line.shareBp,
        }),
      );
    }
  });
  return problems;
}

function checkTools({ tools }: ResourcesContent): Problem[] {
  if (tools.length === 0) return [problem('tools.none', ['tools'])];
  return [
    ...duplicateIds(tools, ['tools'], 'tools.duplicateId'),
    ...tools.flatMap((tool, i) =>
      isBlank(tool.usageRule)
        ? [problem('tools.noUsageRule', ['tools', i, 'usageRule'], { name: tool.name })]
        : [],
    ),
  ];
}

// 5. Execution ----------------------------------------------------------------------------------

function checkExecution({ tasks, meetings }: ExecutionContent, context: GateContext): Problem[] {
  if (tasks.length === 0) return [problem('tasks.none', ['tasks'])];
  const byId = firstById(tasks);
  const people = context.personIds === null ? null : new Set(context.personIds);
  return [
    ...duplicateIds(tasks, ['tasks'], 'tasks.duplicateId'),
    // Rules 5 on: marketing, sales and product meet regularly ("every Friday afternoon").
    ...(rulesFrom(context, 5) && meetings.length === 0
      ? [problem('meetings.none', ['meetings'])]
      : []),
    ...duplicateIds(meetings, ['meetings'], 'meetings.duplicateId'),
    ...tasks.flatMap((task, i) => [
      ...checkTaskOwner(task, ['tasks', i], people),
      ...checkTaskDates(task, ['tasks', i], context.period),
      ...checkTaskDependencies(task, ['tasks', i], byId),
    ]),
  ];
}

function checkTaskOwner(task: Task, path: Path, people: ReadonlySet<string> | null): Problem[] {
  if (task.ownerId === null)
    return [problem('tasks.noOwner', [...path, 'ownerId'], { name: task.name })];
  if (people !== null && !people.has(task.ownerId)) {
    return [
      problem('tasks.unknownOwner', [...path, 'ownerId'], {
        name: task.name,
        ownerId: task.ownerId,
      }),
    ];
  }
  return [];
}

function checkTaskDates(task: Task, path: Path, period: Period): Problem[] {
  const params = { name: task.name, start: period.start, end: period.end };
  const problems: Problem[] = [];
  for (const field of ['start', 'end'] as const) {
    const date = task[field];
    if (date === null) {
      problems.push(
        problem(field === 'start' ? 'tasks.noStart' : 'tasks.noEnd', [...path, field], params),
      );
    } else if (!isWithin(date, period)) {
      const code = field === 'start' ? 'tasks.startOutsidePeriod' : 'tasks.endOutsidePeriod';
      problems.push(problem(code, [...path, field], { ...params, date }));
    }
  }
  if (task.start !== null && task.end !== null && task.start > task.end) {
    problems.push(problem('tasks.endsBeforeStart', [...path, 'end'], { name: task.name }));
  }
  return problems;
}

function checkTaskDependencies(task: Task, path: Path, byId: ReadonlyMap<string, Task>): Problem[] {
  const problems: Problem[] = [];
  task.dependsOn.forEach((depId, j) => {
    const depPath = [...path, 'dependsOn', j];
    const dependency = byId.get(depId);
    if (depId === task.id) {
      problems.push(problem('tasks.dependsOnItself', depPath, { name: task.name }));
    } else if (dependency === undefined) {
      problems.push(
        problem('tasks.unknownDependency', depPath, { name: task.name, dependencyId: depId }),
      );
    } else if (task.start !== null && dependency.end !== null && task.start < dependency.end) {
      problems.push(
        problem('tasks.startsBeforeDependency', [...path, 'start'], {
          name: task.name,
          dependencyName: dependency.name,
          start: task.start,
          dependencyEnd: dependency.end,
        }),
      );
    }
  });
  if (inDependencyCycle(task, byId)) {
    problems.push(problem('tasks.dependencyCycle', [...path, 'dependsOn'], { name: task.name }));
  }
  return problems;
}

/** True when the task is reachable from its own dependencies (self-links are reported apart). */
function inDependencyCycle(task: Task, byId: ReadonlyMap<string, Task>): boolean {
  const seen = new Set<string>();
  const queue = task.dependsOn.filter((id) => id !== task.id);
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (id === task.id) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(byId.get(id)?.dependsOn ?? []));
  }
  return false;
}

// 6. Monitoring ---------------------------------------------------------------------------------

/**
 * Every KPI maps to a known goal and has a target; every overall goal has a KPI of its own.
 * Unlike strategy, a KPI on a sub-goal does not count for the overall goal: the pace of the whole
 * cannot be read from one part of it. From rules version 2 every goal, sub-goals too, has a KPI
 * in its own unit and direction (`measuringKpi`), from which its result is computed.
 */
function checkMonitoring({ kpis }: MonitoringContent, context: GateContext): Problem[] {
  if (kpis.length === 0) return [problem('kpis.none', ['kpis'])];
  const known = new Set(context.goals.map((g) => g.id));
  const problems = duplicateIds(kpis, ['kpis'], 'kpis.duplicateId');
  kpis.forEach((kpi, i) => {
    const params = { name: kpi.name };
    if (kpi.goalId === null) {
      problems.push(problem('kpis.noGoal', ['kpis', i, 'goalId'], params));
    } else if (!known.has(kpi.goalId)) {
      problems.push(
        problem('kpis.unknownGoal', ['kpis', i, 'goalId'], { ...params, goalId: kpi.goalId }),
      );
    }
    if (kpi.target === null) problems.push(problem('kpis.noTarget', ['kpis', i, 'target'], params));
    else if (rulesFrom(context, 4) && kpi.unit === 'CNY' && !Number.isInteger(kpi.target)) {
      problems.push(problem('kpis.moneyNotInFen', ['kpis', i, 'target'], params));
    }
  });
  const monitored = new Set(kpis.map((kpi) => kpi.goalId));
  for (const goal of context.goals) {
    const params = { goalId: goal.id, goalTitle: goal.title };
    if (goal.parentId === null && !monitored.has(goal.id)) {
      problems.push(problem('kpis.goalNotMonitored', ['kpis'], params));
    } else if (rulesFrom(context, 2)) {
      // Results are computed from check-ins, so every goal needs a KPI that counts what it counts.
      const kpi = measuringKpi(goal, kpis);
      if (kpi === undefined) {
        problems.push(problem('kpis.goalNotMeasured', ['kpis'], { ...params, unit: goal.unit }));
      } else if (rulesFrom(context, 5) && kpi.target !== null && kpi.target !== goal.target) {
        // Its pace is read against its own target, but its figures become the goal's result,
        // judged against the goal's: two targets for one figure (rules 5 on).
        problems.push(
          problem('kpis.targetDiffersFromGoal', ['kpis', kpis.indexOf(kpi), 'target'], {
            ...params,
            name: kpi.name,
          }),
        );
      }
    }
  }
  return problems;
}

// 7. Evaluation ---------------------------------------------------------------------------------

function checkEvaluation(content: EvaluationContent, context: GateContext): Problem[] {
  const openFollowUps = rulesFrom(context, 6) ? (context.openFollowUps ?? []) : [];
  return [
    // A Conditional Go's conditions are closed before the evaluation, as the decision said.
    ...openFollowUps.map((f) =>
      problem('evaluation.openFollowUp', ['followUps', f.id], { text: f.text, stage: f.stage }),
    ),
    ...checkResults(content, context),
    ...checkAttribution(content, context),
    ...(content.lessons.length === 0 ? [problem('lessons.none', ['lessons'])] : []),
    ...duplicateIds(content.lessons, ['lessons'], 'lessons.duplicateId'),
    ...duplicateIds(content.recommendations, ['recommendations'], 'recommendations.duplicateId'),
  ];
}

function checkResults({ results }: EvaluationContent, context: GateContext): Problem[] {
  const known = new Set(context.goals.map((g) => g.id));
  const goalsById = firstById(context.goals);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  results.forEach((result, i) => {
    const params = {
      goalId: result.goalId,
      goalTitle: goalsById.get(result.goalId)?.title ?? result.goalId,
    };
    if (!known.has(result.goalId)) {
      problems.push(problem('results.unknownGoal', ['results', i, 'goalId'], params));
    } else if (seen.has(result.goalId)) {
      problems.push(problem('results.duplicateGoal', ['results', i, 'goalId'], params));
    }
    seen.add(result.goalId);
    const measured = rulesFrom(context, 2) ? context.measured?.get(result.goalId) : undefined;
    if (measured !== undefined && result.actual !== measured.value) {
      // Computed, not typed: a measured goal's actual is its KPI's latest figure.
      problems.push(
        problem('results.differsFromKpi', ['results', i, 'actual'], {
          goalId: result.goalId,
          goalTitle: goalsById.get(result.goalId)?.title ?? result.goalId,
          kpiName: measured.kpiName,
          measured: measured.value,
          date: measured.date,
          unit: goalsById.get(result.goalId)?.unit ?? '',
        }),
      );
    } else if (result.actual === null) {
      problems.push(problem('results.noActual', ['results', i, 'actual'], params));
    }
  });
  for (const goal of context.goals) {
    if (!seen.has(goal.id)) {
      problems.push(
        problem('results.missing', ['results'], { goalId: goal.id, goalTitle: goal.title }),
      );
    }
  }
  return problems;
}

/**
 * Attribution links must resolve: goals among the approved goals, strategy items among the
 * approved strategy (any of the 4Ps). A strategy attribution must name the item it credits.
 */
function checkAttribution({ attribution }: EvaluationContent, context: GateContext): Problem[] {
  if (attribution.length === 0) return [problem('attribution.none', ['attribution'])];
  const knownGoals = new Set(context.goals.map((g) => g.id));
  const knownItems =
    context.strategy === null ? new Set<string>() : strategyItemIds(context.strategy);
  const problems = duplicateIds(attribution, ['attribution'], 'attribution.duplicateId');
  attribution.forEach((entry, i) => {
    const path = ['attribution', i];
    if (entry.goalId !== null && !knownGoals.has(entry.goalId)) {
      problems.push(
        problem('attribution.unknownGoal', [...path, 'goalId'], { goalId: entry.goalId }),
      );
    }
    if (entry.strategyItemId === null) {
      if (entry.kind === 'strategy') {
        problems.push(problem('attribution.noStrategyItem', [...path, 'strategyItemId']));
      }
    } else if (!knownItems.has(entry.strategyItemId)) {
      problems.push(
        problem('attribution.unknownStrategyItem', [...path, 'strategyItemId'], {
          strategyItemId: entry.strategyItemId,
        }),
      );
    }
  });
  return problems;
}

const STAGE_CHECKS: StageChecks = {
  research: checkResearch,
  goals: checkGoals,
  strategy: checkStrategy,
  resources: checkResources,
  execution: checkExecution,
  monitoring: checkMonitoring,
  evaluation: checkEvaluation,
};

/** Every problem code `gateReadiness` can return, for i18n catalogs and their completeness test. */
export const PROBLEM_CODES = [
  'content.invalid',
  'content.thresholdsReversed',
  'content.required',
  'content.tooLong',
  'content.outOfRange',
  'research.noMarketNeeds',
  'research.needWithoutSource',
  'research.needNotDescribed',
  'research.noCompetitors',
  'research.ownResourcesIncomplete',
  'research.duplicateId',
  'goals.noOverallGoal',
  'goals.duplicateId',
  'goals.notMeasurable',
  'goals.targetNotAboveZero',
  'goals.moneyNotInFen',
  'goals.notTimeBound',
  'goals.deadlineOutsidePeriod',
  'goals.parentNotFound',
  'goals.parentCycle',
  'goals.dimensionMissing',
  'goals.dimensionValueMissing',
  'goals.notAchievable',
  'goals.subGoalsDontAddUp',
  'strategy.missingP',
  'strategy.itemServesNoGoal',
  'strategy.unknownGoal',
  'strategy.duplicateId',
  'strategy.goalNotServed',
  'owners.none',
  'owners.duplicateId',
  'owners.unknownPerson',
  'owners.unknownGoal',
  'budget.totalNotPositive',
  'budget.noLines',
  'budget.duplicateId',
  'budget.sharesNot100',
  'budget.amountsNotTotal',
  'budget.amountNotMatchingShare',
  'tools.none',
  'tools.duplicateId',
  'tools.noUsageRule',
  'tasks.none',
  'tasks.duplicateId',
  'tasks.noOwner',
  'tasks.unknownOwner',
  'tasks.noStart',
  'tasks.noEnd',
  'tasks.startOutsidePeriod',
  'tasks.endOutsidePeriod',
  'tasks.endsBeforeStart',
  'tasks.dependsOnItself',
  'tasks.unknownDependency',
  'tasks.startsBeforeDependency',
  'tasks.dependencyCycle',
  'meetings.duplicateId',
  'kpis.none',
  'kpis.duplicateId',
  'kpis.noGoal',
  'kpis.unknownGoal',
  'kpis.noTarget',
  'kpis.moneyNotInFen',
  'kpis.goalNotMonitored',
  'kpis.goalNotMeasured',
  'results.unknownGoal',
  'results.duplicateGoal',
  'results.noActual',
  'results.differsFromKpi',
  'evaluation.openFollowUp',
  'results.missing',
  'attribution.none',
  'attribution.duplicateId',
  'attribution.unknownGoal',
  'attribution.noStrategyItem',
  'attribution.unknownStrategyItem',
  'lessons.none',
  'lessons.duplicateId',
  'recommendations.duplicateId',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
