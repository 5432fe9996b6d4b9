// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MonitoringContentSchema } from '../../../src/domain/content';
import { demo, problemsOf, renderForm } from './render-form';

afterEach(cleanup);

const kpiCard = (name: string) => screen.getByRole('group', { name: `KPI “${name}”` });

describe('MonitoringForm', () => {
  it('adds a KPI for each goal without one, from the goal', () => {
    // The KPIs of the overall goals and East China; the other sub-goals have none yet.
    const kpis = demo().monitoring.kpis.slice(0, 6);
    const form = renderForm('monitoring', { value: { kpis } });

    fireEvent.click(screen.getByRole('button', { name: 'Add a KPI for each goal without one' }));

    const { goals } = demo().goals;
    const added = form.lastValue().kpis.slice(kpis.length);
    expect(added.map((kpi) => kpi.goalId)).toEqual([
      'g-north',
      'g-east-a',
      'g-contracts',
      'g-east-existing',
    ]);
    const north = goals.find((g) => g.id === 'g-north');
    expect(added[0]).toMatchObject({
      name: north?.title,
      target: north?.target,
      unit: 'CNY',
      direction: 'higher',
      measure: 'cumulative',
      thresholds: { green: 0.95, amber: 0.8 },
    });
    expect(added[1]).toMatchObject({ unit: '%', measure: 'level', target: 25 });
    expect(MonitoringContentSchema.safeParse(form.lastValue()).success).toBe(true);
    expect(problemsOf('monitoring', form.lastValue())).toEqual([]);
  });

  it('disables that button once every goal has a KPI', () => {
    renderForm('monitoring', { stateful: true });
    const button = screen.getByRole('button', { name: 'Add a KPI for each goal without one' });

    fireEvent.click(button);

    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds a KPI with the default thresholds, cadence, measure and source', () => {
    const form = renderForm('monitoring');

    fireEvent.click(screen.getByRole('button', { name: 'Add KPI' }));

    expect(form.lastValue().kpis.at(-1)).toMatchObject({
      name: 'New KPI',
      goalId: null,
      thresholds: { green: 0.95, amber: 0.8 },
      measure: 'cumulative',
      cadence: 'weekly',
      source: 'crm',
    });
    expect(MonitoringContentSchema.safeParse(form.lastValue()).success).toBe(true);
  });

  it('shows thresholds in percent and stores them as fractions', () => {
    const form = renderForm('monitoring');
    const green = within(kpiCard('East China sales')).getByRole('textbox', {
      name: 'On track from (%)',
    });
    expect((green as HTMLInputElement).value).toBe('90');

    fireEvent.change(green, { target: { value: '97.5' } });

    expect(form.lastValue().kpis[2]?.thresholds).toEqual({ green: 0.975, amber: 0.75 });
  });

  it('enters a money KPI target in yuan', () => {
    const form = renderForm('monitoring');
    const target = within(kpiCard('Sales attainment')).getByRole('textbox', {
      name: 'Target (¥)',
    });

    fireEvent.change(target, { target: { value: '14000000' } });

    expect(form.lastValue().kpis[0]?.target).toBe(1_400_000_000);
  });
});
