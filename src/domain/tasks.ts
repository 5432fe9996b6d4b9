import type { Task, TaskStatus } from './content';
import { daysBetween, type IsoDate, type Period } from './time';

/**
 * Task progress while a run operates: where each approved task stands on a given day, how many
 * stand where, and the rows of a Gantt-style timeline. Pure: "today" is always passed in.
 */

/** What a person sees for a task: its stored status, or 'late' (derived, never stored). */
export type TaskState = TaskStatus | 'late';
export const TASK_STATES = ['todo', 'inProgress', 'done', 'late'] as const satisfies TaskState[];

/** Progress overrides recorded while operating (RunContext.taskProgress), by task id. */
export type TaskProgress = Readonly<Record<string, { readonly status: TaskStatus } | undefined>>;

/** The latest recorded status of a task, else the status the approved plan gave it. */
export function recordedStatus(task: Task, progress: TaskProgress): TaskStatus {
  return progress[task.id]?.status ?? task.status;
}

/**
 * Where `task` stands on `today`: 'late' when it is not done and its end date is before today,
 * otherwise its recorded status. A task due today is not late yet; a task without an end date
 * is never late.
 */
export function taskStatusOn(task: Task, progress: TaskProgress, today: IsoDate): TaskState {
  const status = recordedStatus(task, progress);
  if (status !== 'done' && task.end !== null && daysBetween(task.end, today) > 0) return 'late';
  return status;
}

export interface TaskCounts {
  total: number;
  todo: number;
  inProgress: number;
  done: number;
  /** Not done after their end date; these are not also counted as todo or in progress. */
  late: number;
}

/** How many tasks are in each state on `today`. The four states add up to `total`. */
export function taskCounts(
  tasks: readonly Task[],
  progress: TaskProgress,
  today: IsoDate,
): TaskCounts {
  const counts: TaskCounts = { total: tasks.length, todo: 0, inProgress: 0, done: 0, late: 0 };
  for (const task of tasks) counts[taskStatusOn(task, progress, today)] += 1;
  return counts;
}

/** One task as a bar on the timeline, in days from the period start (no pixels). */
export interface TimelineRow {
  task: Task;
  state: TaskState;
  /**
   * Days from the period start to the start of the bar's first day, and to the end of its last
   * day (end dates are inclusive, so a one-day task spans 1). Both clamped to [0, `days`].
   * Null for a task with neither a start nor an end date.
   */
  from: number | null;
  to: number | null;
  /** The task has no start (bar drawn from the period start) or no end (to the period end). */
  openStart: boolean;
  openEnd: boolean;
  /** Part of the task lies outside the period and was cut at its edge. */
  clipped: boolean;
}

export interface TimelineDependency {
  /** Row index of the task that must finish first. */
  from: number;
  /** Row index of the task that waits for it. */
  to: number;
}

export interface Timeline {
  /** Length of the period in whole days (a quarter is 90 to 92). */
  days: number;
  /** The middle of today in days from the period start; null when today is outside the period. */
  today: number | null;
  rows: TimelineRow[];
  dependencies: TimelineDependency[];
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * The rows of a Gantt-style view of `tasks` over `period`, in task order: each bar's start and
 * end in days from the period start, its state on `today`, and dependencies as pairs of row
 * indexes (unknown ids and self-references dropped). A task missing one date runs to the period
 * edge; a task whose end is before its start is shown as a one-day bar at its end.
 */
export function timelineRows(
  tasks: readonly Task[],
  progress: TaskProgress,
  period: Period,
  today: IsoDate,
): Timeline {
  const days = daysBetween(period.start, period.end) + 1;
  const offset = (date: IsoDate) => daysBetween(period.start, date);
  const rows = tasks.map((task): TimelineRow => {
    const state = taskStatusOn(task, progress, today);
    if (task.start === null && task.end === null) {
      return { task, state, from: null, to: null, openStart: true, openEnd: true, clipped: false };
    }
    const endDay = task.end === null ? days - 1 : offset(task.end);
    const startDay = Math.min(task.start === null ? 0 : offset(task.start), endDay);
    const from = clamp(startDay, 0, days);
    const to = clamp(endDay + 1, 0, days);
    return {
      task,
      state,
      from,
      to,
      openStart: task.start === null,
      openEnd: task.end === null,
      clipped: from !== startDay || to !== endDay + 1,
    };
  });
  const index = new Map(tasks.map((task, i) => [task.id, i]));
  const dependencies: TimelineDependency[] = [];
  tasks.forEach((task, to) => {
    for (const id of new Set(task.dependsOn)) {
      const from = index.get(id);
      if (from !== undefined && from !== to) dependencies.push({ from, to });
    }
  });
  const todayDay = offset(today);
  return {
    days,
    today: todayDay >= 0 && todayDay < days ? todayDay + 0.5 : null,
    rows,
    dependencies,
  };
}
