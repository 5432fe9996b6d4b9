import { useSyncExternalStore } from 'react';
import type { RunContext } from '../../machines/run-context';

/**
 * Runs this tab has just changed, as committed. A screen shows them at once instead of waiting
 * for the database's live query to notice the write (a few milliseconds later): the board paints
 * a decision in the next frame. The live query stays the source of truth for other tabs.
 */
export interface RunUpdate {
  revision: number;
  /** The head of the chain the write was appended to, and the head it made. */
  prevHash: string;
  headHash: string;
  context: RunContext;
}

/** Enough to cover the writes of a few quick actions before the live query catches up. */
const KEPT_PER_RUN = 8;
const updates = new Map<string, readonly RunUpdate[]>();
const listeners = new Set<() => void>();

export function publishRunUpdate(runId: string, update: RunUpdate): void {
  const known = updates.get(runId) ?? [];
  if (known.some((u) => u.headHash === update.headHash)) return;
  updates.set(runId, [...known, update].slice(-KEPT_PER_RUN));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What this tab committed to a run lately (a new array at each commit), oldest first. */
export function useRunUpdates(runId: string): readonly RunUpdate[] | undefined {
  return useSyncExternalStore(subscribe, () => updates.get(runId));
}

/**
 * The newest of `updates` that carries on the stored run's chain (from `stored.headHash`), if it
 * is ahead of it. Following the chain, not comparing revisions, keeps a run that was replaced
 * under the same id (demo reset, import, regenerated samples) from showing what this tab wrote to
 * the one before: that run's updates do not link to the new head.
 */
export function updateOnto(
  updates: readonly RunUpdate[] | undefined,
  stored: { headHash: string } | null | undefined,
): RunUpdate | undefined {
  if (!updates || !stored) return undefined;
  let head = stored.headHash;
  let found: RunUpdate | undefined;
  for (let next = updates.find((u) => u.prevHash === head); next;) {
    found = next;
    head = next.headHash;
    next = updates.find((u) => u.prevHash === head);
  }
  return found;
}
