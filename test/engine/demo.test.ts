import { describe, it, expect } from 'vitest';
import { seedDemoWorkspace, DEMO_RUN_IDS, replaceWorkspace } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { runHistory } from '../../src/board/portfolio-graph';
import { DEMO_DRAFTING_DAYS } from '../../src/domain/scenarios';
import { readAllLogs } from '../../src/storage/log';
import { freshDb, recordCount, storeChecksum } from '../support/db';

describe('the demo workspace', () => {
  it.each(['zh-CN', 'en'] as const)(
    'seeds the demo runs at different stages in %s, each with a verified log',
    async (locale) => {
      const db = freshDb();
      await seedDemoWorkspace(db, locale, '2026-11-27');
      const engine = new RunEngine(db);
      const launch = await engine.load(DEMO_RUN_IDS.launch);
      expect(launch.snapshot.matches({ strategy: 'inReview' })).toBe(true);
      expect(launch.snapshot.context.stages.goals.recycles).toBe(1);
      const region = await engine.load(DEMO_RUN_IDS.region);
      expect(
        region.snapshot.matches({ operating: { execution: 'approved', monitoring: 'approved' } }),
      ).toBe(true);
      expect(region.snapshot.context.risks).toHaveLength(1);
      const deepen = await engine.load(DEMO_RUN_IDS.deepen);
      expect(deepen.snapshot.matches('completed')).toBe(true);
      expect(deepen.snapshot.context.period).toEqual({ start: '2026-07-01', end: '2026-09-30' });
      for (const id of Object.values(DEMO_RUN_IDS)) {
        expect((await engine.verify(id)).ok).toBe(true);
        expect(await engine.replayMatchesStored(id)).toBe(true);
      }
      expect(await db.people.count()).toBe(8);
    },
  );

  it('seeds all of the demo or none of it: a failure late in seeding leaves the workspace empty', async () => {
    const db = freshDb();
    // The last cycle's id is taken, so seeding fails at its very end.
    await db.runs.put({
      id: DEMO_RUN_IDS.cycle3,
      revision: 0,
      headHash: '0'.repeat(64),
      title: 'In the way',
      scenario: 'periodicAdjustment',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      leadId: 'p-lead',
      parentRunId: null,
      current: 'research',
      status: 'active',
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
      facts: null,
    });
    await expect(seedDemoWorkspace(db, 'en', '2026-11-27')).rejects.toThrow(/already exists/);
    expect(await db.runs.toCollection().primaryKeys()).toEqual([DEMO_RUN_IDS.cycle3]);
    expect([await recordCount(db), await db.snapshots.count(), await db.people.count()]).toEqual([
      0, 0, 0,
    ]);
    expect(await db.meta.get('workspace')).toBeUndefined();
  });

  it('starts empty: every table cleared and the workspace marked so, at once', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    await replaceWorkspace(db, { kind: 'empty' });
    expect(await db.runs.count()).toBe(0);
    expect(await recordCount(db)).toBe(0);
    expect(await db.people.count()).toBe(0);
    expect(await db.meta.get('workspace')).toMatchObject({ value: { kind: 'empty' } });
  });

  it('resets to the demo in one transaction: a seed that fails leaves the workspace as it was', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    await db.runs.delete(DEMO_RUN_IDS.launch);
    const before = await storeChecksum(db);
    // The disk fills up while the demo's people are written.
    const refuse = () => {
      throw new Error('QuotaExceededError');
    };
    db.people.hook('creating', refuse);
    await expect(
      replaceWorkspace(db, { kind: 'demo', locale: 'en', today: '2026-11-27' }),
    ).rejects.toThrow();
    db.people.hook('creating').unsubscribe(refuse);
    expect(await storeChecksum(db)).toBe(before);

    await replaceWorkspace(db, { kind: 'demo', locale: 'en', today: '2026-11-27' });
    expect(await db.runs.get(DEMO_RUN_IDS.launch)).toBeDefined();
  });
});

describe('the demo timeline', () => {
  it('dates each phase where it belongs: planning before the period, evaluation after it', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const c = (await new RunEngine(db).load(DEMO_RUN_IDS.deepen)).snapshot.context;
    expect(c.stages.research.approvedAt! < c.period.start).toBe(true);
    expect(c.executionClosed!.at > c.period.end).toBe(true);
    expect(c.stages.evaluation.approvedAt! > c.executionClosed!.at).toBe(true);
    const region = (await new RunEngine(db).load(DEMO_RUN_IDS.region)).snapshot.context;
    expect(region.checkIns.every((ci) => ci.at.slice(0, 10) >= ci.date)).toBe(true);
  });

  it('takes days over each planning stage, as a lead drafting it would', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    for (const [runId, records] of await readAllLogs(db)) {
      const { days, passed } = runHistory(records);
      for (const stage of passed) {
        expect(days[stage], `${runId} at ${stage}`).toBeGreaterThanOrEqual(
          DEMO_DRAFTING_DAYS[stage],
        );
      }
    }
  });

  it.each(['2026-11-27', '2026-10-02'])(
    'never dates an event after the day it is seeded (%s), nor before the one it follows',
    async (today) => {
      const db = freshDb();
      await seedDemoWorkspace(db, 'en', today);
      for (const records of (await readAllLogs(db)).values()) {
        expect(records.every((r) => r.at <= `${today}T00:00:00.000Z`)).toBe(true);
        // Within the team's working day in China (09:30-19:00, 01:30-11:00 UTC).
        expect(
          records.every((r) => r.at.slice(11, 16) >= '01:30' && r.at.slice(11, 16) <= '11:00'),
        ).toBe(true);
        expect(records.every((r, i) => i === 0 || r.at >= records[i - 1]!.at)).toBe(true);
      }
    },
  );
});

describe('the demo chain of cycles', () => {
  it('runs one adjustment over three quarters, each cycle started from the evaluated one before', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db);
    const ids = [DEMO_RUN_IDS.cycle1, DEMO_RUN_IDS.cycle2, DEMO_RUN_IDS.cycle3];
    const [first, second, third] = await Promise.all(
      ids.map(async (id) => (await engine.load(id)).snapshot),
    );

    expect([first, second, third].map((s) => s!.context.period.start)).toEqual([
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
    expect(first!.matches('completed') && second!.matches('completed')).toBe(true);
    expect(third!.matches('operating')).toBe(true);
    expect([first, second, third].map((s) => s!.context.parentRunId)).toEqual([
      null,
      ...ids.slice(0, 2),
    ]);
    expect([first, second, third].map((s) => s!.context.childRunId)).toEqual([
      ...ids.slice(1),
      null,
    ]);
    // A next cycle opens after its parent's evaluation, never before.
    expect(first!.context.stages.evaluation.approvedAt! < second!.context.createdAt).toBe(true);
    expect(second!.context.stages.evaluation.approvedAt! < third!.context.createdAt).toBe(true);
    expect(third!.context.checkIns.map((c) => c.date)).toEqual([
      '2026-11-26',
      '2026-11-26',
      '2026-11-26',
    ]);
  });
});
