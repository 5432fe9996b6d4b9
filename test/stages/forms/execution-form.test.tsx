// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExecutionContentSchema } from '../../../src/domain/content';
import { demo, isInvalid, problemsOf, renderForm } from './render-form';

afterEach(cleanup);

const taskCard = (name: string) => screen.getByRole('group', { name: `Task “${name}”` });

describe('ExecutionForm', () => {
  it('adds a task with the default department and status, keeping the content valid', () => {
    const form = renderForm('execution');

    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));

    const tasks = form.lastValue().tasks;
    expect(tasks).toHaveLength(demo().execution.tasks.length + 1);
    expect(tasks.at(-1)).toMatchObject({
      name: 'New task',
      ownerId: null,
      department: 'sales',
      status: 'todo',
      start: null,
      end: null,
      dependsOn: [],
    });
    expect(ExecutionContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('removes a task and the dependencies on it', () => {
    const form = renderForm('execution');
    const materials = demo().execution.tasks[0]?.name ?? '';

    fireEvent.click(screen.getByRole('button', { name: `Remove task “${materials}”` }));

    const tasks = form.lastValue().tasks;
    expect(tasks.map((t) => t.id)).not.toContain('t-materials');
    expect(tasks.find((t) => t.id === 't-live')?.dependsOn).toEqual([]);
    expect(ExecutionContentSchema.safeParse(form.lastValue()).success).toBe(true);
    expect(problemsOf('execution', form.lastValue())).toEqual([]);
  });

  it('adds and removes a task, ending where it started', () => {
    const form = renderForm('execution', { stateful: true });

    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove task “New task”' }));

    expect(form.lastValue()).toEqual(demo().execution);
  });

  it('maps an emptied end date to null and flags it at the gate', () => {
    const form = renderForm('execution', { stateful: true });
    const end = within(taskCard('3 live streams')).getByLabelText('End');

    fireEvent.change(end, { target: { value: '' } });

    const value = form.lastValue();
    expect(value.tasks.find((t) => t.id === 't-live')?.end).toBeNull();
    form.update({ value, problems: problemsOf('execution', value), stateful: true });
    expect(isInvalid(within(taskCard('3 live streams')).getByLabelText('End'))).toBe(true);
  });

  it('limits dates to the period', () => {
    renderForm('execution');
    const start = within(taskCard('3 live streams')).getByLabelText('Start');

    expect(start.getAttribute('min')).toBe('2024-07-01');
    expect(start.getAttribute('max')).toBe('2024-09-30');
  });

  it('picks dependencies among the other tasks', () => {
    const form = renderForm('execution');
    const deps = within(taskCard('Industry trade show')).getByRole('group', { name: 'Depends on' });

    fireEvent.click(within(deps).getByRole('checkbox', { name: '3 live streams' }));

    expect(form.lastValue().tasks.find((t) => t.id === 't-tradeshow')?.dependsOn).toEqual([
      't-materials',
      't-live',
    ]);
    expect(within(deps).queryByRole('checkbox', { name: 'Industry trade show' })).toBeNull();
  });

  it('adds a note to a sync meeting with a date inside the period', () => {
    const form = renderForm('execution');

    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));

    const note = form.lastValue().meetings[0]?.notes[0];
    if (note === undefined) throw new Error('no note added');
    expect(note.decisions).toBe('Decisions');
    expect(note.date >= '2024-07-01' && note.date <= '2024-09-30').toBe(true);
    expect(ExecutionContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('ticks the departments that join a meeting', () => {
    const form = renderForm('execution');
    const departments = screen.getByRole('group', { name: 'Departments' });

    fireEvent.click(within(departments).getByRole('checkbox', { name: 'Finance' }));

    expect(form.lastValue().meetings[0]?.departments).toEqual([
      'marketing',
      'sales',
      'product',
      'finance',
    ]);
  });
});
