import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { gateReadiness } from '../../src/domain/readiness';
import { checkEvent, gateContextFor } from '../../machines/run-rules';
import { goDecision } from '../../src/engine/demo-chain';
import type { Person } from '../../src/domain/people';
import { describe, it, expect } from 'vitest';
import { MACHINE_VERSION, runMachine } from '../../machines/run-machine';
import { webcrypto } from 'node:crypto';
import { demoContent } from '../../src/domain/scenarios';
import type { StageId } from '../../src/domain/stages';
import {
  CHECKPOINT_EVERY,
  ConflictError,
  DraftChangedError,
  DraftClosedError,
  RunEngine,
  type RunAction,
} from '../../src/engine/engine';
import { currentContext, readStoredRun } from '../../src/engine/stored';
import { exportWorkspace } from '../../src/engine/transfer';
import { segmentOf } from '../../src/storage/log';
import { canonicalJson, sha256Hex } from '../../src/engine/hash';
import {
  SnapshotRestoreError,
  envelopeOf,
  migrateEnvelope,
  restoreSnapshot,
} from '../../src/engine/snapshots';
import { approversFor } from '../support/driver';
import {
  engineWithTeam,
  freshDb,
  newRunFields,
  PERIOD,
  recordCount,
  seededIds,
  tickingClock,
} from '../support/db';

const content = demoContent('newProductLaunch', 'en', PERIOD);

const submit = (stage: StageId): RunAction => ({
  type: 'stage.submit',
  by: 'p-lead',
  stage,
  content: content[stage],
});
const go = goDecision;
/** A gate decision that sends research back to be redone. */
const recycleResearch = (by: string, comment: string): RunAction => ({
  type: 'gate.decide',
  by,
  stage: 'research',
  decision: 'recycle',
  comment,
  conditions: [],
  recycleTo: 'research',
});

async function passStage(engine: RunEngine, runId: string, stage: StageId) {
  expect((await engine.apply(runId, submit(stage))).ok).toBe(true);
  const live = await engine.load(runId);
  for (const by of approversFor(live.snapshot, stage)) {
    const result = await engine.apply(runId, go(stage, by));
    expect(result.ok).toBe(true);
  }
}

describe('the team', () => {
  it('records who changed a person, and nothing when what is saved is already stored', async () => {
    const engine = await engineWithTeam();
    const before = await engine.db.peopleLog.count();
    const chen = (await engine.db.people.get('p-mkt'))!;
    await engine.savePerson({ ...chen, roles: [...chen.roles] } as Person, 'p-lead');
    expect(await engine.db.peopleLog.count()).toBe(before);
    await engine.savePerson({ ...chen, roles: ['marketingHead', 'finance'] } as Person, 'p-lead');
    expect((await engine.db.peopleLog.toArray()).at(-1)).toMatchObject({
      by: 'p-lead',
      personId: 'p-mkt',
      before: ['marketingHead'],
      after: ['marketingHead', 'finance'],
      via: 'people',
    });
  });
});

