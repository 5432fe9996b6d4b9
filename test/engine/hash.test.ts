import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '../../src/engine/hash';

/** The same value with every object's keys in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reordered((value as Record<string, unknown>)[k])]),
  );
}

describe('sameJson', () => {
  it('agrees with comparing canonical JSON, for any two JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 500 },
    );
  });

  it('finds a value equal to itself with its keys in another order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (a) => {
        expect(sameJson(a, reordered(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('treats keys holding undefined as absent, as JSON does', () => {
    expect(sameJson({ a: 1, output: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, error: undefined })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: null })).toBe(false);
  });

  it('tells a list from an object with the same entries, and a changed item anywhere', () => {
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ s: [{ x: 'a' }] }, { s: [{ x: 'b' }] })).toBe(false);
    expect(sameJson({ s: [1, 2] }, { s: [1, 2, 3] })).toBe(false);
  });
});
