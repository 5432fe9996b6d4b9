// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { renderHook, act } from '@testing-library/react';
import { publishRunUpdate, useRunUpdate } from '../../src/workspace/run-updates';
import { Driver } from '../support/driver';

describe('runs this tab just changed', () => {
  it('are shown at once, and an older revision never replaces a newer one', () => {
    const context = new Driver().context;
    const { result } = renderHook(() => useRunUpdate('run-x'));
    expect(result.current).toBeUndefined();
    act(() => publishRunUpdate('run-x', { revision: 3, context }));
    expect(result.current?.revision).toBe(3);
    act(() => publishRunUpdate('run-x', { revision: 2, context }));
    expect(result.current?.revision).toBe(3);
  });
});
