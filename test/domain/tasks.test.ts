import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/content';
import { taskCounts, taskStatusOn, timelineRows } from '../../src/domain/tasks';
import type { Period } from '../../src/domain/time';

/** 2024 Q3: 1 July to 30 September, 92 days. */
const Q3: Period = { start: '2024-07-01', end: '2024-09-30' };

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 't-materials',
    name: 'Trade-show materials',
    ownerId: 'p-mkt',
    department: 'marketing',
    start: '2024-07-01',
    end: '2024-07-10',
    dependsOn: [],
    status: 'todo',
    ...overrides,
  };
}

describe('taskStatusOn', () => {
  it('is late the day after the end date when the task is not done', () => {
    expect(taskStatusOn(task(), {}, '2024-07-11')).toBe('late');
  });

  it('is not late on the end date itself', () => {
    expect(taskStatusOn(task(), {}, '2024-07-10')).toBe('todo');
  });

  it('turns an in-progress task late after its end date', () => {
    expect(taskStatusOn(task({ status: 'inProgress' }), {}, '2024-08-01')).toBe('late');
  });

  it('never makes a done task late', () => {
    expect(taskStatusOn(task({ status: 'done' }), {}, '2024-09-30')).toBe('done');
  });

  it('takes the recorded progress over the planned status', () => {
    const progress = { 't-materials': { status: 'done' as const } };
    expect(taskStatusOn(task(), progress, '2024-08-01')).toBe('done');
  });

  it('never makes a task without an end date late', () => {
    expect(taskStatusOn(task({ end: null }), {}, '2025-01-01')).toBe('todo');
  });
});

describe('taskCounts', () => {
  it('counts every task in exactly one state on the given day', () => {
    const tasks = [
      task({ id: 'a' }),
      task({ id: 'b', status: 'inProgress', end: '2024-09-30' }),
      task({ id: 'c', end: '2024-09-30' }),
      task({ id: 'd' }),
    ];
    const progress = { d: { status: 'done' as const } };

    const counts = taskCounts(tasks, progress, '2024-07-20');

    expect(counts).toEqual({ total: 4, todo: 1, inProgress: 1, done: 1, late: 1 });
  });

  it('is all zeros for no tasks', () => {
    expect(taskCounts([], {}, '2024-07-20')).toEqual({
      total: 0,
      todo: 0,
      inProgress: 0,
      done: 0,
      late: 0,
    });
  });
});

describe('timelineRows', () => {
  it('measures a bar in days from the period start, the end day included', () => {
    const { days, rows } = timelineRows([task()], {}, Q3, '2024-07-05');

    expect(days).toBe(92);
    expect(rows[0]).toMatchObject({ from: 0, to: 10, openStart: false, clipped: false });
  });

  it('gives a task on the last day of the period a bar that ends at the period end', () => {
    const { rows } = timelineRows(
      [task({ start: '2024-09-30', end: '2024-09-30' })],
      {},
      Q3,
      '2024-07-05',
    );

    expect(rows[0]).toMatchObject({ from: 91, to: 92, clipped: false });
  });

  it('cuts a task that runs past either edge of the period and says so', () => {
    const { rows } = timelineRows(
      [task({ start: '2024-06-20', end: '2024-10-15' })],
      {},
      Q3,
      '2024-07-05',
    );

    expect(rows[0]).toMatchObject({ from: 0, to: 92, clipped: true });
  });

  it('runs a task without a start from the period start, and without an end to the period end', () => {
    const { rows } = timelineRows(
      [task({ id: 'a', start: null }), task({ id: 'b', start: '2024-09-01', end: null })],
      {},
      Q3,
      '2024-07-05',
    );

    expect(rows[0]).toMatchObject({ from: 0, to: 10, openStart: true, openEnd: false });
    expect(rows[1]).toMatchObject({ from: 62, to: 92, openStart: false, openEnd: true });
  });

  it('has no bar for a task without dates', () => {
    const { rows } = timelineRows([task({ start: null, end: null })], {}, Q3, '2024-07-05');

    expect(rows[0]).toMatchObject({ from: null, to: null });
  });

  it('shows a task ending before it starts as one day at its end', () => {
    const { rows } = timelineRows(
      [task({ start: '2024-07-20', end: '2024-07-10' })],
      {},
      Q3,
      '2024-07-05',
    );

    expect(rows[0]).toMatchObject({ from: 9, to: 10 });
  });

  it('marks a late task and puts today in the middle of its day', () => {
    const timeline = timelineRows([task()], {}, Q3, '2024-07-11');

    expect(timeline.rows[0]?.state).toBe('late');
    expect(timeline.today).toBe(10.5);
  });

  it('has no today line outside the period', () => {
    expect(timelineRows([task()], {}, Q3, '2024-10-01').today).toBeNull();
    expect(timelineRows([task()], {}, Q3, '2024-06-30').today).toBeNull();
  });

  it('turns dependencies into row index pairs, dropping unknown ids and self-references', () => {
    const tasks = [
      task({ id: 'materials' }),
      task({ id: 'live', dependsOn: ['materials', 'gone', 'live'] }),
      task({ id: 'show', dependsOn: ['materials', 'live', 'materials'] }),
    ];

    const { dependencies } = timelineRows(tasks, {}, Q3, '2024-07-05');

    expect(dependencies).toEqual([
      { from: 0, to: 1 },
      { from: 0, to: 2 },
      { from: 1, to: 2 },
    ]);
  });
});
