// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EvaluationContentSchema } from '../../../src/domain/content';
import { demo, descriptionOf, readField, renderForm } from './render-form';

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

    expect(within(card).getByText('¥1,500,000')).toBeTruthy();
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

  it('computes each measured goal’s actual from its KPI’s latest check-in, with one onChange', () => {
    const value = demo().evaluation;
    value.results = value.results.map((r) =>
      r.goalId === 'g-contracts' ? { ...r, actual: null } : r,
    );
    value.results = value.results.filter((r) => r.goalId !== 'g-north');

    const form = renderForm('evaluation', {
      value,
      checkIns: [
        { kpiId: 'k-contracts', date: '2024-09-20', value: 175_000_000 },
        // Recorded later, but for an earlier day: not the latest figure.
        { kpiId: 'k-contracts', date: '2024-09-10', value: 160_000_000 },
        { kpiId: 'k-north', date: '2024-09-30', value: 500_000_000 },
        { kpiId: 'k-sales', date: '2024-09-30', value: 1 },
      ],
    });

    expect(form.onChange).toHaveBeenCalledTimes(1);
    const results = form.lastValue().results;
    expect(results.find((r) => r.goalId === 'g-contracts')?.actual).toBe(175_000_000);
    expect(results.find((r) => r.goalId === 'g-north')).toEqual({
      goalId: 'g-north',
      actual: 500_000_000,
      note: '',
    });
    // Computed, not typed: the figure entered before gives way to the KPI's.
    expect(results.find((r) => r.goalId === 'g-sales')?.actual).toBe(1);
    // Goals whose KPI has no check-in keep what was entered by hand.
    expect(results.find((r) => r.goalId === 'g-online-share')?.actual).toBe(42);
    expect(EvaluationContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('changes nothing when every result is already computed, nor when read-only', () => {
    const sales = demo().evaluation.results.find((r) => r.goalId === 'g-sales')?.actual ?? 0;
    const checkIns = [{ kpiId: 'k-sales', date: '2024-09-30', value: sales }];

    const complete = renderForm('evaluation', { checkIns });
    expect(complete.onChange).not.toHaveBeenCalled();
    cleanup();

    const value = demo().evaluation;
    value.results = value.results.map((r) => ({ ...r, actual: null }));
    const readOnly = renderForm('evaluation', { value, readOnly: true, checkIns });
    expect(readOnly.onChange).not.toHaveBeenCalled();
  });

  it('shows a computed actual read-only, with the KPI and check-in it comes from', () => {
    renderForm('evaluation', {
      checkIns: [{ kpiId: 'k-contracts', date: '2024-09-30', value: 180_000_000 }],
    });
    const card = resultCard(contractsTitle());

    const actual = within(card).getByRole('textbox', { name: 'Actual (¥)' }) as HTMLInputElement;
    expect(actual.readOnly).toBe(true);
    expect(actual.value).toBe('¥1,800,000.00');
    expect(descriptionOf(actual)).toBe(
      'Computed from KPI “East China new-customer contract value”, check-in of Sep 30, 2024.',
    );
    expect(within(card).getByText('Computed from a KPI')).toBeTruthy();
    expect(within(card).getByText('120%')).toBeTruthy();
  });

  it('says when a computed actual was measured before its goal’s deadline, and where to report the final figure', () => {
    renderForm('evaluation', {
      checkIns: [{ kpiId: 'k-contracts', date: '2024-08-15', value: 90_000_000 }],
    });
    const card = resultCard(contractsTitle());

    const actual = within(card).getByRole('textbox', { name: 'Actual (¥)' });
    expect(descriptionOf(actual)).toContain(
      'check-in of Aug 15, 2024. That is before the goal’s deadline, Sep 30, 2024: report the figure up to then under Monitoring',
    );
    expect(within(card).getByRole('button', { name: 'Report the final figure' })).toBeTruthy();
  });

  it('marks an actual typed for a goal no KPI measures, or whose KPI has no check-in, as entered by hand', () => {
    const kpis = demo().monitoring.kpis.filter((k) => k.id !== 'k-contracts');
    renderForm('evaluation', { kpis });
    const contracts = resultCard(contractsTitle());
    const north = resultCard('North China sales of ¥5.2M');

    const typed = within(contracts).getByRole('textbox', { name: 'Actual (¥)' });
    expect((typed as HTMLInputElement).readOnly).toBe(false);
    expect(descriptionOf(typed)).toBe('Entered by hand: no KPI measures this goal.');
    expect(within(contracts).getByText('Entered by hand')).toBeTruthy();
    expect(descriptionOf(within(north).getByRole('textbox', { name: 'Actual (¥)' }))).toBe(
      'Entered by hand: KPI “North China sales” has no check-in.',
    );
  });

  it('shows an approved figure other than the KPI’s as entered by hand, next to what the KPI measured', () => {
    renderForm('evaluation', {
      readOnly: true,
      checkIns: [{ kpiId: 'k-contracts', date: '2024-09-30', value: 170_000_000 }],
    });
    const card = resultCard(contractsTitle());

    const actual = readField(card, 'Actual');
    expect(actual.textContent).toBe('¥1,800,000');
    expect(descriptionOf(actual)).toBe(
      'Entered by hand: KPI “East China new-customer contract value” last measured ¥1,700,000.00 on Sep 30, 2024.',
    );
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
