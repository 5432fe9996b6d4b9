// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EvaluationContentSchema } from '../../../src/domain/content';
import { demo, renderForm } from './render-form';

afterEach(cleanup);

function contractsTitle(): string {
  const goal = demo().goals.goals.find((g) => g.id === 'g-contracts');
  if (goal === undefined) throw new Error('no contracts goal');
  return goal.title;
}

const resultCard = (title: string) => screen.getByRole('group', { name: `Result for “${title}”` });

describe('EvaluationForm', () => {
  it('shows 120% attainment for actual ¥1.8M against target ¥1.5M', () => {
    renderForm('evaluation');
    const card = resultCard(contractsTitle());

    expect(within(card).getByText('¥1,500,000.00')).toBeTruthy();
    const actual = within(card).getByRole('textbox', { name: 'Actual (¥)' });
    expect((actual as HTMLInputElement).value).toBe('1800000');
    expect(within(card).getByText('120%')).toBeTruthy();
  });

  it('updates attainment as the actual is typed', () => {
    renderForm('evaluation', { stateful: true });
    const card = resultCard(contractsTitle());

    fireEvent.change(within(card).getByRole('textbox', { name: 'Actual (¥)' }), {
      target: { value: '1200000' },
    });

    expect(within(card).getByText('80%')).toBeTruthy();
  });

  it('prefills missing actuals from the check-ins with one onChange', () => {
    const value = demo().evaluation;
    value.results = value.results.map((r) =>
      r.goalId === 'g-contracts' ? { ...r, actual: null } : r,
    );
    value.results = value.results.filter((r) => r.goalId !== 'g-north');

    const form = renderForm('evaluation', {
      value,
      actuals: { 'g-contracts': 175_000_000, 'g-north': 500_000_000, 'g-sales': 1 },
    });

    expect(form.onChange).toHaveBeenCalledTimes(1);
    const results = form.lastValue().results;
    expect(results.find((r) => r.goalId === 'g-contracts')?.actual).toBe(175_000_000);
    expect(results.find((r) => r.goalId === 'g-north')).toEqual({
      goalId: 'g-north',
      actual: 500_000_000,
      note: '',
    });
    // An actual already entered is kept.
    expect(results.find((r) => r.goalId === 'g-sales')?.actual).toBe(
      demo().evaluation.results[0]?.actual,
    );
    expect(EvaluationContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('does not prefill when nothing is missing, nor when read-only', () => {
    const value = demo().evaluation;
    value.results = value.results.map((r) => ({ ...r, actual: null }));

    const complete = renderForm('evaluation', { actuals: { 'g-sales': 1 } });
    expect(complete.onChange).not.toHaveBeenCalled();
    cleanup();

    const readOnly = renderForm('evaluation', { value, readOnly: true, actuals: { 'g-sales': 1 } });
    expect(readOnly.onChange).not.toHaveBeenCalled();
  });

  it('offers the items of all four Ps for a strategy attribution', () => {
    renderForm('evaluation');
    const entry = screen.getByRole('group', { name: /^Attribution “The 3 live streams/ });
    const select = within(entry).getByRole('combobox', { name: 'Strategy item' });

    const groups = Array.from(select.querySelectorAll('optgroup')).map((g) => g.label);

    expect(groups).toEqual([
      'Product strategy',
      'Price strategy',
      'Channel strategy',
      'Promotion strategy',
    ]);
    expect((select as HTMLSelectElement).value).toBe('pm-live');
  });

  it('drops the strategy item when the cause is no longer the strategy', () => {
    const form = renderForm('evaluation');
    const entry = screen.getByRole('group', { name: /^Attribution “The 3 live streams/ });

    fireEvent.change(within(entry).getByRole('combobox', { name: 'Cause' }), {
      target: { value: 'external' },
    });

    expect(form.lastValue().attribution[0]).toMatchObject({
      kind: 'external',
      strategyItemId: null,
    });
  });

  it('adds and removes a lesson', () => {
    const form = renderForm('evaluation', { stateful: true });

    fireEvent.click(screen.getByRole('button', { name: 'Add lesson' }));
    expect(form.lastValue().lessons.at(-1)?.text).toBe('New lesson');
    expect(EvaluationContentSchema.safeParse(form.lastValue()).success).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove lesson 3' }));
    expect(form.lastValue()).toEqual(demo().evaluation);
  });
});
