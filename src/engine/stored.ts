import type { RunContext } from '../../machines/run-context';
import type { StrategyDb } from '../storage/db';
import type { RunRow, SnapshotEnvelope } from '../storage/records';
import { storedContext } from './snapshots';

/**
 * The one way screens read a run's stored snapshot. Lists read the light `runs` rows; the
 * snapshot itself is read only for the run on screen, through here, so where it is kept can change
 * without touching the screens.
 */
export async function readEnvelope(
  db: StrategyDb,
  runId: string,
): Promise<SnapshotEnvelope | undefined> {
  return (await db.snapshots.get(runId))?.envelope;
}

/** The stored context of a run (validated, see `storedContext`), or null when there is no run. */
export async function readContext(db: StrategyDb, runId: string): Promise<RunContext | null> {
  const envelope = await readEnvelope(db, runId);
  return envelope ? storedContext(runId, envelope) : null;
}

/** A run's row and its snapshot, read together so they are from the same write. */
export async function readStoredRun(
  db: StrategyDb,
  runId: string,
): Promise<{ row: RunRow; envelope: SnapshotEnvelope } | null> {
  return db.transaction('r', db.runs, db.snapshots, async () => {
    const [row, snapshot] = await Promise.all([db.runs.get(runId), db.snapshots.get(runId)]);
    return row && snapshot ? { row, envelope: snapshot.envelope } : null;
  });
}