describe('applying events', () => {
  it('appends one hash-linked record and bumps the revision per accepted event', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    const records = await engine.records('run-1');
    expect(records.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(records[2]).toMatchObject({
      type: 'gate.decide',
      actorId: 'p-sales',
      runId: 'run-1',
      machineVersion: MACHINE_VERSION,
    });
    const row = await engine.db.runs.get('run-1');
    expect(row).toMatchObject({
      revision: 2,
      headHash: records[2]?.hash,
      current: 'goals',
      status: 'active',
    });
  });

  it('records the acting person’s clock offset with what they do, where the clock knows it', async () => {
    const ticking = tickingClock();
    const beijing = await engineWithTeam(freshDb(), {
      clock: { now: ticking.now, utcOffset: () => 480 },
    });
    await beijing.createRun(newRunFields(), 'p-lead');
    await passStage(beijing, 'run-1', 'research');
    const [, submitted, decided] = await beijing.records('run-1');
    expect(submitted?.payload).toMatchObject({ utcOffset: 480 });
    expect(decided?.payload).toMatchObject({ utcOffset: 480 });
    expect(await beijing.replayMatchesStored('run-1')).toBe(true);

    const unknown = await engineWithTeam();
    await unknown.createRun(newRunFields(), 'p-lead');
    await passStage(unknown, 'run-1', 'research');
    expect((await unknown.records('run-1'))[1]?.payload).not.toHaveProperty('utcOffset');
  });

  it('refuses a plan naming an owner who is not among the workspace’s people, though the machine alone would take it', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    for (const stage of ['research', 'goals', 'strategy'] as const) {
      await passStage(engine, 'run-1', stage);
    }
    const ghostly = structuredClone(content.resources);
    ghostly.owners[0]!.personId = 'p-ghost';
    const revision = (await engine.db.runs.get('run-1'))!.revision;
    const result = await engine.apply('run-1', {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'resources',
      content: ghostly,
    });
    expect(result).toMatchObject({
      ok: false,
      refusal: {
        code: 'notReady',
        problems: [expect.objectContaining({ code: 'owners.unknownPerson' })],
      },
    });
    expect((await engine.db.runs.get('run-1'))!.revision).toBe(revision);
    // The machine on its own has no roster to check against.
    const live = await engine.load('run-1');
    expect(
      checkEvent(live.snapshot.context, {
        type: 'stage.submit',
        by: 'p-lead',
        roles: ['lead'],
        at: live.snapshot.context.updatedAt,
        stage: 'resources',
        content: ghostly,
      }),
    ).toBeNull();
  });

  it('returns a structured refusal and writes nothing when the machine says no', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    const before = await engine.db.runs.get('run-1');
    const result = await engine.apply('run-1', go('research', 'p-fin'));
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'roleNotPermitted', guard: 'hasGateRole' },
    });
    expect(await recordCount(engine.db)).toBe(2);
    expect(await engine.db.runs.get('run-1')).toEqual(before);
  });

  it('lists the gate problems when a stage is submitted before it is ready', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const result = await engine.apply('run-1', {
      type: 'stage.submit',
      by: 'p-lead',
      stage: 'research',
      content: { ...content.research, competitors: [] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('notReady');
    expect(result.refusal.problems.map((p) => p.code)).toContain('research.noCompetitors');
  });

  it('refuses a malformed event with what is wrong', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const result = await engine.apply('run-1', {
      ...go('research', 'p-mkt'),
      decision: 'maybe',
    } as unknown as RunAction);
    expect(result).toMatchObject({ ok: false, refusal: { code: 'invalidEvent' } });
  });

  it('refuses actions by people it does not know', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const result = await engine.apply('run-1', go('research', 'p-nobody'));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'unknownPerson' } });
  });

  it('honours a role granted after the engine last read the person', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    // Finance has no say at the research gate: refused, with the roles the engine now knows.
    expect(await engine.apply('run-1', go('research', 'p-fin'))).toMatchObject({
      ok: false,
      refusal: { code: 'roleNotPermitted' },
    });
    await engine.db.people.put({ id: 'p-fin', name: 'Zhao Lei', roles: ['marketingHead'] });
    const result = await engine.apply('run-1', go('research', 'p-fin'));
    expect(result.ok).toBe(true);
    expect((await engine.records('run-1')).at(-1)?.payload).toMatchObject({
      roles: ['marketingHead'],
    });
  });

  it('refuses a person removed after the engine last read them, and writes nothing', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    // p-mkt sends research back (the engine now knows her roles); research comes again.
    await engine.apply('run-1', recycleResearch('p-mkt', 'More interviews'));
    await engine.apply('run-1', submit('research'));
    await engine.db.people.delete('p-mkt');
    const before = await recordCount(engine.db);
    const result = await engine.apply('run-1', go('research', 'p-mkt'));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'unknownPerson' } });
    expect(await recordCount(engine.db)).toBe(before);
  });

  it('takes two actions on one run in turn, so an undone first never leaves the second on top of it', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    await engine.apply('run-1', recycleResearch('p-mkt', 'More interviews'));
    await engine.apply('run-1', submit('research'));
    // p-mkt loses her role in another tab; her Go is undone while the lead already submits goals.
    await engine.db.people.put({ id: 'p-mkt', name: 'Chen Jing', roles: ['finance'] });
    const [decided, submitted] = await Promise.all([
      engine.apply('run-1', go('research', 'p-mkt')),
      engine.apply('run-1', submit('goals')),
    ]);
    expect(decided).toMatchObject({ ok: false, refusal: { code: 'roleNotPermitted' } });
    expect(submitted).toMatchObject({ ok: false });
    expect((await engine.records('run-1')).map((r) => r.type)).toEqual([
      'run.created',
      'stage.submit',
      'gate.decide',
      'stage.submit',
    ]);
    expect(await new RunEngine(engine.db).replayMatchesStored('run-1')).toBe(true);
  });

  it('does not decide again on a newer revision when the roles changed and another tab wrote meanwhile', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    const other = new RunEngine(db, { clock: tickingClock() });
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    await engine.apply('run-1', go('goals', 'p-sales')); // refused: the engine now knows his roles
    await db.people.put({ id: 'p-sales', name: 'Wang Min', roles: ['salesDirector', 'finance'] });
    // Between the undone commit and its retry, another tab sends research back and resubmits it.
    const load = engine.load.bind(engine);
    let loads = 0;
    engine.load = async (runId: string) => {
      loads += 1;
      if (loads === 2) {
        await other.apply('run-1', recycleResearch('p-mkt', 'Redo'));
        await other.apply('run-1', submit('research'));
      }
      return load(runId);
    };
    await expect(
      engine.apply('run-1', go('research', 'p-sales'), { expectedRevision: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await engine.records('run-1')).map((r) => r.actorId)).toEqual([
      'p-lead',
      'p-lead',
      'p-mkt',
      'p-lead',
    ]);
  });

  it("treats a person's roles as a set: a repeated role does not stand in for one taken away", async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    await engine.db.people.put({
      id: 'p-fin',
      name: 'Zhao Lei',
      roles: ['finance', 'marketingHead'],
    });
    await engine.apply('run-1', go('goals', 'p-fin')); // refused: the engine knows both roles
    await engine.db.people.put({ id: 'p-fin', name: 'Zhao Lei', roles: ['finance', 'finance'] });
    const result = await engine.apply('run-1', go('research', 'p-fin'));
    expect(result).toMatchObject({ ok: false, refusal: { code: 'roleNotPermitted' } });
  });

  it('restores a run once when two callers load it at the same time', async () => {
    const db = freshDb();
    await (await engineWithTeam(db)).createRun(newRunFields(), 'p-lead');
    const engine = new RunEngine(db);
    const [a, b] = await Promise.all([engine.load('run-1'), engine.load('run-1')]);
    expect(a).toBe(b);
    expect(await engine.load('run-1')).toBe(a);
  });

  it('deletes a stage draft once the stage is submitted, in the same transaction', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead', { research: content.research });
    expect(await engine.db.drafts.get(['run-1', 'research'])).toBeDefined();
    await engine.apply('run-1', submit('research'));
    expect(await engine.db.drafts.get(['run-1', 'research'])).toBeUndefined();
  });

  it('refuses a draft that is too large with the size and the limit', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await expect(
      engine.saveDraft('run-1', 'research', { text: 'x'.repeat(600_000) }, 'p-lead'),
    ).rejects.toThrow(/limit is 512 KB/);
  });

  it('refuses a draft its stage’s editor could not show, naming where', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await expect(
      engine.saveDraft('run-1', 'research', { ...content.research, marketNeeds: 'oops' }, 'p-lead'),
    ).rejects.toMatchObject({ name: 'DraftShapeError', path: ['marketNeeds'], expected: 'array' });
    expect(await engine.db.drafts.get(['run-1', 'research'])).toBeUndefined();
  });

  it('keeps a late save out of a stage submitted meanwhile, and out of a run that is gone', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    // An editor in another tab closes after the submission and flushes what it still held.
    await expect(
      engine.saveDraft('run-1', 'research', content.research, 'p-lead'),
    ).rejects.toBeInstanceOf(DraftClosedError);
    expect(await engine.db.drafts.get(['run-1', 'research'])).toBeUndefined();
    await expect(
      engine.saveDraft('no-such-run', 'research', content.research, 'p-lead'),
    ).rejects.toBeInstanceOf(DraftClosedError);
    expect(await engine.db.drafts.count()).toBe(0);
  });

  it('refuses to replace a draft saved elsewhere since the editor last saw it, and says what is stored', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const first = { ...content.research, competitors: [] };
    // Tab A opens the empty stage and saves; tab B, opened at the same moment, saves after it.
    await engine.saveDraft('run-1', 'research', first, 'p-lead', { basedOn: undefined });
    const late = engine.saveDraft('run-1', 'research', content.research, 'p-lead', {
      basedOn: undefined,
    });

    await expect(late).rejects.toBeInstanceOf(DraftChangedError);
    await expect(late).rejects.toMatchObject({ stored: { content: first, savedBy: 'p-lead' } });
    expect((await engine.db.drafts.get(['run-1', 'research']))?.content).toEqual(first);
  });

  it('saves over the draft an editor last saw, and over it knowingly once shown it', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const first = { ...content.research, competitors: [] };
    await engine.saveDraft('run-1', 'research', first, 'p-lead', { basedOn: undefined });
    await engine.saveDraft('run-1', 'research', content.research, 'p-lead', { basedOn: first });

    expect((await engine.db.drafts.get(['run-1', 'research']))?.content).toEqual(content.research);
  });
});

