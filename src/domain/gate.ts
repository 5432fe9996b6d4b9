import type { Role } from './people';
import type { StageId } from './stages';

/**
 * A gate problem: why a stage is not ready to pass. `code` is stable (tests and analytics use it),
 * `path` points at the field in the stage content, `messageKey` + `params` are for the i18n catalog.
 */
export interface Problem {
  code: string;
  path: readonly (string | number)[];
  messageKey: string;
  params: Record<string, string | number>;
}

export function problem(
  code: string,
  path: readonly (string | number)[],
  params: Record<string, string | number> = {},
): Problem {
  return { code, path, messageKey: `problem.${code}`, params };
}

export const DECISIONS = ['go', 'conditionalGo', 'recycle', 'hold', 'kill'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Approving votes count toward the quorum; the others stop the gate at once. */
export function isApproving(decision: Decision): boolean {
  return decision === 'go' || decision === 'conditionalGo';
}

/** How many approvals a gate needs (QuorumSchema checks one at the boundaries). */
export type Quorum = { kind: 'any' } | { kind: 'nOfM'; n: number } | { kind: 'all' };

/**
 * Who decides at a gate.
 * - `roles`: people holding any of these roles may decide.
 * - `quorum`: approvals needed: any one, n distinct people, or one per listed role ("all").
 * - `vetoRole`: optional. Someone with this role must be among the approvers, and only this role
 *   may kill the run at this gate.
 * Recycle and Hold take effect at once from any permitted approver: sending work back is always safe.
 */
export interface GatePolicy {
  roles: Role[];
  quorum: Quorum;
  vetoRole: Role | null;
}

export interface Vote {
  by: string;
  roles: readonly Role[];
  decision: Decision;
}

/**
 * Roles among the policy's that approving votes cover. With `onePerPerson` (gate rules 4 on) a
 * person covers one role at most, so the roles are matched to different people (the largest such
 * matching, found by augmenting paths): someone holding two roles cannot meet an "all" gate alone.
 * Without it, every role of every approver counts (rules 1–3, kept for their runs).
 */
function coveredRoles(
  policy: GatePolicy,
  votes: readonly Vote[],
  onePerPerson: boolean,
): Set<Role> {
  const approvers = new Map<string, Role[]>();
  for (const vote of votes) {
    if (!isApproving(vote.decision)) continue;
    const roles = vote.roles.filter((role) => policy.roles.includes(role));
    approvers.set(vote.by, [...(approvers.get(vote.by) ?? []), ...roles]);
  }
  if (!onePerPerson) return new Set([...approvers.values()].flat());
  const holder = new Map<Role, string>();
  const assign = (person: string, tried: Set<Role>): boolean => {
    for (const role of approvers.get(person) ?? []) {
      if (tried.has(role)) continue;
      tried.add(role);
      const current = holder.get(role);
      if (current === undefined || assign(current, tried)) {
        holder.set(role, person);
        return true;
      }
    }
    return false;
  };
  for (const person of approvers.keys()) assign(person, new Set());
  return new Set(holder.keys());
}

/** How many approvals the gate needs in all (shown as "1 of 2 approvals"). */
export function approvalsNeeded(policy: GatePolicy): number {
  switch (policy.quorum.kind) {
    case 'any':
      return 1;
    case 'nOfM':
      return policy.quorum.n;
    case 'all':
      return policy.roles.length;
  }
}

/**
 * Approvals counted so far toward `approvalsNeeded`. `onePerPerson`: see `coveredRoles` (pass
 * `rulesFrom(context, 4)`).
 */
export function approvalsCounted(
  policy: GatePolicy,
  votes: readonly Vote[],
  onePerPerson = false,
): number {
  if (policy.quorum.kind === 'all') return coveredRoles(policy, votes, onePerPerson).size;
  const approvers = votes.filter((v) => isApproving(v.decision) && mayDecide(policy, v.roles));
  return new Set(approvers.map((v) => v.by)).size;
}

/** The roles still missing before the gate can pass (for "Finance must approve" messages). */
export function missingRoles(
  policy: GatePolicy,
  votes: readonly Vote[],
  onePerPerson = false,
): Role[] {
  const missing: Role[] = [];
  if (policy.quorum.kind === 'all') {
    const covered = coveredRoles(policy, votes, onePerPerson);
    missing.push(...policy.roles.filter((r) => !covered.has(r)));
  }
  const vetoApproved = votes.some(
    (v) => isApproving(v.decision) && policy.vetoRole !== null && v.roles.includes(policy.vetoRole),
  );
  if (policy.vetoRole !== null && !vetoApproved && !missing.includes(policy.vetoRole)) {
    missing.push(policy.vetoRole);
  }
  return missing;
}

/** True when these votes pass the gate. */
export function quorumReached(
  policy: GatePolicy,
  votes: readonly Vote[],
  onePerPerson = false,
): boolean {
  return (
    approvalsCounted(policy, votes, onePerPerson) >= approvalsNeeded(policy) &&
    missingRoles(policy, votes, onePerPerson).length === 0
  );
}

/** May a person holding `roles` decide at this gate at all? */
export function mayDecide(policy: GatePolicy, roles: readonly Role[]): boolean {
  return roles.some((r) => policy.roles.includes(r) || r === policy.vetoRole);
}

export type GatePolicies = Record<StageId, GatePolicy>;

export const any = (...roles: Role[]): GatePolicy => ({
  roles,
  quorum: { kind: 'any' },
  vetoRole: null,
});

/** The roles a policy names that nobody in the workspace holds: its gate could wait forever. */
export function rolesNobodyHolds(
  policy: GatePolicy,
  people: readonly { roles: readonly Role[] }[],
): Role[] {
  const named = policy.vetoRole ? [...policy.roles, policy.vetoRole] : policy.roles;
  return [...new Set(named)].filter((role) => !people.some((p) => p.roles.includes(role)));
}

/**
 * How many people could approve at a gate asking for n of them, when some but fewer than n hold
 * its roles (then it could never pass); null when enough do, or the gate asks for no count.
 */
export function tooFewApprovers(
  policy: GatePolicy,
  people: readonly { roles: readonly Role[] }[],
): number | null {
  if (policy.quorum.kind !== 'nOfM') return null;
  const able = people.filter((p) => p.roles.some((r) => policy.roles.includes(r))).length;
  // Nobody at all is said by rolesNobodyHolds, role by role.
  return able > 0 && able < policy.quorum.n ? able : null;
}

/** Why a gate in review could never pass with the people there are; see `gateStuck`. */
export type GateStuck =
  { kind: 'nobodyHolds'; roles: Role[] } | { kind: 'tooFew'; count: number; n: number };

/**
 * Why a gate in review could never pass with `people`, or null when it can: as if everyone who
 * may still decide there (not the submitter, not who already voted) said Go with the roles they
 * hold now, the roles still missing (one per role, the veto role) or the approvals still short.
 * Roles are changed on the People page, so this says what to change there.
 */
export function gateStuck(
  policy: GatePolicy,
  votes: readonly Vote[],
  people: readonly { id: string; roles: readonly Role[] }[],
  submittedBy: string | null,
  onePerPerson: boolean,
): GateStuck | null {
  const voted = new Set(votes.map((v) => v.by));
  const everyoneGo: Vote[] = [
    ...votes,
    ...people
      .filter((p) => p.id !== submittedBy && !voted.has(p.id) && mayDecide(policy, p.roles))
      .map((p) => ({ by: p.id, roles: p.roles, decision: 'go' as const })),
  ];
  if (quorumReached(policy, everyoneGo, onePerPerson)) return null;
  const missing = missingRoles(policy, everyoneGo, onePerPerson);
  if (missing.length > 0) return { kind: 'nobodyHolds', roles: missing };
  const count = approvalsCounted(policy, everyoneGo, onePerPerson);
  // Not one approval possible: none of its roles is held by anyone who may still decide.
  if (count === 0) return { kind: 'nobodyHolds', roles: [...policy.roles] };
  return { kind: 'tooFew', count, n: approvalsNeeded(policy) };
}
