// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ResearchContentSchema, StrategyContentSchema } from '../../../src/domain/content';
import { translateProblem } from '../../../src/i18n';
import { fieldId } from '../../../src/stages/forms/types';
import { demo, descriptionOf, isInvalid, problemsOf, renderForm } from './render-form';

afterEach(cleanup);

describe('StrategyForm', () => {
  it('links an item to a goal and shows the problem when it serves none', () => {
    const value = demo().strategy;
    const price = value.price[0];
    if (price === undefined) throw new Error('demo has no price item');
    price.goalIds = [];
    const problems = problemsOf('strategy', value);
    const form = renderForm('strategy', { value, problems });
    const links = document.getElementById(fieldId(['price', 0, 'goalIds']));
    if (links === null) throw new Error('no goal links for the price item');
    expect(isInvalid(links)).toBe(true);
    expect(descriptionOf(links)).toContain('serves no goal');

    fireEvent.click(within(links).getByRole('checkbox', { name: '500 new customers' }));

    expect(form.lastValue().price[0]?.goalIds).toEqual(['g-new-customers']);
  });

  it('lists the goals an item serves, and only those, when the stage is read only', () => {
    const value = demo().strategy;
    const price = value.price[0];
    if (price === undefined) throw new Error('demo has no price item');
    price.goalIds = ['g-new-customers'];
    renderForm('strategy', { value, readOnly: true });
    const links = document.getElementById(fieldId(['price', 0, 'goalIds']));
    if (links === null) throw new Error('no goal links for the price item');
    expect(within(links).queryByRole('checkbox')).toBeNull();
    expect(
      within(links)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['500 new customers']);
  });

  it('says when a read-only item serves no goal, and names a goal that no longer exists', () => {
    const value = demo().strategy;
    const [price] = value.price;
    const [product] = value.product;
    if (price === undefined || product === undefined) throw new Error('demo has no price item');
    price.goalIds = [];
    product.goalIds = ['g-gone'];
    renderForm('strategy', { value, readOnly: true });
    const none = document.getElementById(fieldId(['price', 0, 'goalIds']));
    const gone = document.getElementById(fieldId(['product', 0, 'goalIds']));
    if (none === null || gone === null) throw new Error('no goal links for the items');
    expect(within(none).getByText('None chosen')).toBeTruthy();
    expect(
      within(gone)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('g-gone')]);
  });

  it('adds and removes an item in each P, keeping the content valid', () => {
    const form = renderForm('strategy', { stateful: true });

    fireEvent.click(screen.getByRole('button', { name: 'Add campaign' }));
    expect(form.lastValue().promotion.at(-1)).toMatchObject({
      title: 'New campaign',
      budgetFen: null,
      conversionTargetPct: null,
      goalIds: [],
    });
    expect(StrategyContentSchema.safeParse(form.lastValue()).success).toBe(true);

    fireEvent.click(
      screen.getByRole('button', { name: 'Remove “New campaign” from Promotion strategy' }),
    );
    expect(form.lastValue()).toEqual(demo().strategy);
  });

  it('enters a promotion budget in yuan and a conversion target in percent', () => {
    const form = renderForm('strategy');
    const live = screen.getByRole('group', { name: 'Promotion strategy: “3 live streams”' });

    fireEvent.change(within(live).getByRole('textbox', { name: 'Budget (¥)' }), {
      target: { value: '250000' },
    });
    expect(form.lastValue().promotion[0]?.budgetFen).toBe(25_000_000);

    fireEvent.change(within(live).getByRole('textbox', { name: 'Lead conversion target (%)' }), {
      target: { value: '' },
    });
    expect(form.lastValue().promotion[0]?.conversionTargetPct).toBeNull();
  });

  it('shows a problem about a whole P at its section', () => {
    const value = demo().strategy;
    value.channel = [];
    const problems = problemsOf('strategy', value);
    const missing = problems.find((p) => p.code === 'strategy.missingP');
    if (missing === undefined) throw new Error('expected strategy.missingP');

    renderForm('strategy', { value, problems });

    const section = document.getElementById(fieldId(['channel']));
    expect(section?.textContent).toContain(translateProblem('en', missing));
    expect(section?.getAttribute('tabindex')).toBe('-1');
  });
});

describe('ResearchForm', () => {
  it('adds a source to a market need', () => {
    const form = renderForm('research');
    const need = screen.getByRole('group', { name: /^Market need “Online first-time buyers/ });

    fireEvent.click(within(need).getByRole('button', { name: 'Add source' }));

    expect(form.lastValue().marketNeeds[1]?.sources.at(-1)).toEqual({
      kind: 'industryReport',
      title: 'New source',
    });
    expect(ResearchContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('stores market share as the percent typed', () => {
    const form = renderForm('research');
    const rival = screen.getByRole('group', { name: 'Competitor “Rival Beta”' });

    fireEvent.change(within(rival).getByRole('textbox', { name: 'Market share (%)' }), {
      target: { value: '17.5' },
    });

    expect(form.lastValue().competitors[1]?.marketSharePct).toBe(17.5);
  });

  it('shows an empty own-resources field as a problem at that field', () => {
    const value = demo().research;
    value.ownResources.teamCapability = '';
    const problems = problemsOf('research', value);

    renderForm('research', { value, problems });

    const field = screen.getByRole('textbox', { name: 'Team capability' });
    expect(isInvalid(field)).toBe(true);
    expect(descriptionOf(field)).toContain('“Team capability” is still empty');
  });

  it('shows a duplicate id on the card of the repeated item', () => {
    const value = demo().research;
    const first = value.competitors[0];
    if (first === undefined) throw new Error('demo has no competitor');
    value.competitors = [first, { ...first, name: 'Copy of Alpha' }];
    const problems = problemsOf('research', value);

    renderForm('research', { value, problems });

    const copy = screen.getByRole('group', { name: 'Competitor “Copy of Alpha”' });
    expect(descriptionOf(copy)).toContain('Two entries share the id “c-alpha”');
  });
});
