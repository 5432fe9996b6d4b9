import type { Goal } from '../../domain/content';

export interface GoalTreeEntry {
  /** Index of the goal in the list it came from (its content path). */
  index: number;
  /** 0 for an overall goal, 1 for its sub-goals, and so on. */
  depth: number;
}

/**
 * Goals in reading order: each overall goal followed by its sub-goals, depth first, keeping the
 * list order among siblings. A goal whose parent is missing is shown as a root, and goals caught
 * in a parent loop are appended as roots, so every goal appears exactly once whatever the data.
 */
export function goalTree(goals: readonly Goal[]): GoalTreeEntry[] {
  const ids = new Set(goals.map((goal) => goal.id));
  const childrenOf = new Map<string, number[]>();
  const roots: number[] = [];
  goals.forEach((goal, index) => {
    const parent = goal.parentId;
    if (parent === null || parent === goal.id || !ids.has(parent)) roots.push(index);
    else childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), index]);
  });
  const entries: GoalTreeEntry[] = [];
  const visited = new Set<number>();
  const visit = (index: number, depth: number): void => {
    const goal = goals[index];
    if (goal === undefined || visited.has(index)) return;
    visited.add(index);
    entries.push({ index, depth });
    for (const child of childrenOf.get(goal.id) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  goals.forEach((_, index) => visit(index, 0));
  return entries;
}

/** Ids of `goalId` and every goal below it (cycle-safe), to keep a goal out of its own subtree. */
export function subtreeIds(goals: readonly Goal[], goalId: string): Set<string> {
  const result = new Set<string>([goalId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const goal of goals) {
      if (goal.parentId !== null && result.has(goal.parentId) && !result.has(goal.id)) {
        result.add(goal.id);
        grew = true;
      }
    }
  }
  return result;
}

/**
 * An evaluation's gate problems in the order its form shows them: those about a goal's result
 * in the goal tree's reading order (where the form lists them), then the others as they came.
 */
export function inResultsOrder<
  P extends { path: readonly (string | number)[]; params: Record<string, string | number> },
>(problems: readonly P[], results: readonly { goalId: string }[], goals: readonly Goal[]): P[] {
  const position = new Map(goalTree(goals).map((entry, i) => [goals[entry.index]?.id, i]));
  const goalOf = (p: P): string | undefined => {
    const [field, index] = p.path;
    if (field === 'results' && typeof index === 'number') return results[index]?.goalId;
    return typeof p.params.goalId === 'string' && field === 'results' ? p.params.goalId : undefined;
  };
  const rank = (p: P) => position.get(goalOf(p)) ?? Number.POSITIVE_INFINITY;
  // Array.prototype.sort is stable: problems of equal rank keep their order.
  return [...problems].sort((a, b) => rank(a) - rank(b));
}
