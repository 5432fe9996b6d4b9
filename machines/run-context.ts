import * as z from 'zod';
import type { GatePolicies, Vote, Decision } from '../src/domain/gate';
import type { StageContentMap, TaskStatus } from '../src/domain/content';
import type { Health } from '../src/domain/kpi';
import type { Period } from '../src/domain/time';
import {
  GatePolicySchema,
  IdSchema,
  IsoDateTimeSchema,
  PeriodSchema,
  ScenarioIdSchema,
} from '../src/domain/schemas';
import { STAGE_IDS, type StageId } from '../src/domain/stages';
import { GATE_RULES_VERSION } from '../src/domain/readiness';
import type { ScenarioId } from '../src/domain/scenario-ids';
import type { RiskSeverity, RiskStatus } from './events';

/** Where a stage stands in the current pass through the flow. */
export type StageStatus = 'notStarted' | 'drafting' | 'inReview' | 'approved';

export interface CastVote extends Vote {
  at: string;
  comment: string;
  conditions: readonly string[];
}

export interface StageRecord {
  status: StageStatus;
  /** The content of the latest submission (kept after a recycle as the seed of the next draft). */
  submitted: StageContentMap[StageId] | null;
  /** The content the gate approved; frozen until the stage is recycled. */
  approved: StageContentMap[StageId] | null;
  submittedBy: string | null;
  submittedAt: string | null;
  /** How many times this stage has been submitted. */
  round: number;
  /** Votes cast in the current round. */
  votes: CastVote[];
  /** The votes that passed the gate, for "approved by … on …". */
  approvedVotes: CastVote[];
  approvedAt: string | null;
  /** How many times a gate sent the run back to this stage. */
  recycles: number;
  /** Set while the stage is being redone after a recycle; cleared by the next submission. */
  recycledBy: { from: StageId; by: string; at: string; reason: string } | null;
}

export interface FollowUp {
  id: string;
  stage: StageId;
  text: string;
  raisedBy: string;
  raisedAt: string;
  closed: { by: string; at: string; note: string } | null;
}

export interface CheckIn {
  id: string;
  kpiId: string;
  date: string;
  value: number;
  source: string;
  reason: string;
  by: string;
  at: string;
  paceTarget: number;
  attainment: number;
  health: Health;
}

/**
 * Notes of a sync meeting recorded while the run operates. Kept beside the approved execution
 * plan, never in it: what the gate approved stays exactly as approved.
 */
export interface MeetingNote {
  id: string;
  meetingId: string;
  date: string;
  decisions: string;
  attendeeIds: string[];
  by: string;
  at: string;
}

export interface Risk {
  id: string;
  description: string;
  severity: RiskSeverity;
  /** A red check-in raises a risk itself; people raise the others by hand. */
  trigger: { kind: 'checkIn'; kpiId: string; checkInId: string } | { kind: 'manual' };
  countermeasure: string;
  ownerId: string | null;
  due: string | null;
  status: RiskStatus;
  raisedBy: string;
  raisedAt: string;
  updatedAt: string;
}

export interface Transition {
  kind: 'recycle' | 'replan';
  from: StageId;
  to: StageId;
  by: string;
  at: string;
  reason: string;
}

export type RunOutcome =
  | { kind: 'killed'; stage: StageId; by: string; at: string; reason: string }
  | { kind: 'completed'; at: string };

