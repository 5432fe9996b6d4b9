import { createActor } from 'xstate';
import * as z from 'zod';
import { runMachine, MACHINE_VERSION } from '../../machines/run-machine';
import { RunEventSchema, type RunEvent } from '../../machines/events';
import { RunInputSchema, type RunInput, type RunContext } from '../../machines/run-context';
import {
  checkEvent,
  checkSubmit,
  parsingContentOnce,
  type Refusal,
} from '../../machines/run-rules';
import type { Person, Role } from '../domain/people';
import { PersonSchema } from '../domain/schemas';
import { STAGE_IDS, type StageId } from '../domain/stages';
import { draftShapeIssue } from '../domain/content';
import { seedNextCycle } from '../domain/next-cycle';
import { GATE_RULES_VERSION } from '../domain/readiness';
import { type Clock, type Period, systemClock, nextPeriod } from '../domain/time';
import type { StrategyDb } from '../storage/db';
import type { DraftRow } from '../storage/records';
import { appendToLog, readLog } from '../storage/log';
import { FACTS_VERSION, runFacts } from '../../machines/run-facts';
import {
  GENESIS_HASH,
  type EventRecord,
  type RunRow,
  type RunStatus,
  type SnapshotRow,
} from '../storage/records';
import { canonicalJson, sameJson, sha256Hex } from './hash';
import { replayRecords } from './replay';
import { currentEnvelope, readStoredRun } from './stored';
import {
  envelopeOf,
  migrateEnvelope,
  restoreActor,
  type RunActor,
  type RunSnapshot,
} from './snapshots';

/** Run on opening a workspace: rows written by an earlier version get today's facts. */
export { refreshStaleFacts } from './stored';

/** What a caller sends: an event without the actor's roles and the time, which the engine adds. */
export type RunAction = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'roles' | 'at' | 'utcOffset'>
    : never
  : never;

/** The person's stored roles differ from those a step used: the commit is undone, then redone. */
class RolesChanged extends Error {
  override readonly name = 'RolesChanged';
  constructor() {
    super('Your roles changed while this was being saved. Nothing was saved: try again.');
  }
}

/** The same set of roles (a stored list may repeat one). */
const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.every((role) => b.includes(role)) && b.every((role) => a.includes(role));

const unknownPerson = (personId: string): ApplyResult => ({
  ok: false,
  refusal: {
    code: 'unknownPerson',
    guard: 'person',
    messageKey: 'refusal.unknownPerson',
    params: { personId },
    problems: [],
    missingRoles: [],
  },
});

/** Another writer changed the run since this one read it. Reload and decide again. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly runId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(
      `Run ${runId} changed while you were working (you saw revision ${expectedRevision}, it is now ${actualRevision}). Reload it and decide again.`,
    );
  }
}

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
  constructor(readonly runId: string) {
    super(`Run ${runId} does not exist.`);
  }
}

/** An action the run's rules refuse, thrown where the caller gets no ApplyResult to read. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(readonly refusal: Refusal) {
    super(`Refused: ${refusal.code}`);
  }
}

/**
 * A draft that may not be saved: its run is gone, or its stage is no longer being drafted (it was
 * submitted, or the run was put on hold or ended, in another tab or by another person).
 */
export class DraftClosedError extends Error {
  override readonly name = 'DraftClosedError';
  constructor(
    readonly runId: string,
    readonly stage: StageId,
  ) {
    super(`The ${stage} draft of run ${runId} was not saved: that stage is not being drafted.`);
  }
}

/**
 * A draft save refused because the stored draft is no longer the one the editor started from:
 * another tab (or person) saved the stage meanwhile. `stored` is what it saved, for the person to
 * load or knowingly replace.
 */
export class DraftChangedError extends Error {
  override readonly name = 'DraftChangedError';
  constructor(
    readonly runId: string,
    readonly stage: StageId,
    readonly stored: DraftRow,
  ) {
    super(`The ${stage} draft of run ${runId} was not saved: it was changed elsewhere meanwhile.`);
  }
}

/** A draft not shaped like its stage's content (`draftShapeIssue`): never stored. */
export class DraftShapeError extends Error {
  override readonly name = 'DraftShapeError';
  constructor(
    readonly stage: StageId,
    readonly path: readonly (string | number)[],
    readonly expected: string,
  ) {
    super(
      `The ${stage} draft is not shaped like its content at ${path.join('.') || 'its top'} (expected ${expected}).`,
    );
  }
}

