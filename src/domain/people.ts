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

/** Someone in the workspace (PersonSchema checks one at the boundaries). */
export interface Person {
  id: string;
  name: string;
  roles: Role[];
}
