import { describe, expect, it } from 'vitest';
import { approvedContent, type RunContext } from '../../machines/run-context';
import { GATE_RULES_VERSION } from '../../src/domain/readiness';
import { measuredActuals } from '../../src/domain/results';
import { runMachine } from '../../machines/run-machine';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { RunEngine, verifyRecords } from '../../src/engine/engine';
import { readContext } from '../../src/engine/stored';
import { replayRecords } from '../../src/engine/replay';
import { canonicalJson } from '../../src/engine/hash';
import {
  generateSamplePortfolio,
  mulberry32,
  SAMPLE_RUN_PREFIX,
  SampleRunBuilder,
  sampleRunId,
  type SampleOptions,
  type SampleRun,
} from '../../src/engine/sample-portfolio';
import { SCENARIO_IDS } from '../../src/domain/scenario-ids';
import { nextPeriod } from '../../src/domain/time';
import { seedNextCycle } from '../../src/domain/next-cycle';
import { STAGE_IDS } from '../../src/domain/stages';
import {
  commitImport,
  exportWorkspace,
  serializeWorkspace,
  validateWorkspace,
} from '../../src/engine/transfer';
import { EventRecordSchema } from '../../src/storage/record-schemas';
import { freshDb, recordCount } from '../support/db';

const NOW = '2026-11-27T09:00:00.000Z';
const options: SampleOptions = { now: NOW, locale: 'en', seed: 42 };

function build(count: number, opts = options): SampleRun[] {
  const builder = new SampleRunBuilder(freshDb(), opts);
  return Array.from({ length: count }, (_, i) => builder.build(i));
}

const hasStage = (record: { payload: unknown }, stage: string) =>
  (record.payload as { stage?: unknown }).stage === stage;
const contextOf = (run: SampleRun) => run.stored.snapshot.envelope.snapshot.context as RunContext;
const noYield = () => Promise.resolve();

