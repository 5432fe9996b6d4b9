import { describe, expect, it } from 'vitest';
import {
  filterRuns,
  historyTotals,
  heatBands,
  heatLevel,
  NO_FILTERS,
  portfolioGraph,
  runHistory,
  runsAtStage,
  stageDeadline,
  summarizeRun,
  type HistoryRecord,
  type RunHistory,
  type RunSummary,
} from '../../src/board/portfolio-graph';
import { STAGE_POSITIONS } from '../../src/board/layout';
import { statusOf } from '../../src/engine/engine';
import { SampleRunBuilder } from '../../src/engine/sample-portfolio';
import { defaultGatePolicies, demoContent } from '../../src/domain/scenarios';
import {
  PLANNING_STAGES,
  STAGE_IDS,
  STAGES_BEFORE_EVALUATION,
  type StageId,
} from '../../src/domain/stages';
import type { RunRow } from '../../src/storage/records';
import type { RunContext } from '../../machines/run-context';
import { runFacts } from '../../machines/run-facts';
import {
  Driver,
  decideEvent,
  person,
  closingAt,
  reportedAt,
  PERIOD,
  runInput,
  replanEvent,
} from '../support/driver';
import { freshDb } from '../support/db';

// PERIOD is 2024-Q3: 2024-07-01 … 2024-09-30.
const BEFORE = '2024-06-20';
const DURING = '2024-08-15';
const AFTER = '2024-10-05';
const LATE = '2024-10-20';