describe('atomic writes', () => {
  it('leaves neither event nor snapshot when the write fails half-way', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const before = await engine.db.runs.get('run-1');
    engine.db.runs.hook('updating', () => {
      throw new Error('disk failure');
    });
    await expect(engine.apply('run-1', submit('research'))).rejects.toThrow('disk failure');
    expect(await recordCount(engine.db)).toBe(1);
    expect(await engine.db.runs.get('run-1')).toEqual(before);
    // The engine forgot its optimistic copy and reloads the stored state.
    expect((await engine.load('run-1')).revision).toBe(0);
  });
});

describe('two writers on one database', () => {
  it('lets one conflicting decision win and tells the other about the conflict', async () => {
    const db = freshDb();
    const a = await engineWithTeam(db);
    // Distinct id streams, as two browser tabs would have.
    const bIds = seededIds();
    for (let i = 0; i < 1000; i += 1) bIds();
    const b2 = new RunEngine(db, { clock: tickingClock(), newId: bIds });
    await a.createRun(newRunFields(), 'p-lead');
    await a.apply('run-1', submit('research'));
    await b2.load('run-1');

    const first = await a.apply('run-1', go('research', 'p-mkt'));
    expect(first.ok).toBe(true);
    const recycle = recycleResearch('p-sales', 'More interviews');
    await expect(b2.apply('run-1', recycle)).rejects.toBeInstanceOf(ConflictError);

    // Nothing lost, nothing applied twice: the winner's decision stands alone.
    const records = await a.records('run-1');
    expect(records.map((r) => r.type)).toEqual(['run.created', 'stage.submit', 'gate.decide']);
    // After reloading, the loser sees the current state: the gate has already passed.
    const retry = await b2.apply('run-1', recycle);
    expect(retry).toMatchObject({ ok: false });
    expect((await b2.load('run-1')).snapshot.matches({ goals: 'drafting' })).toBe(true);
  });

  it('decides with the roles stored now when another tab changed the person', async () => {
    const db = freshDb();
    const a = await engineWithTeam(db);
    const other = new RunEngine(db, { clock: tickingClock() });
    await a.createRun(newRunFields(), 'p-lead');
    await a.apply('run-1', submit('research'));
    expect((await a.apply('run-1', recycleResearch('p-mkt', 'More interviews'))).ok).toBe(true);
    await a.apply('run-1', submit('research'));

    await other.savePerson({ id: 'p-mkt', name: 'Chen Jing', roles: ['marketing'] });
    const decided = await a.apply('run-1', go('research', 'p-mkt'));
    expect(decided).toMatchObject({ ok: false, refusal: { code: 'roleNotPermitted' } });
    expect((await a.records('run-1')).map((r) => r.type)).toEqual([
      'run.created',
      'stage.submit',
      'gate.decide',
      'stage.submit',
    ]);
  });

  it('throws a conflict when the person decided on a revision that is no longer current', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'));
    await expect(
      engine.apply('run-1', go('research', 'p-mkt'), { expectedRevision: 0 }),
    ).rejects.toThrow(/changed while you were working/);
  });
});

