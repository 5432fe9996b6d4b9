/**
 * Writes an export file as the current machine version exports it: the demo's operating run (with
 * a meeting note, from version 2) and last quarter's completed run, to
 * test/fixtures/exports/workspace-v<version>.json. Run once per released machine version; later
 * versions must keep importing every file committed. Usage: npx tsx scripts/generate-export-fixture.ts
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { MACHINE_VERSION } from '../machines/run-machine';
import { fixedClock } from '../src/domain/time';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../src/engine/demo';
import { RunEngine } from '../src/engine/engine';
import { exportWorkspace } from '../src/engine/transfer';
import { freshDb } from '../test/support/db';

const TODAY = '2024-08-15';
const db = freshDb();
await seedDemoWorkspace(db, 'en', TODAY);
// What version 2 added: meeting notes recorded while the plan operates.
if (MACHINE_VERSION >= 2) {
  // From version 3 events carry the person's clock offset (here Beijing's).
  const clock = fixedClock(`${TODAY}T08:00:00.000Z`);
  const engine = new RunEngine(db, {
    clock: MACHINE_VERSION >= 3 ? { ...clock, utcOffset: () => 480 } : clock,
  });
  const noted = await engine.apply(DEMO_RUN_IDS.region, {
    type: 'meeting.note',
    by: 'p-am1',
    meetingId: 'm-friday',
    date: TODAY,
    decisions: 'Switch East China to online visits and send trial packs',
    attendeeIds: ['p-lead', 'p-am1', 'p-mkt'],
  });
  if (!noted.ok) throw new Error(`the meeting note was refused: ${noted.refusal.code}`);
}
const file = await exportWorkspace(db, {
  runIds: [DEMO_RUN_IDS.region, DEMO_RUN_IDS.deepen],
  now: `${TODAY}T09:00:00.000Z`,
});
const dir = 'test/fixtures/exports';
mkdirSync(dir, { recursive: true });
const path = `${dir}/workspace-v${MACHINE_VERSION}.json`;
// A committed fixture is what that version of the app wrote: rewriting it (in today's export
// format) would stop testing that older files still import.
if (existsSync(path)) throw new Error(`${path} exists; fixtures of released versions never change`);
writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
console.log(`wrote ${path}: ${file.runs.length} runs, machine version ${MACHINE_VERSION}`);
