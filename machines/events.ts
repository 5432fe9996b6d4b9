import * as z from 'zod';
import {
  DecisionSchema,
  IdSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  RoleSchema,
} from '../src/domain/schemas';
import { STAGE_IDS, REPLAN_TARGETS } from '../src/domain/stages';
import { DATA_SOURCES, MeetingNoteSchema, TASK_STATUSES } from '../src/domain/content';

/**
 * Every event a run accepts. Each one says who acts (`by`, with the roles they held at that
 * moment, resolved by the engine from the people table) and when (`at`): the machine never reads
 * the clock, so replaying the log gives the same run byte for byte.
 */
const actor = {
  by: IdSchema,
  roles: z.array(RoleSchema).max(8),
  at: IsoDateTimeSchema,
  /**
   * The acting person's clock, in minutes ahead of UTC (480 in Beijing), set by the engine from
   * their device: "today" for them is `at`'s date there. Events recorded without it (earlier
   * versions, imports of them) read "today" as the latest calendar day anywhere then.
   */
  utcOffset: z.number().int().min(-720).max(840).optional(),
};
const reason = z.string().trim().min(1).max(2000);
const StageIdSchema = z.enum(STAGE_IDS);

export const RISK_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;

export const SubmitEventSchema = z.strictObject({
  type: z.literal('stage.submit'),
  ...actor,
  stage: StageIdSchema,
  /** Validated against the stage's schema by the gate, not here: a bad draft is a gate problem. */
  content: z.unknown(),
});

export const DecideEventSchema = z.strictObject({
  type: z.literal('gate.decide'),
  ...actor,
  stage: StageIdSchema,
  decision: DecisionSchema,
  comment: z.string().trim().max(2000),
  /** Conditional Go: each condition becomes a tracked follow-up. */
  conditions: z.array(z.string().trim().min(1).max(500)).max(20),
  /** Recycle: the stage to return to (this one or an earlier one). */
  recycleTo: StageIdSchema.nullable(),
});

export const ResumeEventSchema = z.strictObject({
  type: z.literal('run.resume'),
  ...actor,
  reason,
});

export const FollowUpCloseEventSchema = z.strictObject({
  type: z.literal('followUp.close'),
  ...actor,
  followUpId: IdSchema,
  note: reason,
});

export const TaskProgressEventSchema = z.strictObject({
  type: z.literal('task.progress'),
  ...actor,
  taskId: IdSchema,
  status: z.enum(TASK_STATUSES),
});

/**
 * Notes of one sync meeting held while the plan runs (the Friday strategy meeting). The approved
 * execution plan stays as approved; these notes are the operating record beside it.
 */
export const MeetingNoteEventSchema = z.strictObject({
  type: z.literal('meeting.note'),
  ...actor,
  meetingId: IdSchema,
  date: MeetingNoteSchema.shape.date,
  /** Checked against MeetingNoteSchema by the run rules, so an empty note gets its own refusal. */
  decisions: z.string().trim().max(2000),
  /** Who took part, by person id; may be empty. */
  attendeeIds: z
    .array(IdSchema)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each attendee is listed once' }),
});

export const CheckInEventSchema = z.strictObject({
  type: z.literal('kpi.checkIn'),
  ...actor,
  kpiId: IdSchema,
  date: IsoDateSchema,
  value: z.number().min(0).max(1e13),
  source: z.enum(DATA_SOURCES),
  /** Why the figure is off pace; required when the check-in is not green. */
  reason: z.string().trim().max(2000),
});

export const RiskRaiseEventSchema = z.strictObject({
  type: z.literal('risk.raise'),
  ...actor,
  description: reason,
  severity: z.enum(RISK_SEVERITIES),
  countermeasure: z.string().trim().max(2000),
  ownerId: IdSchema.nullable(),
  due: IsoDateSchema.nullable(),
});

export const RiskUpdateEventSchema = z.strictObject({
  type: z.literal('risk.update'),
  ...actor,
  riskId: IdSchema,
  countermeasure: z.string().trim().max(2000),
  ownerId: IdSchema.nullable(),
  due: IsoDateSchema.nullable(),
  status: z.enum(RISK_STATUSES),
});

export const ReplanEventSchema = z.strictObject({
  type: z.literal('replan.escalate'),
  ...actor,
  target: z.enum(REPLAN_TARGETS),
  reason,
});

export const CloseExecutionEventSchema = z.strictObject({
  type: z.literal('execution.close'),
  ...actor,
  /** Required when critical risks or follow-ups are still open: the lead accepts them, and why. */
  acceptance: z.string().trim().max(2000),
});

export const LinkNextCycleEventSchema = z.strictObject({
  type: z.literal('cycle.link'),
  ...actor,
  childRunId: IdSchema,
});

export const RunEventSchema = z.discriminatedUnion('type', [
  SubmitEventSchema,
  DecideEventSchema,
  ResumeEventSchema,
  FollowUpCloseEventSchema,
  TaskProgressEventSchema,
  MeetingNoteEventSchema,
  CheckInEventSchema,
  RiskRaiseEventSchema,
  RiskUpdateEventSchema,
  ReplanEventSchema,
  CloseExecutionEventSchema,
  LinkNextCycleEventSchema,
]);

export type RunEvent = z.infer<typeof RunEventSchema>;
export type RunEventType = RunEvent['type'];
export type EventOf<T extends RunEventType> = Extract<RunEvent, { type: T }>;
export type SubmitEvent = EventOf<'stage.submit'>;
export type DecideEvent = EventOf<'gate.decide'>;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];
export type RiskStatus = (typeof RISK_STATUSES)[number];