function rowOf(d: Driver, fields: Partial<RunRow> = {}): RunRow {
  const c = d.context;
  return {
    id: c.runId,
    revision: d.events.length,
    headHash: '0'.repeat(64),
    title: c.title,
    scenario: c.scenario,
    periodStart: c.period.start,
    periodEnd: c.period.end,
    leadId: c.leadId,
    parentRunId: c.parentRunId,
    current: c.current,
    status: statusOf(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    facts: runFacts(c),
    ...fields,
  };
}

const summary = (d: Driver, today = DURING, fields: Partial<RunRow> = {}) => {
  const s = summarizeRun(rowOf(d, fields), today);
  if (!s) throw new Error('unreadable');
  return s;
};

const kpis = demoContent('newProductLaunch', 'en', PERIOD).monitoring.kpis;
function checkIn(d: Driver, kpiIndex: number, value: number, date = DURING) {
  const kpi = kpis[kpiIndex]!;
  return d.send({
    type: 'kpi.checkIn',
    by: 'p-am1',
    roles: person('p-am1').roles,
    at: reportedAt(date),
    kpiId: kpi.id,
    date,
    value,
    source: 'crm',
    reason: 'storms',
  });
}

describe('where a run stands on the portfolio board', () => {
  it('puts a planning run at its current stage', () => {
    expect(summary(new Driver().through('research')).stage).toBe('goals');
  });

  it('puts an operating run at Execution until its execution plan is approved, then at Monitoring', () => {
    const preparing = new Driver().toOperating();
    expect(summary(preparing).stage).toBe('execution');
    const live = new Driver().toLive();
    expect(summary(live)).toMatchObject({ stage: 'monitoring', operating: true });
  });

  it('puts a held run at the gate that held it and a killed run at the gate that killed it', () => {
    const held = new Driver().through('research').submit('goals');
    held.send(decideEvent('goals', 'hold', 'p-sales'));
    expect(summary(held)).toMatchObject({ stage: 'goals', status: 'onHold' });
    const killed = new Driver().toOperating().submit('execution');
    killed.send(decideEvent('execution', 'kill', 'p-sales'));
    expect(summary(killed)).toMatchObject({ stage: 'execution', status: 'cancelled' });
  });

  it('puts a completed run at Evaluation', () => {
    const d = new Driver().toLive();
    d.send({
      type: 'execution.close',
      by: 'p-lead',
      roles: ['lead'],
      at: closingAt(),
      acceptance: '',
    });
    d.through('evaluation');
    expect(summary(d, LATE)).toMatchObject({
      stage: 'evaluation',
      status: 'completed',
      overdue: false,
    });
  });

  it('gives a row without facts (its snapshot was unreadable at upgrade) no summary', () => {
    expect(summarizeRun(rowOf(new Driver(), { facts: null }), DURING)).toBeNull();
  });
});

describe('health and deadlines', () => {
  it('takes the worst of the latest check-in per KPI, for operating runs only', () => {
    const d = new Driver().toLive();
    expect(summary(d).health).toBeNull();
    checkIn(d, 0, 0); // sales: red
    expect(summary(d).health).toBe('red');
    checkIn(d, 0, kpis[0]!.target!); // sales again: green now
    expect(summary(d).health).toBe('green');
    checkIn(d, 3, 34); // online share 34 of 40: 85%, amber
    expect(summary(d).health).toBe('amber');
  });

  it('reads each KPI by its latest-dated figure: one back-filled for an earlier day does not count', () => {
    const d = new Driver().toLive();
    checkIn(d, 0, kpis[0]!.target!, '2024-08-31'); // sales on target at the end of August
    checkIn(d, 0, 0, '2024-07-20'); // July's figure, reported late: red for its day
    expect(summary(d).health).toBe('green');
  });

  it('keeps the health of a run paused for a replan: its figures are why, and it is still off track', () => {
    const d = new Driver().toLive();
    checkIn(d, 0, 0);
    d.send(replanEvent());
    expect(summary(d)).toMatchObject({ stage: 'strategy', health: 'red', replans: 1 });
    // And the board shows it: Strategy's card draws the health bar of the runs standing there.
    const { nodes } = portfolioGraph([summary(d)], {
      mode: 'counts',
      selected: null,
      totals: null,
    });
    expect(nodes.find((n) => n.id === 'strategy')?.data).toMatchObject({ red: 1, hasHealth: true });
  });

  it('has no health for a run still planning, nor once execution is closed', () => {
    expect(summary(new Driver().through('research')).health).toBeNull();
    const closed = new Driver().toLive();
    checkIn(closed, 0, 0);
    closed.send({
      type: 'execution.close',
      by: 'p-lead',
      roles: ['lead'],
      at: closingAt(),
      acceptance: 'Closed early to evaluate',
    });
    expect(summary(closed)).toMatchObject({ stage: 'evaluation', health: null });
  });

  it('sets each stage’s deadline: planning before the period, operating to its end, evaluation 14 days after', () => {
    expect(stageDeadline('goals', PERIOD)).toBe('2024-06-30');
    expect(stageDeadline('monitoring', PERIOD)).toBe('2024-09-30');
    expect(stageDeadline('evaluation', PERIOD)).toBe('2024-10-14');
  });

  it('marks planning overdue once the period has started, operating after it ends, evaluation after the grace', () => {
    const planning = new Driver().through('research');
    expect(summary(planning, BEFORE).overdue).toBe(false);
    expect(summary(planning, '2024-07-01').overdue).toBe(true);
    const live = new Driver().toLive();
    expect(summary(live, '2024-09-30').overdue).toBe(false);
    expect(summary(live, AFTER).overdue).toBe(true);
    const evaluating = new Driver().toLive();
    evaluating.send({
      type: 'execution.close',
      by: 'p-lead',
      roles: ['lead'],
      at: closingAt(),
      acceptance: '',
    });
    expect(summary(evaluating, '2024-10-14')).toMatchObject({
      stage: 'evaluation',
      overdue: false,
    });
    expect(summary(evaluating, '2024-10-15').overdue).toBe(true);
  });
});

/** A small portfolio of hand-built runs with known places. */
function portfolio(): RunSummary[] {
  const research = new Driver(runInput({ runId: 'r-research' }));
  const strategyHeld = new Driver(runInput({ runId: 'r-held' })).through('research', 'goals');
  strategyHeld.submit('strategy').send(decideEvent('strategy', 'hold', 'p-sales'));
  const recycled = new Driver(runInput({ runId: 'r-recycled', scenario: 'keyAccount' })).through(
    'research',
    'goals',
  );
  recycled.submit('strategy');
  recycled.send(decideEvent('strategy', 'recycle', 'p-sales', { recycleTo: 'research' }));
  const red = new Driver(runInput({ runId: 'r-red' })).toLive();
  checkIn(red, 0, 0);
  const green = new Driver(runInput({ runId: 'r-green', leadId: 'p-am1' })).toLive();
  checkIn(green, 0, kpis[0]!.target!);
  const quiet = new Driver(runInput({ runId: 'r-quiet' })).toLive();
  return [research, strategyHeld, recycled, red, green, quiet].map((d) => summary(d));
}

describe('the portfolio graph', () => {
  it('places the seven stages where the run board does', () => {
    const { nodes } = portfolioGraph(portfolio(), { mode: 'counts', selected: null, totals: null });
    expect(nodes.map((n) => [n.id, n.position])).toEqual(
      STAGE_IDS.map((s) => [s, STAGE_POSITIONS[s]]),
    );
    expect(nodes.every((n) => n.type === 'portfolioStage')).toBe(true);
  });

  it('counts each run once, split by health, hold and overdue', () => {
    const runs = portfolio();
    const { nodes } = portfolioGraph(runs, {
      mode: 'counts',
      selected: 'monitoring',
      totals: null,
    });
    const data = Object.fromEntries(nodes.map((n) => [n.id, n.data]));
    expect(nodes.reduce((sum, n) => sum + n.data.count, 0)).toBe(runs.length);
    expect(data.research).toMatchObject({ count: 2, overdue: 2, green: 0, hasHealth: false });
    expect(data.strategy).toMatchObject({ count: 1, onHold: 1, overdue: 1 });
    expect(data.monitoring).toMatchObject({
      count: 3,
      green: 1,
      red: 1,
      amber: 0,
      noCheckIns: 1,
      overdue: 0,
      hasHealth: true,
      selected: true,
    });
    expect(data.goals?.selected).toBe(false);
    // Execution shows health only once a run there has check-ins.
    expect(data.execution?.hasHealth).toBe(false);
  });

  it('draws one back edge per recycle route with how often it was taken, stacked by reach', () => {
    const { edges } = portfolioGraph(portfolio(), { mode: 'counts', selected: null, totals: null });
    expect(edges.find((e) => e.id === 'recycle:strategy->research')?.data).toEqual({
      kind: 'recycle',
      count: 1,
      lane: 1,
      weight: 1,
    });
    expect(edges.some((e) => e.data?.kind === 'replan')).toBe(false);
    expect(edges.filter((e) => e.data?.kind === 'forward')).toHaveLength(7);
  });

  it('colours counts on a scale up to the busiest stage', () => {
    const { nodes, scale } = portfolioGraph(portfolio(), {
      mode: 'counts',
      selected: null,
      totals: null,
    });
    expect(scale).toMatchObject({
      mode: 'counts',
      max: 3,
      bands: [
        { level: 2, from: 1, to: 1 },
        { level: 3, from: 2, to: 2 },
        { level: 4, from: 3, to: 3 },
      ],
    });
    const level = Object.fromEntries(nodes.map((n) => [n.id, n.data.heat.level]));
    expect(level).toMatchObject({ monitoring: 4, research: 3, strategy: 2, goals: 0 });
  });

  it('leaves the days and recycles modes unknown until the histories are read', () => {
    const { nodes } = portfolioGraph(portfolio(), { mode: 'days', selected: null, totals: null });
    expect(nodes.every((n) => n.data.heat.value === null && n.data.heat.level === null)).toBe(true);
  });

  it('colours days and recycles from the histories of the runs shown', () => {
    const runs = portfolio();
    const histories = new Map<string, RunHistory>([
      [
        'r-red',
        {
          days: { research: 4, goals: 10 },
          passed: ['research', 'goals'],
          recycles: { goals: 2 },
          progress: {} as RunHistory['progress'],
        },
      ],
      [
        'r-green',
        {
          days: { research: 6, goals: 2 },
          passed: ['research'],
          recycles: { strategy: 1 },
          progress: {} as RunHistory['progress'],
        },
      ],
    ]);
    const totals = historyTotals(runs, histories);
    expect(totals.runs).toBe(2);
    expect(totals.averageDays.research).toBe(5);
    expect(totals.averageDays.goals).toBe(10); // r-green is still in goals: not counted
    expect(totals.averageDays.strategy).toBeNull();
    const days = portfolioGraph(runs, { mode: 'days', selected: null, totals }).nodes;
    expect(days.find((n) => n.id === 'goals')?.data.heat).toEqual({
      mode: 'days',
      value: 10,
      level: 4,
    });
    const recycles = portfolioGraph(runs, { mode: 'recycles', selected: null, totals }).nodes;
    expect(recycles.find((n) => n.id === 'goals')?.data.heat.value).toBe(2);
    expect(recycles.find((n) => n.id === 'strategy')?.data.heat.level).toBe(2);
  });

  it('maps values to heat levels 0 to 4', () => {
    expect([null, 0, 1, 25, 26, 100].map((v) => heatLevel(v, 100))).toEqual([null, 0, 1, 1, 2, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it('gives the legend whole-number bands for counts and continuous ones for days', () => {
    expect(heatBands('counts', 216).map((b) => [b.from, b.to])).toEqual([
      [1, 54],
      [55, 108],
      [109, 162],
      [163, 216],
    ]);
    expect(heatBands('recycles', 2)).toEqual([
      { level: 2, from: 1, to: 1 },
      { level: 4, from: 2, to: 2 },
    ]);
    expect(heatBands('days', 10).map((b) => b.to)).toEqual([2.5, 5, 7.5, 10]);
    expect(heatBands('counts', 0)).toEqual([]);
  });
});

describe('filters and lists', () => {
  it('filters by scenario, period, lead and status; under way means active or on hold', () => {
    const runs = portfolio();
    expect(filterRuns(runs, NO_FILTERS)).toHaveLength(6);
    expect(filterRuns(runs, { ...NO_FILTERS, scenario: 'keyAccount' }).map((r) => r.id)).toEqual([
      'r-recycled',
    ]);
    expect(filterRuns(runs, { ...NO_FILTERS, leadId: 'p-am1' }).map((r) => r.id)).toEqual([
      'r-green',
    ]);
    expect(filterRuns(runs, { ...NO_FILTERS, status: 'onHold' }).map((r) => r.id)).toEqual([
      'r-held',
    ]);
    expect(filterRuns(runs, { ...NO_FILTERS, period: '2024-10-01' })).toEqual([]);
    expect(filterRuns(runs, { ...NO_FILTERS, status: 'completed' })).toEqual([]);
  });

  it('lists the runs at a stage most urgent first: red before green before no check-ins', () => {
    expect(runsAtStage(portfolio(), 'monitoring').map((r) => r.id)).toEqual([
      'r-red',
      'r-green',
      'r-quiet',
    ]);
  });
});

// Event logs -------------------------------------------------------------------------------------

const day = (n: number, hour = 9) => new Date(Date.UTC(2024, 5, 1 + n, hour)).toISOString();
const created = (): HistoryRecord => ({
  type: 'run.created',
  actorId: 'p-lead',
  at: day(0),
  payload: { policies: defaultGatePolicies('newProductLaunch') },
});
const submit = (stage: StageId, n: number): HistoryRecord => ({
  type: 'stage.submit',
  actorId: 'p-lead',
  at: day(n),
  payload: { stage, content: {} },
});
const decide = (
  stage: StageId,
  by: string,
  n: number,
  decision = 'go',
  recycleTo: StageId | null = null,
): HistoryRecord => ({
  type: 'gate.decide',
  actorId: by,
  at: day(n),
  payload: { stage, decision, roles: person(by).roles, comment: '', conditions: [], recycleTo },
});

/** Who passes each gate in these logs (the demo team, never the lead who submits). */
const APPROVERS: Partial<Record<StageId, readonly string[]>> = {
  research: ['p-mkt'],
  goals: ['p-sales', 'p-gm'],
  strategy: ['p-sales', 'p-mkt'],
  resources: ['p-fin', 'p-sales'],
  execution: ['p-sales'],
  monitoring: ['p-mkt'],
};

/** A log in which `stages` are submitted and passed in turn, one event a day; and the last day. */
function passing(
  stages: readonly StageId[],
  first: HistoryRecord = created(),
): { records: HistoryRecord[]; n: number } {
  const records = [first];
  let n = 0;
  for (const stage of stages) {
    records.push(submit(stage, (n += 1)));
    for (const by of APPROVERS[stage] ?? []) records.push(decide(stage, by, (n += 1)));
  }
  return { records, n };
}

describe('reading a run’s history from its log', () => {
  it('times a stage from the start of its drafting to its gate’s Go', () => {
    const h = runHistory([
      created(),
      submit('research', 3),
      decide('research', 'p-mkt', 5),
      submit('goals', 7),
      decide('goals', 'p-sales', 8), // 1 of 2 approvals: not passed yet
      decide('goals', 'p-gm', 9),
    ]);
    expect(h.days).toEqual({ research: 5, goals: 4 });
    expect(h.passed).toEqual(['research', 'goals']);
    expect(h.progress).toMatchObject({ research: 'approved', goals: 'approved', strategy: 'open' });
  });

  it('adds the visits of a stage recycled to itself and counts the recycle at its gate', () => {
    const h = runHistory([
      created(),
      submit('research', 2),
      decide('research', 'p-mkt', 3, 'recycle', 'research'),
      submit('research', 5),
      decide('research', 'p-mkt', 6),
    ]);
    expect(h.days.research).toBe(6);
    expect(h.recycles).toEqual({ research: 1 });
  });

  it('ends a visit sent back to an earlier stage and counts the time again on return', () => {
    const h = runHistory([
      created(),
      submit('research', 1),
      decide('research', 'p-mkt', 2),
      submit('goals', 4),
      decide('goals', 'p-gm', 6, 'recycle', 'research'), // goals: day 2 → 6
      submit('research', 7),
      decide('research', 'p-mkt', 8), // research: 2 + (6 → 8)
      submit('goals', 9),
      decide('goals', 'p-sales', 10),
      decide('goals', 'p-gm', 11), // goals: 4 + (8 → 11)
    ]);
    expect(h.days).toEqual({ research: 4, goals: 7 });
    expect(h.recycles).toEqual({ goals: 1 });
  });

  it('counts a hold as time in the stage and a kill as leaving it without passing', () => {
    const h = runHistory([
      created(),
      submit('research', 2),
      decide('research', 'p-mkt', 3, 'hold'),
      { type: 'run.resume', actorId: 'p-lead', at: day(10), payload: { reason: 'go on' } },
      decide('research', 'p-mkt', 12, 'kill'),
    ]);
    expect(h.days).toEqual({ research: 12 });
    expect(h.passed).toEqual([]);
  });

  it('enters both operating stages at the resources Go and evaluation when execution closes', () => {
    const { records, n } = passing(PLANNING_STAGES);
    records.push(submit('execution', n + 2), decide('execution', 'p-sales', n + 3));
    records.push(submit('monitoring', n + 4), decide('monitoring', 'p-mkt', n + 6));
    records.push(
      { type: 'execution.close', actorId: 'p-lead', at: day(100), payload: { acceptance: '' } },
      submit('evaluation', 104),
      decide('evaluation', 'p-gm', 105),
      decide('evaluation', 'p-sales', 106),
    );
    const h = runHistory(records);
    expect(h.days.execution).toBe(3);
    expect(h.days.monitoring).toBe(6);
    expect(h.days.evaluation).toBe(6);
    expect(h.passed).toContain('evaluation');
  });

  it('under gate rules 4, sends monitoring back with a recycle to the goals, as the machine does', () => {
    const operating = (rulesVersion: number): HistoryRecord[] => {
      const { records, n } = passing(PLANNING_STAGES, {
        ...created(),
        payload: { ...(created().payload as object), rulesVersion },
      });
      records.push(submit('monitoring', n + 2), decide('monitoring', 'p-mkt', n + 3));
      records.push(
        submit('execution', n + 4),
        decide('execution', 'p-sales', n + 5, 'recycle', 'goals'),
      );
      return records;
    };
    expect(runHistory(operating(4)).progress.monitoring).toBe('notStarted');
    expect(runHistory(operating(3)).progress.monitoring).toBe('approved');
  });

  it('re-enters the stage a replan returns to, without drafting the operating plans again', () => {
    const { records } = passing(STAGES_BEFORE_EVALUATION);
    const before = runHistory(records);
    records.push({
      type: 'replan.escalate',
      actorId: 'p-lead',
      at: day(40),
      payload: { target: 'strategy', reason: 'lagging' },
    });
    records.push(submit('strategy', 43), decide('strategy', 'p-sales', 44));
    records.push(decide('strategy', 'p-mkt', 45));
    const after = runHistory(records);
    expect(after.days.strategy! - before.days.strategy!).toBe(5);
    expect(after.progress).toMatchObject({
      strategy: 'approved',
      resources: 'open',
      execution: 'approved',
      monitoring: 'approved',
    });
  });

  it('agrees with the machine on where every stage stands, over sample runs', () => {
    const builder = new SampleRunBuilder(freshDb(), {
      now: '2026-11-27T09:00:00.000Z',
      locale: 'en',
      seed: 7,
    });
    const expected = (s: string) =>
      s === 'approved' ? 'approved' : s === 'notStarted' ? 'notStarted' : 'open';
    for (let i = 0; i < 80; i += 1) {
      const { stored, records } = builder.build(i);
      const row = stored.row;
      const context = stored.snapshot.envelope.snapshot.context as RunContext;
      const h = runHistory(records);
      for (const stage of STAGE_IDS) {
        expect([row.id, stage, h.progress[stage]]).toEqual([
          row.id,
          stage,
          expected(context.stages[stage].status),
        ]);
        const recycledHere = context.transitions.filter(
          (t) => t.kind === 'recycle' && t.from === stage,
        ).length;
        expect(h.recycles[stage] ?? 0).toBe(recycledHere);
      }
    }
  });
});
