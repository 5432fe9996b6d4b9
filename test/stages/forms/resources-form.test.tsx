// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ResourcesContentSchema } from '../../../src/domain/content';
import { translateProblem } from '../../../src/i18n';
import { fieldId } from '../../../src/stages/forms/types';
import { demo, descriptionOf, isInvalid, problemsOf, renderForm } from './render-form';

afterEach(cleanup);

const lineCard = (module: string) => screen.getByRole('group', { name: `Budget line “${module}”` });

describe('ResourcesForm', () => {
  it('shows the running sum of shares and amounts against the total', () => {
    renderForm('resources');

    expect(screen.getByText('Shares: 40% + 30% + 10% + 20% = 100%')).toBeTruthy();
    expect(screen.getByText('Amounts: ¥2,000,000.00 of ¥2,000,000.00')).toBeTruthy();
  });

  it('stores a share typed in percent as basis points', () => {
    const form = renderForm('resources');
    const share = within(lineCard('Promotion')).getByRole('textbox', { name: 'Share (%)' });

    fireEvent.change(share, { target: { value: '35.5' } });

    expect(form.lastValue().budget.lines[0]?.shareBp).toBe(3550);
  });

  it('gives a line field the id of its path', () => {
    renderForm('resources');

    const share = document.getElementById(fieldId(['budget', 'lines', 1, 'shareBp']));

    expect(share).toBe(
      within(lineCard('Channel support')).getByRole('textbox', { name: 'Share (%)' }),
    );
  });

  it('adds a budget line taking what is left, keeps the content valid and asks for its rules', () => {
    const value = demo().resources;
    value.budget.lines = value.budget.lines.slice(0, 3);
    const form = renderForm('resources', { value });

    fireEvent.click(screen.getByRole('button', { name: 'Add budget line' }));

    const lines = form.lastValue().budget.lines;
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ module: 'New module', shareBp: 2000, amountFen: 40_000_000 });
    expect(ResourcesContentSchema.safeParse(form.lastValue()).success).toBe(true);
    // The shares add up; what the new line may be spent on, and who approves it, are still open.
    expect(problemsOf('resources', form.lastValue()).map((p) => p.code)).toEqual([
      'budget.noScope',
      'budget.noApprovalFlow',
    ]);
  });

  it('removes a budget line and keeps the content valid', () => {
    const form = renderForm('resources');

    fireEvent.click(screen.getByRole('button', { name: 'Remove budget line “Training”' }));

    const lines = form.lastValue().budget.lines;
    expect(lines.map((line) => line.module)).toEqual(['Promotion', 'Channel support', 'Other']);
    expect(ResourcesContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('splits the total by shares into the line amounts', () => {
    const value = demo().resources;
    value.budget.totalFen = 100_000_001;
    const form = renderForm('resources', { value });

    fireEvent.click(screen.getByRole('button', { name: 'Split by shares' }));

    expect(form.lastValue().budget.lines.map((line) => line.amountFen)).toEqual([
      40_000_001, 30_000_000, 10_000_000, 20_000_000,
    ]);
    expect(problemsOf('resources', form.lastValue())).toEqual([]);
  });

  it('shows budget problems next to the lines and the amount they concern', () => {
    const value = demo().resources;
    const first = value.budget.lines[0];
    if (first === undefined) throw new Error('demo budget has no lines');
    first.shareBp = 3500;
    const problems = problemsOf('resources', value);
    const shares = problems.find((p) => p.code === 'budget.sharesNot100');
    const amount = problems.find((p) => p.code === 'budget.amountNotMatchingShare');
    if (shares === undefined || amount === undefined) throw new Error('expected problems');

    renderForm('resources', { value, problems });

    const lines = document.getElementById(fieldId(['budget', 'lines']));
    expect(lines?.textContent).toContain(translateProblem('en', shares));
    const amountInput = within(lineCard('Promotion')).getByRole('textbox', { name: 'Amount (¥)' });
    expect(isInvalid(amountInput)).toBe(true);
    expect(descriptionOf(amountInput)).toContain(translateProblem('en', amount));
    expect(screen.getByText('Shares: 35% + 30% + 10% + 20% = 95%')).toBeTruthy();
  });

  it('adds an owner for someone on the team who owns nothing yet', () => {
    const form = renderForm('resources');

    fireEvent.click(screen.getByRole('button', { name: 'Add owner' }));

    const owner = form.lastValue().owners.at(-1);
    expect(owner).toMatchObject({ personId: 'p-lead', targetFen: null, goalIds: [] });
    expect(ResourcesContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('links an owner to a goal with a checkbox', () => {
    const form = renderForm('resources');
    const owner = screen.getByRole('group', { name: /^Owner “Sun Yue/ });

    fireEvent.click(within(owner).getByRole('checkbox', { name: '500 new customers' }));

    expect(form.lastValue().owners[1]?.goalIds).toEqual(['g-north', 'g-new-customers']);
  });
});