export type ApplyResult =
  | { ok: true; revision: number; snapshot: RunSnapshot; record: EventRecord }
  | { ok: false; refusal: Refusal };

/**
 * A run held in memory: its started actor, the revision and chain head it was loaded at.
 * WARNING: `step` advances the actor before anything is stored; a caller whose write then fails
 * must drop this object (the engine's `forget`) and restore the run from storage.
 */
export class LiveRun {
  /** Who committed each revision through this copy (this tab's own actions), by revision. */
  private readonly committedBy = new Map<number, string>();

  constructor(
    readonly runId: string,
    public revision: number,
    public headHash: string,
    readonly actor: RunActor,
  ) {
    actor.start();
  }

  /** Records a commit made through this copy. */
  committed(record: Pick<EventRecord, 'seq' | 'hash' | 'actorId'>): void {
    this.revision = record.seq;
    this.headHash = record.hash;
    this.committedBy.set(record.seq, record.actorId);
  }

  /**
   * True when `personId`, looking at `revision`, is behind this copy only by their own commits
   * through it: the page had not shown their last action yet when they took the next. That is
   * not a conflict; anyone else's commit in between is.
   */
  onlyBehindOwnCommits(revision: number, personId: string): boolean {
    if (revision > this.revision) return false;
    for (let r = revision + 1; r <= this.revision; r += 1) {
      if (this.committedBy.get(r) !== personId) return false;
    }
    return true;
  }

  get snapshot(): RunSnapshot {
    return this.actor.getSnapshot();
  }

  /** A new run's live state from its machine input (before its creation record is written). */
  static fromInput(input: RunInput, headHash = GENESIS_HASH): LiveRun {
    return new LiveRun(input.runId, 0, headHash, createActor(runMachine, { input }));
  }
}

export type VerifyReport =
  | { ok: true; events: number }
  | {
      ok: false;
      events: number;
      brokenAt: number;
      reason: 'seqGap' | 'prevHashMismatch' | 'hashMismatch' | 'headMismatch';
    };

/** Computes a record's hash over every field but the hash itself. */
export function recordHash(record: Omit<EventRecord, 'hash'>): string {
  // Built in canonical key order: with a payload in that order too (buildRecord stores it so),
  // canonicalJson takes JSON.stringify's fast path.
  return sha256Hex(
    canonicalJson({
      actorId: record.actorId,
      at: record.at,
      id: record.id,
      machineVersion: record.machineVersion,
      payload: record.payload,
      prevHash: record.prevHash,
      runId: record.runId,
      seq: record.seq,
      type: record.type,
    }),
  );
}

/** Builds the next record of a chain. */
export function buildRecord(fields: Omit<EventRecord, 'hash' | 'machineVersion'>): EventRecord {
  // The payload is stored with its keys in canonical order (a copy read back from its canonical
  // JSON): checking it at every import then takes JSON.stringify's fast path.
  const payloadText = canonicalJson(fields.payload);
  const unsigned = {
    ...fields,
    payload: JSON.parse(payloadText) as unknown,
    machineVersion: MACHINE_VERSION,
  };
  // recordHash's text, written around the payload's text rather than serializing it again.
  const s = JSON.stringify;
  const text =
    `{"actorId":${s(unsigned.actorId)},"at":${s(unsigned.at)},"id":${s(unsigned.id)},` +
    `"machineVersion":${unsigned.machineVersion},"payload":${payloadText},` +
    `"prevHash":${s(unsigned.prevHash)},"runId":${s(unsigned.runId)},"seq":${unsigned.seq},` +
    `"type":${s(unsigned.type)}}`;
  return { ...unsigned, hash: sha256Hex(text) };
}

function payloadOf(event: RunEvent): Record<string, unknown> {
  const { type: _type, by: _by, at: _at, ...payload } = event;
  return payload;
}

export function statusOf(context: RunContext): RunStatus {
  if (context.outcome?.kind === 'killed') return 'cancelled';
  if (context.outcome?.kind === 'completed') return 'completed';
  if (context.hold) return 'onHold';
  return 'active';
}

