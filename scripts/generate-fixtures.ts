/**
 * Writes a golden fixture of a persisted snapshot for every state of the current machine version
 * (test/fixtures/snapshots-v<version>/). Run once per released machine version; later versions
 * must keep restoring every fixture ever committed. Usage: npx tsx scripts/generate-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { transition } from 'xstate';
import { MACHINE_VERSION, runMachine } from '../machines/run-machine';
import { envelopeOf } from '../src/engine/snapshots';
import { candidateEvents, explore } from '../test/support/model';

const dir = `test/fixtures/snapshots-v${MACHINE_VERSION}`;
mkdirSync(dir, { recursive: true });
const chosen = new Map<string, ReturnType<typeof explore>[number]>();
for (const path of explore()) {
  const c = path.state.context;
  // One fixture per state value, plus the variants that change what a restore must carry.
  const key = JSON.stringify([
    path.state.value,
    c.hold?.stage ?? null,
    c.followUps.length > 0,
    c.risks.length > 0,
  ]);
  const existing = chosen.get(key);
  if (!existing || path.steps.length < existing.steps.length) chosen.set(key, path);
}
// Meeting notes (since version 2) never change the model's abstract state, so no shortest path
// records one: add a variant with a note of each state value where notes are taken.
type Path = ReturnType<typeof explore>[number];
const withNotes = new Map<string, Path>();
for (const path of chosen.values()) {
  const value = JSON.stringify(path.state.value);
  if (withNotes.has(value)) continue;
  const note = candidateEvents(path.state).find((e) => e.type === 'meeting.note');
  if (note === undefined) continue;
  const [next] = transition(runMachine, path.state, note);
  if (next.context === path.state.context) continue;
  withNotes.set(value, {
    ...path,
    state: next,
    steps: [...path.steps, { state: next, event: note }],
  });
}
let n = 0;
for (const path of [...chosen.values(), ...withNotes.values()].sort(
  (a, b) => a.steps.length - b.steps.length,
)) {
  n += 1;
  const slug = JSON.stringify(path.state.value)
    .replace(/[^a-zA-Z]+/g, '-')
    .replace(/^-|-$/g, '');
  const file = `${dir}/${String(n).padStart(3, '0')}-${slug}.json`;
  const fixture = {
    machineVersion: MACHINE_VERSION,
    value: path.state.value,
    events: path.steps.length,
    envelope: envelopeOf(path.state as never, '2024-07-01T00:00:00.000Z'),
  };
  writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
}
console.log(`wrote ${n} fixtures to ${dir}`);
