import type { RunContext } from '../../machines/run-context';
import { FACTS_VERSION, runFacts, type RunFacts } from '../../machines/run-facts';
import type { StrategyDb } from '../storage/db';
import { readLog } from '../storage/log';
import type { EventRecord, RunRow, SnapshotEnvelope, SnapshotRow } from '../storage/records';
import { replayOnto, replayRecords } from './replay';
import {
  envelopeOf,
  restoreActor,
  SnapshotRestoreError,
  storedContext,
  type RunSnapshot,
} from './snapshots';
import { yieldToPage } from './yield';

/**
 * A run as it is stored: its row (revision and chain head), its latest checkpoint (a snapshot
 * taken at some revision, see CHECKPOINT_EVERY) and the records written since. The log is the
 * truth; the checkpoint saves replaying it from the start.
 */
export interface StoredRunParts {
  row: RunRow;
  /** None for a run written whole (imported) that the engine has not loaded since. */
  checkpoint: SnapshotRow | null;
  /** Records after the checkpoint (the whole log without one), in order, up to the row's revision. */
  tail: EventRecord[];
}

/**
 * The one way screens and the engine read a run's state. Row and checkpoint are read first, then
 * the records after the checkpoint, all in one read transaction so they belong to the same write.
 * Null when there is no such run.
 */
export async function readStoredRun(db: StrategyDb, runId: string): Promise<StoredRunParts | null> {
  return db.transaction('r', [db.runs, db.snapshots, db.log], async () => {
    const [row, stored] = await Promise.all([db.runs.get(runId), db.snapshots.get(runId)]);
    if (!row) return null;
    const checkpoint = stored ?? null;
    const from = checkpoint ? checkpoint.revision + 1 : 0;
    const tail = from <= row.revision ? await readLog(db, runId, from) : [];
    return { row, checkpoint, tail };
  });
}

/**
 * The run's current snapshot: its checkpoint restored (validated like any untrusted input) and
 * moved on by the tail, or without a checkpoint its whole log replayed. Throws
 * SnapshotRestoreError naming the run when either cannot be read.
 */
export function currentSnapshot({ row, checkpoint, tail }: StoredRunParts): RunSnapshot {
  const from = checkpoint ? checkpoint.revision + 1 : 0;
  const expected = row.revision + 1 - from;
  if (tail.length !== expected || tail.some((r, i) => r.seq !== from + i)) {
    throw new SnapshotRestoreError(
      row.id,
      `its log from revision ${from} has ${tail.length} of ${expected} records`,
    );
  }
  try {
    return checkpoint
      ? replayOnto(restoreActor(row.id, checkpoint.envelope), tail)
      : replayRecords(tail);
  } catch (error) {
    if (error instanceof SnapshotRestoreError) throw error;
    throw new SnapshotRestoreError(row.id, (error as Error).message);
  }
}

/** True when the checkpoint is the run's current state (nothing to replay). */
const upToDate = (parts: StoredRunParts): parts is StoredRunParts & { checkpoint: SnapshotRow } =>
  parts.checkpoint !== null && parts.checkpoint.revision === parts.row.revision;

/** The run's current context; without a tail, read straight from the checkpoint (no actor). */
export function currentContext(parts: StoredRunParts): RunContext {
  return upToDate(parts)
    ? storedContext(parts.row.id, parts.checkpoint.envelope)
    : currentSnapshot(parts).context;
}

/** The envelope of the run's current state (saved with its last event). */
export function currentEnvelope(parts: StoredRunParts): SnapshotEnvelope {
  return upToDate(parts)
    ? parts.checkpoint.envelope
    : envelopeOf(currentSnapshot(parts), parts.row.updatedAt);
}

/** The current context of a run (validated), or null when there is no run. */
export async function readContext(db: StrategyDb, runId: string): Promise<RunContext | null> {
  const parts = await readStoredRun(db, runId);
  return parts ? currentContext(parts) : null;
}

/** Rows whose facts are read and written in one go by `refreshStaleFacts`. */
const REFRESH_BATCH_RUNS = 50;

/**
 * Derives the facts again of rows stored with facts older than FACTS_VERSION (written by an
 * earlier version of the app), so lists can rely on every fact. A row is replaced only if its
 * run has not moved on meanwhile: a write in this or another tab stores fresh facts itself. A
 * run whose state cannot be read keeps its row as it is (its page says why).
 */
export async function refreshStaleFacts(
  db: StrategyDb,
  yieldToUi: () => Promise<void> = yieldToPage,
): Promise<{ refreshed: number; unreadable: number }> {
  const stale = (await db.runs.toArray())
    .filter((row) => row.facts?.version !== FACTS_VERSION)
    .map((row) => row.id);
  let refreshed = 0;
  let unreadable = 0;
  for (let i = 0; i < stale.length; i += REFRESH_BATCH_RUNS) {
    await yieldToUi();
    const derived: Array<{ row: RunRow; facts: RunFacts }> = [];
    for (const runId of stale.slice(i, i + REFRESH_BATCH_RUNS)) {
      const parts = await readStoredRun(db, runId);
      if (!parts) continue;
      try {
        derived.push({ row: parts.row, facts: runFacts(currentContext(parts)) });
      } catch {
        unreadable += 1;
      }
    }
    await db.transaction('rw', db.runs, async () => {
      const current = await db.runs.bulkGet(derived.map((d) => d.row.id));
      const updates = derived.flatMap(({ row, facts }, k) => {
        const now = current[k];
        const unchanged = now?.revision === row.revision && now.headHash === row.headHash;
        return unchanged ? [{ ...now, facts }] : [];
      });
      await db.runs.bulkPut(updates);
      refreshed += updates.length;
    });
  }
  return { refreshed, unreadable };
}
