// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sameContent } from '../../../src/stages/forms/content-draft';
import { demo, renderForm } from './render-form';

afterEach(cleanup);

const toolCard = (name: string) => screen.getByRole('group', { name: `Tool “${name}”` });
const usageRule = (name: string) =>
  within(toolCard(name)).getByRole('textbox', { name: 'Usage rule' }) as HTMLInputElement;

describe('a controlled stage form', () => {
  it('keeps every edit when the parent has not passed the new value back yet', () => {
    const form = renderForm('resources');

    fireEvent.change(usageRule('CRM'), { target: { value: 'Update by 18:00' } });
    fireEvent.change(usageRule('Analytics dashboard'), { target: { value: 'Every Friday' } });

    const tools = form.lastValue().tools;
    expect(tools[0]?.usageRule).toBe('Update by 18:00');
    expect(tools[2]?.usageRule).toBe('Every Friday');
  });

  it('ignores a late echo of an earlier edit', () => {
    const form = renderForm('resources');
    fireEvent.change(usageRule('CRM'), { target: { value: 'Update' } });
    const first = form.lastValue();
    fireEvent.change(usageRule('CRM'), { target: { value: 'Update by 18:00' } });

    form.update({ value: structuredClone(first) });

    expect(usageRule('CRM').value).toBe('Update by 18:00');
  });

  it('adopts content that changed elsewhere', () => {
    const form = renderForm('resources');
    fireEvent.change(usageRule('CRM'), { target: { value: 'Typed here' } });
    const reloaded = demo().resources;
    const crm = reloaded.tools[0];
    if (crm === undefined) throw new Error('demo has no tools');
    crm.usageRule = 'Changed by someone else';

    form.update({ value: reloaded });

    expect(usageRule('CRM').value).toBe('Changed by someone else');
  });

  it('reports content with exactly the schema keys', () => {
    const form = renderForm('resources');

    fireEvent.change(usageRule('CRM'), { target: { value: 'x' } });

    expect(Object.keys(form.lastValue())).toEqual(['owners', 'budget', 'tools']);
    expect(Object.keys(form.lastValue().tools[0] ?? {}).sort()).toEqual([
      'id',
      'kind',
      'name',
      'usageRule',
    ]);
  });
});

describe('sameContent', () => {
  it('compares structure, not identity or key order', () => {
    expect(sameContent({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(
      true,
    );
  });

  it('tells apart values, lengths and missing keys', () => {
    expect(sameContent({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameContent([1, 2], [1])).toBe(false);
    expect(sameContent({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameContent([], {})).toBe(false);
  });
});
