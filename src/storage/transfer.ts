import * as z from 'zod';
import {
  IdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PersonSchema,
  ScenarioIdSchema,
} from '../domain/schemas';
import { STAGE_IDS } from '../domain/stages';
import { EventRecordSchema, HashSchema, SnapshotEnvelopeSchema } from './record-schemas';
import {
  RUN_STATUSES,
  type DraftRow,
  type EventRecord,
  type PersonRow,
  type StoredRun,
} from './records';

/**
 * The workspace file: what "Export" writes and "Import" reads. This module holds the format and
 * the checks that need nothing but the file itself (size, JSON syntax, the shape of the tree, the
 * zod schemas). The checks that need the machine (hash chains, replay) live in
 * src/engine/transfer.ts. Everything here treats the file as hostile: it was written by someone
 * else, possibly by hand, possibly to hurt.
 */

export const WORKSPACE_FORMAT = 'strategy-board.workspace';
/**
 * The format version export writes. Version 1 also carried each run's snapshot; it is still read
 * (its snapshots checked against their logs, then dropped).
 */
export const WORKSPACE_FORMAT_VERSION = 2;
export const READABLE_FORMAT_VERSIONS = [1, 2] as const;
export type WorkspaceFormatVersion = (typeof READABLE_FORMAT_VERSIONS)[number];

/** Limits on an import file. Exceeding one refuses the file; nothing is truncated or guessed. */
export interface ImportLimits {
  /** Size of the file in UTF-8 bytes, checked before it is parsed. */
  maxBytes: number;
  /** Nesting of objects and arrays; the deepest real export is about 15. */
  maxDepth: number;
  /** Any string anywhere in the file. */
  maxStringChars: number;
  /** Any array anywhere in the file (events of one run are the longest). */
  maxArrayItems: number;
  /** Keys of any one object. */
  maxObjectKeys: number;
  maxRuns: number;
  maxEventsPerRun: number;
  maxPeople: number;
}

export const IMPORT_LIMITS: Readonly<ImportLimits> = {
  // A workspace of 1,000 sample runs with full histories exports to about 55 MB; maxRuns of them
  // would be about 270 MB. The text and its parse must both fit in a tab's memory.
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 64,
  maxStringChars: 100_000,
  maxArrayItems: 100_000,
  maxObjectKeys: 10_000,
  maxRuns: 5_000,
  maxEventsPerRun: 100_000,
  maxPeople: 10_000,
};

/** Keys that could reach an object's prototype when a file is spread or merged. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Why an import was refused (or stopped). The UI has a message for each: `transfer.error.<code>`. */
export const TRANSFER_ERROR_CODES = [
  'tooLarge',
  'notJson',
  'notAnExport',
  'newerFormat',
  'unknownFormat',
  'tooDeep',
  'forbiddenKey',
  'stringTooLong',
  'arrayTooLong',
  'tooManyKeys',
  'invalidNumber',
  'unknownKey',
  'missingKey',
  'wrongType',
  'invalidValue',
  'duplicateRun',
  'duplicateEvent',
  'duplicatePerson',
  'duplicateDraft',
  'foreignEvent',
  'foreignDraft',
  'draftTooLarge',
  'draftUnreadable',
  'unknownLead',
  'emptyLog',
  'seqGap',
  'brokenChain',
  'tampered',
  'headMismatch',
  'newerMachine',
  'noMigration',
  'invalidEvent',
  'replayFailed',
  'snapshotMismatch',
  'rowMismatch',
  'wouldOverwrite',
  'writeFailed',
  'cancelled',
] as const;
export type TransferErrorCode = (typeof TRANSFER_ERROR_CODES)[number];

export type TransferParams = Readonly<Record<string, string | number>>;

/**
 * A refused (or cancelled) import. `path` says where in the file (`runs[3].events[12].hash`, empty
 * for the file as a whole), `params` fill the UI's message; `message` is English for logs and tests.
 * Every refusal happens before anything is written, or aborts the one write transaction.
 */
