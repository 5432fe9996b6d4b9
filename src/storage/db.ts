import Dexie, { type Table, type Transaction } from 'dexie';
import { storedRunFacts } from '../../machines/run-facts';
import { segmentOf } from './log';
import type {
  DraftRow,
  EventRecord,
  LogSegment,
  MetaRow,
  PersonChange,
  PersonRow,
  RunRow,
  SnapshotEnvelope,
  SnapshotRow,
} from './records';

/**
 * The schema's history. Never edit a released entry: add a new version with its `upgrade`, so a
 * browser holding any earlier version moves forward without losing data.
 */
export const SCHEMA_VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}> = [
  {
    version: 1,
    stores: {
      runs: 'id, updatedAt, status, scenario, leadId, parentRunId',
      events: '[runId+seq], &id, runId',
      drafts: '[runId+stage], runId',
      people: 'id',
      meta: 'key',
    },
  },
  {
    // Snapshots move out of the runs rows into their own table: lists read a thousand light rows
    // (with the facts the portfolio draws) instead of a thousand snapshots. Events lose their
    // runId index: the primary key [runId+seq] already answers "the events of a run" (Dexie
    // queries its first part as a virtual index), and each index costs every event write
    // (measured in Chromium: 8,000 events in 3.3 s with it, 2.6 s without).
    version: 2,
    stores: { snapshots: 'runId', events: '[runId+seq], &id' },
    upgrade: moveSnapshotsOut,
  },
  {
    // Event records move into log segments (see LogSegment and storage/log.ts): IndexedDB's cost
    // is per row, and a 1,000-run import wrote 38,000 of them. Each run's log becomes one segment.
    version: 3,
    stores: { events: null, log: '[runId+seq], &*ids' },
    upgrade: eventsToSegments,
  },
  {
    // Indexes nothing queries go: lists and the portfolio read the runs table whole and sort in
    // memory, and drafts are found by the first part of their key. Every index is written again
    // at each decision's row put (and for every imported run).
    version: 4,
    stores: { runs: 'id, parentRunId', drafts: '[runId+stage]' },
  },
  {
    // Who added whom to the team and changed whose roles, when: roles decide who may approve at
    // the gates, so their changes are on record like every decision (read newest first).
    version: 5,
    stores: { peopleLog: '++seq' },
  },
  {
    // The log's unique index on every record's id goes: it was written and checked for each of a
    // large import's 38,000 events (measured in Chromium: the import's write 1.8 s with it, 1.1 s
    // without) and at every decision, while nothing looks an event up by id. A run's records are
    // keyed by run and seq; an import refuses a file that repeats an id within it.
    version: 6,
    stores: { log: '[runId+seq]' },
  },
];

/** v1 → v2: each run's envelope to the snapshots table, its facts derived into the row. */
async function moveSnapshotsOut(tx: Transaction): Promise<void> {
  const snapshots: SnapshotRow[] = [];
  await tx
    .table('runs')
    .toCollection()
    .modify((row: RunRow & { envelope?: SnapshotEnvelope }) => {
      const envelope = row.envelope;
      delete row.envelope;
      row.facts = storedRunFacts(
        (envelope?.snapshot as { context?: unknown } | undefined)?.context,
      );
      if (envelope) snapshots.push({ runId: row.id, revision: row.revision, envelope });
    });
  await tx.table('snapshots').bulkAdd(snapshots);
}

/** v2 → v3: each run's event rows to one log segment, in seq order. */
async function eventsToSegments(tx: Transaction): Promise<void> {
  const logs = new Map<string, EventRecord[]>();
  // Rows come sorted by [runId+seq]: each run's records arrive in order.
  await tx.table('events').each((record: EventRecord) => {
    const list = logs.get(record.runId);
    if (list) list.push(record);
    else logs.set(record.runId, [record]);
  });
  await tx.table('log').bulkAdd([...logs.values()].map(segmentOf));
}

export interface DbOptions {
  /** For Node tests: fake-indexeddb's factory and key range. Browsers use their own. */
  indexedDB?: { open: (...args: never[]) => unknown };
  IDBKeyRange?: unknown;
}

export class StrategyDb extends Dexie {
  runs!: Table<RunRow, string>;
  snapshots!: Table<SnapshotRow, string>;
  log!: Table<LogSegment, [string, number]>;
  drafts!: Table<DraftRow, [string, string]>;
  people!: Table<PersonRow, string>;
  peopleLog!: Table<PersonChange, number>;
  meta!: Table<MetaRow, string>;
  /**
   * Set when a newer version of the app asked to upgrade the database (from another tab): this
   * connection is then closed for good, so the upgrade never waits on it, and the page must
   * reload. Recorded from the first moment, before any React effect could listen for it.
   */
  outdated = false;

  constructor(name = 'strategy-board', options: DbOptions = {}, versions = SCHEMA_VERSIONS) {
    super(name, options as ConstructorParameters<typeof Dexie>[1]);
    for (const v of versions) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    this.on('versionchange', () => {
      this.outdated = true;
      this.close();
      // Handled: Dexie's own handler would close too, but leave the database free to reopen.
      return false;
    });
  }
}
