import { beforeAll, describe, expect, it } from 'vitest';
import { MACHINE_VERSION } from '../../machines/run-machine';
import { IDBFactory } from 'fake-indexeddb';
import { seedDemoWorkspace, DEMO_RUN_IDS } from '../../src/engine/demo';
import { generateSamplePortfolio } from '../../src/engine/sample-portfolio';
import { RunEngine } from '../../src/engine/engine';
import { readContext } from '../../src/engine/stored';
import {
  commitImport,
  exportFileName,
  exportWorkspace,
  importWorkspace,
  planImport,
  serializeWorkspace,
  serializeWorkspaceInParts,
  validateWorkspace,
  type ImportProgress,
} from '../../src/engine/transfer';
import type { StrategyDb } from '../../src/storage/db';
import { readAllLogs, readLog } from '../../src/storage/log';
import {
  TransferError,
  WORKSPACE_FORMAT,
  jsonErrorOffset,
  type WorkspaceFile,
} from '../../src/storage/transfer';
import {
  engineWithTeam,
  freshDb,
  newRunFields,
  recordCount,
  seededIds,
  storeChecksum,
  tickingClock,
} from '../support/db';

async function everyRunVerifies(db: StrategyDb): Promise<void> {
  const engine = new RunEngine(db);
  for (const id of (await db.runs.toCollection().primaryKeys()) as string[]) {
    expect(await engine.verify(id), id).toMatchObject({ ok: true });
    expect(await engine.replayMatchesStored(id), id).toBe(true);
  }
}

let source: StrategyDb;
let file: WorkspaceFile;
let text: string;

beforeAll(async () => {
  source = freshDb();
  await seedDemoWorkspace(source, 'en', '2026-11-27');
  file = await exportWorkspace(source, { now: '2026-11-27T09:00:00.000Z' });
  text = serializeWorkspace(file);
});

describe('export', () => {
  it('writes the file in parts that join to exactly its text, pausing every 25 runs', async () => {
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    expect((await serializeWorkspaceInParts(file, pause)).join('')).toBe(text);
    expect(pauses).toBe(0);
    const many = {
      ...file,
      runs: Array.from({ length: 60 }, (_, i) => file.runs[i % file.runs.length]!),
    };
    expect((await serializeWorkspaceInParts(many, pause)).join('')).toBe(serializeWorkspace(many));
    expect(pauses).toBe(2);
    const none = { ...file, runs: [] };
    expect((await serializeWorkspaceInParts(none, pause)).join('')).toBe(serializeWorkspace(none));
  });

  it('writes a versioned envelope with every run, its log and drafts, and the people', async () => {
    expect(file).toMatchObject({
      format: WORKSPACE_FORMAT,
      version: 2,
      exportedAt: '2026-11-27T09:00:00.000Z',
      machineVersion: MACHINE_VERSION,
    });
    expect(file.runs.map((r) => r.run.id).sort()).toEqual(Object.values(DEMO_RUN_IDS).sort());
    expect(file.runs.reduce((n, r) => n + r.events.length, 0)).toBe(await recordCount(source));
    expect(file.runs.reduce((n, r) => n + r.drafts.length, 0)).toBe(await source.drafts.count());
    expect(file.people).toHaveLength(await source.people.count());
  });

  it('exports a single run with its own log only', async () => {
    const one = await exportWorkspace(source, { runIds: [DEMO_RUN_IDS.region] });
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0]?.events.every((e) => e.runId === DEMO_RUN_IDS.region)).toBe(true);
  });

  it('names files by date, and by run for a single run', () => {
    expect(exportFileName('2026-11-27')).toBe('strategy-board-2026-11-27.json');
    expect(exportFileName('2026-11-27', 'demo-launch')).toBe(
      'strategy-board-demo-launch-2026-11-27.json',
    );
  });
});

