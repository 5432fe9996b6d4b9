import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { runFacts } from '../../machines/run-facts';
import type { RunContext } from '../../machines/run-context';
import { seedDemoWorkspace, DEMO_RUN_IDS } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { currentEnvelope, readStoredRun } from '../../src/engine/stored';
import { StrategyDb, SCHEMA_VERSIONS } from '../../src/storage/db';
import type { RunRow, SnapshotEnvelope } from '../../src/storage/records';
import { recordCount, tickingClock } from '../support/db';
import { readAllLogs } from '../../src/storage/log';

const V1 = SCHEMA_VERSIONS.filter((v) => v.version === 1);
const V2 = SCHEMA_VERSIONS.filter((v) => v.version <= 2);
type V1Row = Omit<RunRow, 'facts'> & { envelope: SnapshotEnvelope };

/** A browser's database as version 1 left it: each runs row carrying its snapshot. */
async function v1Database(factory: IDBFactory): Promise<{ rows: V1Row[]; events: number }> {
  const current = new StrategyDb('seed', { indexedDB: factory, IDBKeyRange });
  await seedDemoWorkspace(current, 'en', '2026-11-27');
  const rows = await current.runs.toArray();
  // Version 1 kept each run's current snapshot in its row.
  const envelopes = await Promise.all(
    rows.map(async (r) => currentEnvelope((await readStoredRun(current, r.id))!)),
  );
  const v1Rows = rows.map(({ facts: _facts, ...row }, i) => ({
    ...row,
    envelope: envelopes[i]!,
  }));
  const events = [...(await readAllLogs(current)).values()].flat();
  const people = await current.people.toArray();
  current.close();

  const old = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange }, V1);
  await old.transaction('rw', ['runs', 'events', 'people'], async () => {
    await old.runs.bulkAdd(v1Rows as unknown as RunRow[]);
    await old.table('events').bulkAdd(events);
    await old.people.bulkAdd(people);
  });
  old.close();
  return { rows: v1Rows, events: events.length };
}

describe('upgrading a version-1 database to the current schema', () => {
  it('moves every snapshot to the snapshots table and derives the facts into light rows', async () => {
    const factory = new IDBFactory();
    const { rows, events } = await v1Database(factory);
    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });

    const upgraded = await db.runs.toArray();
    expect(upgraded.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const before of rows) {
      const row = upgraded.find((r) => r.id === before.id)!;
      expect(row).not.toHaveProperty('envelope');
      expect(row.revision).toBe(before.revision);
      expect(row.facts).toEqual(runFacts(before.envelope.snapshot.context as RunContext));
      expect((await db.snapshots.get(before.id))?.envelope).toEqual(before.envelope);
    }
    expect(await recordCount(db)).toBe(events);
  });

  it('leaves runs the engine can load, replay and move on', async () => {
    const factory = new IDBFactory();
    await v1Database(factory);
    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });
    const engine = new RunEngine(db, { clock: tickingClock(Date.UTC(2026, 10, 1)) });

    expect(await engine.replayMatchesStored(DEMO_RUN_IDS.region)).toBe(true);
    expect((await engine.verify(DEMO_RUN_IDS.region)).ok).toBe(true);
    const live = await engine.load(DEMO_RUN_IDS.region);
    expect(live.snapshot.context.runId).toBe(DEMO_RUN_IDS.region);
  });

  it('keeps a row whose stored snapshot is damaged, with no facts, instead of failing the upgrade', async () => {
    const factory = new IDBFactory();
    const { rows } = await v1Database(factory);
    const damaged = rows[0]!;
    const old = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange }, V1);
    await old.runs.update(damaged.id, { envelope: { ...damaged.envelope, snapshot: {} } } as never);
    old.close();

    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });
    expect((await db.runs.get(damaged.id))?.facts).toBeNull();
    expect(await db.runs.count()).toBe(rows.length);
  });
});

/** The demo's running cycle takes a new event after an upgrade, and its chain still verifies. */
async function expectRunMovesOn(engine: RunEngine): Promise<void> {
  const before = (await engine.load(DEMO_RUN_IDS.cycle3)).revision;
  const noted = await engine.apply(DEMO_RUN_IDS.cycle3, {
    type: 'risk.raise',
    by: 'p-lead',
    description: 'Raised after the upgrade',
    severity: 'medium',
    countermeasure: 'Watch it',
    ownerId: 'p-lead',
    due: null,
  });
  expect(noted).toMatchObject({ ok: true, revision: before + 1 });
  expect((await engine.verify(DEMO_RUN_IDS.cycle3)).ok).toBe(true);
}

