import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { StrategyDb, SCHEMA_VERSIONS } from '../../src/storage/db';
import { RunEngine, type EngineOptions } from '../../src/engine/engine';
import { demoTeam, defaultGatePolicies } from '../../src/domain/scenarios';
import { quarterPeriod, type Clock } from '../../src/domain/time';
import { canonicalJson, sha256Hex } from '../../src/engine/hash';

let dbCount = 0;

/** A database of its own in a fresh in-memory IndexedDB. */
export function freshDb(factory = new IDBFactory(), versions = SCHEMA_VERSIONS): StrategyDb {
  dbCount += 1;
  return new StrategyDb(`test-${dbCount}`, { indexedDB: factory, IDBKeyRange }, versions);
}

/** A clock that ticks one second per reading, from a fixed start. */
export function tickingClock(start = Date.UTC(2024, 6, 1, 9)): Clock {
  let t = start;
  return {
    now: () => {
      t += 1000;
      return new Date(t).toISOString();
    },
  };
}

/** Seeded ids: deterministic, yet valid UUIDs. */
export function seededIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

export async function engineWithTeam(
  db = freshDb(),
  options: EngineOptions = {},
): Promise<RunEngine> {
  await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
  return new RunEngine(db, { clock: tickingClock(), newId: seededIds(), ...options });
}

export const PERIOD = quarterPeriod(2024, 3);

export function newRunFields(runId = 'run-1') {
  return {
    runId,
    scenario: 'newProductLaunch' as const,
    title: 'Product A launch',
    period: PERIOD,
    leadId: 'p-lead',
    parentRunId: null,
    policies: defaultGatePolicies('newProductLaunch'),
  };
}

/** How many event records the store holds, over every run (or the runs whose ids start so). */
export async function recordCount(db: StrategyDb, runIdPrefix = ''): Promise<number> {
  let n = 0;
  await db.log
    .where('runId')
    .startsWith(runIdPrefix)
    .each((segment) => {
      n += segment.records.length;
    });
  return n;
}

/** Every row of every table, in key order, hashed: equal checksums mean an unchanged store. */
export async function storeChecksum(db: StrategyDb): Promise<string> {
  const tables = await Promise.all(db.tables.map((t) => t.toArray()));
  return sha256Hex(canonicalJson(tables));
}