export class TransferError extends Error {
  override readonly name = 'TransferError';
  constructor(
    readonly code: TransferErrorCode,
    readonly path: string,
    detail: string,
    readonly params: TransferParams = {},
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

/** A JSON path for people: `runs[3].events[12].hash`; odd keys are quoted (`drafts["a b"]`). */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

// Size -------------------------------------------------------------------------------------------

/** UTF-8 size of a string without encoding it (a 50 MB copy just to measure it is wasteful). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** One decimal; a size just over the limit rounds up, so it never reads as equal to the limit. */
const megabytes = (bytes: number, round = Math.round) =>
  (round((bytes / 1_048_576) * 10) / 10).toString();

/** Refuses a file over the limit, saying both sizes. Call it before reading or parsing. */
export function checkSize(bytes: number, limit = IMPORT_LIMITS.maxBytes): void {
  if (bytes > limit) {
    throw new TransferError(
      'tooLarge',
      '',
      `the file is ${megabytes(bytes, Math.ceil)} MB; the limit is ${megabytes(limit)} MB`,
      { size: megabytes(bytes, Math.ceil), limit: megabytes(limit) },
    );
  }
}

/** The size check for text already in memory: exact, but skips counting when it cannot matter. */
export function checkTextSize(text: string, limit = IMPORT_LIMITS.maxBytes): void {
  // Each UTF-16 unit is 1 to 3 bytes, so the length bounds the size from both sides.
  if (text.length * 3 <= limit) return;
  checkSize(text.length > limit ? text.length : utf8ByteLength(text), limit);
}

// JSON syntax ------------------------------------------------------------------------------------

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

/** The offset of the end of a string starting at `start` (its opening quote), or of its error. */
function scanString(text: string, start: number): { end: number } | { error: number } {
  for (let i = start + 1; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return { end: i + 1 };
    if (code < 0x20) return { error: i };
    if (code === 0x5c) {
      const escape = text[i + 1];
      if (escape === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { error: i };
        i += 5;
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 1;
      else return { error: i };
    }
  }
  return { error: text.length };
}

/**
 * Where JSON text first goes wrong (UTF-16 offset), or -1 if it is valid. Browsers word
 * JSON.parse errors differently and some give no position, so the importer finds it itself.
 * Iterative: a hostile file nested a million levels deep does not overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';
  const stack: Array<'{' | '['> = [];
  let state: State = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
    if (state === 'after' && stack.length === 0) return i < text.length ? i : -1;
    if (i >= text.length) return text.length;
    const c = text[i] as string;
    if (state === 'value' || state === 'valueOrClose') {
      if (state === 'valueOrClose' && c === ']') {
        stack.pop();
        i += 1;
        state = 'after';
      } else if (c === '{' || c === '[') {
        stack.push(c);
        i += 1;
        state = c === '{' ? 'keyOrClose' : 'valueOrClose';
      } else if (c === '"') {
        const scanned = scanString(text, i);
        if ('error' in scanned) return scanned.error;
        i = scanned.end;
        state = 'after';
      } else {
        NUMBER.lastIndex = i;
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (literal) i += literal.length;
        else if (NUMBER.test(text)) i = NUMBER.lastIndex;
        else return i;
        state = 'after';
      }
    } else if (state === 'key' || state === 'keyOrClose') {
      if (state === 'keyOrClose' && c === '}') {
        stack.pop();
        i += 1;
        state = 'after';
      } else {
        if (c !== '"') return i;
        const scanned = scanString(text, i);
        if ('error' in scanned) return scanned.error;
        i = scanned.end;
        state = 'colon';
      }
    } else if (state === 'colon') {
      if (c !== ':') return i;
      i += 1;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i += 1;
        state = top === '{' ? 'key' : 'value';
      } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
        stack.pop();
        i += 1;
      } else return i;
    }
  }
}

/** JSON.parse, with a refusal that says where the text breaks (line, column and character). */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') {
    throw new TransferError('notJson', '', 'the file is empty', {
      line: 1,
      column: 1,
      offset: 1,
      detail: 'empty',
      truncated: 1,
      empty: 1,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    let offset = jsonErrorOffset(text);
    if (offset < 0) offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const truncated = offset >= text.length;
    const detail = (error as Error).message.slice(0, 200);
    throw new TransferError(
      'notJson',
      '',
      `the file is not valid JSON at line ${line}, column ${column} (character ${offset + 1})${truncated ? ': it ends too early, as if cut off' : ''} — ${detail}`,
      { line, column, offset: offset + 1, detail, truncated: truncated ? 1 : 0 },
    );
  }
}

// The shape of the tree --------------------------------------------------------------------------

/**
 * Walks a parsed file once, without recursion: nesting depth, the keys that could reach a
 * prototype (JSON.parse makes `"__proto__"` an own property, so it survives until something
 * merges it), and the limits on every string, array and object, including in parts the schemas
 * leave open (event payloads, snapshots, draft content). Also refuses numbers JSON cannot
 * round-trip (`1e999` parses to Infinity).
 */
export function checkTree(root: unknown, limits: ImportLimits = IMPORT_LIMITS): void {
  // Each entry links to its parent; the path is spelled out only for an error. A file of tens of
  // megabytes has millions of values: copying a path array for each cost more than the walk.
  interface Entry {
    value: unknown;
    key: PropertyKey | null;
    parent: Entry | null;
    depth: number;
  }
  const pathOf = (entry: Entry | null, last?: PropertyKey): PropertyKey[] => {
    const path: PropertyKey[] = last === undefined ? [] : [last];
    for (let e = entry; e && e.key !== null; e = e.parent) path.push(e.key);
    return path.reverse();
  };
  /** Checks a leaf at once; returns true when `value` is a container to walk. */
  const leafOk = (value: unknown, parent: Entry | null, key: PropertyKey | null): boolean => {
    if (typeof value === 'string') {
      if (value.length > limits.maxStringChars) {
        throw new TransferError(
          'stringTooLong',
          formatPath(pathOf(parent, key ?? undefined)),
          `a text of ${value.length} characters; the limit is ${limits.maxStringChars}`,
          { length: value.length, limit: limits.maxStringChars },
        );
      }
      return false;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw new TransferError(
          'invalidNumber',
          formatPath(pathOf(parent, key ?? undefined)),
          'a number too large to store',
        );
      }
      return false;
    }
    return value !== null && typeof value === 'object';
  };
  const stack: Entry[] = [];
  if (leafOk(root, null, null)) stack.push({ value: root, key: null, parent: null, depth: 0 });
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const { value, depth } = entry;
    if (depth >= limits.maxDepth) {
      throw new TransferError(
        'tooDeep',
        formatPath(pathOf(entry)),
        `nested more than ${limits.maxDepth} levels deep`,
        { limit: limits.maxDepth },
      );
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayItems) {
        throw new TransferError(
          'arrayTooLong',
          formatPath(pathOf(entry)),
          `a list of ${value.length} items; the limit is ${limits.maxArrayItems}`,
          { length: value.length, limit: limits.maxArrayItems },
        );
      }
      for (let i = value.length - 1; i >= 0; i -= 1) {
        const item: unknown = value[i];
        if (leafOk(item, entry, i))
          stack.push({ value: item, key: i, parent: entry, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value as object);
    if (keys.length > limits.maxObjectKeys) {
      throw new TransferError(
        'tooManyKeys',
        formatPath(pathOf(entry)),
        `an object with ${keys.length} keys; the limit is ${limits.maxObjectKeys}`,
        { length: keys.length, limit: limits.maxObjectKeys },
      );
    }
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i] as string;
      if (FORBIDDEN_KEYS.has(key)) {
        throw new TransferError(
          'forbiddenKey',
          formatPath(pathOf(entry, key)),
          `the key "${key}" is not allowed anywhere in an import file`,
          { key },
        );
      }
      const item = (value as Record<string, unknown>)[key];
      if (leafOk(item, entry, key))
        stack.push({ value: item, key, parent: entry, depth: depth + 1 });
    }
  }
}

// Schemas ----------------------------------------------------------------------------------------

/** Present, whatever it holds: `z.unknown()` alone would also accept a missing key. */
const present = z.unknown().refine((v) => v !== undefined, { message: 'is missing' });

const StoredRunFields = {
  id: IdSchema,
  revision: z.number().int().min(0),
  headHash: HashSchema,
  title: z.string().max(200),
  scenario: ScenarioIdSchema,
  periodStart: IsoDateSchema,
  periodEnd: IsoDateSchema,
  leadId: IdSchema,
  parentRunId: IdSchema.nullable(),
  current: z.enum(STAGE_IDS),
  status: z.enum(RUN_STATUSES),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
};
/** Per format version: a run's row, with its snapshot in version 1 only. */
const StoredRunSchemas = {
  1: z.strictObject({ ...StoredRunFields, envelope: SnapshotEnvelopeSchema }),
  2: z.strictObject(StoredRunFields),
} as const satisfies Record<WorkspaceFormatVersion, z.ZodType>;

const FileEventSchema = EventRecordSchema.extend({ payload: present });

const DraftRowSchema = z.strictObject({
  runId: IdSchema,
  stage: z.enum(STAGE_IDS),
  content: present,
  savedBy: IdSchema,
  savedAt: IsoDateTimeSchema,
});

/**
 * A file is read in three parts, so the page can be let go between runs, and a file with several
 * problems is refused for the one a single schema would name first (fields in this order, unknown
 * keys last): the fields before the runs, with the runs as a list of values yet to be read; then
 * each run (`runEntrySchema`); then the whole file with the runs left as they are.
 */
function workspaceHeadSchema(limits: ImportLimits, version: WorkspaceFormatVersion) {
  return z.object({
    format: z.literal(WORKSPACE_FORMAT),
    version: z.literal(version),
    exportedAt: IsoDateTimeSchema,
    machineVersion: z.number().int().min(1),
    runs: z.array(z.unknown()).max(limits.maxRuns),
  });
}

function workspaceShellSchema(limits: ImportLimits, version: WorkspaceFormatVersion) {
  return workspaceHeadSchema(limits, version)
    .extend({ people: z.array(PersonSchema).max(limits.maxPeople) })
    .strict();
}

function runEntrySchema(limits: ImportLimits, version: WorkspaceFormatVersion) {
  return z.strictObject({
    run: StoredRunSchemas[version],
    events: z.array(FileEventSchema).max(limits.maxEventsPerRun),
    drafts: z.array(DraftRowSchema).max(STAGE_IDS.length),
  });
}

/** One run as the file carries it: its stored row (with the snapshot in version 1), its log and its drafts. */
export interface RunEntry {
  run: StoredRun;
  events: EventRecord[];
  drafts: DraftRow[];
}

/** The whole file. `machineVersion` is the version of the app that exported it. */
export interface WorkspaceFile {
  format: typeof WORKSPACE_FORMAT;
  version: WorkspaceFormatVersion;
  exportedAt: string;
  machineVersion: number;
  runs: RunEntry[];
  people: PersonRow[];
}

/** The nearest named field on a path (`runs[3].events` → "events"), for messages. */
const fieldName = (path: readonly PropertyKey[]): string =>
  String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');

function refusalOf(issue: z.core.$ZodIssue): TransferError {
  const path = [...issue.path];
  const where = () => formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      path.push(key);
      return new TransferError(
        'unknownKey',
        where(),
        `unknown key "${key}"; this version of the format has no such field`,
        { key },
      );
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return new TransferError('missingKey', where(), 'a required field is missing', {
          expected: issue.expected,
          field: fieldName(path),
        });
      }
      return new TransferError(
        'wrongType',
        where(),
        `expected ${issue.expected}, found ${kindOf(issue.input)}`,
        { expected: issue.expected, found: kindOf(issue.input) },
      );
    default:
      if (issue.code === 'custom' && issue.message === 'is missing') {
        return new TransferError('missingKey', where(), 'a required field is missing', {
          expected: 'value',
          field: fieldName(path),
        });
      }
      return new TransferError('invalidValue', where(), issue.message, {
        detail: issue.message,
      });
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Checks the first lines of the file: is it one of ours, and a format version we read? Run
 * before the full schema, so a wrong file gets "not an export" rather than fifty field errors.
 * Returns the version whose schema reads the rest; any other version is refused here, by name.
 */
export function checkHeader(value: unknown): WorkspaceFormatVersion {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TransferError('notAnExport', '', `the file holds ${kindOf(value)}, not an export`);
  }
  const { format, version } = value as Record<string, unknown>;
  if (format !== WORKSPACE_FORMAT) {
    throw new TransferError(
      'notAnExport',
      'format',
      `format is ${JSON.stringify(format ?? null)}, not "${WORKSPACE_FORMAT}"`,
    );
  }
  const readable = READABLE_FORMAT_VERSIONS.find((v) => v === version);
  if (readable !== undefined) return readable;
  if (version === undefined) {
    throw new TransferError('missingKey', 'version', 'a required field is missing', {
      expected: 'number',
      field: 'version',
    });
  }
  if (typeof version !== 'number') {
    throw new TransferError('wrongType', 'version', `expected number, found ${kindOf(version)}`, {
      expected: 'number',
      found: kindOf(version),
    });
  }
  if (Number.isInteger(version) && version > WORKSPACE_FORMAT_VERSION) {
    throw new TransferError(
      'newerFormat',
      'version',
      `file format version ${version} is newer than this app reads (${WORKSPACE_FORMAT_VERSION})`,
      { version, supported: WORKSPACE_FORMAT_VERSION },
    );
  }
  throw new TransferError(
    'unknownFormat',
    'version',
    `file format version ${version} was never written by this app (it reads ${READABLE_FORMAT_VERSIONS[0]} to ${WORKSPACE_FORMAT_VERSION})`,
    { version, first: READABLE_FORMAT_VERSIONS[0], latest: WORKSPACE_FORMAT_VERSION },
  );
}

