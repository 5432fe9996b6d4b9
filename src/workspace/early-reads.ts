import type { StrategyDb } from '../storage/db';
import type { RunRow } from '../storage/records';

/**
 * Reads started before React renders the page a direct visit (a link, a reload) opens: the
 * database work then overlaps with the app's start instead of following it. Each is taken once,
 * by the page it was started for; later visits read afresh.
 */
const earlyRuns = new WeakMap<StrategyDb, Promise<RunRow[]>>();

/** Resolved when the workspace has read what it needs to open (see `workspaceOpened`). */
const opened = new WeakMap<StrategyDb, { promise: Promise<void>; resolve: () => void }>();
function openedSignal(db: StrategyDb) {
  let signal = opened.get(db);
  if (!signal) {
    let resolve = () => {};
    const promise = new Promise<void>((done) => (resolve = done));
    signal = { promise, resolve };
    opened.set(db, signal);
  }
  return signal;
}

/** Called by the workspace once its own first reads are answered. */
export function workspaceOpened(db: StrategyDb): void {
  openedSignal(db).resolve();
}

/**
 * Starts reading the runs table whole (the portfolio's first read) as soon as the workspace's
 * own reads are answered: IndexedDB answered the workspace's small reads only after a large read
 * issued before them, which held up the whole page.
 */
export function readRunsEarly(db: StrategyDb): void {
  const rows = openedSignal(db).promise.then(() => db.runs.toArray());
  // A failure is the page's to report when it reads; never an unhandled rejection here.
  rows.catch(() => undefined);
  earlyRuns.set(db, rows);
}

/**
 * Drops the reads no page took: called once the workspace has rendered its first page (whose
 * render, before this, took what it was started for). A later visit must not be shown the runs
 * as they were when the app started.
 */
export function discardEarlyReads(db: StrategyDb): void {
  earlyRuns.delete(db);
}

/** The early read of the runs table, if one was started and not taken yet. */
export function takeEarlyRuns(db: StrategyDb): Promise<RunRow[]> | undefined {
  const rows = earlyRuns.get(db);
  earlyRuns.delete(db);
  return rows;
}
