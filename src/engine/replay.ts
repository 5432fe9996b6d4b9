import { createActor } from 'xstate';
import { runMachine } from '../../machines/run-machine';
import type { RunEvent } from '../../machines/events';
import { RunInputSchema, type RunInput, type RunContext } from '../../machines/run-context';
import {
  applyCheckIn,
  applyFollowUpClose,
  applyMeetingNote,
  applyRiskRaise,
  applyRiskUpdate,
  applyTaskProgress,
  checkEvent,
  type Append,
} from '../../machines/run-rules';
import type { EventRecord } from '../storage/records';
import type { RunActor, RunSnapshot } from './snapshots';

/** Replaying event records through the run machine: the log is the truth, snapshots its cache. */

/** The machine event a stored record stands for (record 0, the creation, has none). */
export function eventOf(record: EventRecord): RunEvent {
  // Object.assign rather than spread: replay calls this once per event, and it shows.
  const event = Object.assign({}, record.payload as Record<string, unknown>);
  event.type = record.type;
  event.by = record.actorId;
  event.at = record.at;
  return event as RunEvent;
}

/** The creation record's payload is the machine input. */
export function inputOf(record: EventRecord): RunInput {
  return RunInputSchema.parse(record.payload);
}

/**
 * Live events that change nothing but the context: the machine handles them with targetless,
 * guarded transitions whose guard is `checkEvent(...) === null` and whose action is the reducer
 * below. Replay applies them directly while the run stays in the state that handles them, because
 * going through the actor costs ~20 µs per event in XState's own bookkeeping. The property test
 * (replay equals the live snapshot) holds this shortcut to the machine's behaviour.
 */
const LIVE_REDUCERS: Partial<
  Record<RunEvent['type'], (c: RunContext, e: never, append: Append) => RunContext>
> = {
  'task.progress': applyTaskProgress,
  'meeting.note': applyMeetingNote,
  'kpi.checkIn': applyCheckIn,
  'risk.raise': applyRiskRaise,
  'risk.update': applyRiskUpdate,
  'followUp.close': applyFollowUpClose,
};

function handlesLive(snapshot: RunSnapshot, type: RunEvent['type']): boolean {
  switch (type) {
    case 'task.progress':
    case 'meeting.note':
      return snapshot.matches({ operating: { execution: 'approved' } });
    case 'kpi.checkIn':
      return snapshot.matches({ operating: { monitoring: 'approved' } });
    case 'risk.raise':
    case 'risk.update':
      return snapshot.matches('operating');
    case 'followUp.close':
      return snapshot.status === 'active';
    default:
      return false;
  }
}

/**
 * Rebuilds a run from its records, in memory. `upTo` stops after that sequence number
 * ("the run as of event N"). Throws if a record is not accepted: a log must replay cleanly.
 */
export function replayRecords(records: readonly EventRecord[], upTo = Infinity): RunSnapshot {
  const [first, ...rest] = records;
  if (!first || first.seq !== 0) throw new Error('a run log starts with its creation record');
  return replayOnto(createActor(runMachine, { input: inputOf(first) }), rest, upTo);
}

/**
 * Moves a run on by `records`, the events that follow the state `start` holds (a run restored from
 * a checkpoint, or a fresh one). `start` must not be started yet; it is stopped when done.
 */
export function replayOnto(
  start: RunActor,
  records: readonly EventRecord[],
  upTo = Infinity,
): RunSnapshot {
  let actor = start.start();
  let snapshot = actor.getSnapshot();
  // Context moved on by live events since the actor last saw it; null when the actor is current.
  let pending: RunContext | null = null;
  // Lists this replay created itself may grow in place; the first append copies the actor's.
  const owned = new WeakSet<readonly unknown[]>();
  const appendOwned: Append = <T>(list: readonly T[], item: T): T[] => {
    const mine = owned.has(list) ? (list as T[]) : [...list];
    owned.add(mine);
    mine.push(item);
    return mine;
  };
  for (const record of records) {
    if (record.seq > upTo) break;
    const event = eventOf(record);
    const reducer = LIVE_REDUCERS[event.type];
    if (reducer && handlesLive(snapshot, event.type)) {
      const context = pending ?? snapshot.context;
      if (checkEvent(context, event) !== null) {
        throw new Error(`record ${record.seq} (${record.type}) was not accepted on replay`);
      }
      pending = reducer(context, event as never, appendOwned);
      continue;
    }
    if (pending) {
      actor.stop();
      const resolved = runMachine.resolveState({ value: snapshot.value, context: pending });
      actor = createActor(runMachine, { snapshot: resolved, input: undefined as never }).start();
      pending = null;
    }
    const before = actor.getSnapshot().context;
    actor.send(event);
    snapshot = actor.getSnapshot();
    if (snapshot.context === before) {
      throw new Error(`record ${record.seq} (${record.type}) was not accepted on replay`);
    }
  }
  actor.stop();
  return pending ? runMachine.resolveState({ value: snapshot.value, context: pending }) : snapshot;
}