describe('a person acting again before the page shows their last action', () => {
  it('is no conflict when only their own commits came in between', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.apply('run-1', submit('research'), { expectedRevision: 0 });
    // The lead's page still shows revision 0: their next action is judged, not called a conflict
    // (the machine refuses it on its merits: research is in review now).
    await expect(
      engine.apply('run-1', submit('research'), { expectedRevision: 0 }),
    ).resolves.toMatchObject({ ok: false, refusal: { code: 'notNow' } });
    // Anyone else still looking at revision 0 missed the lead's submission: a conflict.
    await expect(
      engine.apply('run-1', go('research', 'p-mkt'), { expectedRevision: 0 }),
    ).rejects.toThrow(/changed while you were working/);
  });
});

describe('the tamper-evident chain', () => {
  it('verifies an untouched log', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    expect(await engine.verify('run-1')).toEqual({ ok: true, events: 3 });
  });

  it('detects a flipped byte in one stored event and names the first broken link', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    await passStage(engine, 'run-1', 'goals');
    const record = (await engine.records('run-1'))[2]!;
    const tampered = JSON.parse(JSON.stringify(record).replace('"p-sales"', '"p-salez"'));
    expect(tampered).not.toEqual(record);
    await engine.db.log.put(segmentOf([tampered]));
    expect(await engine.verify('run-1')).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'hashMismatch',
    });
  });

  it('detects a deleted event as a gap', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    await engine.db.log.delete(['run-1', 1]);
    expect(await engine.verify('run-1')).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'seqGap',
    });
  });

  it('hashes exactly as WebCrypto SHA-256 does', async () => {
    const text = '{"策略":"新品上市","amount":150000000}';
    const digest = await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    expect(sha256Hex(text)).toBe(Buffer.from(digest).toString('hex'));
  });
});

