import type { StageContentMap, Goal } from './content';
import { attainmentRate } from './kpi';
import { sameUnit } from './readiness';
import { shiftDatesInText, shiftInto, type Period } from './time';

/** What a completed run hands to the next cycle: its period and the content its gates approved. */
export interface CycleOutcome {
  period: Period;
  approved: Partial<StageContentMap>;
}

/** A date of the last cycle at the same point of the next one (`shiftInto`); none stays none. */
function shiftDate(date: string | null, from: Period, to: Period): string | null {
  return date === null ? null : shiftInto(date, from, to);
}

/**
 * The next target proposed for a goal: a goal that was beaten starts from what was achieved; a goal
 * that was missed keeps its target (the lead decides whether to lower it, with evidence). The
 * actual becomes the new baseline either way.
 */
export function proposeGoal(goal: Goal, actual: number | null, from: Period, to: Period): Goal {
  const rate =
    actual !== null && goal.target !== null
      ? attainmentRate(actual, goal.target, goal.direction)
      : null;
  const beaten = rate !== null && rate >= 1 && actual !== null;
  const target = beaten ? actual : goal.target;
  return {
    ...goal,
    // A date written into the title moves with the deadline, or the title contradicts it.
    title: shiftDatesInText(goal.title, from, to),
    target: goal.unit === 'CNY' && target !== null ? Math.round(target) : target,
    baseline: actual ?? goal.baseline,
    deadline: shiftDate(goal.deadline, from, to),
  };
}

/**
 * Makes each additive parent add up again from its sub-goals (per dimension, in its unit): goals
 * are proposed one by one, so a beaten region and a missed one no longer sum to the parent, and
 * the seeded draft would fail its own gate. The sub-goals keep what was proposed for them (a
 * beaten one starts from what it achieved, a missed one keeps its target) and the parent becomes
 * their sum, deepest first, so a grandparent sums the new figures. A parent split along several
 * dimensions takes the most ambitious of their sums (the largest; the smallest where lower is
 * better), and the other splits are scaled to it, keeping their members' shares, in whole units
 * (fen for money) with the rounding on the largest: scaled the other way, a beaten sub-goal fell
 * short of what it achieved and a missed one of its target, which only the lead may lower.
 */
export function fitSubGoals(goals: readonly Goal[]): Goal[] {
  const fitted = new Map(goals.map((g) => [g.id, g]));
  const depth = (goal: Goal, seen = new Set<string>()): number => {
    const parent = goal.parentId === null ? undefined : fitted.get(goal.parentId);
    if (!parent || seen.has(parent.id)) return 0; // a loop is the gate's to report
    seen.add(parent.id);
    return 1 + depth(parent, seen);
  };
  const parents = goals.filter((g) => g.additive).sort((a, b) => depth(b) - depth(a));
  const groupsOf = (parent: Goal): Goal[][] => {
    const groups = new Map<string, Goal[]>();
    for (const goal of goals) {
      const child = fitted.get(goal.id) ?? goal;
      // Grouped as the goals gate sums them (gate rules 6: a unit written otherwise counts).
      if (
        child.parentId !== parent.id ||
        !sameUnit(child.unit, parent.unit, true) ||
        child.dimension === null
      )
        continue;
      groups.set(child.dimension, [...(groups.get(child.dimension) ?? []), child]);
    }
    return [...groups.values()];
  };
  // Up: each parent becomes the most ambitious sum of its splits: the largest, or where lower
  // is better (costs, churn) the smallest.
  for (const { id } of parents) {
    const parent = fitted.get(id);
    if (!parent) continue;
    const sums = groupsOf(parent)
      .filter((group) => group.every((c) => c.target !== null))
      .map((group) => group.reduce((sum, c) => sum + (c.target ?? 0), 0));
    if (sums.length === 0) continue;
    const target = parent.direction === 'lower' ? Math.min(...sums) : Math.max(...sums);
    fitted.set(id, { ...parent, target });
  }
  // Down: every split is scaled to its parent, shallowest first, so a sub-goal scaled as part of
  // its parent's second split passes the change on to its own sub-goals.
  for (const { id } of [...parents].reverse()) {
    const parent = fitted.get(id);
    if (!parent || parent.target === null) continue;
    for (const group of groupsOf(parent)) scaleGroup(group, parent.target, fitted);
  }
  return goals.map((g) => fitted.get(g.id) ?? g);
}

