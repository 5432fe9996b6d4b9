import { goDecision } from '../../src/engine/demo-chain';
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { MACHINE_VERSION } from '../../machines/run-machine';
import { demoContent } from '../../src/domain/scenarios';
import { GATE_RULES_VERSION } from '../../src/domain/readiness';
import { quarterPeriod } from '../../src/domain/time';
import { DEMO_RUN_IDS } from '../../src/engine/demo';
import { RunEngine, type RunAction } from '../../src/engine/engine';
import { importWorkspace } from '../../src/engine/transfer';
import { approversFor } from '../support/driver';
import { engineWithTeam, freshDb, newRunFields, tickingClock } from '../support/db';

/** The export file machine version 1 wrote (scripts/generate-export-fixture.ts). */
const V1_FILE = readFileSync('test/fixtures/exports/workspace-v1.json', 'utf8');

async function importedV1(): Promise<RunEngine> {
  const db = freshDb();
  await importWorkspace(db, V1_FILE);
  // The day after the file was exported: the operating run's period (2024 Q3) is under way.
  return new RunEngine(db, { clock: tickingClock(Date.UTC(2024, 7, 16, 9)) });
}

async function act(engine: RunEngine, runId: string, action: RunAction): Promise<void> {
  const result = await engine.apply(runId, action);
  if (!result.ok) throw new Error(`${action.type} refused: ${JSON.stringify(result.refusal)}`);
}

/** Every export file committed, one per released machine version. */
const EXPORTS = readdirSync('test/fixtures/exports').map((f) => `test/fixtures/exports/${f}`);

describe('export files of every machine version', () => {
  it('exist for every version up to this one', () => {
    const versions = EXPORTS.map(
      (f) => (JSON.parse(readFileSync(f, 'utf8')) as { machineVersion: number }).machineVersion,
    );
    expect(versions.sort()).toEqual(Array.from({ length: MACHINE_VERSION }, (_, i) => i + 1));
  });

  it.each(EXPORTS)(
    '%s imports: every run verifies and replays to its stored snapshot',
    async (file) => {
      const db = freshDb();
      const { result } = await importWorkspace(db, readFileSync(file, 'utf8'));
      const engine = new RunEngine(db);
      expect(result.imported.length).toBeGreaterThan(0);
      for (const runId of result.imported) {
        expect(await engine.verify(runId), runId).toMatchObject({ ok: true });
        expect(await engine.replayMatchesStored(runId), runId).toBe(true);
      }
    },
  );

  it('carry the meeting notes recorded while operating from version 2 on', async () => {
    const db = freshDb();
    await importWorkspace(db, readFileSync('test/fixtures/exports/workspace-v2.json', 'utf8'));
    const { context } = (await new RunEngine(db).load(DEMO_RUN_IDS.region)).snapshot;
    expect(context.meetingNotes).toMatchObject([{ meetingId: 'm-friday', by: 'p-am1' }]);
    // Its runs keep the gate rules they were created under, older than this app's.
    expect(context.rulesVersion).toBe(2);
    expect(GATE_RULES_VERSION).toBeGreaterThan(2);
  });
});

describe('an export file of machine version 1', () => {
  it('was written by version 1, older than this app', () => {
    const file = JSON.parse(V1_FILE) as { machineVersion: number };
    expect(file.machineVersion).toBe(1);
    expect(MACHINE_VERSION).toBeGreaterThan(1);
  });

  it('imports as runs without meeting notes, on the first gate rules', async () => {
    const engine = await importedV1();
    for (const runId of [DEMO_RUN_IDS.region, DEMO_RUN_IDS.deepen]) {
      expect(await engine.verify(runId), runId).toMatchObject({ ok: true });
      expect(await engine.replayMatchesStored(runId), runId).toBe(true);
      const { context } = (await engine.load(runId)).snapshot;
      expect(context.meetingNotes).toEqual([]);
      expect(context.rulesVersion).toBe(1);
    }
  });

  it('lets its operating run record meeting notes', async () => {
    const engine = await importedV1();
    await act(engine, DEMO_RUN_IDS.region, {
      type: 'meeting.note',
      by: 'p-am1',
      meetingId: 'm-friday',
      date: '2024-08-16',
      decisions: 'Switch East China to online visits and send trial packs',
      attendeeIds: ['p-lead', 'p-am1'],
    });
    const { context } = (await engine.load(DEMO_RUN_IDS.region)).snapshot;
    expect(context.meetingNotes).toMatchObject([{ meetingId: 'm-friday', by: 'p-am1' }]);
    expect(await engine.replayMatchesStored(DEMO_RUN_IDS.region)).toBe(true);
  });

  it('still evaluates a run whose sub-goals have no KPI, with their actuals entered by hand', async () => {
    const engine = await importedV1();
    const runId = DEMO_RUN_IDS.region;
    const before = (await engine.load(runId)).snapshot.context;
    const kpis = before.stages.monitoring.approved as { kpis: { goalId: string | null }[] };
    expect(kpis.kpis.some((k) => k.goalId === 'g-north')).toBe(false);

    await act(engine, runId, { type: 'execution.close', by: 'p-lead', acceptance: 'Accepted' });
    const content = demoContent('regionalExpansion', 'en', quarterPeriod(2024, 3)).evaluation;
    await act(engine, runId, { type: 'stage.submit', by: 'p-lead', stage: 'evaluation', content });
    for (const by of approversFor((await engine.load(runId)).snapshot, 'evaluation')) {
      await act(engine, runId, goDecision('evaluation', by));
    }

    expect((await engine.load(runId)).snapshot.value).toBe('completed');
    expect(await engine.replayMatchesStored(runId)).toBe(true);
  });
});

describe('gate rules', () => {
  it('are today’s for a new run, for life', async () => {
    const engine = await engineWithTeam();
    const live = await engine.createRun(newRunFields(), 'p-lead');
    expect(live.snapshot.context.rulesVersion).toBe(GATE_RULES_VERSION);
  });

  it('refuse a measured goal’s result typed other than its KPI’s figure in a new run', async () => {
    const engine = await engineWithTeam();
    const runId = 'run-1';
    await engine.createRun(newRunFields(), 'p-lead');
    const content = demoContent('newProductLaunch', 'en', quarterPeriod(2024, 3));
    const pass = async (
      stage:
        'research' | 'goals' | 'strategy' | 'resources' | 'execution' | 'monitoring' | 'evaluation',
    ) => {
      await act(engine, runId, {
        type: 'stage.submit',
        by: 'p-lead',
        stage,
        content: content[stage],
      });
      for (const by of approversFor((await engine.load(runId)).snapshot, stage)) {
        await act(engine, runId, goDecision(stage, by));
      }
    };
    for (const stage of [
      'research',
      'goals',
      'strategy',
      'resources',
      'execution',
      'monitoring',
    ] as const)
      await pass(stage);
    await act(engine, runId, {
      type: 'kpi.checkIn',
      by: 'p-am1',
      kpiId: 'k-sales',
      date: '2024-07-01',
      // On target already, so no gap to explain; the evaluation's figure for sales differs.
      value: content.monitoring.kpis[0]!.target!,
      source: 'crm',
      reason: '',
    });
    await act(engine, runId, {
      type: 'execution.close',
      by: 'p-lead',
      acceptance: 'Closed early to test the evaluation gate',
    });

    const refused = await engine.apply(runId, {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'evaluation',
      content: content.evaluation,
    });

    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.refusal.problems.map((p) => p.code)).toEqual([
      'results.differsFromKpi',
    ]);
  });
});
