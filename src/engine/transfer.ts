import type { ZodError } from 'zod';
import { RunEventSchema } from '../../machines/events';
import { RunInputSchema } from '../../machines/run-context';
import { MACHINE_VERSION, runMachine } from '../../machines/run-machine';
import type { StrategyDb } from '../storage/db';
import {
  GENESIS_HASH,
  type DraftRow,
  type EventRecord,
  type PersonRow,
  type RunRow,
  type StoredRun,
} from '../storage/records';
import {
  IMPORT_LIMITS,
  TransferError,
  WORKSPACE_FORMAT,
  WORKSPACE_FORMAT_VERSION,
  checkSize,
  formatPath,
  readingWorkspaceText,
  type ImportLimits,
  type RunEntry,
  type WorkspaceFile,
} from '../storage/transfer';
import {
  MAX_DRAFT_BYTES,
  RunNotFoundError,
  recordHash,
  rowOf,
  runTables,
  verifyRecords,
} from './engine';
import { draftShapeIssue } from '../domain/content';
import { sameJson } from './hash';
import { eventOf, replayRecords } from './replay';
import { yieldToPage } from './yield';
import { addLogs, readLog } from '../storage/log';
import { migrateEnvelope, SnapshotRestoreError, type RunSnapshot } from './snapshots';

/**
 * Export and import of whole workspaces or single runs. Export reads in one transaction; import
 * validates everything first (src/storage/transfer.ts for the file itself, then every run's hash
 * chain and a replay of its log against its row, here), then lets the person decide about
 * runs that already exist, then writes in ONE read-write transaction: all of it or nothing.
 */

export { TransferError } from '../storage/transfer';
export type { WorkspaceFile, RunEntry } from '../storage/transfer';

// Export -----------------------------------------------------------------------------------------

