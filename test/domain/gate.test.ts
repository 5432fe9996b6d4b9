import { describe, expect, it } from 'vitest';
import { gateStuck, type GatePolicy, type Vote } from '../../src/domain/gate';
import type { Role } from '../../src/domain/people';

const person = (id: string, ...roles: Role[]) => ({ id, roles });
const policy = (
  roles: Role[],
  quorum: GatePolicy['quorum'],
  vetoRole: Role | null = null,
): GatePolicy => ({ roles, quorum, vetoRole });
const go = (by: string, ...roles: Role[]): Vote => ({ by, roles, decision: 'go' });
/** Stuck with these people, the lead having submitted, under gate rules 4 (one role a person). */
const stuck = (gate: GatePolicy, people: ReturnType<typeof person>[], votes: Vote[] = []) =>
  gateStuck(gate, votes, people, 'p-lead', true);

describe('a gate in review that could never pass', () => {
  const lead = person('p-lead', 'lead', 'finance');
  const finance = person('p-fin', 'finance');
  const sales = person('p-sales', 'salesDirector');
  const gm = person('p-gm', 'generalManager');

  it('passes with anyone else holding one of its roles', () => {
    expect(stuck(policy(['finance', 'salesDirector'], { kind: 'any' }), [lead, sales])).toBeNull();
  });

  it('is stuck when only the submitter holds its role: nobody approves their own submission', () => {
    const gate = policy(['finance'], { kind: 'any' });
    expect(stuck(gate, [lead, sales])).toEqual({ kind: 'nobodyHolds', roles: ['finance'] });
    expect(stuck(gate, [lead, finance])).toBeNull();
  });

  it('asking one per role, is stuck on a role nobody holds, not on one already approved', () => {
    const gate = policy(['finance', 'salesDirector'], { kind: 'all' });
    expect(stuck(gate, [lead, finance])).toEqual({ kind: 'nobodyHolds', roles: ['salesDirector'] });
    expect(stuck(gate, [finance, sales])).toBeNull();
    // The sales director approved, then left the role: finance's Go still passes the gate.
    expect(stuck(gate, [lead, finance], [go('p-sales', 'salesDirector')])).toBeNull();
  });

  it('asking n people, is stuck when fewer than n can still approve', () => {
    const gate = policy(['finance', 'salesDirector'], { kind: 'nOfM', n: 3 });
    expect(stuck(gate, [lead, finance, sales])).toEqual({ kind: 'tooFew', count: 2, n: 3 });
    expect(stuck(gate, [lead, finance, sales, person('p-fin2', 'finance')])).toBeNull();
  });

  it('is stuck when nobody holds its veto role any more, whoever else approves', () => {
    // The budget gate: two of finance, sales director and GM, and finance must be among them.
    const gate = policy(
      ['finance', 'salesDirector', 'generalManager'],
      { kind: 'nOfM', n: 2 },
      'finance',
    );
    expect(stuck(gate, [lead, finance, sales, gm])).toBeNull();
    expect(stuck(gate, [person('p-lead', 'lead'), sales, gm])).toEqual({
      kind: 'nobodyHolds',
      roles: ['finance'],
    });
  });
});
