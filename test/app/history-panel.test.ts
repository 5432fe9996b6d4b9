import { describe, expect, it } from 'vitest';
import { describeEvent, eventNames, type EventNames } from '../../src/app/history-panel';
import type { EventRecord } from '../../src/storage/records';
import { seedDemoWorkspace } from '../../src/engine/demo';
import { readContext } from '../../src/engine/stored';
import { LOCALES } from '../../src/i18n';
import { makeI18n } from '../../src/i18n/react';
import { readLog } from '../../src/storage/log';
import { freshDb } from '../support/db';
import { generateSamplePortfolio } from '../../src/engine/sample-portfolio';
import { RunEventSchema } from '../../machines/events';

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

  it.each(LOCALES)(
    'says every kind of event in words, with every placeholder filled (%s)',
    async (locale) => {
      // The demo and a sample portfolio together hold every kind of event the machine accepts.
      const db = freshDb();
      const content = locale === 'zh-CN' ? 'zh-CN' : 'en';
      await seedDemoWorkspace(db, content, '2026-11-27');
      await generateSamplePortfolio(db, {
        size: 150,
        seed: 7,
        now: '2026-11-27T09:00:00.000Z',
        locale: content,
        yieldToUi: async () => {},
      });
      const i18n = makeI18n(locale);
      const described = new Set<string>();
      const say = (record: EventRecord, names: EventNames) => {
        const { what } = describeEvent(i18n, record, names);
        expect(what, `${record.runId} #${record.seq} ${record.type}`).not.toMatch(/[{}]/);
        expect(what, `${record.runId} #${record.seq}`).not.toBe(record.type);
        described.add(record.type);
      };
      for (const run of await db.runs.toArray()) {
        const names = eventNames(await readContext(db, run.id));
        for (const record of await readLog(db, run.id)) say(record, names);
      }
      // Neither generator records meeting notes or risks raised by hand.
      const [created] = await readLog(db, 'demo-region');
      const names = eventNames(await readContext(db, 'demo-region'));
      say(
        {
          ...created!,
          type: 'meeting.note',
          payload: {
            meetingId: 'm-weekly',
            date: '2026-11-20',
            decisions: 'Shift budget',
            attendeeIds: [],
          },
        },
        names,
      );
      say(
        {
          ...created!,
          type: 'risk.raise',
          payload: {
            description: 'A competitor cuts prices',
            severity: 'high',
            countermeasure: '',
            ownerId: null,
            due: null,
          },
        },
        names,
      );
      const kinds = RunEventSchema.options.map((o) => o.shape.type.value);
      expect([...described].sort()).toEqual(['run.created', ...kinds].sort());
    },
  );

  it('names the stage a replan sends the plan back to', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const [created] = await readLog(db, 'demo-region');
    const replan = {
      ...created!,
      seq: 30,
      type: 'replan.escalate',
      payload: { target: 'strategy', reason: 'The channel mix is not working' },
    };
    expect(describeEvent(makeI18n('en'), replan)).toEqual({
      what: 'Escalated to a replan, back to Strategy',
      why: 'The channel mix is not working',
    });
    expect(describeEvent(makeI18n('zh-CN'), replan).what).toBe('发起重新规划，退回策略制定');
  });

  it('says what a Conditional Go approved on: its reason and its conditions', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const [created] = await readLog(db, 'demo-region');
    const decision = {
      ...created!,
      seq: 3,
      type: 'gate.decide',
      payload: {
        roles: ['salesDirector'],
        stage: 'strategy',
        decision: 'conditionalGo',
        comment: 'Good plan, two gaps',
        conditions: ['Confirm stock with distributors', 'Name a backup channel'],
        recycleTo: null,
      },
    };
    expect(describeEvent(makeI18n('en'), decision)).toEqual({
      what: 'Conditional Go at the Strategy gate',
      why: 'Good plan, two gaps · Conditions: Confirm stock with distributors; Name a backup channel',
    });
  });

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

describe('a risk update in the history', () => {
  it('says the countermeasure, owner and due date it set, not only its status', async () => {
    const db = freshDb();
    await generateSamplePortfolio(db, {
      size: 60,
      seed: 7,
      now: '2026-11-27T09:00:00.000Z',
      locale: 'en',
    });
    const i18n = makeI18n('en');
    const people = new Map((await db.people.toArray()).map((p) => [p.id, p.name]));
    const updates = [];
    for (const run of await db.runs.toArray()) {
      const names = {
        ...eventNames(await readContext(db, run.id)),
        person: (id: string) => people.get(id) ?? id,
      };
      for (const record of await readLog(db, run.id)) {
        if (record.type !== 'risk.update') continue;
        const payload = record.payload as {
          countermeasure: string;
          ownerId: string | null;
          due: string | null;
        };
        updates.push({ payload, why: describeEvent(i18n, record, names).why });
      }
    }
    expect(updates.length).toBeGreaterThan(0);
    for (const { payload, why } of updates) {
      if (payload.countermeasure)
        expect(why).toContain(`countermeasure: ${payload.countermeasure}`);
      if (payload.ownerId) expect(why).toContain(`owner: ${people.get(payload.ownerId)}`);
      if (payload.due) expect(why).toContain(`due ${i18n.date(payload.due)}`);
    }
    expect(updates.some(({ why }) => why.includes('countermeasure: '))).toBe(true);
  });
});
