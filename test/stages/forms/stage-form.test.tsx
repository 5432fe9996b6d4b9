// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { STAGE_CONTENT_SCHEMAS } from '../../../src/domain/content';
import { STAGE_IDS, type StageId } from '../../../src/domain/stages';
import { demo, renderForm } from './render-form';

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  consoleError.mockRestore();
});

/** A Chinese label each form shows, and the English one in the same place. */
const LABELS: Record<StageId, { en: string; zh: string }> = {
  research: { en: 'Add market need', zh: '添加市场需求' },
  goals: { en: 'Add overall goal', zh: '添加总体目标' },
  strategy: { en: 'Add price plan', zh: '添加价格策略' },
  resources: { en: 'Split by shares', zh: '按占比分配金额' },
  execution: { en: 'Add task', zh: '添加任务' },
  monitoring: { en: 'Add a KPI for each goal without one', zh: '为尚无 KPI 的目标各添加一个' },
  evaluation: { en: 'Add attribution', zh: '添加归因' },
};

const STAGE_NAMES_ZH: Record<StageId, string> = {
  research: '前期调研',
  goals: '目标设定',
  strategy: '策略制定',
  resources: '资源分配',
  execution: '执行落地',
  monitoring: '过程监控',
  evaluation: '效果评估',
};

describe.each(STAGE_IDS)('the %s form', (stage) => {
  it('renders the demo content without errors or warnings', () => {
    const form = renderForm(stage);

    expect(screen.getByRole('form')).toBeTruthy();
    expect(screen.getByRole('button', { name: LABELS[stage].en })).toBeTruthy();
    expect(consoleError).not.toHaveBeenCalled();
    expect(form.onChange).not.toHaveBeenCalled();
  });

  it('speaks Chinese with the zh-CN locale', () => {
    renderForm(stage, { locale: 'zh-CN' });

    expect(screen.getByRole('form', { name: STAGE_NAMES_ZH[stage] })).toBeTruthy();
    expect(screen.getByRole('button', { name: LABELS[stage].zh })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^删除/ }).length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('gives every input a label and an id', () => {
    renderForm(stage);
    const inputs = screen
      .getByRole('form')
      .querySelectorAll<HTMLElement>('input, select, textarea');

    const unlabelled = Array.from(inputs).filter(
      (input) =>
        !input.id ||
        (input as HTMLInputElement).labels === null ||
        (input as HTMLInputElement).labels?.length === 0,
    );

    expect(inputs.length).toBeGreaterThan(0);
    expect(unlabelled.map((input) => input.outerHTML)).toEqual([]);
  });

  it('renders read-only as text: no form controls, no add or remove buttons, each label with its value', () => {
    const form = renderForm(stage, { readOnly: true });

    expect(screen.queryAllByRole('button')).toEqual([]);
    const shown = screen.getByRole('form');
    expect(shown.querySelectorAll('input, select, textarea')).toHaveLength(0);
    const labels = Array.from(shown.querySelectorAll('.read-label'));
    expect(labels.length).toBeGreaterThan(0);
    // Every label is followed by its value; a submitted field's value keeps the field's id, for
    // problems to focus.
    const values = labels.map((label) => label.nextElementSibling);
    expect(values.filter((value) => !value?.classList.contains('read-value'))).toEqual([]);
    expect(values.filter((value) => !value?.textContent?.trim())).toEqual([]);
    expect(shown.querySelectorAll('.read-value[id]').length).toBeGreaterThan(0);
    // One heading per item card, for moving from item to item.
    expect(shown.querySelectorAll('.item-card').length).toBe(
      shown.querySelectorAll('.item-card-title').length,
    );
    expect(form.onChange).not.toHaveBeenCalled();
  });

  it('starts from demo content that fits the stage schema', () => {
    expect(STAGE_CONTENT_SCHEMAS[stage].safeParse(demo()[stage]).success).toBe(true);
  });
});
