import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import { runMachine, MACHINE_VERSION } from '../../machines/run-machine';
import { STAGE_IDS } from '../domain/stages';
import type { RunContext } from '../../machines/run-context';
import type { SnapshotEnvelope } from '../storage/records';
import { SnapshotEnvelopeSchema } from '../storage/record-schemas';

export type RunSnapshot = SnapshotFrom<typeof runMachine>;
export type RunActor = Actor<typeof runMachine>;

/** A persisted snapshot that cannot be restored. Says which run and why; nothing is half-loaded. */
export class SnapshotRestoreError extends Error {
  override readonly name = 'SnapshotRestoreError';
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`Run ${runId} cannot be restored: ${reason}`);
  }
}

/**
 * Steps from one machine version to the next: `migrations[n]` turns a version-n persisted snapshot
 * into version n+1. Version 1 is the first release; every later change to the snapshot's shape
 * adds one step and golden fixtures (test/fixtures/snapshots-v<n>).
 */
export type SnapshotMigration = (snapshot: Record<string, unknown>) => Record<string, unknown>;
export const migrations: Readonly<Record<number, SnapshotMigration>> = {
  /**
   * 1 → 2: no meeting notes were recorded while operating yet, and the run keeps the gate rules it
   * was created under (version 1), so its log replays exactly as it was accepted.
   */
  1: (snapshot) => {
    const context = snapshot.context;
    if (context === null || typeof context !== 'object') return snapshot;
    return { ...snapshot, context: { ...context, meetingNotes: [], rulesVersion: 1 } };
  },
  /** 2 → 3: the snapshot is unchanged; version 3 changed the events (`utcOffset`). */
  2: (snapshot) => snapshot,
};

export function envelopeOf(snapshot: RunSnapshot, savedAt: string): SnapshotEnvelope {
  return {
    machineVersion: MACHINE_VERSION,
    savedAt,
    snapshot: runMachine.getPersistedSnapshot(snapshot) as unknown as Record<string, unknown>,
  };
}

/** Brings a stored envelope to the current machine version, or says why it cannot. */
export function migrateEnvelope(
  runId: string,
  envelope: unknown,
  registry: Readonly<Record<number, SnapshotMigration>> = migrations,
  targetVersion = MACHINE_VERSION,
): Record<string, unknown> {
  const parsed = SnapshotEnvelopeSchema.safeParse(envelope);
  if (!parsed.success)
    throw new SnapshotRestoreError(runId, 'the stored snapshot envelope is malformed');
  let { machineVersion: version, snapshot } = parsed.data;
  if (version > targetVersion) {
    throw new SnapshotRestoreError(
      runId,
      `it was saved by machine version ${version}, newer than this app's ${targetVersion}; update the app`,
    );
  }
  while (version < targetVersion) {
    const step = registry[version];
    if (!step)
      throw new SnapshotRestoreError(runId, `no migration from machine version ${version}`);
    snapshot = step(snapshot);
    version += 1;
  }
  return snapshot;
}

/**
 * Restores a run's actor from its stored envelope, validating it first like any untrusted input:
 * a snapshot whose state or context does not fit the machine is refused, not half-restored.
 * The actor is not started; `startActor` starts it.
 */
export function restoreActor(runId: string, envelope: unknown): RunActor {
  const persisted = checkedSnapshot(runId, envelope);
  let actor: RunActor;
  try {
    actor = createActor(runMachine, { snapshot: persisted as never, input: undefined as never });
  } catch (error) {
    throw new SnapshotRestoreError(runId, `the machine rejected it (${(error as Error).message})`);
  }
  if (actor.getSnapshot().status === 'error')
    throw new SnapshotRestoreError(runId, 'it is in an error state');
  return actor;
}

/** Migrates a stored envelope and checks that its context belongs to the run. */
function checkedSnapshot(runId: string, envelope: unknown): Record<string, unknown> {
  const persisted = migrateEnvelope(runId, envelope);
  const context = persisted.context as Record<string, unknown> | undefined;
  const stages = context?.stages as Record<string, unknown> | undefined;
  if (!context || context.runId !== runId || !stages || STAGE_IDS.some((s) => !stages[s])) {
    throw new SnapshotRestoreError(
      runId,
      'its context does not belong to this run or lacks stages',
    );
  }
  return persisted;
}

/**
 * The context of a stored snapshot, checked as `restoreActor` checks it but without building an
 * actor: what screens need to draw a run, at a fraction of the cost.
 */
export function storedContext(runId: string, envelope: unknown): RunContext {
  return checkedSnapshot(runId, envelope).context as RunContext;
}

/** The snapshot stored in an envelope, validated (see `restoreActor`). */
export function restoreSnapshot(runId: string, envelope: unknown): RunSnapshot {
  return restoreActor(runId, envelope).getSnapshot();
}