describe('import into a fresh database', () => {
  it('gives identical runs, events, drafts and people', async () => {
    const target = freshDb();
    const { plan, result } = await importWorkspace(target, text);
    expect(plan.runs.every((r) => r.conflict === null)).toBe(true);
    expect(result.imported.sort()).toEqual(Object.values(DEMO_RUN_IDS).sort());
    for (const table of ['runs', 'drafts', 'people'] as const) {
      expect(await target.table(table).toArray(), table).toEqual(
        await source.table(table).toArray(),
      );
    }
    // The same records, though stored in fewer segments (one per imported run).
    expect(await readAllLogs(target)).toEqual(await readAllLogs(source));
  });

  it('leaves every chain verified and every replay equal to its snapshot', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    await everyRunVerifies(target);
  });

  it('accepts a File-like Blob and reports progress through every phase', async () => {
    const target = freshDb();
    const phases = new Set<string>();
    await importWorkspace(target, new Blob([text]), { onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'verifying', 'writing']));
    expect(await target.runs.count()).toBe(Object.keys(DEMO_RUN_IDS).length);
  });

  it('lets the imported runs go on: the engine applies the next event to them', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    const engine = new RunEngine(target, { clock: tickingClock(Date.UTC(2026, 10, 28)) });
    const result = await engine.apply(DEMO_RUN_IDS.region, {
      type: 'risk.raise',
      by: 'p-lead',
      description: 'Competitor price cut',
      severity: 'high',
      countermeasure: 'Send trial packs',
      ownerId: 'p-lead',
      due: null,
    });
    expect(result.ok).toBe(true);
    expect(await engine.verify(DEMO_RUN_IDS.region)).toMatchObject({ ok: true });
    expect(await engine.replayMatchesStored(DEMO_RUN_IDS.region)).toBe(true);
  });
});

