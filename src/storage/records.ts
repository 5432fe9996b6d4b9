import type { STAGE_IDS } from '../domain/stages';
import type { RunFacts } from '../../machines/run-facts';

/** The `prevHash` of a run's first record. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One entry of a run's append-only event log. Self-contained so runs can later sync to a server:
 * a random id (a UUID: unique in practice, though the store keys records by run and seq and
 * does not check ids across runs), a gapless per-run sequence, who and when, the machine version
 * that accepted it, and the hash of the previous record (a tamper-evident chain; `hash` covers
 * every other field).
 * Record 0 is the run's creation; its payload is the machine input.
 */
export interface EventRecord {
  id: string;
  runId: string;
  seq: number;
  type: string;
  actorId: string;
  at: string;
  machineVersion: number;
  payload: unknown;
  prevHash: string;
  hash: string;
}

/**
 * Consecutive records of one run's log, stored as one row under [runId + first seq]. A decision
 * appends a segment of one record; a run written whole (import, sample portfolio, the upgrade to
 * schema 3) is one segment. Segments written before schema 6 also repeat their records' ids in
 * an `ids` field, which nothing reads any more.
 */
export interface LogSegment {
  runId: string;
  /** The first record's seq. */
  seq: number;
  records: EventRecord[];
}

/** The persisted snapshot of a run, with the machine version that wrote it. */
export interface SnapshotEnvelope {
  machineVersion: number;
  savedAt: string;
  snapshot: Record<string, unknown>;
}

/** The status people see in lists; derived from the snapshot at every write. */
export const RUN_STATUSES = ['active', 'onHold', 'completed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * A row of the runs table: what lists filter, sort and draw, without the snapshot (which lives in
 * the snapshots table), so reading a thousand rows stays cheap.
 */
export interface RunRow {
  id: string;
  /** Sequence number of the last event applied; bumps by one on every write. */
  revision: number;
  /** Hash of the last event record: the head of the chain. */
  headHash: string;
  title: string;
  scenario: string;
  periodStart: string;
  periodEnd: string;
  leadId: string;
  parentRunId: string | null;
  current: string;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  /** Derived from the snapshot at every write; null when a stored snapshot could not be read. */
  facts: RunFacts | null;
}

/** A row of the snapshots table: the run's latest snapshot, written with its runs row. */
export interface SnapshotRow {
  runId: string;
  /** The runs row's revision this snapshot belongs to. */
  revision: number;
  envelope: SnapshotEnvelope;
}

/**
 * A run as export files carry it: the runs row's own fields (facts are derived). Files of format
 * version 1 also carried the run's snapshot (`envelope`); later versions leave it out, since the
 * importer rebuilds every run from its log anyway, and it was half of every file.
 */
export type StoredRun = Omit<RunRow, 'facts'> & { envelope?: SnapshotEnvelope };

/** Stage content a lead is still typing: autosaved, never submitted, not part of the log. */
export interface DraftRow {
  runId: string;
  stage: (typeof STAGE_IDS)[number];
  content: unknown;
  savedBy: string;
  savedAt: string;
}

export interface PersonRow {
  id: string;
  name: string;
  roles: string[];
}

/**
 * A change to the team, on record: someone added (`before` null) or their roles changed. `by` is
 * the person acting (null when an import brought them in).
 */
export interface PersonChange {
  /** Assigned by the store, in order. */
  seq?: number;
  at: string;
  by: string | null;
  personId: string;
  name: string;
  before: string[] | null;
  after: string[];
  /** Where the change was made: the People page, or an import that brought the person in. */
  via: 'people' | 'import' | 'sample';
}

export interface MetaRow {
  key: string;
  value: unknown;
}
