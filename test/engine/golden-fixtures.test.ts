import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { MACHINE_VERSION, runMachine } from '../../machines/run-machine';
import { migrateEnvelope, restoreSnapshot } from '../../src/engine/snapshots';
import { canonicalJson } from '../../src/engine/hash';
import { candidateEvents } from '../support/model';

interface Fixture {
  machineVersion: number;
  value: unknown;
  envelope: {
    machineVersion: number;
    snapshot: { context: { runId: string } & Record<string, unknown> } & Record<string, unknown>;
  };
}

/** Every fixture committed for every released machine version. */
const versions = readdirSync('test/fixtures')
  .filter((d) => d.startsWith('snapshots-v'))
  .map((d) => Number(d.slice('snapshots-v'.length)))
  .sort((a, b) => a - b);
const filesOf = (version: number) =>
  readdirSync(`test/fixtures/snapshots-v${version}`).map(
    (f) => `test/fixtures/snapshots-v${version}/${f}`,
  );
const fixtures = versions.flatMap(filesOf);
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Fixture;

describe('golden snapshot fixtures', () => {
  it('exist for every machine version up to this one', () => {
    expect(versions).toEqual(Array.from({ length: MACHINE_VERSION }, (_, i) => i + 1));
  });

  it.each(versions)('cover every state of machine version %i', (version) => {
    const values = new Set(filesOf(version).map((f) => JSON.stringify(read(f).value)));
    expect(values.size).toBe(22);
  });

  it.each(fixtures)('restores %s and the run can go on', (file) => {
    const fixture = read(file);
    const runId = fixture.envelope.snapshot.context.runId;
    const snapshot = restoreSnapshot(runId, fixture.envelope);
    expect(snapshot.value).toEqual(fixture.value);
    if (snapshot.status === 'done') return;
    const accepted = candidateEvents(snapshot).some((event) => {
      const [next] = transition(runMachine, snapshot, event);
      return next.context !== snapshot.context;
    });
    expect(accepted).toBe(true);
    // What is restored is exactly what was stored, brought to this version by the migrations.
    expect(canonicalJson(runMachine.getPersistedSnapshot(snapshot))).toBe(
      canonicalJson(migrateEnvelope(runId, fixture.envelope)),
    );
  });

  it.each(filesOf(1))(
    'migrates %s to version 2 by adding no meeting notes and the first gate rules, nothing else',
    (file) => {
      const { envelope } = read(file);
      const migrated = migrateEnvelope(envelope.snapshot.context.runId, envelope, undefined, 2);
      expect(migrated).toEqual({
        ...envelope.snapshot,
        context: { ...envelope.snapshot.context, meetingNotes: [], rulesVersion: 1 },
      });
    },
  );

  it('carries meeting notes recorded while operating through a restore', () => {
    const withNotes = filesOf(2).filter(
      (f) => (read(f).envelope.snapshot.context.meetingNotes as unknown[]).length > 0,
    );
    expect(withNotes.length).toBeGreaterThan(0);
    for (const file of withNotes) {
      const { envelope } = read(file);
      const snapshot = restoreSnapshot(envelope.snapshot.context.runId, envelope);
      expect(snapshot.context.meetingNotes).toEqual(envelope.snapshot.context.meetingNotes);
    }
  });
});
