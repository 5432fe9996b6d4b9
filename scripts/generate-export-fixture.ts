/**
 * Writes an export file as the current machine version exports it: the demo's operating run and
 * last quarter's completed run (test/fixtures/exports/workspace-v<version>.json). Run once per
 * released machine version; later versions must keep importing every file committed.
 * Usage: npx tsx scripts/generate-export-fixture.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { MACHINE_VERSION } from '../machines/run-machine';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../src/engine/demo';
import { exportWorkspace } from '../src/engine/transfer';
import { freshDb } from '../test/support/db';

const TODAY = '2024-08-15';
const db = freshDb();
await seedDemoWorkspace(db, 'en', TODAY);
const file = await exportWorkspace(db, {
  runIds: [DEMO_RUN_IDS.region, DEMO_RUN_IDS.deepen],
  now: `${TODAY}T09:00:00.000Z`,
});
const dir = 'test/fixtures/exports';
mkdirSync(dir, { recursive: true });
const path = `${dir}/workspace-v${MACHINE_VERSION}.json`;
writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
console.log(`wrote ${path}: ${file.runs.length} runs, machine version ${MACHINE_VERSION}`);
