// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { renderHook, act } from '@testing-library/react';
import {
  publishRunUpdate,
  updateOnto,
  useRunUpdates,
  type RunUpdate,
} from '../../src/workspace/run-updates';
import { Driver } from '../support/driver';

const context = new Driver().context;
const write = (revision: number, prevHash: string, headHash: string): RunUpdate => ({
  revision,
  prevHash,
  headHash,
  context,
});

describe('runs this tab just changed', () => {
  it('are shown at once, each write once', () => {
    const { result } = renderHook(() => useRunUpdates('run-x'));
    expect(result.current).toBeUndefined();
    act(() => publishRunUpdate('run-x', write(3, 'h2', 'h3')));
    expect(result.current?.map((u) => u.revision)).toEqual([3]);
    act(() => publishRunUpdate('run-x', write(3, 'h2', 'h3')));
    expect(result.current?.map((u) => u.revision)).toEqual([3]);
  });

  it('count only when they carry on the stored chain, as far as it goes', () => {
    const updates = [write(3, 'h2', 'h3'), write(4, 'h3', 'h4')];
    expect(updateOnto(updates, { headHash: 'h2' })?.revision).toBe(4);
    expect(updateOnto(updates, { headHash: 'h3' })?.revision).toBe(4);
    // The live query caught up: nothing newer to show.
    expect(updateOnto(updates, { headHash: 'h4' })).toBeUndefined();
    // Another tab wrote revision 3 first: this tab's writes do not link to its head.
    expect(updateOnto(updates, { headHash: 'other-3' })).toBeUndefined();
  });

  it('are ignored for a run replaced under the same id, even at a lower revision', () => {
    // This tab took the old run to revision 5; the workspace was reset and the run is back at 0.
    const updates = [write(5, 'old-4', 'old-5')];
    expect(updateOnto(updates, { headHash: 'new-0' })).toBeUndefined();
  });
});
