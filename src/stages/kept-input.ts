import { useCallback, useRef, useState } from 'react';
import type * as z from 'zod';

/**
 * What a person has typed into a small form on the run page (a gate comment, a check-in, a
 * countermeasure) but not yet sent. Kept for the tab in sessionStorage under `key`, so choosing
 * another stage on the board, or reloading, does not throw it away; `clear` forgets it once the
 * action went through. Read back through `schema`: storage is outside the app, and what does not
 * fit (an older shape, a hand edit) counts as nothing kept.
 */
export function useKeptInput<T>(
  key: string,
  schema: z.ZodType<T>,
  initial: T,
): [T, (next: T | ((previous: T) => T)) => void, () => void] {
  const storageKey = `${KEPT_PREFIX}${key}`;
  const [kept, setKept] = useState<{ key: string; value: T }>(() => ({
    key: storageKey,
    value: readKept(storageKey, schema) ?? initial,
  }));
  // The same component may be shown for another run or stage: start from what that one kept.
  let current = kept;
  if (kept.key !== storageKey) {
    current = { key: storageKey, value: readKept(storageKey, schema) ?? initial };
    setKept(current);
  }
  // The latest value, for updates made after an await (the form may have changed meanwhile).
  const latest = useRef(current.value);
  latest.current = current.value;
  const set = useCallback(
    (next: T | ((previous: T) => T)) => {
      const value =
        typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
      latest.current = value;
      setKept({ key: storageKey, value });
      writeKept(storageKey, value);
    },
    [storageKey],
  );
  const clear = useCallback(() => {
    setKept({ key: storageKey, value: initial });
    removeKept(storageKey);
    // Not a dependency: `initial` is a fresh value at each render, meaning the same thing.
  }, [storageKey]);
  return [current.value, set, clear];
}

const KEPT_PREFIX = 'strategy-board.kept.';

function readKept<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    const text = sessionStorage.getItem(key);
    if (text === null) return null;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // no storage (privacy mode) or not JSON: nothing kept
  }
}

function writeKept(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the input still works, it is just not kept across a reload.
  }
}

function removeKept(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Unavailable storage kept nothing.
  }
}
