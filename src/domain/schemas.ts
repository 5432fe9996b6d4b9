import * as z from 'zod';
import { DECISIONS, type GatePolicy, type Quorum } from './gate';
import { ROLES, type Person } from './people';
import { SCENARIO_IDS } from './scenario-ids';
import type { Period } from './time';

/**
 * The zod schemas of the domain's basic values: ids, dates, periods, roles, people, scenarios,
 * gate decisions and policies.
 * Kept apart from their types and helpers, which the first screen needs, so that it does not load
 * and build zod (~25 ms of the portfolio's first paint here); the boundaries that parse (events,
 * imports, the engine) import them from here.
 */

export const IsoDateSchema = z.iso.date();
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const PeriodSchema = z
  .strictObject({ start: IsoDateSchema, end: IsoDateSchema })
  .refine((p) => p.start <= p.end, { message: 'the period must end on or after its start' });

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-" only');

export const RoleSchema = z.enum(ROLES);

export const PersonSchema = z.strictObject({
  id: IdSchema,
  name: z.string().trim().min(1).max(80),
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
});

export const ScenarioIdSchema = z.enum(SCENARIO_IDS);

export const DecisionSchema = z.enum(DECISIONS);

export const QuorumSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({ kind: z.literal('nOfM'), n: z.number().int().min(1).max(20) }),
  z.strictObject({ kind: z.literal('all') }),
]);

/** Who decides at a gate: see GatePolicy. */
export const GatePolicySchema = z.strictObject({
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  quorum: QuorumSchema,
  vetoRole: RoleSchema.nullable(),
});

/**
 * Compile-time proof that a schema parses to exactly the domain's type: identical types, not just
 * assignable both ways (which would let an optional field on one side only, or `any`, through).
 */
export type Exactly<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : never;
const parsesToDomainTypes: [
  Exactly<z.infer<typeof PeriodSchema>, Period>,
  Exactly<z.infer<typeof PersonSchema>, Person>,
  Exactly<z.infer<typeof QuorumSchema>, Quorum>,
  Exactly<z.infer<typeof GatePolicySchema>, GatePolicy>,
] = [true, true, true, true];
void parsesToDomainTypes;
