import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { runMachine } from '../../machines/run-machine';
import type { RunContext } from '../../machines/run-context';
import { PLANNING_STAGES, STAGE_IDS, type StageId } from '../../src/domain/stages';
import { RunEngine, buildRecord, verifyRecords, LiveRun } from '../../src/engine/engine';
import { replayRecords } from '../../src/engine/replay';
import { checkEvent } from '../../machines/run-rules';
import type { EventRecord } from '../../src/storage/records';
import { canonicalJson } from '../../src/engine/hash';
import type { RunSnapshot } from '../../src/engine/snapshots';
import { GENESIS_HASH } from '../../src/storage/records';
import { candidateEvents, modelInput } from '../support/model';
import { freshDb, seededIds } from '../support/db';

/** The stages the run is in right now, from its state value. */
function activeStages(snapshot: RunSnapshot): StageId[] {
  const value = snapshot.value;
  if (typeof value === 'string') return [];
  if ('operating' in value) return ['execution', 'monitoring'];
  return Object.keys(value) as StageId[];
}

function assertInvariants(prev: RunContext, snapshot: RunSnapshot) {
  const c = snapshot.context;
  // No stage is entered before every earlier gate said Go.
  for (const stage of activeStages(snapshot)) {
    const before =
      stage === 'evaluation'
        ? STAGE_IDS.slice(0, 6)
        : PLANNING_STAGES.slice(0, Math.min(STAGE_IDS.indexOf(stage), 4));
    for (const earlier of before)
      expect(c.stages[earlier].status, `${earlier} before ${stage}`).toBe('approved');
  }
  for (const stage of STAGE_IDS) {
    const record = c.stages[stage];
    // No one ever decides on their own submission.
    for (const vote of [...record.votes, ...record.approvedVotes])
      expect(vote.by).not.toBe(record.submittedBy);
    // Approved content never changes while the stage stays approved.
    if (prev.stages[stage].status === 'approved' && record.status === 'approved') {
      expect(record.approved).toBe(prev.stages[stage].approved);
    }
  }
  // Meeting notes are only ever added: the ones recorded before stay exactly as they were.
  expect(c.meetingNotes.slice(0, prev.meetingNotes.length)).toEqual(prev.meetingNotes);
}

const FORWARD = new Set([
  'stage.submit',
  'execution.close',
  'run.resume',
  'followUp.close',
  'risk.update',
  'cycle.link',
]);

describe('random event sequences', () => {
  it('never break the run invariants, and the log replays to the same snapshot', () => {
    const engine = new RunEngine(freshDb(), { newId: seededIds() });
    const reached = new Set<string>();
    let meetingNotes = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 100, size: 'max' }), (choices) => {
        const input = modelInput();
        // Record 0 the way the engine writes it.
        const creation = buildRecord({
          id: '00000000-0000-4000-8000-000000000000',
          runId: input.runId,
          seq: 0,
          type: 'run.created',
          actorId: input.leadId,
          at: input.createdAt,
          payload: input,
          prevHash: GENESIS_HASH,
        });
        const records: EventRecord[] = [creation];
        const live = LiveRun.fromInput(input, creation.hash);
        for (const choice of choices) {
          // Mostly events that move the run forward, so sequences get deep into the flow; sometimes
          // any allowed event (recycle, hold, kill) or anything at all, so refusals are exercised too.
          const all = candidateEvents(live.snapshot);
          const allowed = all.filter((e) => checkEvent(live.snapshot.context, e) === null);
          const forward = allowed.filter((e) =>
            e.type === 'gate.decide'
              ? e.decision === 'go' || e.decision === 'conditionalGo'
              : FORWARD.has(e.type),
          );
          const bucket = choice % 10;
          const pool =
            bucket === 0 || allowed.length === 0
              ? all
              : bucket === 1 || forward.length === 0
                ? allowed
                : forward;
          const event = pool[Math.floor(choice / 10) % pool.length]!;
          const before = live.snapshot.context;
          const result = engine.step(live, event);
          if (!result.ok) continue;
          assertInvariants(before, result.snapshot);
          records.push(result.record);
          live.revision = result.record.seq;
          live.headHash = result.record.hash;
        }
        reached.add(JSON.stringify(live.snapshot.value));
        meetingNotes += live.snapshot.context.meetingNotes.length;
        // Sequence numbers are gapless and the chain holds.
        expect(verifyRecords(records, live.headHash)).toEqual({ ok: true, events: records.length });
        // Replay gives exactly the live snapshot.
        expect(canonicalJson(runMachine.getPersistedSnapshot(replayRecords(records)))).toBe(
          canonicalJson(runMachine.getPersistedSnapshot(live.snapshot)),
        );
      }),
      { numRuns: 1000, seed: 20241127 },
    );
    // The sequences reach the far end of the flow, not just its first gate.
    expect(reached).toContain('"completed"');
    expect(reached).toContain('"cancelled"');
    // Meeting notes were recorded while operating, so replay's shortcut for them was exercised.
    expect(meetingNotes).toBeGreaterThan(0);
  });
});
