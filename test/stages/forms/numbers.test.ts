// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { formatNumeric, parseNumeric } from '../../../src/stages/forms/numbers';

describe('parseNumeric', () => {
  it.each([
    ['money', '1500000', 150_000_000],
    ['money', '¥1,500,000.5', 150_000_050],
    ['money', '0.01', 1],
    ['money', '.5', 50],
    ['basisPoints', '40', 4000],
    ['basisPoints', '12.25%', 1225],
    ['percent', '17.5', 17.5],
    ['fraction', '95', 0.95],
    ['fraction', '57', 0.57],
    ['number', '1 000', 1000],
  ] as const)('reads %s "%s" as %s', (kind, text, value) => {
    expect(parseNumeric(kind, text)).toEqual({ ok: true, value });
  });

  it('reads an empty field as empty', () => {
    expect(parseNumeric('money', '  ')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['money', '1.234', 'money'],
    ['money', '-5200000', 'negative'],
    ['number', '-10', 'negative'],
    ['percent', '−5', 'negative'],
    ['money', '-5x', 'money'],
    ['number', '12abc', 'number'],
    ['basisPoints', '12.345', 'percent'],
    ['basisPoints', '120', 'range'],
    ['percent', '101', 'range'],
    ['money', '200000000000', 'range'],
  ] as const)('refuses %s "%s" (%s)', (kind, text, error) => {
    expect(parseNumeric(kind, text)).toEqual({ ok: false, error });
  });
});

describe('formatNumeric', () => {
  it.each([
    ['money', 150_000_000, '1500000'],
    ['money', 123_450, '1234.50'],
    ['basisPoints', 1250, '12.5'],
    ['fraction', 0.95, '95'],
    ['fraction', 0.57, '57'],
    ['percent', 22, '22'],
  ] as const)('shows %s %s as "%s"', (kind, value, text) => {
    expect(formatNumeric(kind, value)).toBe(text);
  });

  it('shows null as an empty field', () => {
    expect(formatNumeric('number', null)).toBe('');
  });

  it('shows an amount finer than a fen as it is, so it can be corrected', () => {
    expect(formatNumeric('money', 150_000_000.5)).toBe('1500000.005');
  });
});