describe('replay and time travel', () => {
  it('rebuilds exactly the stored snapshot from the log', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    for (const stage of ['research', 'goals', 'strategy', 'resources'] as const)
      await passStage(engine, 'run-1', stage);
    expect(await engine.replayMatchesStored('run-1')).toBe(true);
  });

  it('notices a run changed outside the app, and rebuilds it from its log', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    // Someone edits the stored row in the browser's storage: the chain itself is untouched.
    await engine.db.runs.update('run-1', { title: 'Forged title' });
    expect((await engine.verify('run-1')).ok).toBe(true);
    expect(await engine.replayMatchesStored('run-1')).toBe(false);

    expect(await engine.rebuildFromLog('run-1')).toBe(true);
    expect(await engine.replayMatchesStored('run-1')).toBe(true);
    expect((await engine.db.runs.get('run-1'))?.title).toBe(newRunFields().title);
  });

  it('does not take facts an earlier version derived for a change made outside the app', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    const row = (await engine.db.runs.get('run-1'))!;
    // As a row written before this version's facts, until the refresh on open derives them again.
    await engine.db.runs.update('run-1', { facts: { ...row.facts!, version: 1, replans: 9 } });
    expect(await engine.replayMatchesStored('run-1')).toBe(true);
  });

  it('shows the run as it was after any event', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    expect((await engine.replay('run-1', 0)).matches({ research: 'drafting' })).toBe(true);
    expect((await engine.replay('run-1', 1)).matches({ research: 'inReview' })).toBe(true);
    expect((await engine.replay('run-1', 2)).matches({ goals: 'drafting' })).toBe(true);
  });
});