describe('the sample portfolio generator', () => {
  it('gives the same runs, records and ids for the same seed, and other runs for another', () => {
    const a = build(5);
    const b = build(5);
    expect(a.map((r) => r.stored.row.headHash)).toEqual(b.map((r) => r.stored.row.headHash));
    expect(a.flatMap((r) => r.records.map((x) => x.id))).toEqual(
      b.flatMap((r) => r.records.map((x) => x.id)),
    );
    const c = build(5, { ...options, seed: 43 });
    expect(c.map((r) => r.stored.row.headHash)).not.toEqual(a.map((r) => r.stored.row.headHash));
  });

  it('goes on from a completed run into its next quarter, linked both ways, where its size is known', () => {
    const runs = build(150, { ...options, size: 150 });
    const byId = new Map(runs.map((r) => [r.stored.row.id, r]));
    const next = runs.filter((r) => contextOf(r).parentRunId !== null);
    expect(next.length).toBeGreaterThan(20);
    for (const run of next) {
      const c = contextOf(run);
      const parent = byId.get(c.parentRunId!)!;
      const p = contextOf(parent);
      expect(p.outcome?.kind).toBe('completed');
      expect(p.childRunId).toBe(c.runId);
      expect(parent.records.at(-1)).toMatchObject({
        type: 'cycle.link',
        payload: { childRunId: c.runId },
      });
      expect(c.period).toEqual(nextPeriod(p.period));
      expect([c.scenario, c.leadId]).toEqual([p.scenario, p.leadId]);
      // Created when the parent linked it, after the parent's evaluation passed.
      expect(c.createdAt).toBe(parent.records.at(-1)!.at);
      expect(c.createdAt > p.stages.evaluation.approvedAt!).toBe(true);
      // Its goals proposed from what the parent approved and achieved, as seeding proposes them.
      const goals = run.records.find((r) => r.type === 'stage.submit' && hasStage(r, 'goals'));
      if (goals) {
        const approved = Object.fromEntries(
          STAGE_IDS.map((s) => [s, p.stages[s].approved]).filter(([, v]) => v !== null),
        );
        expect((goals.payload as { content: unknown }).content).toEqual(
          seedNextCycle({ period: p.period, approved }, c.period).goals,
        );
      }
    }
    // Every link is to a run of the portfolio, and some chains run three quarters or more.
    const linked = runs.map((r) => contextOf(r).childRunId).filter((id) => id !== null);
    expect(linked.every((id) => byId.has(id!))).toBe(true);
    const depth = (run: SampleRun): number => {
      const parentId = contextOf(run).parentRunId;
      return parentId ? 1 + depth(byId.get(parentId)!) : 1;
    };
    expect(Math.max(...runs.map(depth))).toBeGreaterThanOrEqual(3);
    // Without a size, no run goes on: nothing links a run that may never be built.
    expect(build(40).every((r) => contextOf(r).childRunId === null)).toBe(true);
  });

  it('closes most completed runs with their plan’s tasks done, replanned ones too', () => {
    const completed = build(150).filter((r) => contextOf(r).outcome?.kind === 'completed');
    const doneShare = completed.map((r) => {
      const c = contextOf(r);
      const tasks = approvedContent(c, 'execution')!.tasks;
      return tasks.filter((t) => c.taskProgress[t.id]?.status === 'done').length / tasks.length;
    });
    expect(completed.length).toBeGreaterThan(50);
    const sorted = [...doneShare].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(0.75);
    // Nothing done at all is the odd run whose team fell far behind, not one in four.
    expect(doneShare.filter((s) => s === 0).length / completed.length).toBeLessThan(0.1);
  });

  it('builds run i the same whatever comes before it, when no size makes chains', () => {
    const builder = new SampleRunBuilder(freshDb(), options);
    const alone = builder.build(17);
    const inOrder = build(18)[17]!;
    expect(alone.stored.row.headHash).toBe(inOrder.stored.row.headHash);
    expect(alone.stored.row.id).toBe(sampleRunId(17));
  });

  it('writes logs the engine accepts: valid records, an intact chain, replay equal to the stored snapshot', () => {
    for (const run of build(60)) {
      expect(verifyRecords(run.records, run.stored.row.headHash)).toEqual({
        ok: true,
        events: run.records.length,
      });
      expect(run.records.every((r) => EventRecordSchema.safeParse(r).success)).toBe(true);
      expect(canonicalJson(runMachine.getPersistedSnapshot(replayRecords(run.records)))).toBe(
        canonicalJson(run.stored.snapshot.envelope.snapshot),
      );
      expect(run.stored.row.revision).toBe(run.records.length - 1);
    }
  });

  it("creates runs under today's gate rules, their evaluations computed from the KPIs", () => {
    const evaluated = build(120).filter((r) => contextOf(r).stages.evaluation.approved !== null);
    expect(evaluated.length).toBeGreaterThan(5);
    for (const run of evaluated) {
      const c = contextOf(run);
      expect(c.rulesVersion).toBe(GATE_RULES_VERSION);
      const measured = measuredActuals(
        approvedContent(c, 'goals')!.goals,
        approvedContent(c, 'monitoring')!.kpis,
        c.checkIns,
      );
      for (const result of approvedContent(c, 'evaluation')!.results) {
        const figure = measured.get(result.goalId);
        if (figure) expect(result.actual).toBe(figure.value);
      }
    }
  });

  it('writes Chinese content and titles for zh-CN', () => {
    const [run] = build(1, { ...options, locale: 'zh-CN' });
    expect(run!.stored.row.title).toMatch(/[\u4e00-\u9fff]/);
    expect(verifyRecords(run!.records, run!.stored.row.headHash).ok).toBe(true);
  });

  it('spreads a realistic portfolio over quarters, scenarios, leads, stages and outcomes', () => {
    const runs = build(300);
    const today = NOW.slice(0, 10);
    const statuses = new Set(runs.map((r) => r.stored.row.status));
    expect([...statuses].sort()).toEqual(['active', 'cancelled', 'completed', 'onHold']);
    expect(new Set(runs.map((r) => r.stored.row.scenario))).toEqual(new Set(SCENARIO_IDS));
    expect(new Set(runs.map((r) => r.stored.row.periodStart)).size).toBe(7);
    expect(new Set(runs.map((r) => r.stored.row.leadId)).size).toBeGreaterThan(2);
    const active = runs.filter((r) => r.stored.row.status === 'active');
    expect(new Set(active.map((r) => r.stored.row.current)).size).toBeGreaterThanOrEqual(5);
    // Completed runs belong to quarters that have ended; nothing happens after now.
    for (const run of runs) {
      if (run.stored.row.status === 'completed')
        expect(run.stored.row.periodEnd < today).toBe(true);
      expect(run.records.every((r) => r.at <= NOW)).toBe(true);
    }
    const healths = new Set(runs.flatMap((r) => contextOf(r).checkIns.map((c) => c.health)));
    expect([...healths].sort()).toEqual(['amber', 'green', 'red']);
    const types = new Set(runs.flatMap((r) => r.records.map((x) => x.type)));
    for (const type of [
      'stage.submit',
      'gate.decide',
      'kpi.checkIn',
      'task.progress',
      'risk.update',
      'replan.escalate',
      'run.resume',
      'followUp.close',
      'execution.close',
    ]) {
      expect(types).toContain(type);
    }
    const decisions = new Set(
      runs.flatMap((r) =>
        r.records
          .filter((x) => x.type === 'gate.decide')
          .map((x) => (x.payload as { decision: string }).decision),
      ),
    );
    expect([...decisions].sort()).toEqual(['conditionalGo', 'go', 'hold', 'kill', 'recycle']);
    const events = runs.reduce((n, r) => n + r.records.length, 0) / runs.length;
    expect(events).toBeGreaterThan(20);
    expect(events).toBeLessThan(60);
  });

  it('leaves template drafts for the stages a run has not submitted yet, as createRun does', () => {
    const runs = build(40);
    for (const run of runs) {
      const c = contextOf(run);
      const unsubmitted = c.outcome
        ? []
        : (
            ['research', 'goals', 'strategy', 'resources', 'execution', 'monitoring'] as const
          ).filter((s) => c.stages[s].round === 0);
      expect(run.drafts.map((d) => d.stage)).toEqual(unsubmitted);
    }
    expect(runs.some((r) => r.drafts.length > 0)).toBe(true);
  });

  it('is a fast, seeded PRNG', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, a);
    expect(xs).toEqual(Array.from({ length: 1000 }, b));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('writing the sample portfolio', () => {
  it('writes whole runs in chunks, reporting progress, and the engine can load and verify them', async () => {
    const db = freshDb();
    const seen: string[] = [];
    const result = await generateSamplePortfolio(db, {
      ...options,
      size: 23,
      chunkSize: 10,
      yieldToUi: noYield,
      onProgress: (p) => seen.push(`${p.phase} ${p.runs}`),
    });
    expect(result).toMatchObject({ runs: 23, total: 23, cancelled: false });
    expect(seen).toEqual(['removing 0', 'writing 0', 'writing 10', 'writing 20', 'writing 23']);
    expect(await db.runs.count()).toBe(23);
    expect(await recordCount(db)).toBe(result.events);
    // The demo team and two more project leads, who lead runs with the demo's lead; on record.
    expect(await db.people.count()).toBe(10);
    expect((await db.peopleLog.toArray()).map((c) => [c.personId, c.via])).toContainEqual([
      'p-lead-east',
      'sample',
    ]);
    const leads = new Set((await db.runs.toArray()).map((r) => r.leadId));
    for (const lead of leads) {
      expect((await db.people.get(lead))?.roles).toContain('lead');
    }
    const engine = new RunEngine(db);
    for (const id of [sampleRunId(0), sampleRunId(22)]) {
      expect((await engine.verify(id)).ok).toBe(true);
      expect(await engine.replayMatchesStored(id)).toBe(true);
    }
  });

  it('stops between chunks when cancelled, leaving only complete runs', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const result = await generateSamplePortfolio(db, {
      ...options,
      size: 50,
      chunkSize: 10,
      signal: controller.signal,
      yieldToUi: noYield,
      onProgress: (p) => {
        if (p.runs >= 20) controller.abort();
      },
    });
    expect(result).toMatchObject({ cancelled: true });
    expect(result.runs).toBeGreaterThanOrEqual(20);
    expect(result.runs).toBeLessThan(50);
    const rows = await db.runs.toArray();
    expect(rows).toHaveLength(result.runs);
    const engine = new RunEngine(db);
    for (const row of rows) expect((await engine.verify(row.id)).ok).toBe(true);
    expect(await recordCount(db)).toBe(rows.reduce((n, r) => n + r.revision + 1, 0));
  });

  it('never ends a chunk between a run and the next cycle it links, so a cancel leaves no dangling link', async () => {
    // With seed 2 and chunks of 50, run 100 is run 99's next cycle: the second chunk runs on to it.
    const db = freshDb();
    const controller = new AbortController();
    const chunks: number[] = [];
    const result = await generateSamplePortfolio(db, {
      ...options,
      seed: 2,
      size: 300,
      chunkSize: 50,
      signal: controller.signal,
      yieldToUi: noYield,
      onProgress: (p) => {
        if (p.phase !== 'writing' || p.runs === 0) return;
        chunks.push(p.runs);
        if (chunks.length === 2) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(chunks).toEqual([50, 101]);
    const rows = await db.runs.toArray();
    const ids = new Set(rows.map((r) => r.id));
    const contexts = (await Promise.all(rows.map((r) => readContext(db, r.id)))).map((c) => c!);
    for (const c of contexts) {
      if (c.childRunId !== null) expect(ids.has(c.childRunId)).toBe(true);
      if (c.parentRunId !== null) expect(ids.has(c.parentRunId)).toBe(true);
    }
    expect(contexts.some((c) => c.childRunId === sampleRunId(100))).toBe(true);
  });

  it('builds portfolios dated in any quarter, a run killed with a condition open included', () => {
    // In the first quarter of a year (seed 1), a next cycle is killed at a gate whose Conditional
    // Go left a condition open: nothing more is done on a run that has ended.
    for (const now of ['2027-02-15T09:00:00.000Z', '2026-05-20T09:00:00.000Z']) {
      expect(() => build(300, { ...options, now, seed: 1, size: 300 })).not.toThrow();
    }
  });

  it('replaces earlier sample runs and keeps the demo, its people and their names', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', NOW.slice(0, 10));
    await db.people.update('p-lead', { name: 'Lin Feng (renamed)' });
    await generateSamplePortfolio(db, { ...options, size: 30, yieldToUi: noYield });
    await generateSamplePortfolio(db, { ...options, seed: 9, size: 12, yieldToUi: noYield });
    const ids = (await db.runs.toCollection().primaryKeys()).sort();
    expect(ids.filter((id) => id.startsWith(SAMPLE_RUN_PREFIX))).toHaveLength(12);
    expect(ids.filter((id) => id.startsWith('demo-'))).toHaveLength(
      Object.keys(DEMO_RUN_IDS).length,
    );
    const sampleEvents = await recordCount(db, SAMPLE_RUN_PREFIX);
    const rows = await db.runs.where('id').startsWith(SAMPLE_RUN_PREFIX).toArray();
    expect(sampleEvents).toBe(rows.reduce((n, r) => n + r.revision + 1, 0));
    expect((await db.people.get('p-lead'))?.name).toBe('Lin Feng (renamed)');
  });

  it('keeps a run imported as a copy of a sample run when the sample is replaced, and its log', async () => {
    const db = freshDb();
    await generateSamplePortfolio(db, { ...options, size: 3, yieldToUi: noYield });
    const file = serializeWorkspace(await exportWorkspace(db, { runIds: ['sample-0001'] }));
    const copied = await commitImport(db, await validateWorkspace(file), { 'sample-0001': 'copy' });
    expect(copied.copies).toEqual([{ from: 'sample-0001', to: 'sample-0001-copy' }]);

    await generateSamplePortfolio(db, { ...options, seed: 9, size: 2, yieldToUi: noYield });

    expect((await db.runs.toCollection().primaryKeys()).sort()).toEqual([
      'sample-0001',
      'sample-0001-copy',
      'sample-0002',
    ]);
    expect((await new RunEngine(db).verify('sample-0001-copy')).ok).toBe(true);
  });

  it('refuses a size out of range', async () => {
    await expect(
      generateSamplePortfolio(freshDb(), { ...options, size: 0, yieldToUi: noYield }),
    ).rejects.toThrow(RangeError);
    await expect(
      generateSamplePortfolio(freshDb(), { ...options, size: 10_001, yieldToUi: noYield }),
    ).rejects.toThrow(RangeError);
  });
});
