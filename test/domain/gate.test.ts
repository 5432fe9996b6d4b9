import { describe, expect, it } from 'vitest';
import { gateStuck, type GatePolicy } from '../../src/domain/gate';
import type { Role } from '../../src/domain/people';

const person = (id: string, ...roles: Role[]) => ({ id, roles });
const policy = (roles: Role[], quorum: GatePolicy['quorum']): GatePolicy => ({
  roles,
  quorum,
  vetoRole: null,
});

describe('a gate in review that could never pass', () => {
  const lead = person('p-lead', 'lead', 'finance');
  const finance = person('p-fin', 'finance');
  const sales = person('p-sales', 'salesDirector');

  it('passes with anyone else holding one of its roles', () => {
    const gate = policy(['finance', 'salesDirector'], { kind: 'any' });
    expect(gateStuck(gate, [lead, sales], 'p-lead')).toBeNull();
  });

  it('is stuck when only the submitter holds its role: nobody approves their own submission', () => {
    const gate = policy(['finance'], { kind: 'any' });
    expect(gateStuck(gate, [lead, sales], 'p-lead')).toEqual({
      kind: 'nobodyHolds',
      roles: ['finance'],
    });
    expect(gateStuck(gate, [lead, finance], 'p-lead')).toBeNull();
  });

  it('asking one per role, is stuck on any role nobody holds', () => {
    const gate = policy(['finance', 'salesDirector'], { kind: 'all' });
    expect(gateStuck(gate, [lead, finance], 'p-lead')).toEqual({
      kind: 'nobodyHolds',
      roles: ['salesDirector'],
    });
    expect(gateStuck(gate, [finance, sales], 'p-lead')).toBeNull();
  });

  it('asking n people, is stuck when fewer than n hold its roles', () => {
    const gate = policy(['finance', 'salesDirector'], { kind: 'nOfM', n: 3 });
    expect(gateStuck(gate, [lead, finance, sales], 'p-lead')).toEqual({
      kind: 'tooFew',
      count: 2,
      n: 3,
    });
    expect(
      gateStuck(gate, [lead, finance, sales, person('p-fin2', 'finance')], 'p-lead'),
    ).toBeNull();
  });
});