describe('conflicts', () => {
  it('lists runs that already exist and skipping them leaves the store untouched', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    const before = await storeChecksum(target);
    const workspace = await validateWorkspace(text);
    const plan = await planImport(target, workspace);
    expect(plan.runs.map((r) => r.conflict)).toEqual(
      Object.values(DEMO_RUN_IDS).map(() => 'runExists'),
    );
    expect(plan.people).toEqual({ added: 0, kept: file.people.length });
    const result = await commitImport(
      target,
      workspace,
      Object.fromEntries(plan.runs.map((r) => [r.runId, 'skip'])),
    );
    expect(result.skipped).toHaveLength(Object.keys(DEMO_RUN_IDS).length);
    expect(await storeChecksum(target)).toBe(before);
  });

  it('never overwrites: importing an existing run as it is is refused and writes nothing', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    const before = await storeChecksum(target);
    const workspace = await validateWorkspace(text);
    const refusal = await commitImport(target, workspace, {
      [DEMO_RUN_IDS.launch]: 'import',
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TransferError);
    const launch = file.runs.findIndex((r) => r.run.id === DEMO_RUN_IDS.launch);
    expect(refusal).toMatchObject({ code: 'wouldOverwrite', path: `runs[${launch}].run.id` });
    expect(await storeChecksum(target)).toBe(before);
  });

  it('keeps the copy mark of a title already as long as titles may be, shortening the title instead', async () => {
    const engine = await engineWithTeam();
    const long = `${'长'.repeat(199)}A`;
    await engine.createRun({ ...newRunFields('run-long'), title: long }, 'p-lead');
    const longText = serializeWorkspace(await exportWorkspace(engine.db));
    const target = freshDb();
    await importWorkspace(target, longText);
    await commitImport(
      target,
      await validateWorkspace(longText),
      { 'run-long': 'copy' },
      { copyTitle: (title) => `${title}（副本）` },
    );
    const title = (await target.runs.get('run-long-copy'))?.title ?? '';
    expect(title).toMatch(/^长+…（副本）$/);
    expect([...title]).toHaveLength(200);
  });

  it('counts the title limit as the schema does when the title has emoji (two UTF-16 units each)', async () => {
    const engine = await engineWithTeam();
    const long = '🚀'.repeat(100); // 100 characters, 200 UTF-16 units: as long as titles may be
    await engine.createRun({ ...newRunFields('run-emoji'), title: long }, 'p-lead');
    const emojiText = serializeWorkspace(await exportWorkspace(engine.db));
    const target = freshDb();
    await importWorkspace(target, emojiText);
    await commitImport(
      target,
      await validateWorkspace(emojiText),
      { 'run-emoji': 'copy' },
      { copyTitle: (title) => `${title} (copy)` },
    );
    const title = (await target.runs.get('run-emoji-copy'))?.title ?? '';
    expect(title).toMatch(/^(🚀)+… \(copy\)$/u);
    expect(title.length).toBeLessThanOrEqual(200);
    await everyRunVerifies(target);
  });

  it('links copies of a chain of cycles to each other, and a lone copy to the originals', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    const { cycle1, cycle2, cycle3 } = DEMO_RUN_IDS;
    const workspace = await validateWorkspace(text);
    await commitImport(target, workspace, { [cycle1]: 'copy', [cycle2]: 'copy', [cycle3]: 'copy' });
    await commitImport(target, workspace, { [cycle2]: 'copy' });
    const links = async (runId: string) => {
      const c = (await readContext(target, runId))!;
      return [c.parentRunId, c.childRunId];
    };
    expect(await links(`${cycle1}-copy`)).toEqual([null, `${cycle2}-copy`]);
    expect(await links(`${cycle2}-copy`)).toEqual([`${cycle1}-copy`, `${cycle3}-copy`]);
    expect(await links(`${cycle3}-copy`)).toEqual([`${cycle2}-copy`, null]);
    expect((await target.runs.get(`${cycle3}-copy`))?.parentRunId).toBe(`${cycle2}-copy`);
    // Copied alone, a cycle still names the originals before and after it.
    expect(await links(`${cycle2}-copy-2`)).toEqual([cycle1, cycle3]);
    await everyRunVerifies(target);
  });

  it('imports a copy under a new id, re-chained, verified and replaying to its own state', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    const originals = await readLog(target, DEMO_RUN_IDS.region);
    const workspace = await validateWorkspace(text);
    const result = await commitImport(
      target,
      workspace,
      { [DEMO_RUN_IDS.region]: 'copy' },
      { newId: seededIds(), copyTitle: (title) => `${title} (copy)` },
    );
    expect(result.copies).toEqual([{ from: DEMO_RUN_IDS.region, to: 'demo-region-copy' }]);
    const copy = await target.runs.get('demo-region-copy');
    const original = await target.runs.get(DEMO_RUN_IDS.region);
    expect(copy).toMatchObject({
      title: `${original?.title} (copy)`,
      status: original?.status,
      revision: original?.revision,
    });
    const events = await readLog(target, 'demo-region-copy');
    expect(events).toHaveLength(originals.length);
    expect(events.some((e) => originals.some((o) => o.id === e.id || o.hash === e.hash))).toBe(
      false,
    );
    expect(await target.drafts.where('runId').equals('demo-region-copy').count()).toBe(
      await target.drafts.where('runId').equals(DEMO_RUN_IDS.region).count(),
    );
    await everyRunVerifies(target);
    // The engine rebuilds the copy from its log like any imported run.
    const live = await new RunEngine(target).load('demo-region-copy');
    expect(live.snapshot.context.runId).toBe('demo-region-copy');
    expect(live.revision).toBe(original?.revision);
  });

  it('numbers a second copy of the same run', async () => {
    const target = freshDb();
    await importWorkspace(target, text);
    await importWorkspace(target, text, { conflicts: 'copy' });
    const { result } = await importWorkspace(target, text, { conflicts: 'copy' });
    expect(result.copies.map((c) => c.to)).toContain('demo-launch-copy-2');
    await everyRunVerifies(target);
  });

  it('merges people: existing ones are kept as they are, new ones added', async () => {
    const target = freshDb();
    await target.people.put({ id: 'p-lead', name: 'Someone else', roles: ['finance'] });
    const { result } = await importWorkspace(target, text);
    expect(await target.people.get('p-lead')).toEqual({
      id: 'p-lead',
      name: 'Someone else',
      roles: ['finance'],
    });
    expect(result.peopleAdded).toBe(file.people.length - 1);
    expect(await target.people.count()).toBe(file.people.length);
  });

  it('puts the people it adds on the team’s record, as brought in by an import and by whom', async () => {
    const target = freshDb();
    await target.people.put({ id: 'p-lead', name: 'Someone else', roles: ['finance'] });
    await importWorkspace(target, text, { byPersonId: 'p-lead', at: '2026-11-27T09:00:00.000Z' });
    const record = await target.peopleLog.toArray();
    expect(record.map((c) => c.personId).sort()).toEqual(
      file.people
        .map((p) => p.id)
        .filter((id) => id !== 'p-lead')
        .sort(),
    );
    expect(new Set(record.map((c) => `${c.via} ${c.by} ${c.at} ${String(c.before)}`))).toEqual(
      new Set(['import p-lead 2026-11-27T09:00:00.000Z null']),
    );
  });
});

