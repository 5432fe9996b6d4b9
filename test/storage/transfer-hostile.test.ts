import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seedDemoWorkspace } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { importWorkspace } from '../../src/engine/transfer';
import type { StrategyDb } from '../../src/storage/db';
import { IMPORT_LIMITS, TransferError, type TransferErrorCode } from '../../src/storage/transfer';
import { LOCALES, translate } from '../../src/i18n';
import { freshDb, storeChecksum } from '../support/db';
import { reverseKeys } from '../support/json';

async function counts(db: StrategyDb): Promise<Record<string, number>> {
  const entries = await Promise.all(db.tables.map(async (t) => [t.name, await t.count()]));
  return Object.fromEntries(entries) as Record<string, number>;
}

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/hostile/${name}`, import.meta.url), 'utf8');

/** A workspace that already holds something to protect: the demo, seeded once. */
let target: StrategyDb;
beforeAll(async () => {
  target = freshDb();
  await seedDemoWorkspace(target, 'en', '2026-11-27');
});

/** Imports `text` into the demo workspace expecting a refusal; checks nothing was written. */
async function expectRefused(text: string): Promise<TransferError> {
  const before = { counts: await counts(target), checksum: await storeChecksum(target) };
  const error = await importWorkspace(target, text, { conflicts: 'copy' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the file was accepted').toBeInstanceOf(TransferError);
  expect(await counts(target)).toEqual(before.counts);
  expect(await storeChecksum(target)).toBe(before.checksum);
  return error as TransferError;
}

describe('the hostile corpus', () => {
  it('starts from a valid file that imports cleanly (so each refusal is for its one defect)', async () => {
    const db = freshDb();
    const { result } = await importWorkspace(db, fixture('valid.json'));
    expect(result.imported).toEqual(['run-a', 'run-b']);
  });

  it('imports the same file as format version 1 wrote it, snapshots and all', async () => {
    const db = freshDb();
    const { result } = await importWorkspace(db, fixture('valid-v1.json'));
    expect(result.imported).toEqual(['run-a', 'run-b']);
    // The snapshots it carried were checked against the logs, then dropped: the log is the truth.
    expect(await db.snapshots.count()).toBe(0);
    const engine = new RunEngine(db);
    expect((await engine.load('run-a')).revision).toBe(2);
    expect(await engine.replayMatchesStored('run-a')).toBe(true);
  });

  const cases: Array<[file: string, code: TransferErrorCode, path: string | RegExp, says: RegExp]> =
    [
      ['truncated.json', 'notJson', '', /not valid JSON at line 1, column \d+.*cut off/],
      ['not-an-export.json', 'notAnExport', 'format', /not "strategy-board.workspace"/],
      ['newer-format.json', 'newerFormat', 'version', /version 3 is newer/],
      ['wrong-type.json', 'wrongType', 'runs[0].events[1].seq', /expected number, found string/],
      [
        'lead-not-in-people.json',
        'unknownLead',
        'runs[0].run.leadId',
        /led by "p-lead", who is not among the file's people/,
      ],
      [
        'damaged-draft.json',
        'draftUnreadable',
        'runs[1].drafts[0].content.marketNeeds',
        /not shaped like its content: expected array/,
      ],
      [
        'deep-nesting.json',
        'tooDeep',
        /^runs\[0\]\.events\[1\]\.payload\.content\.deep(\[0\])+$/,
        /64/,
      ],
      ['proto-key.json', 'forbiddenKey', 'people[0].__proto__', /"__proto__" is not allowed/],
      [
        'constructor-key.json',
        'forbiddenKey',
        'runs[0].events[2].payload.constructor',
        /"constructor"/,
      ],
      ['tampered-chain.json', 'tampered', 'runs[0].events[2].hash', /run "run-a": event #2/],
      [
        'unknown-machine-version.json',
        'newerMachine',
        'runs[0].run.envelope.machineVersion',
        /machine version 99/,
      ],
      ['unknown-key.json', 'unknownKey', 'runs[0].run.isAdmin', /unknown key "isAdmin"/],
      ['snapshot-in-v2.json', 'unknownKey', 'runs[0].run.envelope', /unknown key "envelope"/],
      [
        'newer-machine-event.json',
        'newerMachine',
        'runs[0].events[2].machineVersion',
        /machine version 99/,
      ],
      [
        'event-of-another-run.json',
        'foreignEvent',
        'runs[0].events[1].runId',
        /belongs to run "run-b", not "run-a"/,
      ],
      ['duplicate-event.json', 'duplicateEvent', 'runs[0].events[2].id', /appears twice/],
      ['missing-event.json', 'seqGap', 'runs[0].events[1].seq', /expected event #1/],
      ['missing-last-event.json', 'headMismatch', 'runs[0].run.headHash', /run "run-a"/],
      ['forged-event.json', 'invalidEvent', 'runs[0].events[2].payload.decision', /Invalid/],
      ['edited-status.json', 'rowMismatch', 'runs[0].run.status', /status is "completed"/],
      [
        'edited-snapshot.json',
        'snapshotMismatch',
        'runs[0].run.envelope.snapshot',
        /differs from what its events produce/,
      ],
      ['infinite-number.json', 'invalidNumber', 'runs[0].run.revision', /too large/],
      ['duplicate-run.json', 'duplicateRun', 'runs[2].run.id', /run "run-a" appears twice/],
    ];

  it.each(cases)('refuses %s (%s) and writes nothing', async (file, code, path, says) => {
    const error = await expectRefused(fixture(file));
    expect(error.code).toBe(code);
    if (typeof path === 'string') expect(error.path).toBe(path);
    else expect(error.path).toMatch(path);
    expect(error.message).toMatch(says);
    // The person reads it in their language, every placeholder filled.
    for (const locale of LOCALES) {
      expect(translate(locale, `transfer.error.${error.code}`, error.params)).not.toMatch(
        /\{\w+\}/,
      );
    }
  });

  it.each([
    [0, 'unknownFormat', /format version 0 was never written by this app \(it reads 1 to 2\)/],
    ['2', 'wrongType', /expected number, found string/],
    [1.5, 'unknownFormat', /format version 1.5 was never written/],
    [-1, 'unknownFormat', /format version -1 was never written/],
    [undefined, 'missingKey', /a required field is missing/],
  ])('refuses format version %s by name (%s)', async (version, code, says) => {
    const file = JSON.parse(fixture('valid.json')) as Record<string, unknown>;
    file.version = version;
    const error = await expectRefused(JSON.stringify(file));
    expect(error).toMatchObject({ code, path: 'version' });
    expect(error.message).toMatch(says);
  });

  it('calls an empty file empty, and names a missing field by its key', async () => {
    expect(await expectRefused('  \n')).toMatchObject({ code: 'notJson', params: { empty: 1 } });
    const file = JSON.parse(fixture('valid.json')) as {
      runs: Array<{ run: Record<string, unknown> }>;
    };
    delete file.runs[1]!.run.title;
    expect(await expectRefused(JSON.stringify(file))).toMatchObject({
      code: 'missingKey',
      path: 'runs[1].run.title',
      params: { field: 'title' },
    });
  });

  it('refuses an oversize file by its size, before parsing it, naming size and limit', async () => {
    const valid = fixture('valid.json');
    // Valid JSON all the way: only the size is wrong, so a parse would have accepted it.
    const padding = ' '.repeat(IMPORT_LIMITS.maxBytes + 1024 - valid.length);
    const error = await expectRefused(valid + padding);
    expect(error.code).toBe('tooLarge');
    expect(error.message).toBe('the file is 256.1 MB; the limit is 256 MB');
    expect(error.params).toEqual({ size: '256.1', limit: '256' });
  });

  it('refuses an oversize Blob from its size alone, without reading it', async () => {
    let read = false;
    const blob = {
      size: 300 * 1024 * 1024,
      text: () => {
        read = true;
        return Promise.resolve('{}');
      },
    } as unknown as Blob;
    const error = await importWorkspace(freshDb(), blob).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'tooLarge', params: { size: '300', limit: '256' } });
    expect(read).toBe(false);
  });

  it('refuses a depth bomb nested far deeper than any parser stack', async () => {
    const bomb = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect((await expectRefused(bomb)).code).toBe('tooDeep');
  });
});

// Property: random damage to a valid export is refused cleanly or leaves a consistent store. ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every value in a JSON tree (the root excluded). */
function pathsOf(root: Json): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ value: Json; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > 0) out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return out;
}

function parentOf(root: Json, path: Array<string | number>): [Json, string | number] {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key]!;
  return [node, path[path.length - 1]!];
}

type Mutation =
  | { kind: 'deleteKey'; pick: number }
  | { kind: 'changeType'; pick: number; value: Json }
  | { kind: 'junkKey'; pick: number; key: string; value: Json }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicateEvent'; run: number; event: number }
  | { kind: 'reformat'; indent: number };

const junkValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.constant('<img src=x onerror=alert(1)>'),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteKey' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('changeType' as const), pick: fc.nat(), value: junkValue }),
  fc.record({
    kind: fc.constant('junkKey' as const),
    pick: fc.nat(),
    key: fc.oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin'),
    ),
    value: junkValue,
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateEvent' as const), run: fc.nat(), event: fc.nat() }),
  // Harmless on purpose: the same content, re-indented and with every object's keys reversed.
  fc.record({ kind: fc.constant('reformat' as const), indent: fc.integer({ min: 0, max: 4 }) }),
);

/** Applies one mutation to a valid export's text. */
function mutate(text: string, m: Mutation): string {
  if (m.kind === 'truncate') return text.slice(0, m.at % text.length);
  const root = JSON.parse(text) as Json;
  if (m.kind === 'reformat') return JSON.stringify(reverseKeys(root), null, m.indent);
  if (m.kind === 'duplicateEvent') {
    const runs = (root as { runs: Array<{ events: Json[] }> }).runs;
    const run = runs[m.run % runs.length]!;
    const i = m.event % run.events.length;
    run.events.splice(i + 1, 0, structuredClone(run.events[i]!));
    return JSON.stringify(root);
  }
  const paths = pathsOf(root);
  if (m.kind === 'junkKey') {
    const objects = [[], ...paths].filter((p) => {
      const [parent, key] = p.length ? parentOf(root, p) : [null, ''];
      const value = parent === null ? root : (parent as Record<string | number, Json>)[key];
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    });
    const path = objects[m.pick % objects.length]!;
    let node = root;
    for (const key of path) node = (node as Record<string | number, Json>)[key]!;
    // defineProperty, so "__proto__" becomes an own key exactly as JSON.parse would make it.
    Object.defineProperty(node, m.key, {
      value: m.value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return JSON.stringify(root);
  }
  const path = paths[m.pick % paths.length]!;
  const [parent, key] = parentOf(root, path);
  if (m.kind === 'deleteKey') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key];
  } else (parent as Record<string | number, Json>)[key] = m.value;
  return JSON.stringify(root);
}

describe('random damage to a valid export', () => {
  it('is refused with a TransferError and no write, or imported into a store that still verifies', async () => {
    const source = freshDb();
    await seedDemoWorkspace(source, 'en', '2026-11-27');
    const { exportWorkspace, serializeWorkspace } = await import('../../src/engine/transfer');
    const text = serializeWorkspace(await exportWorkspace(source));
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        // A store with something to protect, and a run the file conflicts with.
        const db = freshDb();
        await importWorkspace(db, fixture('valid.json'));
        const before = await storeChecksum(db);
        const outcome = await importWorkspace(db, mutate(text, m), { conflicts: 'copy' }).then(
          () => null,
          (e: unknown) => e,
        );
        // The same content, only laid out differently, is never refused.
        if (m.kind === 'reformat') expect(outcome).toBeNull();
        if (outcome !== null) {
          refused += 1;
          expect(outcome).toBeInstanceOf(TransferError);
          expect((outcome as TransferError).message.length).toBeGreaterThan(10);
          expect(await storeChecksum(db)).toBe(before);
        } else {
          accepted += 1;
          const engine = new RunEngine(db);
          for (const id of (await db.runs.toCollection().primaryKeys()) as string[]) {
            expect((await engine.verify(id)).ok, id).toBe(true);
            expect(await engine.replayMatchesStored(id), id).toBe(true);
          }
        }
      }),
      { numRuns: 250 },
    );
    // Most damage is refused, but harmless edits (at least the reformats) must be accepted.
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(0);
  }, 240_000);
});