export interface RunContext {
  runId: string;
  scenario: ScenarioId;
  title: string;
  period: Period;
  leadId: string;
  parentRunId: string | null;
  childRunId: string | null;
  createdAt: string;
  policies: GatePolicies;
  stages: Record<StageId, StageRecord>;
  /** The stage in focus: a planning stage, 'execution' while operating, or 'evaluation'. */
  current: StageId;
  followUps: FollowUp[];
  taskProgress: Record<string, { status: TaskStatus; by: string; at: string }>;
  checkIns: CheckIn[];
  /** Meeting notes recorded while operating, in the order they were recorded. */
  meetingNotes: MeetingNote[];
  risks: Risk[];
  /** Recycles and replans, in order: the back edges of the board. */
  transitions: Transition[];
  hold: { stage: StageId; by: string; at: string; reason: string } | null;
  executionClosed: { by: string; at: string; acceptance: string } | null;
  outcome: RunOutcome | null;
  /**
   * The gate rules this run is checked by (GATE_RULES_VERSION when it was created). A log replays
   * only under the rules its events were accepted by, so a run keeps its rules for life.
   */
  rulesVersion: number;
  updatedAt: string;
}

/** What it takes to open a run. */
export const RunInputSchema = z
  .strictObject({
    runId: IdSchema,
    scenario: ScenarioIdSchema,
    title: z.string().trim().min(1).max(200),
    period: PeriodSchema,
    leadId: IdSchema,
    parentRunId: IdSchema.nullable(),
    createdAt: IsoDateTimeSchema,
    policies: z.strictObject(
      Object.fromEntries(STAGE_IDS.map((s) => [s, GatePolicySchema])) as Record<
        StageId,
        typeof GatePolicySchema
      >,
    ),
    /** Absent in runs created before gate rules were versioned: those keep version 1. */
    rulesVersion: z.number().int().min(1).max(GATE_RULES_VERSION).optional(),
  })
  // From gate rules 6, a policy names each role once: named twice, an "all" gate needed an
  // approval one role can give only once. Earlier runs keep replaying as they were created.
  .superRefine((input, ctx) => {
    if ((input.rulesVersion ?? 1) < 6) return;
    for (const stage of STAGE_IDS) {
      const { roles } = input.policies[stage];
      if (new Set(roles).size !== roles.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['policies', stage, 'roles'],
          message: 'each role is listed once',
        });
      }
    }
  });
export type RunInput = z.infer<typeof RunInputSchema>;

function emptyStage(status: StageStatus): StageRecord {
  return {
    status,
    submitted: null,
    approved: null,
    submittedBy: null,
    submittedAt: null,
    round: 0,
    votes: [],
    approvedVotes: [],
    approvedAt: null,
    recycles: 0,
    recycledBy: null,
  };
}

export function initialContext(input: RunInput): RunContext {
  const stages = Object.fromEntries(
    STAGE_IDS.map((s) => [s, emptyStage(s === 'research' ? 'drafting' : 'notStarted')]),
  ) as Record<StageId, StageRecord>;
  return {
    runId: input.runId,
    scenario: input.scenario,
    title: input.title,
    period: input.period,
    leadId: input.leadId,
    parentRunId: input.parentRunId,
    childRunId: null,
    createdAt: input.createdAt,
    policies: input.policies,
    stages,
    current: 'research',
    followUps: [],
    taskProgress: {},
    checkIns: [],
    meetingNotes: [],
    risks: [],
    transitions: [],
    hold: null,
    executionClosed: null,
    outcome: null,
    rulesVersion: input.rulesVersion ?? 1,
    updatedAt: input.createdAt,
  };
}

/** The approved content of a stage, typed. Null until its gate says Go. */
export function approvedContent<S extends StageId>(
  context: RunContext,
  stage: S,
): StageContentMap[S] | null {
  return context.stages[stage].approved as StageContentMap[S] | null;
}

/**
 * The recycle or replan that sent the run back to `stage`, while the work it asked for is being
 * drafted or reviewed (until the gate approves again): the lead and the approvers see why.
 */
export function reopenedBy(context: RunContext, stage: StageId): Transition | null {
  const record = context.stages[stage];
  if (record.status !== 'drafting' && record.status !== 'inReview') return null;
  let last: Transition | null = null;
  for (const t of context.transitions) if (t.to === stage) last = t;
  if (!last || (record.approvedAt !== null && record.approvedAt >= last.at)) return null;
  return last;
}

export type { Decision };
