import { describe, expect, it } from 'vitest';
import { FACTS_VERSION, runFacts, type RunFacts } from '../../machines/run-facts';
import { seedDemoWorkspace, DEMO_RUN_IDS } from '../../src/engine/demo';
import { readContext, refreshStaleFacts } from '../../src/engine/stored';
import type { RunRow } from '../../src/storage/records';
import { freshDb } from '../support/db';

const noYield = () => Promise.resolve();
const DEMO_RUNS = Object.keys(DEMO_RUN_IDS).length;

/** Facts as an earlier version of the app stored them: no version, no turns. */
function olderFacts(facts: RunFacts | null): RunFacts | null {
  if (!facts) return null;
  const { version: _v, waiting: _w, drafting: _d, ...rest } = facts;
  return rest;
}

async function demoWithOlderFacts() {
  const db = freshDb();
  await seedDemoWorkspace(db, 'en', '2026-11-27');
  await db.runs.toCollection().modify((row: RunRow) => {
    row.facts = olderFacts(row.facts);
  });
  return db;
}

describe('refreshing facts an earlier version stored', () => {
  it('derives every stale row’s facts again from its run, and leaves the rest of the row alone', async () => {
    const db = await demoWithOlderFacts();
    const before = await db.runs.toArray();

    const result = await refreshStaleFacts(db, noYield);

    expect(result).toEqual({ refreshed: DEMO_RUNS, unreadable: 0 });
    for (const row of await db.runs.toArray()) {
      const context = await readContext(db, row.id);
      if (!context) throw new Error(`no run ${row.id}`);
      expect(row.facts).toEqual(runFacts(context));
      expect(row.facts?.version).toBe(FACTS_VERSION);
      const { facts: _after, ...rest } = row;
      const { facts: _before, ...was } = before.find((r) => r.id === row.id) as RunRow;
      expect(rest).toEqual(was);
    }
    // Nothing is stale any more: a second pass writes nothing.
    expect(await refreshStaleFacts(db, noYield)).toEqual({ refreshed: 0, unreadable: 0 });
  });

  it('keeps the row of a run whose state cannot be read, and refreshes the others', async () => {
    const db = await demoWithOlderFacts();
    const broken = DEMO_RUN_IDS.launch;
    await db.snapshots.update(broken, { envelope: { broken: true } as never });
    await db.log.where('runId').equals(broken).delete();
    const brokenBefore = await db.runs.get(broken);

    const result = await refreshStaleFacts(db, noYield);

    expect(result).toEqual({ refreshed: DEMO_RUNS - 1, unreadable: 1 });
    expect(await db.runs.get(broken)).toEqual(brokenBefore);
  });
});