describe('checkpoints', () => {
  /** Sends research back `rounds` times: a submission and a recycle each, two events a round. */
  async function recycleRounds(engine: RunEngine, rounds: number) {
    for (let i = 0; i < rounds; i += 1) {
      expect((await engine.apply('run-1', submit('research'))).ok).toBe(true);
      const recycled = await engine.apply(
        'run-1',
        recycleResearch('p-mkt', `Round ${i + 1}: more evidence`),
      );
      expect(recycled.ok).toBe(true);
    }
  }

  it('stores the snapshot at every CHECKPOINT_EVERY-th event, and only the event and the row between', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, 3);
    expect(await engine.db.runs.get('run-1')).toMatchObject({ revision: 6 });
    expect(await engine.db.snapshots.get('run-1')).toMatchObject({ revision: 0 });

    await recycleRounds(engine, CHECKPOINT_EVERY / 2 - 3);
    expect(await engine.db.snapshots.get('run-1')).toMatchObject({ revision: CHECKPOINT_EVERY });
  });

  it('reads a run between checkpoints as its checkpoint moved on by the events since', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, CHECKPOINT_EVERY / 2 + 2);
    const live = await engine.load('run-1');

    const parts = (await readStoredRun(db, 'run-1'))!;
    expect(parts.checkpoint?.revision).toBe(CHECKPOINT_EVERY);
    expect(parts.tail.map((r) => r.seq)).toEqual([33, 34, 35, 36]);
    expect(currentContext(parts)).toEqual(live.snapshot.context);
    expect(await engine.replayMatchesStored('run-1')).toBe(true);
    const fresh = await new RunEngine(db, { clock: tickingClock() }).load('run-1');
    expect(fresh.revision).toBe(live.revision);
    expect(canonicalJson(runMachine.getPersistedSnapshot(fresh.snapshot))).toBe(
      canonicalJson(runMachine.getPersistedSnapshot(live.snapshot)),
    );
  });

  it('refuses to read a run whose events after the checkpoint have a gap, naming the run', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, 2);
    await db.log.delete(['run-1', 2]);

    const parts = (await readStoredRun(db, 'run-1'))!;
    expect(() => currentContext(parts)).toThrow(SnapshotRestoreError);
    expect(() => currentContext(parts)).toThrow(
      'Run run-1 cannot be restored: its log from revision 1 has 3 of 4 records',
    );
  });

  it('exports each run as its current row and whole log, without a snapshot to trust', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, 2);

    const [entry] = (await exportWorkspace(db)).runs;
    expect(entry?.run.revision).toBe(4);
    expect(entry?.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(entry?.run).not.toHaveProperty('envelope');
  });

  it('reads a run stored without a checkpoint by replaying its log, and stores one when the engine loads it', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, 3);
    const expected = (await engine.load('run-1')).snapshot.context;
    // As an import leaves a run: its row and log, no checkpoint.
    await db.snapshots.delete('run-1');

    const parts = (await readStoredRun(db, 'run-1'))!;
    expect(parts.checkpoint).toBeNull();
    expect(parts.tail.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(currentContext(parts)).toEqual(expected);

    const fresh = await new RunEngine(db, { clock: tickingClock() }).load('run-1');
    expect(fresh.snapshot.context).toEqual(expected);
    expect(await db.snapshots.get('run-1')).toMatchObject({ revision: 6 });
    expect(await engine.replayMatchesStored('run-1')).toBe(true);
  });

  it('refuses to read a run stored without a checkpoint whose log lacks events', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await recycleRounds(engine, 1);
    await db.snapshots.delete('run-1');
    await db.runs.update('run-1', { revision: 5 });
    const parts = (await readStoredRun(db, 'run-1'))!;
    expect(() => currentContext(parts)).toThrow(/has 3 of 6 records/);
    await expect(new RunEngine(db).load('run-1')).rejects.toBeInstanceOf(SnapshotRestoreError);
  });
});