/**
 * Everything about a file that needs only the file: size, JSON syntax, the tree's shape and the
 * strict schemas (unknown keys refused). Throws a TransferError naming the first problem and its
 * path. What it returns still needs the engine's checks (chains, replay) before it is trusted.
 */
export function readWorkspaceText(
  text: string,
  limits: ImportLimits = IMPORT_LIMITS,
): WorkspaceFile {
  const reading = readingWorkspaceText(text, limits);
  for (let step = reading.next(); ; step = reading.next()) if (step.done) return step.value;
}

/** Runs read with the schemas between two pauses of `readingWorkspaceText`. */
const RUNS_PER_STEP = 25;

/**
 * `readWorkspaceText` in steps: it pauses (yields) after parsing, after walking the tree and every
 * few runs read, so a caller can let the page paint and take input between them. The whole of a
 * large file in one go held the page for half a second (measured with 1,000 runs in Chromium).
 */
export function* readingWorkspaceText(
  text: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Generator<void, WorkspaceFile, void> {
  checkTextSize(text, limits.maxBytes);
  const value = parseJsonText(text);
  yield;
  checkTree(value, limits);
  yield;
  const version = checkHeader(value);
  const head = parse(workspaceHeadSchema(limits, version), value, []);
  const entry = runEntrySchema(limits, version);
  const runs: RunEntry[] = [];
  for (const [i, run] of head.runs.entries()) {
    if (i > 0 && i % RUNS_PER_STEP === 0) yield;
    runs.push(parse(entry, run, ['runs', i]) as RunEntry);
  }
  const shell = parse(workspaceShellSchema(limits, version), value, []);
  return { ...shell, runs } as WorkspaceFile;
}

/** `schema`'s reading of `value`, found at `path` in the file; its first issue refuses the file. */
function parse<T>(schema: z.ZodType<T>, value: unknown, path: PropertyKey[]): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  if (!first)
    throw new TransferError('invalidValue', formatPath(path), 'the file does not fit the format');
  throw refusalOf({ ...first, path: [...path, ...first.path] } as z.core.$ZodIssue);
}