/** The runs-table row for a run after `record`: the fields lists filter on, and its facts. */
export function rowOf(snapshot: RunSnapshot, record: EventRecord): RunRow {
  const c = snapshot.context;
  return {
    id: c.runId,
    revision: record.seq,
    headHash: record.hash,
    title: c.title,
    scenario: c.scenario,
    periodStart: c.period.start,
    periodEnd: c.period.end,
    leadId: c.leadId,
    parentRunId: c.parentRunId,
    current: c.current,
    status: statusOf(c),
    createdAt: c.createdAt,
    updatedAt: record.at,
    facts: runFacts(c),
  };
}

/** What is stored for a run after `record`: its row and its snapshot, always written together. */
export interface StoredRows {
  row: RunRow;
  snapshot: SnapshotRow;
}

export function storedRowsOf(snapshot: RunSnapshot, record: EventRecord): StoredRows {
  return {
    row: rowOf(snapshot, record),
    snapshot: {
      runId: snapshot.context.runId,
      revision: record.seq,
      envelope: envelopeOf(snapshot, record.at),
    },
  };
}

/** The tables a write to a run touches; every such write is one transaction over them. */
export const runTables = (db: StrategyDb) => [db.runs, db.snapshots, db.log, db.drafts];

/**
 * A run's snapshot is stored as a checkpoint every this many events (and wherever a whole run is
 * written at once: its creation, an import, the sample portfolio). A decision between
 * checkpoints writes its event and the run's row only, a few hundred bytes instead of the
 * snapshot's tens of kilobytes; reading a run replays at most this many events after its
 * checkpoint (~10 µs each).
 */
export const CHECKPOINT_EVERY = 32;

/**
 * Stores a run's state after `record` (inside the caller's transaction): its row, and its snapshot
 * when `record` is a checkpoint. The snapshot envelope is only built then.
 */
export async function putRun(
  db: StrategyDb,
  snapshot: RunSnapshot,
  record: EventRecord,
): Promise<void> {
  const checkpoint = record.seq % CHECKPOINT_EVERY === 0;
  await Promise.all([
    db.runs.put(rowOf(snapshot, record)),
    checkpoint
      ? db.snapshots.put({
          runId: record.runId,
          revision: record.seq,
          envelope: envelopeOf(snapshot, record.at),
        })
      : null,
  ]);
}

/**
 * Stores `envelope` as the run's checkpoint if `row` is still its current revision (another tab
 * may have written since). A checkpoint only saves replaying: when it cannot be stored (the disk
 * is full), the run is replayed from its log next time instead, so the failure is not the
 * reader's.
 */
async function storeCheckpoint(
  db: StrategyDb,
  row: RunRow,
  envelope: SnapshotRow['envelope'],
): Promise<void> {
  await db
    .transaction('rw', [db.runs, db.snapshots], async () => {
      const current = await db.runs.get(row.id);
      // Same revision and head: the very state `envelope` was built from, not a run that replaced
      // it under the same id (a cleared workspace, a new import).
      if (current?.revision !== row.revision || current.headHash !== row.headHash) return;
      await db.snapshots.put({ runId: row.id, revision: row.revision, envelope });
    })
    .catch(() => undefined);
}

/**
 * True when the stored run is the one this engine holds: the same revision AND the same head.
 * A run replaced under its id (demo reset, an import after Start empty, regenerated samples) can
 * be back at the same revision with another chain; appending to it would break that chain.
 */
function sameHead(
  row: { revision: number; headHash: string },
  held: { revision: number; headHash: string },
): boolean {
  return row.revision === held.revision && row.headHash === held.headHash;
}

/** Checks a chain of records: gapless sequence, each linked to the previous, each hash intact. */
export function verifyRecords(records: readonly EventRecord[], headHash?: string): VerifyReport {
  let prev = GENESIS_HASH;
  for (const [i, record] of records.entries()) {
    if (record.seq !== i)
      return { ok: false, events: records.length, brokenAt: i, reason: 'seqGap' };
    if (record.prevHash !== prev) {
      return { ok: false, events: records.length, brokenAt: i, reason: 'prevHashMismatch' };
    }
    if (recordHash(record) !== record.hash) {
      return { ok: false, events: records.length, brokenAt: i, reason: 'hashMismatch' };
    }
    prev = record.hash;
  }
  if (headHash !== undefined && headHash !== prev) {
    return { ok: false, events: records.length, brokenAt: records.length, reason: 'headMismatch' };
  }
  return { ok: true, events: records.length };
}

