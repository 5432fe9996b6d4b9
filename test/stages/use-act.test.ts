import { describe, it, expect } from 'vitest';
import { isQuotaError } from '../../src/stages/use-act';

describe('recognising a full disk', () => {
  it('finds a QuotaExceededError however deeply Dexie wraps it', () => {
    const inner = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    expect(isQuotaError(inner)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
