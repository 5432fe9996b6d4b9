import { describe, expect, it } from 'vitest';
import { describeEvent, eventNames } from '../../src/app/history-panel';
import { seedDemoWorkspace } from '../../src/engine/demo';
import { readContext } from '../../src/engine/stored';
import { LOCALES } from '../../src/i18n';
import { makeI18n } from '../../src/i18n/react';
import { readLog } from '../../src/storage/log';
import { freshDb } from '../support/db';

describe('the history of a run, in words', () => {
  it.each(LOCALES)(
    'names what every demo event refers to and fills every placeholder (%s)',
    async (locale) => {
      const db = freshDb();
      await seedDemoWorkspace(db, locale === 'zh-CN' ? 'zh-CN' : 'en', '2026-11-27');
      const i18n = makeI18n(locale);
      const runs = await db.runs.toArray();
      const titles = new Map(runs.map((r) => [r.id, r.title]));
      let described = 0;
      for (const run of runs) {
        const names = eventNames(await readContext(db, run.id), titles);
        for (const record of await readLog(db, run.id)) {
          const { what } = describeEvent(i18n, record, names);
          expect(what, `${run.id} #${record.seq} ${record.type}`).not.toMatch(/\{\w+\}/);
          described += 1;
        }
      }
      expect(described).toBeGreaterThan(100);
    },
  );

  it('reports a check-in by the KPI’s name, its figure in the KPI’s unit', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const names = eventNames(await readContext(db, 'demo-region'));
    const checkIn = (await readLog(db, 'demo-region')).find((r) => r.type === 'kpi.checkIn')!;
    const kpi = names.kpi((checkIn.payload as { kpiId: string }).kpiId)!;
    const { what } = describeEvent(makeI18n('en'), checkIn, names);
    expect(what.startsWith(`Reported ${kpi.name}: `)).toBe(true);
    if (kpi.unit === 'CNY') expect(what).toMatch(/¥[\d.]+[KM]?$/);
  });

  it('names the next cycle by its title', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const runs = await db.runs.toArray();
    const names = eventNames(
      await readContext(db, 'demo-cycle-1'),
      new Map(runs.map((r) => [r.id, r.title])),
    );
    const link = (await readLog(db, 'demo-cycle-1')).find((r) => r.type === 'cycle.link')!;
    const child = runs.find((r) => r.id === 'demo-cycle-2')!;
    expect(describeEvent(makeI18n('en'), link, names).what).toBe(
      `Opened the next cycle “${child.title}”`,
    );
  });
});