describe('restoring stored snapshots', () => {
  it('restores a run in a new engine from its stored snapshot', async () => {
    const db = freshDb();
    const engine = await engineWithTeam(db);
    await engine.createRun(newRunFields(), 'p-lead');
    await passStage(engine, 'run-1', 'research');
    const later = new RunEngine(db, { clock: tickingClock(), newId: seededIds() });
    const live = await later.load('run-1');
    expect(live.revision).toBe(2);
    expect(live.snapshot.matches({ goals: 'drafting' })).toBe(true);
  });

  it('refuses a snapshot from a newer machine version with what to do', async () => {
    const engine = await engineWithTeam();
    const { snapshot } = await engine.createRun(newRunFields(), 'p-lead');
    const envelope = { ...envelopeOf(snapshot, '2024-07-01T00:00:00.000Z'), machineVersion: 99 };
    expect(() => restoreSnapshot('run-1', envelope)).toThrow(
      new RegExp(`newer than this app's ${MACHINE_VERSION}; update the app`),
    );
  });

  it('refuses a snapshot of another run or a mangled one, never half-restoring it', () => {
    expect(() =>
      restoreSnapshot('run-1', { machineVersion: 1, savedAt: 'x', snapshot: {} }),
    ).toThrow(SnapshotRestoreError);
    expect(() =>
      restoreSnapshot('run-1', {
        machineVersion: 1,
        savedAt: '2024-07-01T00:00:00.000Z',
        snapshot: { value: 'nowhere', context: { runId: 'run-2', stages: {} } },
      }),
    ).toThrow(/does not belong to this run/);
  });

  it('migrates an older snapshot step by step through the registry', () => {
    const registry = {
      1: (s: Record<string, unknown>) => ({ ...s, v2: true }),
      2: (s: Record<string, unknown>) => ({ ...s, v3: true }),
    };
    const migrated = migrateEnvelope(
      'run-1',
      { machineVersion: 1, savedAt: '2024-07-01T00:00:00.000Z', snapshot: { a: 1 } },
      registry,
      3,
    );
    expect(migrated).toEqual({ a: 1, v2: true, v3: true });
    expect(() =>
      migrateEnvelope(
        'run-1',
        { machineVersion: 1, savedAt: '2024-07-01T00:00:00.000Z', snapshot: {} },
        {},
        2,
      ),
    ).toThrow(/no migration from machine version 1/);
  });
});

describe('canonical JSON', () => {
  it('orders keys at every level and drops undefined, so field order never changes a hash', async () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('the optimization loop', () => {
  it('seeds goals that pass their own gate: sub-goals still add up to their parents', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db);
    const child = await engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead');
    const goals = await db.drafts.get([child.runId, 'goals']);
    expect(
      gateReadiness('goals', goals?.content, gateContextFor(child.snapshot.context, 'goals')),
    ).toEqual([]);
  });

  it('starts the next cycle from a completed run: linked, next period, drafts seeded from what it taught', async () => {
    const { seedDemoWorkspace, DEMO_RUN_IDS } = await import('../../src/engine/demo');
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db, {
      clock: tickingClock(Date.UTC(2026, 9, 5)),
      newId: seededIds(),
    });
    const parent = (await engine.load(DEMO_RUN_IDS.deepen)).snapshot.context;

    const child = await engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead');

    expect(child.snapshot.context).toMatchObject({
      parentRunId: DEMO_RUN_IDS.deepen,
      period: { start: '2026-10-01', end: '2026-12-31' },
    });
    expect((await engine.load(DEMO_RUN_IDS.deepen)).snapshot.context.childRunId).toBe(child.runId);
    const goals = (await db.drafts.get([child.runId, 'goals']))?.content as {
      goals: { id: string; target: number; baseline: number; deadline: string }[];
    };
    const results = new Map(
      parent.stages.evaluation.approved && 'results' in parent.stages.evaluation.approved
        ? parent.stages.evaluation.approved.results.map((r) => [r.goalId, r.actual])
        : [],
    );
    for (const goal of goals.goals) {
      if (results.get(goal.id) != null) expect(goal.baseline).toBe(results.get(goal.id));
      expect(goal.deadline <= '2026-12-31' && goal.deadline >= '2026-10-01').toBe(true);
    }
    expect(await db.drafts.get([child.runId, 'research'])).toBeDefined();
    expect((await engine.verify(DEMO_RUN_IDS.deepen)).ok).toBe(true);
    expect((await engine.verify(child.runId)).ok).toBe(true);
  });

  it('starts the next cycle for a later period when the one right after is chosen to be skipped', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db, { newId: seededIds() });
    const later = { start: '2027-01-01', end: '2027-03-31' };
    const child = await engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead', later);
    expect(child.snapshot.context.period).toEqual(later);
    const goals = (await db.drafts.get([child.runId, 'goals']))?.content as {
      goals: { deadline: string }[];
    };
    for (const goal of goals.goals) expect(goal.deadline >= '2027-01-01').toBe(true);
  });

  it('refuses a next cycle that would overlap its run, and writes nothing', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db, { newId: seededIds() });
    const runs = await db.runs.count();
    await expect(
      engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead', {
        start: '2026-09-01',
        end: '2026-11-30',
      }),
    ).rejects.toThrow('The next cycle must start after this one ends (2026-09-30)');
    expect(await db.runs.count()).toBe(runs);
  });

  it('refuses a second next cycle for the same run and writes nothing', async () => {
    const { seedDemoWorkspace, DEMO_RUN_IDS } = await import('../../src/engine/demo');
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db, { newId: seededIds() });
    await engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead');
    const runs = await db.runs.count();
    // Refused by the run's rules, whose refusal the screen puts in the person's words.
    await expect(engine.startNextCycle(DEMO_RUN_IDS.deepen, 'p-lead')).rejects.toMatchObject({
      name: 'RefusedError',
      refusal: { code: 'alreadyLinked' },
    });
    expect(await db.runs.count()).toBe(runs);
  });

  it('refuses a next cycle for a run that is not complete', async () => {
    const { seedDemoWorkspace, DEMO_RUN_IDS } = await import('../../src/engine/demo');
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    const engine = new RunEngine(db, { newId: seededIds() });
    await expect(engine.startNextCycle(DEMO_RUN_IDS.launch, 'p-lead')).rejects.toThrow(/Refused: /);
  });
});

