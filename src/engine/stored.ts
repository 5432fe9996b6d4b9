import type { RunContext } from '../../machines/run-context';
import type { StrategyDb } from '../storage/db';
import { readLog } from '../storage/log';
import type { EventRecord, RunRow, SnapshotEnvelope, SnapshotRow } from '../storage/records';
import { replayOnto } from './replay';
import {
  envelopeOf,
  restoreActor,
  SnapshotRestoreError,
  storedContext,
  type RunSnapshot,
} from './snapshots';

/**
 * A run as it is stored: its row (revision and chain head), its latest checkpoint (a snapshot
 * taken at some revision, see CHECKPOINT_EVERY) and the records written since. The log is the
 * truth; the checkpoint saves replaying it from the start.
 */
export interface StoredRunParts {
  row: RunRow;
  checkpoint: SnapshotRow;
  /** Records after the checkpoint, in order, up to the row's revision. */
  tail: EventRecord[];
}

/**
 * The one way screens and the engine read a run's state. Row and checkpoint are read first, then
 * the records after the checkpoint, all in one read transaction so they belong to the same write.
 * Null when there is no such run (or no checkpoint, which only a damaged store can have).
 */
export async function readStoredRun(db: StrategyDb, runId: string): Promise<StoredRunParts | null> {
  return db.transaction('r', [db.runs, db.snapshots, db.log], async () => {
    const [row, checkpoint] = await Promise.all([db.runs.get(runId), db.snapshots.get(runId)]);
    if (!row || !checkpoint) return null;
    const tail =
      checkpoint.revision < row.revision ? await readLog(db, runId, checkpoint.revision + 1) : [];
    return { row, checkpoint, tail };
  });
}

/**
 * The run's current snapshot: its checkpoint restored (validated like any untrusted input) and
 * moved on by the tail. Throws SnapshotRestoreError naming the run when either cannot be read.
 */
export function currentSnapshot({ row, checkpoint, tail }: StoredRunParts): RunSnapshot {
  const actor = restoreActor(row.id, checkpoint.envelope);
  const expected = row.revision - checkpoint.revision;
  if (tail.length !== expected || tail.some((r, i) => r.seq !== checkpoint.revision + 1 + i)) {
    throw new SnapshotRestoreError(
      row.id,
      `its log after revision ${checkpoint.revision} has ${tail.length} of ${expected} records`,
    );
  }
  try {
    return replayOnto(actor, tail);
  } catch (error) {
    throw new SnapshotRestoreError(row.id, (error as Error).message);
  }
}

/** The run's current context; without a tail, read straight from the checkpoint (no actor). */
export function currentContext(parts: StoredRunParts): RunContext {
  return parts.tail.length === 0 && parts.checkpoint.revision === parts.row.revision
    ? storedContext(parts.row.id, parts.checkpoint.envelope)
    : currentSnapshot(parts).context;
}

/** The envelope of the run's current state, as export files carry it (saved with its last event). */
export function currentEnvelope(parts: StoredRunParts): SnapshotEnvelope {
  if (parts.tail.length === 0 && parts.checkpoint.revision === parts.row.revision) {
    return parts.checkpoint.envelope;
  }
  return envelopeOf(currentSnapshot(parts), parts.row.updatedAt);
}

/** The current context of a run (validated), or null when there is no run. */
export async function readContext(db: StrategyDb, runId: string): Promise<RunContext | null> {
  const parts = await readStoredRun(db, runId);
  return parts ? currentContext(parts) : null;
}
