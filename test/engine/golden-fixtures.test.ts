import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { transition } from 'xstate';
import { runMachine } from '../../machines/run-machine';
import { restoreSnapshot } from '../../src/engine/snapshots';
import { canonicalJson } from '../../src/engine/hash';
import { candidateEvents } from '../support/model';

/** Every fixture committed for every released machine version. */
const fixtures = readdirSync('test/fixtures')
  .filter((d) => d.startsWith('snapshots-v'))
  .flatMap((d) => readdirSync(`test/fixtures/${d}`).map((f) => `test/fixtures/${d}/${f}`));

describe('golden snapshot fixtures', () => {
  it('covers every state of machine version 1', () => {
    const values = new Set(
      fixtures.map((f) =>
        JSON.stringify((JSON.parse(readFileSync(f, 'utf8')) as { value: unknown }).value),
      ),
    );
    expect(values.size).toBe(22);
  });

  it.each(fixtures)('restores %s and the run can go on', (file) => {
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as {
      value: unknown;
      envelope: { snapshot: { context: { runId: string } } };
    };
    const snapshot = restoreSnapshot(fixture.envelope.snapshot.context.runId, fixture.envelope);
    expect(snapshot.value).toEqual(fixture.value);
    if (snapshot.status === 'done') return;
    const accepted = candidateEvents(snapshot).some((event) => {
      const [next] = transition(runMachine, snapshot, event);
      return next.context !== snapshot.context;
    });
    expect(accepted).toBe(true);
    expect(canonicalJson(runMachine.getPersistedSnapshot(snapshot))).toBe(
      canonicalJson(fixture.envelope.snapshot),
    );
  });
});
