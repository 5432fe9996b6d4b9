import { describe, expect, it } from 'vitest';
import {
  kpiFact,
  kpiReporters,
  readKpiFact,
  runFacts,
  yourTurn,
  type RunFacts,
} from '../../machines/run-facts';
import { checkInDue } from '../../src/domain/kpi';
import { PERIOD, TEAM, Driver, LEAD, decideEvent, person, reportedAt } from '../support/driver';

const run = (facts: RunFacts | null) => ({
  facts,
  leadId: LEAD,
  periodStart: PERIOD.start,
  periodEnd: PERIOD.end,
});
const turnOf = (d: Driver, id: string, today = PERIOD.start) =>
  yourTurn(run(runFacts(d.context)), person(id), today);
const nothing = { decide: [], submit: [], report: 0 };

describe('whose turn a run waits for', () => {
  it('waits for the lead to submit the stage being drafted, and for nobody else', () => {
    const d = new Driver();

    expect(turnOf(d, LEAD)).toEqual({ ...nothing, submit: ['research'] });
    expect(turnOf(d, 'p-sales')).toEqual(nothing);
  });

  it('waits at a gate for each person holding one of its roles, never the submitter', () => {
    const d = new Driver().submit('research');

    expect(turnOf(d, 'p-sales')).toEqual({ ...nothing, decide: ['research'] });
    expect(turnOf(d, 'p-mkt')).toEqual({ ...nothing, decide: ['research'] });
    // Finance has no say at the research gate; the lead submitted it.
    expect(turnOf(d, 'p-fin')).toEqual(nothing);
    expect(turnOf(d, LEAD)).toEqual(nothing);
  });

  it('stops waiting for a person once they decided, while the gate waits for the others', () => {
    // Goals: two of sales, marketing and the general manager.
    const d = new Driver().through('research').submit('goals');
    d.send(decideEvent('goals', 'go', 'p-sales'));

    expect(turnOf(d, 'p-sales').decide).toEqual([]);
    expect(turnOf(d, 'p-gm').decide).toEqual(['goals']);
    expect(turnOf(d, 'p-mkt').decide).toEqual(['goals']);
  });

  it('counts a veto holder as someone the gate waits for', () => {
    const d = new Driver().through('research', 'goals', 'strategy').submit('resources');

    expect(turnOf(d, 'p-fin').decide).toEqual(['resources']);
  });

  it('waits on both operating plans at once', () => {
    const d = new Driver().toOperating();
    expect(turnOf(d, LEAD).submit).toEqual(['execution', 'monitoring']);

    d.submit('execution').submit('monitoring');
    expect(turnOf(d, 'p-mkt').decide).toEqual(['execution', 'monitoring']);
    expect(turnOf(d, LEAD).submit).toEqual([]);
  });

  it('waits for nobody while the run is on hold or once it was killed', () => {
    const held = new Driver().submit('research');
    held.send(decideEvent('research', 'hold', 'p-sales'));
    expect(turnOf(held, 'p-mkt')).toEqual(nothing);
    expect(turnOf(held, LEAD)).toEqual(nothing);

    const killed = new Driver().submit('research');
    killed.send(decideEvent('research', 'kill', 'p-sales'));
    expect(turnOf(killed, 'p-mkt')).toEqual(nothing);
  });

  it('reads facts stored before they said whose turn it is as waiting for nobody', () => {
    const old: RunFacts = {
      stage: 'research',
      health: null,
      operating: false,
      recycleRoutes: [],
      replans: 0,
    };
    expect(yourTurn(run(old), person(LEAD), PERIOD.end)).toEqual(nothing);
    expect(yourTurn(run(null), person(LEAD), PERIOD.end)).toEqual(nothing);
  });

  it('asks the owners of each KPI’s goal for its figures once they are due, the lead for KPIs nobody owns', () => {
    const d = new Driver().toLive();
    const plan = d.context.stages.monitoring.approved;
    if (!plan || !('kpis' in plan)) throw new Error('no monitoring plan');
    const late = '2024-08-20';
    const dueFrom = (id: string) =>
      plan.kpis.filter(
        (k) =>
          kpiReporters(d.context, k.goalId).includes(id) &&
          checkInDue(k.cadence, null, PERIOD, late),
      );

    // The demo's account manager owns East China's goals; finance owns none.
    expect(dueFrom('p-am1').length).toBeGreaterThan(0);
    for (const p of TEAM) expect(turnOf(d, p.id, late).report, p.id).toBe(dueFrom(p.id).length);
    expect(turnOf(d, 'p-fin', late).report).toBe(0);
    // On the first day nothing is due yet.
    expect(turnOf(d, 'p-am1', PERIOD.start).report).toBe(0);

    // A figure for a due KPI, dated that day, takes it off its owner's list.
    const [kpi] = dueFrom('p-am1');
    if (!kpi) throw new Error('nothing due');
    d.send({
      type: 'kpi.checkIn',
      by: 'p-am1',
      roles: person('p-am1').roles,
      at: reportedAt(late),
      kpiId: kpi.id,
      date: late,
      value: 1,
      source: 'crm',
      reason: 'Slow start in the first weeks',
    });
    expect(turnOf(d, 'p-am1', late).report).toBe(dueFrom('p-am1').length - 1);
  });
});