function scaleGroup(group: readonly Goal[], total: number, fitted: Map<string, Goal>): void {
  const current = group.map((g) => fitted.get(g.id)?.target ?? null);
  if (current.some((t) => t === null)) return; // a sub-goal without a target: the gate says so
  const targets = current as number[];
  const sum = targets.reduce((a, b) => a + b, 0);
  if (sum === total || sum <= 0) return;
  // Whole figures (fen, counts) stay whole; fractional ones are scaled as they are.
  const whole = Number.isInteger(total) && targets.every(Number.isInteger);
  const scaled = targets.map((t) => (whole ? Math.round((t * total) / sum) : (t * total) / sum));
  const largest = scaled.indexOf(Math.max(...scaled));
  scaled[largest] = (scaled[largest] ?? 0) + total - scaled.reduce((a, b) => a + b, 0);
  group.forEach((goal, i) => {
    const before = fitted.get(goal.id) ?? goal;
    fitted.set(goal.id, { ...before, target: scaled[i] ?? before.target });
  });
}

/**
 * Seeds the drafts of the next cycle's run from a completed one: research carried over (to be
 * refreshed), goals proposed from this cycle's attainment, strategies carried with the attribution
 * that credited them, resources and KPIs carried, tasks moved into the new period and reset.
 * The lead reviews every stage and submits it through its gate again.
 */
export function seedNextCycle(outcome: CycleOutcome, next: Period): Partial<StageContentMap> {
  const { approved, period } = outcome;
  const drafts: Partial<StageContentMap> = {};
  const results = new Map((approved.evaluation?.results ?? []).map((r) => [r.goalId, r.actual]));
  const attribution = approved.evaluation?.attribution ?? [];
  if (approved.research) drafts.research = approved.research;
  if (approved.goals) {
    drafts.goals = {
      goals: fitSubGoals(
        approved.goals.goals.map((g) => proposeGoal(g, results.get(g.id) ?? null, period, next)),
      ),
    };
  }
  if (approved.strategy) {
    const credit = (id: string) =>
      attribution
        .filter((a) => a.strategyItemId === id)
        .map((a) => `\n⟲ ${a.note}`)
        .join('');
    const annotate = <T extends { id: string; detail: string }>(items: T[]) =>
      items.map((item) => ({ ...item, detail: (item.detail + credit(item.id)).slice(0, 2000) }));
    const s = approved.strategy;
    drafts.strategy = {
      product: annotate(s.product),
      price: annotate(s.price),
      channel: annotate(s.channel),
      // A campaign's dates move with the period, as its tasks' do ("2026-08-11 – 2026-09-09").
      promotion: annotate(s.promotion).map((item) => ({
        ...item,
        title: shiftDatesInText(item.title, period, next),
        timing: shiftDatesInText(item.timing, period, next),
      })),
    };
  }
  if (approved.resources) drafts.resources = approved.resources;
  if (approved.execution) {
    drafts.execution = {
      meetings: approved.execution.meetings.map((m) => ({ ...m, notes: [] })),
      tasks: approved.execution.tasks.map((t) => ({
        ...t,
        start: shiftDate(t.start, period, next),
        end: shiftDate(t.end, period, next),
        status: 'todo' as const,
      })),
    };
  }
  if (approved.monitoring && drafts.goals && approved.goals) {
    const before = new Map(approved.goals.goals.map((g) => [g.id, g]));
    const after = new Map(drafts.goals.goals.map((g) => [g.id, g]));
    drafts.monitoring = {
      kpis: approved.monitoring.kpis.map((k) => {
        // A KPI follows its goal's new target only when it measures the goal's own figure (same
        // unit, direction and target). A conversion rate or stock days linked to a sales goal
        // keeps its own target: a goal's yuan are no KPI's percent.
        const old = k.goalId !== null ? before.get(k.goalId) : undefined;
        const proposed = k.goalId !== null ? after.get(k.goalId) : undefined;
        const tracksGoal =
          old !== undefined &&
          proposed !== undefined &&
          old.unit === k.unit &&
          old.direction === k.direction &&
          old.target === k.target;
        return { ...k, target: tracksGoal ? proposed.target : k.target };
      }),
    };
  }
  return drafts;
}
