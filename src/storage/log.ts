import Dexie from 'dexie';
import type { StrategyDb } from './db';
import type { EventRecord, LogSegment } from './records';

/**
 * Run logs are stored in segments (see LogSegment) because IndexedDB's cost is per row: measured
 * in Chromium, 38,000 events took 10 s to write as rows and 2.2 s as 1,000 segments, while a
 * decision still writes one small row. Every read and write of the `log` table goes through here,
 * so the rest of the app sees records in order and never a segment.
 */

/** The segment holding `records`: consecutive records of one run, at least one. */
export function segmentOf(records: readonly EventRecord[]): LogSegment {
  const first = records[0];
  if (!first) throw new RangeError('a log segment holds at least one record');
  return {
    runId: first.runId,
    seq: first.seq,
    records: [...records],
  };
}

/**
 * Appends records that continue one run's log (inside the caller's transaction). The add fails
 * when a segment already starts at that seq: nothing is overwritten (the caller's transaction
 * checks the run's revision first).
 */
export async function appendToLog(db: StrategyDb, records: readonly EventRecord[]): Promise<void> {
  await db.log.add(segmentOf(records));
}

/** Writes whole logs, one segment per run (inside the caller's transaction). */
export async function addLogs(
  db: StrategyDb,
  logs: ReadonlyArray<readonly EventRecord[]>,
): Promise<void> {
  await db.log.bulkAdd(logs.filter((records) => records.length > 0).map(segmentOf));
}

/** A run's records with seq ≥ `fromSeq`, in order; the segment that holds `fromSeq` is cut. */
export async function readLog(db: StrategyDb, runId: string, fromSeq = 0): Promise<EventRecord[]> {
  const [before, from] = await Promise.all([
    fromSeq > 0
      ? db.log
          .where('[runId+seq]')
          .between([runId, Dexie.minKey], [runId, fromSeq], true, false)
          .last()
      : undefined,
    db.log.where('[runId+seq]').between([runId, fromSeq], [runId, Dexie.maxKey]).toArray(),
  ]);
  const head = before ? before.records.filter((r) => r.seq >= fromSeq) : [];
  return head.concat(...from.map((s) => s.records));
}

/** Every run's records, by run id, each list in order: one read of the whole table. */
export async function readAllLogs(db: StrategyDb): Promise<Map<string, EventRecord[]>> {
  const logs = new Map<string, EventRecord[]>();
  // Segments come sorted by [runId+seq], so each run's records arrive in order.
  for (const segment of await db.log.toArray()) {
    const list = logs.get(segment.runId);
    if (list) for (const record of segment.records) list.push(record);
    else logs.set(segment.runId, [...segment.records]);
  }
  return logs;
}

/** Deletes the logs of the given runs (inside the caller's transaction). */
export async function deleteLogsOf(db: StrategyDb, runIds: readonly string[]): Promise<void> {
  await db.log.where('runId').anyOf(runIds).delete();
}