describe('upgrading a version-2 database to version 3', () => {
  /** A browser's database as version 2 left it: one row per event record. */
  async function v2Database(factory: IDBFactory) {
    const current = new StrategyDb('seed', { indexedDB: factory, IDBKeyRange });
    await seedDemoWorkspace(current, 'en', '2026-11-27');
    const logs = await readAllLogs(current);
    const [runs, snapshots, people] = await Promise.all([
      current.runs.toArray(),
      current.snapshots.toArray(),
      current.people.toArray(),
    ]);
    current.close();
    const old = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange }, V2);
    await old.transaction('rw', ['runs', 'snapshots', 'events', 'people'], async () => {
      await old.runs.bulkAdd(runs);
      await old.snapshots.bulkAdd(snapshots);
      await old.table('events').bulkAdd([...logs.values()].flat());
      await old.people.bulkAdd(people);
    });
    old.close();
    return logs;
  }

  it('moves each run’s event rows into one log segment, every record kept in order', async () => {
    const factory = new IDBFactory();
    const logs = await v2Database(factory);
    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });

    const segments = await db.log.toArray();
    expect(segments.map((s) => s.runId)).toEqual([...logs.keys()]);
    expect(segments.every((s) => s.seq === 0)).toBe(true);
    expect(await readAllLogs(db)).toEqual(logs);
    expect(db.tables.map((t) => t.name)).not.toContain('events');
  });

  it('leaves runs the engine can verify, load and move on', async () => {
    const factory = new IDBFactory();
    await v2Database(factory);
    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });
    const engine = new RunEngine(db, { clock: tickingClock(Date.UTC(2026, 10, 1)) });

    for (const runId of Object.values(DEMO_RUN_IDS)) {
      expect((await engine.verify(runId)).ok).toBe(true);
      expect(await engine.replayMatchesStored(runId)).toBe(true);
    }
    await expectRunMovesOn(engine);
  });
});

describe('upgrading a version-5 database to version 6', () => {
  it('drops the index on event ids and keeps every segment, old ones with their ids field', async () => {
    const factory = new IDBFactory();
    const V5 = SCHEMA_VERSIONS.filter((v) => v.version <= 5);
    const old = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange }, V5);
    await seedDemoWorkspace(old, 'en', '2026-11-27');
    // Version 5 wrote each segment's ids for its unique index.
    await old.log.toCollection().modify((s) => {
      (s as typeof s & { ids: string[] }).ids = s.records.map((r) => r.id);
    });
    expect(old.log.schema.indexes.map((i) => i.name)).toEqual(['ids']);
    const logs = await readAllLogs(old);
    old.close();

    const db = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange });
    const engine = new RunEngine(db, { clock: tickingClock(Date.UTC(2026, 10, 1)) });
    expect(db.verno).toBe(6);
    expect(db.log.schema.indexes).toEqual([]);
    expect(await readAllLogs(db)).toEqual(logs);
    await expectRunMovesOn(engine);
    expect(await engine.replayMatchesStored(DEMO_RUN_IDS.cycle3)).toBe(true);
  });
});

describe('a newer version of the app opening the database', () => {
  it('closes this connection at once and marks it outdated, so the upgrade never waits on it', async () => {
    const factory = new IDBFactory();
    const old = new StrategyDb('shared', { indexedDB: factory, IDBKeyRange });
    await old.open();
    expect(old.outdated).toBe(false);
    const next = new StrategyDb('shared', { indexedDB: factory, IDBKeyRange }, [
      ...SCHEMA_VERSIONS,
      { version: 99, stores: { meta: 'key' } },
    ]);
    await next.open();
    expect(next.verno).toBe(99);
    expect(old.outdated).toBe(true);
    expect(old.isOpen()).toBe(false);
    // Closed for good: old code never reopens the upgraded database by itself.
    await expect(old.runs.count()).rejects.toThrow(/closed/i);
    next.close();
  });
});
