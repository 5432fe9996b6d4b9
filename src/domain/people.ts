import * as z from 'zod';

/** Roles people hold. Approvers decide at gates; team members own tasks and report KPI figures. */
export const ROLES = [
  'lead',
  'salesDirector',
  'marketingHead',
  'finance',
  'generalManager',
  'accountManager',
  'marketing',
  'product',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use letters, digits, "_" and "-" only');

export const PersonSchema = z.strictObject({
  id: IdSchema,
  name: z.string().trim().min(1).max(80),
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
});
export type Person = z.infer<typeof PersonSchema>;