describe('whom a KPI’s figures are expected from', () => {
  it('is the owners of the goal it measures, or the lead when nobody owns it', () => {
    const d = new Driver().toLive();
    const owners = d.context.stages.resources.approved;
    if (!owners || !('owners' in owners)) throw new Error('no resources');
    const owner = owners.owners[0];
    const goalId = owner?.goalIds[0];
    if (!owner || !goalId) throw new Error('no owned goal');
    expect(kpiReporters(d.context, goalId)).toContain(owner.personId);
    expect(kpiReporters(d.context, 'g-nobody-owns')).toEqual([LEAD]);
    expect(kpiReporters(d.context, null)).toEqual([LEAD]);
  });
});

describe('a KPI’s reporting fact, as a row stores it', () => {
  it('reads back what was written', () => {
    const fact = kpiFact('weekly', '2026-11-26', ['p-am1', 'p-am2']);
    expect(fact).toBe('weekly 2026-11-26 p-am1,p-am2');
    expect(readKpiFact(fact)).toEqual({
      cadence: 'weekly',
      latest: '2026-11-26',
      from: ['p-am1', 'p-am2'],
    });
    expect(readKpiFact(kpiFact('monthly', null, ['p-lead']))).toEqual({
      cadence: 'monthly',
      latest: null,
      from: ['p-lead'],
    });
  });

  it('reads a damaged one as nothing', () => {
    expect(readKpiFact('')).toBeNull();
    expect(readKpiFact('hourly 2026-11-26 p-lead')).toBeNull();
    expect(readKpiFact('weekly')).toBeNull();
  });
});

describe('when a KPI’s next figure is due', () => {
  const q3 = PERIOD; // 2024-07-01 … 2024-09-30

  it('is a whole cadence after the latest figure, or after the period began', () => {
    expect(checkInDue('daily', '2024-07-10', q3, '2024-07-10')).toBe(false);
    expect(checkInDue('daily', '2024-07-10', q3, '2024-07-11')).toBe(true);
    expect(checkInDue('weekly', '2024-07-10', q3, '2024-07-16')).toBe(false);
    expect(checkInDue('weekly', '2024-07-10', q3, '2024-07-17')).toBe(true);
    expect(checkInDue('weekly', null, q3, '2024-07-06')).toBe(false);
    expect(checkInDue('weekly', null, q3, '2024-07-07')).toBe(true);
    // Monthly by the calendar: the month's last day stays the last day.
    expect(checkInDue('monthly', null, q3, '2024-07-30')).toBe(false);
    expect(checkInDue('monthly', null, q3, '2024-07-31')).toBe(true);
    expect(checkInDue('monthly', '2024-07-31', q3, '2024-08-30')).toBe(false);
    expect(checkInDue('monthly', '2024-07-31', q3, '2024-08-31')).toBe(true);
  });

  it('is never before the period starts, and after it ends only for days inside it', () => {
    expect(checkInDue('daily', null, q3, '2024-06-30')).toBe(false);
    expect(checkInDue('daily', '2024-09-30', q3, '2024-10-15')).toBe(false);
    expect(checkInDue('weekly', '2024-09-20', q3, '2024-10-15')).toBe(true);
  });
});