describe('all or nothing', () => {
  /**
   * Imports `source` into a store that holds one person, the write of its `n`th run failing as
   * a full disk would: the refusal, how many run writes were tried, whether the store is as before.
   */
  async function importFailingAtRun(source: string, n: number) {
    const target = freshDb();
    await target.people.put({ id: 'p-x', name: 'Existing', roles: ['lead'] });
    const before = await storeChecksum(target);
    let calls = 0;
    target.runs.hook('creating', () => {
      calls += 1;
      if (calls === n) throw new Error('disk full');
    });
    const refusal = await importWorkspace(target, source).catch((e: unknown) => e);
    return { refusal, calls, unchanged: (await storeChecksum(target)) === before };
  }

  it('leaves the store unchanged when a write inside the transaction fails', async () => {
    // Events and the first run are written before the second run's creation throws.
    const { refusal, unchanged } = await importFailingAtRun(text, 2);
    expect(refusal).toBeInstanceOf(TransferError);
    expect(refusal).toMatchObject({ code: 'writeFailed' });
    expect((refusal as Error).message).toMatch(/disk full/);
    expect(unchanged).toBe(true);
  });

  /** A 60-run sample portfolio and its export: five write slices. */
  let large: Promise<{ db: StrategyDb; text: string }> | null = null;
  const largeWorkspace = () =>
    (large ??= (async () => {
      const db = freshDb();
      await generateSamplePortfolio(db, {
        now: '2026-11-27T09:00:00.000Z',
        locale: 'en',
        seed: 7,
        size: 60,
        yieldToUi: () => Promise.resolve(),
      });
      return { db, text: serializeWorkspace(await exportWorkspace(db)) };
    })());

  it('writes a large workspace in slices, and a failure in a late one leaves nothing', async () => {
    const { db: large, text: largeText } = await largeWorkspace();
    // Several slices in: earlier ones are written inside the same transaction.
    const { refusal, calls, unchanged } = await importFailingAtRun(largeText, 50);
    expect(refusal).toMatchObject({ code: 'writeFailed' });
    expect(calls).toBe(50);
    expect(unchanged).toBe(true);

    const fresh = freshDb();
    const { result } = await importWorkspace(fresh, largeText);
    expect(result.imported).toHaveLength(60);
    expect(await recordCount(fresh)).toBe(await recordCount(large));
  });

  it('writes nothing when cancelled mid-validation', async () => {
    const target = freshDb();
    const before = await storeChecksum(target);
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const refusal = await importWorkspace(target, text, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'verifying' && p.done > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'cancelled' });
    expect(seen.some((p) => p.phase === 'verifying' && p.done > 0 && p.done < p.total)).toBe(true);
    expect(seen.some((p) => p.phase === 'writing')).toBe(false);
    expect(await storeChecksum(target)).toBe(before);
  });

  it('rolls back when cancelled with several slices on their way to the database', async () => {
    const { text: largeText } = await largeWorkspace();
    const target = freshDb(new IDBFactory());
    const before = await storeChecksum(target);
    const controller = new AbortController();
    const writing: ImportProgress[] = [];
    const refusal = await importWorkspace(target, largeText, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== 'writing') return;
        writing.push(p);
        // The third slice: the first two are still in flight.
        if (writing.length === 3) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'cancelled' });
    expect(writing.at(-1)?.done).toBeGreaterThan(0);
    expect(await storeChecksum(target)).toBe(before);
    expect(await target.runs.count()).toBe(0);
  });

  it('rolls back when the abort arrives while the transaction is writing', async () => {
    const target = freshDb(new IDBFactory());
    const before = await storeChecksum(target);
    const controller = new AbortController();
    target.runs.hook('creating', () => {
      controller.abort();
    });
    const refusal = await importWorkspace(target, text, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toMatchObject({ code: 'cancelled' });
    expect(await storeChecksum(target)).toBe(before);
  });
});

describe('JSON errors', () => {
  it('finds where the text breaks, even where the browser does not say', () => {
    expect(jsonErrorOffset('{"a": x}')).toBe(6);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('[1,2')).toBe(4);
    expect(jsonErrorOffset('{"a":1}}')).toBe(7);
    expect(jsonErrorOffset('{"a":[1,{"b":"c\\q"}]}')).toBe(15);
    expect(jsonErrorOffset(' {"a": [true, null, -1.5e3, "\\u00e9"]} ')).toBe(-1);
  });
});