/** A run as the file carries it: its row's own fields (facts are derived, the state replayed). */
const storedRunOf = (r: RunRow): StoredRun => ({
  id: r.id,
  revision: r.revision,
  headHash: r.headHash,
  title: r.title,
  scenario: r.scenario,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  leadId: r.leadId,
  parentRunId: r.parentRunId,
  current: r.current,
  status: r.status,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
const pickEvent = (e: EventRecord): EventRecord => ({
  id: e.id,
  runId: e.runId,
  seq: e.seq,
  type: e.type,
  actorId: e.actorId,
  at: e.at,
  machineVersion: e.machineVersion,
  payload: e.payload,
  prevHash: e.prevHash,
  hash: e.hash,
});
const pickDraft = (d: DraftRow): DraftRow => ({
  runId: d.runId,
  stage: d.stage,
  content: d.content,
  savedBy: d.savedBy,
  savedAt: d.savedAt,
});
const pickPerson = (p: PersonRow): PersonRow => ({ id: p.id, name: p.name, roles: [...p.roles] });

/**
 * The workspace (or only `runIds`) as an export file, read in one transaction so a run's row,
 * log and drafts are from the same moment. People are always included: runs name them by id.
 * Snapshots are not: an import rebuilds each run from its log.
 */
export async function exportWorkspace(
  db: StrategyDb,
  options: { runIds?: readonly string[]; now?: string } = {},
): Promise<WorkspaceFile> {
  const exportedAt = options.now ?? new Date().toISOString();
  return db.transaction('r', [db.runs, db.log, db.drafts, db.people], async () => {
    let rows: RunRow[];
    if (options.runIds) {
      const found = await db.runs.bulkGet([...options.runIds]);
      rows = found.map((row, i) => {
        if (!row) throw new RunNotFoundError(options.runIds?.[i] ?? '');
        return row;
      });
    } else rows = await db.runs.orderBy('id').toArray();
    // All runs' reads are queued at once: the answers stream back while earlier ones are copied.
    const runs: RunEntry[] = await Promise.all(
      rows.map(async (row) => {
        const [events, drafts] = await Promise.all([
          readLog(db, row.id),
          db.drafts.where('runId').equals(row.id).toArray(),
        ]);
        return {
          run: storedRunOf(row),
          events: events.map(pickEvent),
          drafts: drafts.map(pickDraft),
        };
      }),
    );
    const people = (await db.people.orderBy('id').toArray()).map(pickPerson);
    return {
      format: WORKSPACE_FORMAT,
      version: WORKSPACE_FORMAT_VERSION,
      exportedAt,
      machineVersion: MACHINE_VERSION,
      runs,
      people,
    } satisfies WorkspaceFile;
  });
}

/** The file's text. Compact: files of long-running workspaces get big, and the limit is on bytes. */
export function serializeWorkspace(file: WorkspaceFile): string {
  return JSON.stringify(file);
}

/** Runs written between two pauses of `serializeWorkspaceInParts`. */
const SERIALIZED_RUNS_PER_PAUSE = 25;

/**
 * `serializeWorkspace`'s text in parts (joined, exactly that text), written a few runs at a time
 * with the page let go in between: a 1,000-run workspace written whole held it for ~150 ms. The
 * parts go into a Blob as they are, so the whole text is never one string in memory either.
 */
export async function serializeWorkspaceInParts(
  file: WorkspaceFile,
  yieldToUi: () => Promise<void> = yieldToPage,
): Promise<string[]> {
  // The keys in the order JSON.stringify writes the file's own: a test holds the two equal.
  const { runs, people, ...header } = file;
  const parts = [JSON.stringify(header).slice(0, -1), ',"runs":['];
  for (const [i, run] of runs.entries()) {
    if (i > 0 && i % SERIALIZED_RUNS_PER_PAUSE === 0) await yieldToUi();
    parts.push(i === 0 ? JSON.stringify(run) : `,${JSON.stringify(run)}`);
  }
  parts.push(`],"people":${JSON.stringify(people)}}`);
  return parts;
}

/** `strategy-board-2026-11-27.json`, or `strategy-board-<run id>-2026-11-27.json` for one run. */
export function exportFileName(date: string, runId?: string): string {
  return runId ? `strategy-board-${runId}-${date}.json` : `strategy-board-${date}.json`;
}

// Progress and cancellation ----------------------------------------------------------------------

export type ImportPhase = 'reading' | 'verifying' | 'copying' | 'writing';
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface TransferOptions {
  /** Aborting stops the import at its next step; nothing is written after the abort. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  limits?: Partial<ImportLimits>;
}

const YIELD_AFTER_MS = 12;
/** Runs per bulk write inside the import transaction, between progress reports (~500 records). */
const WRITE_SLICE_RUNS = 12;
/** Slices written at once: enough to keep the database busy, few enough to cancel promptly. */
const WRITE_SLICES_IN_FLIGHT = 3;
const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Reports progress, honours the abort signal, and yields to the event loop every few ms. */
class Pacer {
  private last = now();
  constructor(private readonly options: TransferOptions) {}

  throwIfAborted(): void {
    if (this.options.signal?.aborted) {
      throw new TransferError('cancelled', '', 'the import was cancelled; nothing was written');
    }
  }

  async step(progress: ImportProgress): Promise<void> {
    this.throwIfAborted();
    this.options.onProgress?.(progress);
    this.throwIfAborted();
    if (now() - this.last < YIELD_AFTER_MS) return;
    await yieldToPage();
    this.last = now();
    this.throwIfAborted();
  }
}

// Validation -------------------------------------------------------------------------------------

/** A run that passed every check, with its row and state rebuilt from its own log. */
export interface ValidatedRun {
  index: number;
  entry: RunEntry;
  /** The row to store, rebuilt from the run's own log (never taken from the file). */
  row: RunRow;
  snapshot: RunSnapshot;
}

/**
 * A file that passed every check. Only `validateWorkspace` makes one (the class is not exported),
 * so `commitImport` never writes data that skipped validation.
 */
class CheckedWorkspace {
  // A private member makes the type nominal: a look-alike object literal does not type-check.
  private readonly validated = true;
  constructor(
    readonly file: WorkspaceFile,
    readonly runs: readonly ValidatedRun[],
  ) {}
}
export type ValidatedWorkspace = CheckedWorkspace;

const err = (
  code: ConstructorParameters<typeof TransferError>[0],
  path: ReadonlyArray<PropertyKey>,
  detail: string,
  params: Record<string, string | number> = {},
) => new TransferError(code, formatPath(path), detail, params);

function firstIssue(error: ZodError): { path: PropertyKey[]; message: string } {
  const issue = error.issues[0];
  return { path: issue ? [...issue.path] : [], message: issue?.message ?? 'invalid' };
}

/**
 * Checks one run: its log belongs to it, is gapless, chains, and replays to exactly its row (and,
 * in a version 1 file, to exactly the snapshot it carries).
 */
function checkRun(entry: RunEntry, index: number): ValidatedRun {
  const { run, events, drafts } = entry;
  const at = (...rest: PropertyKey[]) => ['runs', index, ...rest];
  const named = { runId: run.id };
  if (events.length === 0) {
    throw err('emptyLog', at('events'), `run "${run.id}" has no events`, named);
  }
  for (const [j, event] of events.entries()) {
    if (event.runId !== run.id) {
      throw err(
        'foreignEvent',
        at('events', j, 'runId'),
        `event #${j} belongs to run "${event.runId}", not "${run.id}"`,
        { ...named, seq: j, eventRunId: event.runId },
      );
    }
    if (event.seq !== j) {
      throw err(
        'seqGap',
        at('events', j, 'seq'),
        `run "${run.id}": expected event #${j} here, found #${event.seq}`,
        { ...named, expected: j, found: event.seq },
      );
    }
    if (event.machineVersion > MACHINE_VERSION) {
      throw err(
        'newerMachine',
        at('events', j, 'machineVersion'),
        `written by machine version ${event.machineVersion}; this app runs version ${MACHINE_VERSION}`,
        { version: event.machineVersion, supported: MACHINE_VERSION },
      );
    }
  }
  const stages = new Set<string>();
  for (const [k, draft] of drafts.entries()) {
    if (draft.runId !== run.id) {
      throw err(
        'foreignDraft',
        at('drafts', k, 'runId'),
        `a draft of run "${draft.runId}" inside run "${run.id}"`,
        { ...named, draftRunId: draft.runId },
      );
    }
    if (stages.has(draft.stage)) {
      throw err('duplicateDraft', at('drafts', k, 'stage'), `two drafts for stage ${draft.stage}`, {
        ...named,
        stage: draft.stage,
      });
    }
    stages.add(draft.stage);
    if (JSON.stringify(draft.content).length > MAX_DRAFT_BYTES) {
      throw err('draftTooLarge', at('drafts', k, 'content'), 'the draft is over the size limit', {
        ...named,
        limit: MAX_DRAFT_BYTES / 1024,
      });
    }
    // The stage's editor would fail on it, and the lead could never open that stage again.
    const shape = draftShapeIssue(draft.stage, draft.content);
    if (shape) {
      throw err(
        'draftUnreadable',
        at('drafts', k, 'content', ...shape.path),
        `the draft of stage ${draft.stage} is not shaped like its content: expected ${shape.expected}`,
        { ...named, stage: draft.stage, expected: shape.expected },
      );
    }
  }

  const chain = verifyRecords(events, run.headHash);
  if (!chain.ok) {
    const seq = chain.brokenAt;
    switch (chain.reason) {
      case 'seqGap':
        throw err('seqGap', at('events', seq, 'seq'), `run "${run.id}": event #${seq} is missing`, {
          ...named,
          expected: seq,
          found: events[seq]?.seq ?? -1,
        });
      case 'prevHashMismatch':
        throw err(
          'brokenChain',
          at('events', seq, 'prevHash'),
          `run "${run.id}": event #${seq} does not link to event #${seq - 1}`,
          { ...named, seq },
        );
      case 'hashMismatch':
        throw err(
          'tampered',
          at('events', seq, 'hash'),
          `run "${run.id}": event #${seq} was changed after it was recorded (its hash does not match its contents)`,
          { ...named, seq },
        );
      case 'headMismatch':
        throw err(
          'headMismatch',
          at('run', 'headHash'),
          `run "${run.id}": the last event is not the run's recorded head (events missing at the end?)`,
          named,
        );
    }
  }

  for (const [j, event] of events.entries()) {
    if (j === 0) {
      if (event.type !== 'run.created') {
        throw err('invalidEvent', at('events', 0, 'type'), 'the first event must create the run', {
          ...named,
          seq: 0,
          detail: `found ${event.type}`,
        });
      }
      const input = RunInputSchema.safeParse(event.payload);
      if (!input.success) {
        const issue = firstIssue(input.error);
        throw err('invalidEvent', at('events', 0, 'payload', ...issue.path), issue.message, {
          ...named,
          seq: 0,
          detail: issue.message,
        });
      }
      if (input.data.runId !== run.id) {
        throw err(
          'foreignEvent',
          at('events', 0, 'payload', 'runId'),
          `the creation record is for run "${input.data.runId}", not "${run.id}"`,
          { ...named, seq: 0, eventRunId: input.data.runId },
        );
      }
      continue;
    }
    const parsed = RunEventSchema.safeParse(eventOf(event));
    if (!parsed.success || event.type === 'run.created') {
      const issue = parsed.success
        ? { path: ['type'], message: 'a run is created only once' }
        : firstIssue(parsed.error);
      throw err('invalidEvent', at('events', j, 'payload', ...issue.path), issue.message, {
        ...named,
        seq: j,
        detail: issue.message,
      });
    }
  }

  // Files of format version 1 carry the run's snapshot: it must be one this app reads, and (below)
  // exactly what the log replays to. It is then dropped: the log is the truth.
  const envelope = run.envelope;
  let migrated: Record<string, unknown> | null = null;
  if (envelope) {
    if (envelope.machineVersion > MACHINE_VERSION) {
      throw err(
        'newerMachine',
        at('run', 'envelope', 'machineVersion'),
        `saved by machine version ${envelope.machineVersion}; this app runs version ${MACHINE_VERSION}`,
        { version: envelope.machineVersion, supported: MACHINE_VERSION },
      );
    }
    try {
      migrated = migrateEnvelope(run.id, envelope);
    } catch (error) {
      if (!(error instanceof SnapshotRestoreError)) throw error;
      throw err('noMigration', at('run', 'envelope', 'machineVersion'), error.reason, {
        ...named,
        version: envelope.machineVersion,
      });
    }
  }

  let snapshot: RunSnapshot;
  try {
    snapshot = replayRecords(events);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const seq = Number(/record (\d+)/.exec(message)?.[1] ?? 0);
    throw err('replayFailed', at('events', seq), `run "${run.id}": ${message}`, {
      ...named,
      seq,
      detail: message.slice(0, 200),
    });
  }
  if (snapshot.status === 'error') {
    throw err('replayFailed', at('events'), `run "${run.id}" fails when replayed`, {
      ...named,
      seq: events.length - 1,
      detail: 'error state',
    });
  }
  const last = events[events.length - 1] as EventRecord;
  if (migrated && !sameJson(runMachine.getPersistedSnapshot(snapshot), migrated)) {
    throw err(
      'snapshotMismatch',
      at('run', 'envelope', 'snapshot'),
      `run "${run.id}": the stored state differs from what its events produce`,
      named,
    );
  }
  const row = rowOf(snapshot, last);
  for (const field of ROW_FIELDS) {
    if (row[field] !== run[field]) {
      throw err(
        'rowMismatch',
        at('run', field),
        `run "${run.id}": ${field} is ${JSON.stringify(run[field])} but its events say ${JSON.stringify(row[field])}`,
        { ...named, field },
      );
    }
  }
  if (envelope && envelope.savedAt !== last.at) {
    throw err(
      'rowMismatch',
      at('run', 'envelope', 'savedAt'),
      `run "${run.id}": the snapshot was not saved with the last event`,
      { ...named, field: 'envelope.savedAt' },
    );
  }
  return { index, entry, row, snapshot };
}

const ROW_FIELDS = [
  'id',
  'revision',
  'headHash',
  'title',
  'scenario',
  'periodStart',
  'periodEnd',
  'leadId',
  'parentRunId',
  'current',
  'status',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof RunRow>;

/** Ids that must be unique inside the file: runs, events (globally unique), people. */
function checkUnique(file: WorkspaceFile): void {
  const runs = new Set<string>();
  const events = new Set<string>();
  for (const [i, { run, events: log }] of file.runs.entries()) {
    if (runs.has(run.id)) {
      throw err('duplicateRun', ['runs', i, 'run', 'id'], `run "${run.id}" appears twice`, {
        runId: run.id,
      });
    }
    runs.add(run.id);
    for (const [j, event] of log.entries()) {
      if (events.has(event.id)) {
        throw err(
          'duplicateEvent',
          ['runs', i, 'events', j, 'id'],
          `event id ${event.id} appears twice`,
          { runId: run.id, seq: j, eventId: event.id },
        );
      }
      events.add(event.id);
    }
  }
  const people = new Set<string>();
  for (const [k, person] of file.people.entries()) {
    if (people.has(person.id)) {
      throw err('duplicatePerson', ['people', k, 'id'], `person "${person.id}" appears twice`, {
        personId: person.id,
      });
    }
    people.add(person.id);
  }
  // Exports carry the whole team. A run whose lead is not in it could never move again: only its
  // lead submits, and an unknown person is refused.
  for (const [i, { run }] of file.runs.entries()) {
    if (!people.has(run.leadId)) {
      throw err(
        'unknownLead',
        ['runs', i, 'run', 'leadId'],
        `run "${run.id}" is led by "${run.leadId}", who is not among the file's people`,
        { runId: run.id, personId: run.leadId },
      );
    }
  }
}

/**
 * Reads and checks an import file without touching the database: size (before reading a Blob,
 * and of the text), JSON syntax, tree shape, strict schemas, unique ids, then per run its hash
 * chain (`verifyRecords`), its events' schemas, and a replay that must give exactly the stored row
 * (and a version 1 file's snapshot, migrated to this machine version). Throws a TransferError naming the
 * first problem and where it is. Yields to the event loop between runs; honours `signal`.
 */
export async function validateWorkspace(
  source: string | Blob,
  options: TransferOptions = {},
): Promise<ValidatedWorkspace> {
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const pacer = new Pacer(options);
  await pacer.step({ phase: 'reading', done: 0, total: 1 });
  let text: string;
  if (typeof source === 'string') text = source;
  else {
    checkSize(source.size, limits.maxBytes);
    text = await source.text();
  }
  await pacer.step({ phase: 'reading', done: 0, total: 1 });
  // Read in steps, the page let go between them (a large file's reading held it for ~0.5 s).
  const reading = readingWorkspaceText(text, limits);
  let step = reading.next();
  while (!step.done) {
    await pacer.step({ phase: 'reading', done: 0, total: 1 });
    step = reading.next();
  }
  const file = step.value;
  if (file.machineVersion > MACHINE_VERSION) {
    throw err(
      'newerMachine',
      ['machineVersion'],
      `exported by machine version ${file.machineVersion}; this app runs version ${MACHINE_VERSION}`,
      { version: file.machineVersion, supported: MACHINE_VERSION },
    );
  }
  checkUnique(file);
  const total = file.runs.reduce((sum, r) => sum + r.events.length, 0);
  let done = 0;
  const runs: ValidatedRun[] = [];
  for (const [i, entry] of file.runs.entries()) {
    await pacer.step({ phase: 'verifying', done, total });
    runs.push(checkRun(entry, i));
    done += entry.events.length;
  }
  await pacer.step({ phase: 'verifying', done, total });
  return new CheckedWorkspace(file, runs);
}

// Planning ---------------------------------------------------------------------------------------

/** Why a run cannot be imported as it is: a stored run has its id. */
export type ImportConflict = 'runExists';

export interface PlannedRun {
  runId: string;
  title: string;
  /** The run's period: runs repeat titles quarter after quarter. */
  period: { start: string; end: string };
  status: RunRow['status'];
  events: number;
  drafts: number;
  conflict: ImportConflict | null;
  /** The title of the stored run with the same id, to show side by side. */
  existingTitle: string | null;
}

export interface ImportPlan {
  runs: PlannedRun[];
  people: { added: number; kept: number };
}

/** What an import would do to this database; conflicts need a choice before `commitImport`. */
export async function planImport(
  db: StrategyDb,
  workspace: ValidatedWorkspace,
): Promise<ImportPlan> {
  return db.transaction('r', [db.runs, db.people], async () => {
    const existing = await db.runs.bulkGet(workspace.runs.map((r) => r.row.id));
    const people = await db.people.bulkGet(workspace.file.people.map((p) => p.id));
    const kept = people.filter(Boolean).length;
    return {
      runs: workspace.runs.map((r, i) => {
        const stored = existing[i];
        const conflict: ImportConflict | null = stored ? 'runExists' : null;
        return {
          runId: r.row.id,
          title: r.row.title,
          period: { start: r.row.periodStart, end: r.row.periodEnd },
          status: r.row.status,
          events: r.entry.events.length,
          drafts: r.entry.drafts.length,
          conflict,
          existingTitle: stored?.title ?? null,
        };
      }),
      people: { added: people.length - kept, kept },
    };
  });
}

// Copies -----------------------------------------------------------------------------------------

/** A run's title is at most this long (RunInputSchema). */
const MAX_TITLE_CHARS = 200;

/**
 * `copyTitle(title)` within the length limit: a title too long for its copy mark is shortened
 * (by whole characters, with "…") so the mark, at its end, is never cut off.
 */
function fitTitle(title: string, copyTitle: (title: string) => string): string {
  const chars = [...title];
  let fitted = copyTitle(title);
  // The limit counts UTF-16 units, as the schema does; characters are dropped whole.
  while (fitted.length > MAX_TITLE_CHARS && chars.length > 0) {
    chars.pop();
    fitted = copyTitle(`${chars.join('').trimEnd()}…`);
  }
  return fitted;
}

/** `demo-launch-copy`, `demo-launch-copy-2`, … the first id not in `taken` (within 64 chars). */
export function copyRunId(runId: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '-copy' : `-copy-${n}`;
    const id = `${runId.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The same run under a new id: every record gets a new id and the new run id (the creation
 * record's input too), the chain is re-hashed from genesis, and the copy is replayed to rebuild
 * its snapshot, which must equal the original's with only `context.runId` changed — and its
 * links to a previous or next cycle, where that run is copied in the same import (`copies`, from
 * original id to copy id): a chain of cycles copied together links copy to copy, not back to the
 * originals.
 */
export function copyRun(
  run: ValidatedRun,
  newRunId: string,
  {
    newId = () => crypto.randomUUID(),
    copies = new Map<string, string>(),
    copyTitle = (title: string) => title,
  }: Pick<CommitOptions, 'newId' | 'copyTitle'> & { copies?: ReadonlyMap<string, string> } = {},
): RunWrite {
  const linked = (id: unknown) => (typeof id === 'string' ? (copies.get(id) ?? id) : id);
  const title = fitTitle(run.row.title, copyTitle);
  const payloadOf = (e: EventRecord): unknown => {
    const payload = e.payload as Record<string, unknown>;
    if (e.seq === 0) {
      return { ...payload, runId: newRunId, title, parentRunId: linked(payload.parentRunId) };
    }
    if (e.type === 'cycle.link') return { ...payload, childRunId: linked(payload.childRunId) };
    return e.payload;
  };
  let prevHash = GENESIS_HASH;
  const events = run.entry.events.map((e) => {
    const unsigned = {
      ...pickEvent(e),
      id: newId(),
      runId: newRunId,
      payload: payloadOf(e),
      prevHash,
    };
    const record: EventRecord = { ...unsigned, hash: recordHash(unsigned) };
    prevHash = record.hash;
    return record;
  });
  const snapshot = replayRecords(events);
  const original = runMachine.getPersistedSnapshot(run.snapshot) as unknown as {
    context: Record<string, unknown>;
  };
  const expected = {
    ...original,
    context: {
      ...original.context,
      runId: newRunId,
      title,
      parentRunId: linked(original.context.parentRunId),
      childRunId: linked(original.context.childRunId),
    },
  };
  const last = events[events.length - 1] as EventRecord;
  const row = rowOf(snapshot, last);
  if (
    !sameJson(runMachine.getPersistedSnapshot(snapshot), expected) ||
    !verifyRecords(events, row.headHash).ok
  ) {
    throw err('replayFailed', ['runs', run.index], `the copy of run "${run.row.id}" differs`, {
      runId: run.row.id,
      seq: last.seq,
      detail: 'copy differs',
    });
  }
  return {
    row,
    events,
    drafts: run.entry.drafts.map((d) => ({ ...pickDraft(d), runId: newRunId })),
  };
}

// Commit -----------------------------------------------------------------------------------------

/**
 * What is written for one run: its row, its log and its drafts. No checkpoint: the engine stores
 * one when it first loads the run (see RunEngine.load); until then the run is read by replaying
 * its log, which costs about what restoring a snapshot would for a run of ordinary length.
 */
export interface RunWrite {
  row: RunRow;
  events: EventRecord[];
  drafts: DraftRow[];
}

/** Per run: write it as it is, skip it, or write it as a copy under a new id. */
export type RunChoice = 'import' | 'skip' | 'copy';

export interface ImportResult {
  imported: string[];
  copies: Array<{ from: string; to: string }>;
  skipped: string[];
  peopleAdded: number;
}

export interface CommitOptions extends TransferOptions {
  /** Who imports, and when: the people the file adds go on the team's record with them. */
  byPersonId?: string | null;
  at?: string;
  /** Ids for the records of copies; crypto.randomUUID unless a test seeds its own. */
  newId?: () => string;
  /** A copy's title from the original's ("… (copy)" in the person's language); the same by default. */
  copyTitle?: (title: string) => string;
}

/**
 * Writes a validated file: `choices` per run id (default: import new runs, skip conflicting
 * ones). A conflicting run chosen as 'import' is refused — nothing is ever overwritten. Copies are
 * built and checked first; then one read-write transaction re-checks that nothing it writes
 * exists (another tab may have written since the plan), adds runs, events and drafts, and adds
 * the people not already stored (existing people are kept as they are). Any failure, or an abort
 * before the transaction ends, rolls all of it back.
 */
export async function commitImport(
  db: StrategyDb,
  workspace: ValidatedWorkspace,
  choices: Readonly<Record<string, RunChoice>> = {},
  options: CommitOptions = {},
): Promise<ImportResult> {
  if (!(workspace instanceof CheckedWorkspace)) {
    throw new TypeError('commitImport needs what validateWorkspace returned');
  }
  const pacer = new Pacer(options);
  const plan = await planImport(db, workspace);
  const taken = new Set<string>([
    ...((await db.runs.toCollection().primaryKeys()) as string[]),
    ...workspace.runs.map((r) => r.row.id),
  ]);
  const result: ImportResult = { imported: [], copies: [], skipped: [], peopleAdded: 0 };
  const writes: RunWrite[] = [];
  const copyCount = workspace.runs.filter((r) => choices[r.row.id] === 'copy').length;
  let copied = 0;
  // Every copy's id first, so copies of linked cycles can link to each other.
  const copies = new Map<string, string>();
  for (const run of workspace.runs) {
    if (choices[run.row.id] !== 'copy') continue;
    const to = copyRunId(run.row.id, taken);
    taken.add(to);
    copies.set(run.row.id, to);
  }
  for (const run of workspace.runs) {
    const planned = plan.runs[run.index] as PlannedRun;
    const choice = choices[run.row.id] ?? (planned.conflict ? 'skip' : 'import');
    if (choice === 'skip') {
      result.skipped.push(run.row.id);
    } else if (choice === 'import') {
      if (planned.conflict) {
        throw err(
          'wouldOverwrite',
          ['runs', run.index, 'run', 'id'],
          `run "${run.row.id}" already exists; skip it or import it as a copy`,
          { runId: run.row.id },
        );
      }
      writes.push({ row: run.row, events: run.entry.events, drafts: run.entry.drafts });
      result.imported.push(run.row.id);
    } else {
      await pacer.step({ phase: 'copying', done: copied, total: copyCount });
      const to = copies.get(run.row.id) as string;
      writes.push(copyRun(run, to, { newId: options.newId, copyTitle: options.copyTitle, copies }));
      result.copies.push({ from: run.row.id, to });
      copied += 1;
    }
  }
  const records = writes.reduce((n, w) => n + w.events.length + 1, 0);
  await pacer.step({ phase: 'writing', done: 0, total: records });

  try {
    await db.transaction('rw', [...runTables(db), db.people, db.peopleLog], async () => {
      const ids = writes.map((w) => w.row.id);
      const existing = await db.runs.bulkGet(ids);
      const clash = existing.findIndex(Boolean);
      if (clash >= 0) {
        throw err('wouldOverwrite', [], `run "${ids[clash]}" was created while importing`, {
          runId: ids[clash] ?? '',
        });
      }
      // In slices, to report progress and honour Cancel. Awaiting only Dexie between slices keeps
      // the transaction alive; the UI stays responsive because IndexedDB works off the main thread.
      // Each run's log is one segment: IndexedDB's cost is per row stored.
      let done = 0;
      // A few slices are in flight at once: the database writes one while this thread copies the
      // next into it, instead of each waiting on the other (a 1,000-run import's write measured
      // 750-790 ms in Chromium this way, 1,020-1,150 ms one slice at a time).
      const inFlight: Array<Promise<unknown>> = [];
      for (let i = 0; i < writes.length; i += WRITE_SLICE_RUNS) {
        pacer.throwIfAborted();
        options.onProgress?.({ phase: 'writing', done, total: records });
        const slice = writes.slice(i, i + WRITE_SLICE_RUNS);
        const written = Promise.all([
          addLogs(
            db,
            slice.map((w) => w.events),
          ),
          db.runs.bulkAdd(slice.map((w) => w.row)),
          db.drafts.bulkPut(slice.flatMap((w) => w.drafts)),
        ]);
        written.catch(() => undefined); // awaited below; any failure aborts the transaction
        inFlight.push(written);
        if (inFlight.length >= WRITE_SLICES_IN_FLIGHT) await inFlight.shift();
        done += slice.reduce((n, w) => n + w.events.length + 1, 0);
      }
      await Promise.all(inFlight);
      const people = workspace.file.people;
      const stored = await db.people.bulkGet(people.map((p) => p.id));
      const added = people.filter((_, i) => !stored[i]).map(pickPerson);
      await db.people.bulkAdd(added);
      const at = options.at ?? new Date().toISOString();
      await db.peopleLog.bulkAdd(
        added.map((p) => ({
          at,
          by: options.byPersonId ?? null,
          personId: p.id,
          name: p.name,
          before: null,
          after: [...p.roles],
          via: 'import' as const,
        })),
      );
      result.peopleAdded = added.length;
      // The transaction is the commit point: an abort that arrives before it ends undoes it all.
      pacer.throwIfAborted();
    });
  } catch (error) {
    if (error instanceof TransferError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new TransferError('writeFailed', '', `nothing was written: ${detail}`, {
      detail: detail.slice(0, 300),
    });
  }
  return result;
}

/**
 * Validate, plan and commit in one call, resolving every conflict the same way. For scripts and
 * tests; the UI asks the person per run between `planImport` and `commitImport`.
 */
export async function importWorkspace(
  db: StrategyDb,
  source: string | Blob,
  options: CommitOptions & { conflicts?: 'skip' | 'copy' } = {},
): Promise<{ plan: ImportPlan; result: ImportResult }> {
  const workspace = await validateWorkspace(source, options);
  const plan = await planImport(db, workspace);
  const choices = Object.fromEntries(
    plan.runs.filter((r) => r.conflict).map((r) => [r.runId, options.conflicts ?? 'skip'] as const),
  );
  const result = await commitImport(db, workspace, choices, options);
  return { plan, result };
}
