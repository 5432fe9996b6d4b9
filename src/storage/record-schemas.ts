import * as z from 'zod';
import { IdSchema, IsoDateTimeSchema, type Exactly } from '../domain/schemas';
import type { EventRecord, SnapshotEnvelope } from './records';

/**
 * The zod schemas of stored records, for the boundaries that parse them (imports, restoring a
 * snapshot). Apart from records.ts, whose types and constants the first screen needs without zod.
 */

/** A SHA-256 digest in lowercase hex. */
export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const EventRecordSchema = z.strictObject({
  id: z.string().uuid(),
  runId: IdSchema,
  seq: z.number().int().min(0),
  type: z.string().min(1).max(40),
  actorId: IdSchema,
  at: IsoDateTimeSchema,
  machineVersion: z.number().int().min(1),
  payload: z.unknown(),
  prevHash: HashSchema,
  hash: HashSchema,
});

export const SnapshotEnvelopeSchema = z.strictObject({
  machineVersion: z.number().int().min(1),
  savedAt: IsoDateTimeSchema,
  snapshot: z.record(z.string(), z.unknown()),
});

const parsesToStoredTypes: [
  Exactly<z.infer<typeof EventRecordSchema>, EventRecord>,
  Exactly<z.infer<typeof SnapshotEnvelopeSchema>, SnapshotEnvelope>,
] = [true, true];
void parsesToStoredTypes;