describe('an engine whose copy went stale', () => {
  /** Engine b loaded the run at revision 0; engine a then submitted research (revision 1). */
  async function staleCopy() {
    const db = freshDb();
    const a = await engineWithTeam(db);
    const b = new RunEngine(db, { clock: tickingClock() });
    await a.createRun(newRunFields(), 'p-lead');
    await b.load('run-1');
    await a.apply('run-1', submit('research'));
    return b;
  }

  it('accepts a decision made on the current revision after another engine wrote', async () => {
    const b = await staleCopy();
    // The person in tab B sees revision 1 (live query) although B's engine still holds revision 0.
    const result = await b.apply('run-1', go('research', 'p-mkt'), { expectedRevision: 1 });
    expect(result.ok).toBe(true);
    expect((await b.records('run-1')).map((r) => r.seq)).toEqual([0, 1, 2]);
  });

  it('answers a refusal decided on a stale copy with a conflict, not with the stale reason', async () => {
    const b = await staleCopy();
    // b's copy still has research being drafted, where no gate decision is possible.
    await expect(b.apply('run-1', go('research', 'p-mkt'))).rejects.toBeInstanceOf(ConflictError);
    expect((await b.apply('run-1', go('research', 'p-mkt'))).ok).toBe(true);
  });

  it('never appends to a run replaced under its id at the same revision: a conflict, the new chain intact', async () => {
    const db = freshDb();
    const a = await engineWithTeam(db);
    await a.createRun(newRunFields(), 'p-lead');
    await a.apply('run-1', submit('research'));
    const held = await a.load('run-1');
    // Another tab empties the workspace and a new run comes back under the same id, one event in.
    const b = await engineWithTeam(db, { newId: () => crypto.randomUUID() });
    await db.transaction('rw', db.runs, db.snapshots, db.log, db.drafts, async () => {
      await Promise.all([db.runs.clear(), db.snapshots.clear(), db.log.clear(), db.drafts.clear()]);
    });
    await b.createRun({ ...newRunFields(), title: 'Another launch' }, 'p-lead');
    await b.apply('run-1', submit('research'));
    const row = (await db.runs.get('run-1'))!;
    expect(row.revision).toBe(held.revision);
    expect(row.headHash).not.toBe(held.headHash);

    await expect(
      a.apply('run-1', go('research', 'p-mkt'), { expectedRevision: row.revision }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await a.verify('run-1')).toEqual({ ok: true, events: 2 });
    // The conflict made it let go of its copy: the person's next try acts on the new run.
    expect((await a.apply('run-1', go('research', 'p-mkt'))).ok).toBe(true);
    expect(await a.verify('run-1')).toEqual({ ok: true, events: 3 });
    expect(currentContext((await readStoredRun(db, 'run-1'))!).title).toBe('Another launch');
  });

  it('forgets every copy it holds when asked, so a replaced workspace is read afresh', async () => {
    const db = freshDb();
    const a = await engineWithTeam(db);
    await a.createRun(newRunFields(), 'p-lead');
    const first = await a.load('run-1');
    a.forgetAll();
    expect(await a.load('run-1')).not.toBe(first);
  });
});