export interface EngineOptions {
  clock?: Clock;
  /** Unique ids for event records; crypto.randomUUID unless a test seeds its own. */
  newId?: () => string;
}

export type CreateRun = Omit<z.input<typeof RunInputSchema>, 'createdAt'>;

/** Drafts larger than this are refused: a stage's content is text, not files. */
export const MAX_DRAFT_BYTES = 512 * 1024;

/**
 * The headless runtime. Every change to a run goes through `apply`: validate → restore → step the
 * machine → on acceptance, one read-write transaction that checks the revision, appends the event
 * and stores the snapshot. A refused event writes nothing.
 */
export class RunEngine {
  private readonly live = new Map<string, LiveRun>();
  /** Each person's roles as this engine last read them; every commit checks them again. */
  private readonly knownRoles = new Map<string, readonly Role[]>();
  /** Runs being restored from storage, so concurrent loads share one restore. */
  private readonly loading = new Map<string, Promise<LiveRun>>();
  /** Per run, the end of the last change this engine started on it (see `inTurn`). */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly clock: Clock;
  private readonly newId: () => string;

  constructor(
    readonly db: StrategyDb,
    options: EngineOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Opens a new run; its creation is record 0 of its log. Optional drafts seed the stage forms. */
  async createRun(
    fields: CreateRun,
    byPersonId: string,
    drafts: Partial<Record<StageId, unknown>> = {},
  ): Promise<LiveRun> {
    const at = this.clock.now();
    // A new run is checked by today's gate rules for life.
    const input = RunInputSchema.parse({
      rulesVersion: GATE_RULES_VERSION,
      ...fields,
      createdAt: at,
    });
    const live = LiveRun.fromInput(input);
    const snapshot = live.snapshot;
    const record = buildRecord({
      id: this.newId(),
      runId: input.runId,
      seq: 0,
      type: 'run.created',
      actorId: byPersonId,
      at,
      payload: input,
      prevHash: GENESIS_HASH,
    });
    await this.db.transaction('rw', runTables(this.db), async () => {
      if (await this.db.runs.get(input.runId))
        throw new Error(`Run ${input.runId} already exists.`);
      await appendToLog(this.db, [record]);
      await putRun(this.db, snapshot, record);
      await this.db.drafts.bulkPut(
        Object.entries(drafts).map(([stage, content]) => ({
          runId: input.runId,
          stage: stage as StageId,
          content,
          savedBy: byPersonId,
          savedAt: at,
        })),
      );
    });
    live.headHash = record.hash;
    this.live.set(input.runId, live);
    return live;
  }

  /** The run's live state, restored from its checkpoint and the events since on first use. */
  async load(runId: string): Promise<LiveRun> {
    const cached = this.live.get(runId);
    if (cached) return cached;
    // Two callers loading one run at once (the run page, a first action) share one restore, so
    // one live actor stands for the run.
    const loading = this.loading.get(runId);
    if (loading) return loading;
    const restored = this.restore(runId).finally(() => this.loading.delete(runId));
    this.loading.set(runId, restored);
    return restored;
  }

  private async restore(runId: string): Promise<LiveRun> {
    const parts = await readStoredRun(this.db, runId);
    if (!parts) throw new RunNotFoundError(runId);
    const { row } = parts;
    const envelope = currentEnvelope(parts);
    const live = new LiveRun(runId, row.revision, row.headHash, restoreActor(runId, envelope));
    // A run written whole (an import) has no checkpoint until it is first loaded: store one now,
    // so it is not replayed from its first event at every read.
    if (!parts.checkpoint) await storeCheckpoint(this.db, row, envelope);
    this.live.set(runId, live);
    return live;
  }

  /** Forgets the in-memory copy, e.g. when another tab changed the run. */
  forget(runId: string): void {
    this.live.get(runId)?.actor.stop();
    this.live.delete(runId);
  }

  /** Forgets every in-memory copy: the workspace was replaced (reset, emptied, samples rebuilt). */
  forgetAll(): void {
    for (const runId of [...this.live.keys()]) this.forget(runId);
  }

  /**
   * The in-memory half of `apply`: validate the event, send it to the live actor, build the
   * record. Touches no storage; the benchmark measures exactly this. On acceptance the actor has
   * moved on: the caller commits the record or forgets the run.
   */
  step(
    live: LiveRun,
    event: unknown,
  ): { ok: false; refusal: Refusal } | { ok: true; snapshot: RunSnapshot; record: EventRecord } {
    const parsed = RunEventSchema.safeParse(event);
    if (!parsed.success) {
      return {
        ok: false,
        refusal: {
          code: 'invalidEvent',
          guard: 'schema',
          messageKey: 'refusal.invalidEvent',
          params: { detail: z.prettifyError(parsed.error) },
          problems: [],
          missingRoles: [],
        },
      };
    }
    const before = live.snapshot;
    parsingContentOnce(() => live.actor.send(parsed.data));
    const next = live.snapshot;
    if (next.status === 'error') {
      this.forget(live.runId);
      throw new Error(`Run ${live.runId} failed on ${parsed.data.type}: ${String(next.error)}`);
    }
    if (next.context === before.context) {
      return {
        ok: false,
        refusal: checkEvent(before.context, parsed.data) ?? {
          code: 'notNow',
          guard: 'state',
          messageKey: 'refusal.notNow',
          params: { type: parsed.data.type, state: JSON.stringify(before.value) },
          problems: [],
          missingRoles: [],
        },
      };
    }
    const record = buildRecord({
      id: this.newId(),
      runId: live.runId,
      seq: live.revision + 1,
      type: parsed.data.type,
      actorId: parsed.data.by,
      at: parsed.data.at,
      payload: payloadOf(parsed.data),
      prevHash: live.headHash,
    });
    return { ok: true, snapshot: next, record };
  }

  /**
   * Applies a person's action to a run. `expectedRevision` is the revision the person was looking
   * at; a stale one (another tab or person decided first) throws ConflictError and writes nothing.
   */
  async apply(
    runId: string,
    action: RunAction,
    options: { expectedRevision?: number } = {},
  ): Promise<ApplyResult> {
    return this.inTurn(runId, () => this.applyInTurn(runId, action, options));
  }

  /**
   * Runs `work` on a run after every earlier change this engine started on it has finished. A
   * step moves the live actor before its transaction commits, so a second action on the same run
   * must not step on top of a first that may still be undone.
   */
  private inTurn<T>(runId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(runId) ?? Promise.resolve();
    const mine = previous.then(work, work);
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(runId, settled);
    void settled.then(() => {
      if (this.turns.get(runId) === settled) this.turns.delete(runId);
    });
    return mine;
  }

  private async applyInTurn(
    runId: string,
    action: RunAction,
    options: { expectedRevision?: number },
  ): Promise<ApplyResult> {
    let live = await this.load(runId);
    if (
      options.expectedRevision !== undefined &&
      !live.onlyBehindOwnCommits(options.expectedRevision, action.by)
    ) {
      // Our copy may be the stale one (another tab wrote): compare with what is stored.
      this.forget(runId);
      live = await this.load(runId);
      if (options.expectedRevision !== live.revision) {
        throw new ConflictError(runId, options.expectedRevision, live.revision);
      }
    }
    const seen = { revision: live.revision, headHash: live.headHash };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.commitAction(live, action);
      } catch (error) {
        // The write did not happen, yet the live actor may have moved on: restore it from storage.
        this.forget(runId);
        // Roles changed since this engine last read them (People, in another tab): step again
        // with the roles now stored. Twice in a row is a person being edited right now.
        if (!(error instanceof RolesChanged) || attempt === 2) throw error;
      }
      live = await this.load(runId);
      // The person decided on revision `seen`; if another writer moved the run on meanwhile,
      // that is a conflict, not something to decide again on their behalf.
      if (!sameHead(live, seen)) throw new ConflictError(runId, seen.revision, live.revision);
    }
  }

  /**
   * Steps `live` with the person's roles as last read, then commits in ONE round trip to
   * IndexedDB: the reads that guard the write (the run's stored revision, the person) are issued
   * together with the writes, and checked when they answer. A stale revision or changed roles
   * throw, which aborts the transaction before it commits (a read-write transaction's requests
   * run in order, so the reads see the store as it was before these writes). A decision thus
   * waits for one round trip and the commit instead of two round trips and the commit.
   */
  private async commitAction(live: LiveRun, action: RunAction): Promise<ApplyResult> {
    const runId = live.runId;
    const roles = this.knownRoles.get(action.by) ?? (await this.readRoles(action.by));
    if (!roles) return unknownPerson(action.by);
    const at = this.clock.now();
    const utcOffset = this.clock.utcOffset?.(at);
    // The person's clock, where known: their "today" decides which dates are still ahead.
    const event = {
      ...action,
      roles: [...roles],
      at,
      ...(utcOffset === undefined ? {} : { utcOffset }),
    };
    if (event.type === 'stage.submit') {
      // The machine does not know the workspace's people; the engine does: a plan whose owners
      // are not among them is refused here, as the stage panel would have.
      const personIds = (await this.db.people.toCollection().primaryKeys()) as string[];
      const parsed = RunEventSchema.safeParse(event);
      const refusal =
        parsed.success && parsed.data.type === 'stage.submit'
          ? checkSubmit(live.snapshot.context, parsed.data, event.stage, personIds)
          : null;
      if (refusal) return { ok: false, refusal };
    }
    const result = this.step(live, event);
    if (!result.ok) {
      // A refusal stands only if it was decided on what is stored: the run's current revision
      // (else another writer got there first) and the person's current roles.
      const [row, stored] = await Promise.all([this.db.runs.get(runId), this.readRoles(action.by)]);
      if (!row) throw new RunNotFoundError(runId);
      if (!sameHead(row, live)) throw new ConflictError(runId, live.revision, row.revision);
      if (!stored) return unknownPerson(action.by);
      return sameRoles(stored, roles) ? result : this.commitAction(live, action);
    }
    const { snapshot, record } = result;
    const base = { revision: live.revision, headHash: live.headHash };
    await this.db.transaction('rw', [...runTables(this.db), this.db.people], async () => {
      const guards = Promise.all([this.db.runs.get(runId), this.db.people.get(action.by)]);
      const writes = Promise.all([
        appendToLog(this.db, [record]),
        putRun(this.db, snapshot, record),
        // A submitted stage's draft has become its submission.
        action.type === 'stage.submit' ? this.db.drafts.delete([runId, action.stage]) : null,
      ]);
      // Answered after the guards; when a guard throws first, the abort makes this fail too.
      writes.catch(() => undefined);
      const [row, person] = await guards;
      if (!row) throw new RunNotFoundError(runId);
      if (!sameHead(row, base)) throw new ConflictError(runId, base.revision, row.revision);
      const storedRoles = person ? (person.roles as Role[]) : null;
      this.rememberRoles(action.by, storedRoles);
      if (!storedRoles || !sameRoles(storedRoles, roles)) throw new RolesChanged();
      await writes;
    });
    live.committed(record);
    return { ok: true, revision: record.seq, snapshot, record };
  }

  /** The person's roles as stored now (null when there is no such person), remembered. */
  private async readRoles(personId: string): Promise<readonly Role[] | null> {
    const person = await this.db.people.get(personId);
    const roles = person ? (person.roles as Role[]) : null;
    this.rememberRoles(personId, roles);
    return roles;
  }

  private rememberRoles(personId: string, roles: readonly Role[] | null): void {
    if (roles) this.knownRoles.set(personId, [...roles]);
    else this.knownRoles.delete(personId);
  }

  async records(runId: string): Promise<EventRecord[]> {
    return readLog(this.db, runId);
  }

  /** Rebuilds the run from its log; `upTo` gives the run as of that event (time travel). */
  async replay(runId: string, upTo?: number): Promise<RunSnapshot> {
    const records = await this.records(runId);
    if (records.length === 0) throw new RunNotFoundError(runId);
    return replayRecords(records, upTo);
  }

  /**
   * True when replaying the whole log gives exactly the stored state: the checkpoint moved on by
   * its tail, and the run's row (what lists show, facts included).
   */
  async replayMatchesStored(runId: string): Promise<boolean> {
    const [parts, records] = await Promise.all([
      readStoredRun(this.db, runId),
      this.records(runId),
    ]);
    if (!parts) throw new RunNotFoundError(runId);
    const snapshot = replayRecords(records);
    const last = records[records.length - 1] as EventRecord;
    const rebuilt = rowOf(snapshot, last);
    // Facts an earlier version derived are refreshed on open (refreshStaleFacts), not altered:
    // compared only when the row holds this version's.
    const row =
      parts.row.facts?.version === FACTS_VERSION
        ? parts.row
        : { ...parts.row, facts: rebuilt.facts };
    return (
      sameJson(rebuilt, row) &&
      sameJson(
        runMachine.getPersistedSnapshot(snapshot),
        migrateEnvelope(runId, currentEnvelope(parts)),
      )
    );
  }

  /**
   * Writes the run's row and checkpoint again from its log, the record of what happened, when
   * they no longer match it (changed outside the app). One transaction, and only if the log has
   * not grown meanwhile. Returns false when the log's own chain is broken: then nothing is
   * rebuilt from it.
   */
  async rebuildFromLog(runId: string): Promise<boolean> {
    // In the run's turn: an action in flight must not commit a state built before the rebuild.
    return this.inTurn(runId, () => this.rebuildFromLogInTurn(runId));
  }

  private async rebuildFromLogInTurn(runId: string): Promise<boolean> {
    const records = await this.records(runId);
    const last = records[records.length - 1];
    if (!last || !verifyRecords(records, last.hash).ok) return false;
    const snapshot = replayRecords(records);
    await this.db.transaction('rw', [this.db.runs, this.db.snapshots, this.db.log], async () => {
      const [row, newest] = await Promise.all([
        this.db.runs.get(runId),
        this.db.log
          .where('[runId+seq]')
          .between([runId, last.seq + 1], [runId, Infinity])
          .count(),
      ]);
      if (!row) throw new RunNotFoundError(runId);
      if (newest > 0) throw new ConflictError(runId, last.seq, row.revision);
      await this.db.runs.put(rowOf(snapshot, last));
      await this.db.snapshots.put({
        runId,
        revision: last.seq,
        envelope: envelopeOf(snapshot, last.at),
      });
    });
    this.forget(runId);
    return true;
  }

  /** Walks the hash chain and reports the first broken link. */
  async verify(runId: string): Promise<VerifyReport> {
    const [row, records] = await Promise.all([this.db.runs.get(runId), this.records(runId)]);
    if (!row) throw new RunNotFoundError(runId);
    return verifyRecords(records, row.headHash);
  }

  /**
   * Opens the next cycle of a completed run: a new run for the following period, linked to its
   * parent, its drafts seeded from what the parent's gates approved and its evaluation taught.
   * Creating the child and linking the parent is one transaction.
   */
  async startNextCycle(parentRunId: string, byPersonId: string, period?: Period): Promise<LiveRun> {
    return this.inTurn(parentRunId, () =>
      this.startNextCycleInTurn(parentRunId, byPersonId, period),
    );
  }

  private async startNextCycleInTurn(
    parentRunId: string,
    byPersonId: string,
    chosen: Period | undefined,
  ): Promise<LiveRun> {
    const parent = await this.load(parentRunId);
    const c = parent.snapshot.context;
    // The period after this one unless another later one is chosen (a quarter already half gone).
    const period = chosen ?? nextPeriod(c.period);
    if (period.start <= c.period.end) {
      throw new RangeError(
        `The next cycle must start after this one ends (${c.period.end}); ${period.start} does not.`,
      );
    }
    const childRunId = `run-${this.newId().slice(0, 8)}`;
    const at = this.clock.now();
    const input = RunInputSchema.parse({
      runId: childRunId,
      scenario: c.scenario,
      title: c.title,
      period,
      leadId: c.leadId,
      parentRunId,
      createdAt: at,
      policies: c.policies,
      rulesVersion: GATE_RULES_VERSION,
    });
    const link = this.step(parent, {
      type: 'cycle.link',
      by: byPersonId,
      roles: [...((await this.readRoles(byPersonId)) ?? [])],
      at,
      childRunId,
    });
    if (!link.ok) throw new RefusedError(link.refusal);
    const approved = Object.fromEntries(
      STAGE_IDS.map((s) => [s, c.stages[s].approved]).filter(([, v]) => v !== null),
    );
    const drafts = seedNextCycle({ period: c.period, approved }, period);
    const child = LiveRun.fromInput(input);
    const snapshot = child.snapshot;
    const record = buildRecord({
      id: this.newId(),
      runId: childRunId,
      seq: 0,
      type: 'run.created',
      actorId: byPersonId,
      at,
      payload: input,
      prevHash: GENESIS_HASH,
    });
    try {
      await this.db.transaction('rw', runTables(this.db), async () => {
        const row = await this.db.runs.get(parentRunId);
        if (!row) throw new RunNotFoundError(parentRunId);
        if (!sameHead(row, parent))
          throw new ConflictError(parentRunId, parent.revision, row.revision);
        if (await this.db.runs.get(childRunId))
          throw new Error(`Run ${childRunId} already exists.`);
        await Promise.all([appendToLog(this.db, [link.record]), appendToLog(this.db, [record])]);
        await putRun(this.db, link.snapshot, link.record);
        await putRun(this.db, snapshot, record);
        await this.db.drafts.bulkPut(
          Object.entries(drafts).map(([stage, content]) => ({
            runId: childRunId,
            stage: stage as StageId,
            content,
            savedBy: byPersonId,
            savedAt: at,
          })),
        );
      });
    } catch (error) {
      this.forget(parentRunId);
      throw error;
    }
    parent.revision = link.record.seq;
    parent.headHash = link.record.hash;
    child.headHash = record.hash;
    this.live.set(childRunId, child);
    return child;
  }

  /** Adds or updates a person; validated, since names reach every screen. */
  /**
   * Adds a person or changes their roles, with the change on record (who, when, before, after) in
   * the same transaction. Saving what is already stored records nothing.
   */
  async savePerson(person: Person, byPersonId: string | null = null): Promise<void> {
    const parsed = PersonSchema.parse(person);
    const after = [...parsed.roles];
    await this.db.transaction('rw', [this.db.people, this.db.peopleLog], async () => {
      const stored = await this.db.people.get(parsed.id);
      if (stored && stored.name === parsed.name && sameRoles(stored.roles as Role[], after)) return;
      await this.db.people.put({ ...parsed, roles: after });
      await this.db.peopleLog.add({
        at: this.clock.now(),
        by: byPersonId,
        personId: parsed.id,
        name: parsed.name,
        before: stored ? [...stored.roles] : null,
        after,
        via: 'people',
      });
    });
    this.rememberRoles(parsed.id, parsed.roles);
  }

  /**
   * Autosaves what a lead is typing. Not part of the log; submitting turns it into an event.
   * With `basedOn` (the content the editor last knew stored, `undefined` for none), refuses to
   * replace a stored draft that differs from it (`DraftChangedError`): two tabs editing one stage
   * would otherwise each overwrite the other's typing without a word.
   */
  async saveDraft(
    runId: string,
    stage: StageId,
    content: unknown,
    byPersonId: string,
    expected?: { basedOn: unknown },
  ): Promise<void> {
    const size = JSON.stringify(content).length;
    if (size > MAX_DRAFT_BYTES) {
      throw new RangeError(
        `This draft is ${Math.round(size / 1024)} KB; the limit is ${MAX_DRAFT_BYTES / 1024} KB. Shorten long texts or split the stage.`,
      );
    }
    // A boundary like any other: a draft the stage's editor could not show is never stored.
    const shape = draftShapeIssue(stage, content);
    if (shape) throw new DraftShapeError(stage, shape.path, shape.expected);
    const savedAt = this.clock.now();
    await this.db.transaction('rw', [this.db.runs, this.db.drafts], async () => {
      // A save that arrives late (an editor closing after its stage was submitted elsewhere, or
      // its run removed) would leave text nobody asked for in the next round's editor.
      const row = await this.db.runs.get(runId);
      const drafting = row?.facts?.drafting;
      if (!row || (drafting !== undefined && !drafting.includes(stage))) {
        throw new DraftClosedError(runId, stage);
      }
      if (expected) {
        const stored = await this.db.drafts.get([runId, stage]);
        if (stored && !sameJson(stored.content, expected.basedOn)) {
          throw new DraftChangedError(runId, stage, stored);
        }
      }
      await this.db.drafts.put({ runId, stage, content, savedBy: byPersonId, savedAt });
    });
  }
}
