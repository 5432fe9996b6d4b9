import { describe, expect, it } from 'vitest';
import { runFacts, runTeamIds, yourTurn, type RunFacts } from '../../machines/run-facts';
import { onRunTeam } from '../../machines/run-rules';
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

  it('asks the run’s team for the figures that are due once the plans are live, and nobody else', () => {
    const d = new Driver().toLive();
    const kpis = d.context.stages.monitoring.submitted;
    if (!kpis || !('kpis' in kpis)) throw new Error('no monitoring plan');
    const due = (today: string) =>
      kpis.kpis.filter((k) => checkInDue(k.cadence, null, PERIOD, today)).length;
    const late = '2024-08-20';

    expect(due(late)).toBeGreaterThan(0);
    const team = runTeamIds(d.context);
    const outsider = TEAM.find((p) => !team.includes(p.id));
    if (!outsider) throw new Error('everyone is on the team');
    expect(team).toContain('p-am1');
    expect(turnOf(d, LEAD, late).report).toBe(due(late));
    expect(turnOf(d, 'p-am1', late).report).toBe(due(late));
    expect(turnOf(d, outsider.id, late).report).toBe(0);
    // On the first day nothing is due yet.
    expect(turnOf(d, LEAD, PERIOD.start).report).toBe(0);

    // A figure for a due KPI, dated that day, takes it off the list.
    const kpi = kpis.kpis.find((k) => checkInDue(k.cadence, null, PERIOD, late));
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
    expect(turnOf(d, 'p-am1', late).report).toBe(due(late) - 1);
  });
});

describe('the run’s team', () => {
  it('is the people onRunTeam admits, each once', () => {
    for (const d of [new Driver(), new Driver().toOperating(), new Driver().toLive()]) {
      const team = runTeamIds(d.context);
      expect(new Set(team).size).toBe(team.length);
      for (const p of TEAM) expect(team.includes(p.id), p.id).toBe(onRunTeam(d.context, p.id));
    }
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
