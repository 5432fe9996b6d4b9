import { useState } from 'react';

/**
 * Structural equality for stage content (plain JSON data: objects, arrays, strings, numbers,
 * booleans, null). Key order does not matter, so content that went through a zod parse or
 * storage compares equal to the form's own copy.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameContent(item, b[i]));
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(bRecord, key) &&
        sameContent((a as Record<string, unknown>)[key], bRecord[key]),
    )
  );
}

/** How many emitted values a late echo may still be recognised among. */
const PENDING_LIMIT = 20;

interface DraftState<T> {
  draft: T;
  /** The `value` prop seen on the last render, to notice when the parent sends a new one. */
  prop: T;
  /** Values sent through onChange that the parent has not echoed back yet. */
  pending: readonly T[];
}

/**
 * The content a controlled stage form shows, plus `update`, which applies a change and reports
 * the whole new content through `onChange` at once (every keystroke).
 *
 * The form keeps its own copy so typing never depends on how fast the parent re-renders: a
 * parent that echoes `value` late (debounced, or after a round trip through storage) does not
 * roll back what was typed since. A new `value` is adopted only when it is neither the form's
 * current content nor one it emitted earlier; anything else (a reload, an import, a recycle)
 * replaces the draft.
 *
 * Why not react-hook-form: with `values`, it resets the form whenever the prop changes identity
 * (every echo of our own onChange), which re-fires `watch` subscribers and loses keystrokes with
 * a lagging parent; and every form here needs the whole content on each render anyway (goal
 * trees, budget sums, pickers over other items), so field-level subscriptions save nothing.
 *
 * WARNING: `update` derives the next content from this render's draft. Call it once per event.
 */
export function useContentDraft<T>(
  value: T,
  onChange: (next: T) => void,
): [T, (recipe: (current: T) => T) => void] {
  const [state, setState] = useState<DraftState<T>>(() => ({
    draft: value,
    prop: value,
    pending: [],
  }));
  let current = state;
  if (value !== state.prop) {
    // Derived state from a changed prop, React's documented pattern for it (no effect, no flash).
    if (sameContent(value, state.draft)) {
      current = { draft: state.draft, prop: value, pending: [] };
    } else if (state.pending.some((sent) => sameContent(sent, value))) {
      current = { ...state, prop: value };
    } else {
      current = { draft: value, prop: value, pending: [] };
    }
    setState(current);
  }
  const draft = current.draft;
  const update = (recipe: (content: T) => T): void => {
    const next = recipe(draft);
    if (next === draft) return;
    setState((s) => ({ ...s, draft: next, pending: [...s.pending, next].slice(-PENDING_LIMIT) }));
    onChange(next);
  };
  return [draft, update];
}
