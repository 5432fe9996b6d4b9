import { createActor, type AnyActorScope } from 'xstate';
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
  parsingContentOnce,
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
 * The scope replay's pure transitions run in. The run machine has only `assign` actions, which
 * XState applies inside the transition; anything it would hand out to execute is a bug here.
 */
function replayScope(self: RunActor): AnyActorScope {
  return {
    self,
    id: self.id,
    sessionId: self.sessionId,
    system: self.system,
    logger: () => undefined,
    defer: () => undefined,
    emit: () => undefined,
    stopChild: () => undefined,
    actionExecutor: (action) => {
      throw new Error(`replay cannot execute the action "${action.type}"`);
    },
  };
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
 * a checkpoint, or a fresh one). `start` is never started: replay steps its snapshot through the
 * machine's pure transition, which skips an actor's mailbox and, after a run of live events, the
 * cost of restoring a new actor (measured: a fifth of a 1,000-run import's replay).
 */
export function replayOnto(
  start: RunActor,
  records: readonly EventRecord[],
  upTo = Infinity,
): RunSnapshot {
  const scope = replayScope(start);
  let snapshot = start.getSnapshot();
  // Context moved on by live events since `snapshot` was resolved; null when it is current.
  let pending: RunContext | null = null;
  // Lists this replay created itself may grow in place; the first append copies the snapshot's.
  const owned = new WeakSet<readonly unknown[]>();
  const appendOwned: Append = <T>(list: readonly T[], item: T): T[] => {
    const mine = owned.has(list) ? (list as T[]) : [...list];
    owned.add(mine);
    mine.push(item);
    return mine;
  };
  for (const record of records) {
    if (record.seq > upTo) break;
    const refused = () =>
      new Error(`record ${record.seq} (${record.type}) was not accepted on replay`);
    // A finished or failed run accepts nothing more, as a live actor ignores what it is sent.
    if (snapshot.status !== 'active') throw refused();
    const event = eventOf(record);
    const reducer = LIVE_REDUCERS[event.type];
    if (reducer && handlesLive(snapshot, event.type)) {
      const context = pending ?? snapshot.context;
      if (checkEvent(context, event) !== null) throw refused();
      pending = reducer(context, event as never, appendOwned);
      continue;
    }
    if (pending) {
      snapshot = runMachine.resolveState({ value: snapshot.value, context: pending });
      pending = null;
    }
    const before = snapshot.context;
    try {
      snapshot = parsingContentOnce(() => runMachine.transition(snapshot, event, scope));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`record ${record.seq} (${record.type}) failed on replay: ${reason}`, {
        cause: error,
      });
    }
    if (snapshot.context === before) throw refused();
  }
  return pending ? runMachine.resolveState({ value: snapshot.value, context: pending }) : snapshot;
}
