// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { GoalsContentSchema, type Goal } from '../../../src/domain/content';
import { fieldId } from '../../../src/stages/forms/types';
import { demo, descriptionOf, isInvalid, problemsOf, readField, renderForm } from './render-form';

afterEach(cleanup);

function goalById(goals: readonly Goal[], id: string): Goal {
  const goal = goals.find((g) => g.id === id);
  if (goal === undefined) throw new Error(`no goal ${id}`);
  return goal;
}

const demoGoals = () => demo().goals.goals;

function goalCard(id: string): HTMLElement {
  const goal = goalById(demoGoals(), id);
  return screen.getByRole('group', { name: `Goal “${goal.title}”` });
}

describe('GoalsForm', () => {
  it('reads approved goals as text: money with its symbol, dates written out, empty fields said to be empty', () => {
    const value = demo().goals;
    value.goals = value.goals.map((g) => (g.id === 'g-contracts' ? { ...g, rationale: '' } : g));
    renderForm('goals', { value, readOnly: true });
    const card = goalCard('g-contracts');
    const read = (label: string) => readField(card, label).textContent;

    expect(read('Target')).toBe('¥1,500,000');
    expect(read('Deadline')).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(read('Why it is achievable')).toBe('Not filled in');
    // Said once: the title is the card's heading, the unit is in the figures.
    expect(within(card).queryByText('Goal', { selector: '.read-label' })).toBeNull();
    expect(within(card).queryByText('Unit', { selector: '.read-label' })).toBeNull();
    // Whether sub-goals add up only means something for a goal that has them.
    expect(within(card).queryByText('Sub-goals add up to this target')).toBeNull();
    expect(readField(goalCard('g-sales'), 'Sub-goals add up to this target').textContent).toBe(
      'Yes',
    );
  });

  it('stores a money target typed in yuan as fen', () => {
    const form = renderForm('goals');
    const target = within(goalCard('g-sales')).getByRole('textbox', { name: 'Target (¥)' });

    fireEvent.change(target, { target: { value: '1500000' } });

    expect(goalById(form.lastValue().goals, 'g-sales').target).toBe(150_000_000);
  });

  it('shows a money target in yuan, with the formatted amount as its hint', () => {
    renderForm('goals');
    const target = within(goalCard('g-contracts')).getByRole('textbox', { name: 'Target (¥)' });

    expect((target as HTMLInputElement).value).toBe('1500000');
    expect(descriptionOf(target)).toBe('¥1,500,000.00');
  });

  it('keeps fen exact for amounts with decimals and reports the whole content', () => {
    const form = renderForm('goals');
    const target = within(goalCard('g-sales')).getByRole('textbox', { name: 'Target (¥)' });

    fireEvent.change(target, { target: { value: '1,234,567.89' } });

    const value = form.lastValue();
    expect(goalById(value.goals, 'g-sales').target).toBe(123_456_789);
    expect(value.goals).toHaveLength(demoGoals().length);
    expect(GoalsContentSchema.safeParse(value).success).toBe(true);
  });

  it('maps an emptied nullable target to null', () => {
    const form = renderForm('goals');
    const target = within(goalCard('g-sales')).getByRole('textbox', { name: 'Target (¥)' });

    fireEvent.change(target, { target: { value: '' } });

    expect(goalById(form.lastValue().goals, 'g-sales').target).toBeNull();
  });

  it('refuses an amount finer than a fen and says why, without reporting it', () => {
    const form = renderForm('goals');
    const target = within(goalCard('g-sales')).getByRole('textbox', { name: 'Target (¥)' });

    fireEvent.change(target, { target: { value: '12.345' } });

    expect(form.onChange).not.toHaveBeenCalled();
    expect(isInvalid(target)).toBe(true);
    expect(descriptionOf(target)).toMatch(/at most two decimals/);
  });

  it('keeps a non-money target as the number typed', () => {
    const form = renderForm('goals');
    const target = within(goalCard('g-new-customers')).getByRole('textbox', { name: 'Target' });

    fireEvent.change(target, { target: { value: '650' } });

    expect(goalById(form.lastValue().goals, 'g-new-customers').target).toBe(650);
  });

  it('gives every input the id of its content path', () => {
    renderForm('goals');
    const index = demoGoals().findIndex((g) => g.id === 'g-contracts');

    const input = document.getElementById(fieldId(['goals', index, 'target']));
    const card = document.getElementById(fieldId(['goals', index]));

    expect(input).toBe(
      within(goalCard('g-contracts')).getByRole('textbox', { name: 'Target (¥)' }),
    );
    expect(card).toBe(goalCard('g-contracts'));
    expect(card?.getAttribute('tabindex')).toBe('-1');
  });

  it('adds an overall goal with SMART defaults and keeps the content valid', () => {
    const form = renderForm('goals');

    fireEvent.click(screen.getByRole('button', { name: 'Add overall goal' }));

    const goals = form.lastValue().goals;
    expect(goals).toHaveLength(demoGoals().length + 1);
    expect(goals.at(-1)).toMatchObject({
      title: 'New goal',
      direction: 'higher',
      additive: true,
      unit: '',
      target: null,
      deadline: '2024-09-30',
      parentId: null,
    });
    expect(goals.at(-1)?.id).toMatch(/^g-/);
    expect(GoalsContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('adds a sub-goal under a goal, taking its metric and unit', () => {
    const form = renderForm('goals');

    fireEvent.click(
      within(goalCard('g-east')).getByRole('button', { name: /^Add a sub-goal under/ }),
    );

    const added = form.lastValue().goals.at(-1);
    expect(added).toMatchObject({ parentId: 'g-east', unit: 'CNY', title: 'New sub-goal' });
  });

  it('removes a goal with sub-goals once asked, moving its sub-goals up to its parent', () => {
    const form = renderForm('goals', { stateful: true });
    const east = goalById(demoGoals(), 'g-east');
    const removeEast = () =>
      fireEvent.click(screen.getByRole('button', { name: `Remove goal “${east.title}”` }));

    // It says what happens to the sub-goals, and nothing changes until that is confirmed.
    removeEast();
    const ask = screen.getByRole('alertdialog', { name: `Remove goal “${east.title}”` });
    expect(ask.textContent).toMatch(/sub-goals? moves? up to the goal above it/);
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(form.onChange).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    removeEast();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));

    const goals = form.lastValue().goals;
    expect(goals.map((g) => g.id)).not.toContain('g-east');
    expect(goalById(goals, 'g-contracts').parentId).toBe('g-sales');
    expect(GoalsContentSchema.safeParse(form.lastValue()).success).toBe(true);
    expect(screen.queryByRole('group', { name: `Goal “${east.title}”` })).toBeNull();
  });

  it('adds then removes a goal, ending where it started', () => {
    const form = renderForm('goals', { stateful: true });

    fireEvent.click(screen.getByRole('button', { name: 'Add overall goal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove goal “New goal”' }));

    expect(form.lastValue()).toEqual(demo().goals);
  });

  it('shows sub-goals indented under their parent, in tree order', () => {
    renderForm('goals');
    const titles = screen
      .getAllByRole('group')
      .filter((el) => el.getAttribute('aria-label')?.startsWith('Goal '))
      .map((el) => el.getAttribute('aria-label'));
    const position = (id: string) => titles.indexOf(`Goal “${goalById(demoGoals(), id).title}”`);

    expect(position('g-east')).toBe(position('g-sales') + 1);
    expect(position('g-east-a')).toBe(position('g-east') + 1);
    expect(position('g-online-share')).toBe(position('g-new-customers') + 1);
    expect(goalCard('g-east-a').style.marginLeft).toBe('40px');
  });

  it('offers only goals outside its own subtree as a parent', () => {
    renderForm('goals');
    const parent = within(goalCard('g-east')).getByRole('combobox', { name: 'Serves the goal' });
    const options = within(parent)
      .getAllByRole('option')
      .map((o) => o.textContent);

    expect(options).toContain(goalById(demoGoals(), 'g-sales').title);
    expect(options).not.toContain(goalById(demoGoals(), 'g-east').title);
    expect(options).not.toContain(goalById(demoGoals(), 'g-contracts').title);
  });

  it('clears the split dimension when a sub-goal becomes an overall goal', () => {
    const form = renderForm('goals');
    const parent = within(goalCard('g-north')).getByRole('combobox', { name: 'Serves the goal' });

    fireEvent.change(parent, { target: { value: '' } });

    expect(goalById(form.lastValue().goals, 'g-north')).toMatchObject({
      parentId: null,
      dimension: null,
      dimensionValue: '',
    });
  });

  it('shows a gate problem at the field it points at', () => {
    const value = demo().goals;
    const sales = goalById(value.goals, 'g-sales');
    sales.deadline = '2025-01-01';
    const problems = problemsOf('goals', value);

    renderForm('goals', { value, problems });

    const deadline = within(goalCard('g-sales')).getByLabelText('Deadline');
    expect(isInvalid(deadline)).toBe(true);
    expect(descriptionOf(deadline)).toMatch(/outside the period Jul 1, 2024 – Sep 30, 2024/);
  });
});
