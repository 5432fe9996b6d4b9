import { initialTransition, transition } from 'xstate';
import { runMachine } from '../../machines/run-machine';
import type { RunEvent } from '../../machines/events';
import type { RunInput } from '../../machines/run-context';
import { checkEvent } from '../../machines/run-rules';
import {
  isApproving,
  quorumReached,
  mayDecide,
  type Decision,
  type Vote,
} from '../../src/domain/gate';
import {
  demoContent,
  demoTeam,
  defaultGatePolicies,
  type ScenarioId,
} from '../../src/domain/scenarios';
import { GATE_RULES_VERSION, rulesFrom } from '../../src/domain/readiness';
import type { StageId } from '../../src/domain/stages';
import { quarterPeriod } from '../../src/domain/time';
import type { RunSnapshot } from '../../src/engine/snapshots';

export const PERIOD = quarterPeriod(2024, 3);
export const TEAM = demoTeam('en');
export const LEAD = 'p-lead';

export function person(id: string) {
  const p = TEAM.find((t) => t.id === id);
  if (!p) throw new Error(`no demo person ${id}`);
  return p;
}

export function runInput(overrides: Partial<RunInput> = {}): RunInput {
  const scenario: ScenarioId = overrides.scenario ?? 'newProductLaunch';
  return {
    runId: 'run-1',
    scenario,
    title: 'Product A launch',
    period: PERIOD,
    leadId: LEAD,
    parentRunId: null,
    createdAt: '2024-06-20T09:00:00.000Z',
    policies: defaultGatePolicies(scenario),
    rulesVersion: GATE_RULES_VERSION,
    ...overrides,
  };
}

/** A tiny clock for events: every event one minute after the previous. */
let minute = 0;
export function at(): string {
  minute += 1;
  return new Date(Date.UTC(2024, 6, 1, 9, minute)).toISOString();
}

/**
 * When execution closes without anything to explain: the morning after the period's last day
 * (closing earlier needs a written acceptance from gate rules 4 on).
 */
export function closingAt(period = PERIOD): string {
  const next = new Date(Date.parse(`${period.end}T00:00:00.000Z`) + 86_400_000);
  return `${next.toISOString().slice(0, 10)}T09:00:00.000Z`;
}

/** The lead closing execution the morning after the period, with `acceptance` (none by default). */
export function closeExecutionEvent(leadId: string, acceptance = ''): RunEvent {
  return {
    type: 'execution.close',
    by: leadId,
    roles: person(leadId).roles,
    at: closingAt(),
    acceptance,
  };
}

/** When a figure for `date` is reported: now (`at()`), or on that day if it is still ahead. */
export function reportedAt(date: string): string {
  const now = at();
  return now.slice(0, 10) < date ? `${date}T09:00:00.000Z` : now;
}

export function submitEvent(
  stage: StageId,
  by = LEAD,
  content: unknown = demoContent('newProductLaunch', 'en', PERIOD)[stage],
): RunEvent {
  return { type: 'stage.submit', by, roles: person(by).roles, at: at(), stage, content };
}

/** The lead escalating a replan from monitoring back to `target`, for `reason`. */
export function replanEvent(
  reason = 'lagging',
  target: 'strategy' | 'resources' = 'strategy',
): RunEvent {
  return { type: 'replan.escalate', by: LEAD, roles: ['lead'], at: at(), target, reason };
}

export function decideEvent(
  stage: StageId,
  decision: Decision,
  by: string,
  extra: { comment?: string; conditions?: string[]; recycleTo?: StageId | null } = {},
): RunEvent {
  return {
    type: 'gate.decide',
    by,
    roles: person(by).roles,
    at: at(),
    stage,
    decision,
    comment: extra.comment ?? (decision === 'go' ? '' : `Reason for ${decision}`),
    conditions:
      extra.conditions ?? (decision === 'conditionalGo' ? ['Confirm stock with distributors'] : []),
    recycleTo: extra.recycleTo ?? (decision === 'recycle' ? stage : null),
  };
}

/** Demo people who, voting Go in order, pass the stage's gate (never the submitter). */
export function approversFor(snapshot: RunSnapshot, stage: StageId, exclude = LEAD): string[] {
  const policy = snapshot.context.policies[stage];
  const onePerPerson = rulesFrom(snapshot.context, 4);
  const chosen: Vote[] = [];
  const candidates = TEAM.filter((p) => p.id !== exclude && mayDecide(policy, p.roles));
  // Veto holders first, so quorums that need them are met.
  candidates.sort(
    (a, b) =>
      Number(b.roles.includes(policy.vetoRole ?? 'lead')) -
      Number(a.roles.includes(policy.vetoRole ?? 'lead')),
  );
  for (const p of candidates) {
    if (quorumReached(policy, chosen, onePerPerson)) break;
    const before = chosen.filter((v) => isApproving(v.decision)).length;
    chosen.push({ by: p.id, roles: p.roles, decision: 'go' });
    if (
      policy.quorum.kind === 'all' &&
      chosen.length > before &&
      !quorumReached(policy, chosen, onePerPerson)
    )
      continue;
  }
  if (!quorumReached(policy, chosen, onePerPerson))
    throw new Error(`demo team cannot pass ${stage}`);
  return chosen.map((v) => v.by);
}

/** Steps a run purely, failing loudly when the machine refuses an event the test expects to pass. */
export class Driver {
  snapshot: RunSnapshot;
  readonly events: RunEvent[] = [];

  constructor(input: RunInput = runInput()) {
    [this.snapshot] = initialTransition(runMachine, input);
  }

  get context() {
    return this.snapshot.context;
  }

  /** Sends an event; returns whether the machine accepted it. */
  trySend(event: RunEvent): boolean {
    const [next] = transition(runMachine, this.snapshot, event);
    if (next.context === this.snapshot.context) return false;
    this.snapshot = next;
    this.events.push(event);
    return true;
  }

  send(event: RunEvent): this {
    if (!this.trySend(event)) {
      const refusal = checkEvent(this.snapshot.context, event);
      throw new Error(
        `refused ${event.type} in ${JSON.stringify(this.snapshot.value)}: ${JSON.stringify(refusal)}`,
      );
    }
    return this;
  }

  submit(stage: StageId, content?: unknown): this {
    return this.send(submitEvent(stage, this.context.leadId, content));
  }

  pass(stage: StageId): this {
    for (const by of approversFor(this.snapshot, stage, this.context.leadId)) {
      this.send(decideEvent(stage, 'go', by));
    }
    return this;
  }

  /** Submits and passes each stage in turn. */
  through(...stages: StageId[]): this {
    for (const stage of stages) this.submit(stage).pass(stage);
    return this;
  }

  /** Research → resources approved: the run is operating. */
  toOperating(): this {
    return this.through('research', 'goals', 'strategy', 'resources');
  }

  /** Execution and monitoring plans approved. */
  toLive(): this {
    return this.toOperating().through('execution', 'monitoring');
  }

  value(): string {
    return JSON.stringify(this.snapshot.value);
  }
}
