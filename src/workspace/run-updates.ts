import { useSyncExternalStore } from 'react';
import type { RunContext } from '../../machines/run-context';

/**
 * Runs this tab has just changed, as committed. A screen shows them at once instead of waiting
 * for the database's live query to notice the write (a few milliseconds later): the board paints
 * a decision in the next frame. The live query stays the source of truth for other tabs.
 */
export interface RunUpdate {
  revision: number;
  context: RunContext;
}

const latest = new Map<string, RunUpdate>();
const listeners = new Set<() => void>();

export function publishRunUpdate(runId: string, update: RunUpdate): void {
  const known = latest.get(runId);
  if (known && known.revision >= update.revision) return;
  latest.set(runId, update);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest committed state of a run known to this tab, if any. */
export function useRunUpdate(runId: string): RunUpdate | undefined {
  return useSyncExternalStore(subscribe, () => latest.get(runId));
}
