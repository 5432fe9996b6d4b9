import { describe, it, expect } from 'vitest';
import { seedDemoWorkspace, DEMO_RUN_IDS, clearWorkspace } from '../../src/engine/demo';
import { RunEngine } from '../../src/engine/engine';
import { freshDb } from '../support/db';

describe('the demo workspace', () => {
  it.each(['zh-CN', 'en'] as const)(
    'seeds three runs at different stages in %s, each with a verified log',
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

  it('clears every table at once', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    await clearWorkspace(db);
    expect(await db.runs.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
    expect(await db.people.count()).toBe(0);
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
});
