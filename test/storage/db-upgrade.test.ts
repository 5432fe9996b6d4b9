import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { runFacts } from '../../machines/run-facts';
import type { RunContext } from '../../machines/run-context';
import { seedDemoWorkspace, DEMO_RUN_IDS } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { StrategyDb, SCHEMA_VERSIONS } from '../../src/storage/db';
import type { RunRow, SnapshotEnvelope } from '../../src/storage/records';
import { tickingClock } from '../support/db';

const V1 = SCHEMA_VERSIONS.filter((v) => v.version === 1);
type V1Row = Omit<RunRow, 'facts'> & { envelope: SnapshotEnvelope };

/** A browser's database as version 1 left it: each runs row carrying its snapshot. */
async function v1Database(factory: IDBFactory): Promise<{ rows: V1Row[]; events: number }> {
  const current = new StrategyDb('seed', { indexedDB: factory, IDBKeyRange });
  await seedDemoWorkspace(current, 'en', '2026-11-27');
  const rows = await current.runs.toArray();
  const snapshots = await current.snapshots.bulkGet(rows.map((r) => r.id));
  const v1Rows = rows.map(({ facts: _facts, ...row }, i) => ({
    ...row,
    envelope: snapshots[i]!.envelope,
  }));
  const events = await current.events.toArray();
  const people = await current.people.toArray();
  current.close();

  const old = new StrategyDb('upgrading', { indexedDB: factory, IDBKeyRange }, V1);
  await old.transaction('rw', [old.runs, old.events, old.people], async () => {
    await old.runs.bulkAdd(v1Rows as unknown as RunRow[]);
    await old.events.bulkAdd(events);
    await old.people.bulkAdd(people);
  });
  old.close();
  return { rows: v1Rows, events: events.length };
}

describe('upgrading a version-1 database to version 2', () => {
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
    expect(await db.events.count()).toBe(events);
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
