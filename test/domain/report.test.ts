import { describe, expect, it } from 'vitest';
import type { StageContentMap } from '../../src/domain/content';
import {
  buildReport,
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  reportToJson,
  reportToMarkdown,
  type Report,
  type ReportInput,
  type ReportLabels,
} from '../../src/domain/report';
import { measuringKpi } from '../../src/domain/results';
import { demoContent } from '../../src/domain/scenarios';
import { quarterPeriod } from '../../src/domain/time';

const PERIOD = quarterPeriod(2024, 3);
const demo = () => demoContent('newProductLaunch', 'en', PERIOD);

/** The check-ins at the close of the period: each goal's KPI reports the evaluation's figure. */
function closingCheckIns(content: StageContentMap): ReportInput['checkIns'] {
  return content.evaluation.results.flatMap((result) => {
    const goal = content.goals.goals.find((g) => g.id === result.goalId);
    const kpi = goal && measuringKpi(goal, content.monitoring.kpis);
    if (!kpi || result.actual === null) return [];
    return [{ kpiId: kpi.id, date: PERIOD.end, value: result.actual, health: 'green' as const }];
  });
}

function inputOf(content: StageContentMap, patch: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'Product A launch',
    scenario: 'newProductLaunch',
    period: PERIOD,
    leadId: 'p-lead',
    goals: content.goals,
    strategy: content.strategy,
    monitoring: content.monitoring,
    evaluation: content.evaluation,
    evaluationApprovedAt: '2024-10-08T09:00:00.000Z',
    evaluationSubmittedAt: '2024-10-05T09:00:00.000Z',
    checkIns: closingCheckIns(content),
    risks: [],
    transitions: [],
    followUps: [],
    executionClosed: { at: '2024-10-02T09:00:00.000Z', acceptance: '' },
    paceToDeadlines: true,
    killed: null,
    people: [
      { id: 'p-lead', name: 'Lin Feng' },
      { id: 'p-am1', name: 'Liu Yang' },
    ],
    ...patch,
  };
}

const goal = (report: Report, id: string) => {
  const found = report.goals.find((g) => g.goalId === id);
  if (!found) throw new Error(`no goal ${id} in the report`);
  return found;
};

/** Plain English labels: what the UI passes, without the catalog. */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US')}`;
const LABELS: ReportLabels = {
  heading: 'Evaluation report',
  scenario: (id) => id,
  period: (p) => `${p.start} – ${p.end}`,
  figure: (value, unit) =>
    unit === 'CNY' ? yuan(value) : unit === '%' ? `${value}%` : `${value} ${unit}`,
  percent: (rate) => `${Math.round(rate * 100)}%`,
  none: '—',
  enteredByHand: 'entered by hand',
  meta: { scenario: 'Scenario', period: 'Period', lead: 'Lead', status: 'Status' },
  statusText: (r) => r.status,
  statusNote: (r) => (r.status === 'draft' ? 'Draft: may change at the gate.' : null),
  section: {
    summary: 'Summary',
    results: 'Results',
    dimensions: 'By dimension',
    attribution: 'Attribution',
    risks: 'Risks',
    execution: 'Execution',
    lessons: 'Lessons',
    recommendations: 'Recommendations',
  },
  summary: (s) => `${s.met} of ${s.total} goals met.`,
  column: {
    goal: 'Goal',
    target: 'Target',
    actual: 'Actual',
    attainment: 'Attainment',
    outcome: 'Result',
    group: 'Group',
    goals: 'Goals',
    met: 'Met',
    average: 'Average',
    combined: 'Combined',
    risk: 'Risk',
    severity: 'Severity',
    countermeasure: 'Countermeasure',
    owner: 'Owner',
    status: 'Status',
  },
  group: (key) => `Group ${key}`,
  outcome: (o) => o,
  attributionKind: (k) => `Kind ${k}`,
  credits: (a) => (a.credits ? `Credits ${a.credits.p}: ${a.credits.title}` : null),
  goalOf: (title) => `Goal: ${title}`,
  riskSeverity: (s) => s,
  riskStatus: (s) => s,
  riskDue: (date) => `due ${date}`,
  executionLines: (r) => [`Replans: ${r.replans}`, `Recycles: ${r.recycles}`],
  nothing: 'Nothing recorded.',
  punctuation: { colon: ': ', open: ' (', close: ')', semicolon: '; ' },
  empty: {
    attribution: 'No attribution.',
    risks: 'No risks.',
    lessons: 'No lessons.',
    recommendations: 'No recommendations.',
  },
};

describe('buildReport', () => {
  it('computes 120% for ¥1.8M actual against a ¥1.5M target', () => {
    const report = buildReport(inputOf(demo()));

    const contracts = goal(report, 'g-contracts');
    expect(contracts.target).toBe(150_000_000);
    expect(contracts.actual).toBe(180_000_000);
    expect(contracts.attainment).toBeCloseTo(1.2, 10);
    expect(contracts.outcome).toBe('met');
    expect(contracts.health).toBe('green');
  });

  it('takes an actual its KPI measured as computed, naming the check-in it comes from', () => {
    const report = buildReport(inputOf(demo()));

    expect(goal(report, 'g-contracts')).toMatchObject({
      source: 'kpi',
      measuredBy: {
        kpiId: 'k-contracts',
        kpiName: 'East China new-customer contract value',
        date: PERIOD.end,
      },
    });
  });

  it('marks an actual no KPI check-in measured as entered by hand', () => {
    const content = demo();
    const checkIns = closingCheckIns(content).filter((c) => c.kpiId !== 'k-north');
    // Another figure than the approved one: the approved figure was typed, not computed.
    const sales = checkIns.find((c) => c.kpiId === 'k-sales')!;
    const report = buildReport(
      inputOf(content, { checkIns: [...checkIns, { ...sales, value: sales.value + 100 }] }),
    );

    expect(goal(report, 'g-north')).toMatchObject({ source: 'manual', measuredBy: null });
    expect(goal(report, 'g-sales')).toMatchObject({ source: 'manual', measuredBy: null });
    expect(goal(report, 'g-east')).toMatchObject({ source: 'kpi' });
  });

  it('inverts attainment for a lower-is-better goal', () => {
    const content = demo();
    content.goals.goals.push({
      ...content.goals.goals[0]!,
      id: 'g-days',
      title: 'Channel inventory of 45 days or less',
      metric: 'Inventory days',
      target: 45,
      unit: 'days',
      baseline: null,
      direction: 'lower',
      additive: false,
      parentId: 'g-sales',
      dimension: 'channel',
      dimensionValue: 'Distributors',
    });
    content.evaluation.results.push({ goalId: 'g-days', actual: 50, note: '' });

    const days = goal(buildReport(inputOf(content)), 'g-days');

    expect(days.attainment).toBeCloseTo(0.9, 10);
    expect(days.outcome).toBe('close');
    expect(days.health).toBe('amber');
  });

  it('groups goals into overall goals and sub-goals by dimension, with averages and rollups', () => {
    const report = buildReport(inputOf(demo()));

    expect(report.groups.map((g) => g.key)).toEqual([
      'overall',
      'productLine',
      'region',
      'customerType',
      'channel',
    ]);
    const overall = report.groups.find((g) => g.key === 'overall')!;
    expect(overall.goalIds).toEqual(['g-sales', 'g-new-customers']);
    const region = report.groups.find((g) => g.key === 'region')!;
    expect(region.goalIds).toEqual(['g-east', 'g-north']);
    const east = goal(report, 'g-east').attainment!;
    const north = goal(report, 'g-north').attainment!;
    expect(region.averageAttainment).toBeCloseTo((east + north) / 2, 10);
    // East and North sales add up: the rollup is their sum against the summed targets.
    expect(region.rollup?.target).toBe(goal(report, 'g-sales').target);
    expect(region.rollup?.actual).toBe(goal(report, 'g-sales').actual);
    // New-customer contracts are not additive with existing-customer sales: no rollup.
    expect(report.groups.find((g) => g.key === 'customerType')?.rollup).toBeNull();
  });

  it('lists goals parents first, each with its depth in the goal tree', () => {
    const report = buildReport(inputOf(demo()));

    expect(report.goals.map((g) => [g.goalId, g.depth])).toEqual([
      ['g-sales', 0],
      ['g-east', 1],
      ['g-east-a', 2],
      ['g-contracts', 2],
      ['g-east-existing', 2],
      ['g-north', 1],
      ['g-new-customers', 0],
      ['g-online-share', 1],
    ]);
  });

  it('summarises the overall goals and counts goals met and missed', () => {
    const report = buildReport(inputOf(demo()));
    const overall = ['g-sales', 'g-new-customers'].map((id) => goal(report, id).attainment!);

    expect(report.summary.overallAttainment).toBeCloseTo((overall[0]! + overall[1]!) / 2, 10);
    expect(report.summary.total).toBe(8);
    expect(report.summary.met + report.summary.missed + report.summary.noData).toBe(8);
    expect(report.summary.missed).toBe(
      report.goals.filter((g) => g.attainment !== null && g.attainment < 1).length,
    );
  });

  it('resolves a strategy attribution to the P and title of the item it credits', () => {
    const report = buildReport(inputOf(demo()));

    const live = report.attribution.find((a) => a.id === 'a-live');
    expect(live?.credits).toEqual({ p: 'promotion', itemId: 'pm-live', title: '3 live streams' });
    expect(live?.goal).toEqual({ id: 'g-new-customers', title: '500 new customers' });
    const discount = report.attribution.find((a) => a.id === 'a-discount');
    expect(discount?.credits?.p).toBe('price');
    expect(report.attribution.find((a) => a.id === 'a-storm')?.credits).toBeNull();
  });

  it('keeps the id of a credited item that is no longer in the strategy', () => {
    const content = demo();
    content.strategy.promotion = content.strategy.promotion.filter((p) => p.id !== 'pm-live');

    const live = buildReport(inputOf(content)).attribution.find((a) => a.id === 'a-live');

    expect(live?.credits).toBeNull();
    expect(live?.unresolvedItemId).toBe('pm-live');
  });

  it('reports risks with their countermeasure, owner, trigger KPI and status', () => {
    const report = buildReport(
      inputOf(demo(), {
        risks: [
          {
            id: 'r1',
            description: 'East China sales behind pace',
            severity: 'high',
            trigger: { kind: 'checkIn', kpiId: 'k-east' },
            countermeasure: 'Switch to online visits, send trial packs',
            ownerId: 'p-am1',
            due: '2024-08-31',
            status: 'closed',
            raisedAt: '2024-08-10T09:00:00.000Z',
          },
        ],
        transitions: [
          {
            kind: 'replan',
            from: 'monitoring',
            to: 'strategy',
            at: '2024-08-12T09:00:00.000Z',
            reason: 'Storms',
          },
          {
            kind: 'recycle',
            from: 'goals',
            to: 'goals',
            at: '2024-06-20T09:00:00.000Z',
            reason: 'Split by channel',
          },
          {
            kind: 'recycle',
            from: 'strategy',
            to: 'goals',
            at: '2024-06-25T09:00:00.000Z',
            reason: 'Targets',
          },
        ],
      }),
    );

    expect(report.risks[0]).toMatchObject({
      countermeasure: 'Switch to online visits, send trial packs',
      owner: { id: 'p-am1', name: 'Liu Yang' },
      kpi: { id: 'k-east', name: 'East China sales' },
      status: 'closed',
    });
    expect(report.riskCounts).toEqual({ open: 0, mitigating: 0, closed: 1 });
    expect([report.replans, report.recycles]).toEqual([1, 2]);
    // The Markdown export says when the countermeasure was due, as the page does.
    expect(reportToMarkdown(report, LABELS)).toContain('| Liu Yang (due 2024-08-31) |');
  });

  it('carries lessons and recommendations', () => {
    const report = buildReport(inputOf(demo()));

    expect(report.lessons).toContain('The Friday sync kept marketing and sales in step');
    expect(report.recommendations).toEqual([
      'Raise live streams to 5 next cycle',
      'Make CRM updates part of the weekly review',
    ]);
  });

  it('is a draft until the evaluation is approved, and empty without one', () => {
    expect(buildReport(inputOf(demo())).status).toBe('final');
    expect(buildReport(inputOf(demo(), { evaluationApprovedAt: null })).status).toBe('draft');

    const empty = buildReport(inputOf(demo(), { evaluation: null, evaluationApprovedAt: null }));

    expect(empty.status).toBe('empty');
    expect(empty.goals.every((g) => g.actual === null && g.outcome === 'noData')).toBe(true);
    expect(empty.summary.overallAttainment).toBeNull();
  });
});

describe('reportToMarkdown', () => {
  it('writes a results table with a row per goal', () => {
    const markdown = reportToMarkdown(buildReport(inputOf(demo())), LABELS);

    expect(markdown).toContain('| Goal | Target | Actual | Attainment | Result |');
    expect(markdown).toContain(
      '| Through offline promotion, sign 30 new customers in East China worth ¥1.5M by 2024-09-30 (New customers) | ¥1,500,000 | ¥1,800,000 | 120% | met |',
    );
    expect(markdown).toContain(
      '| 500 new customers | 500 customers | 520 customers | 104% | met |',
    );
    const results = markdown.slice(
      markdown.indexOf('## Results'),
      markdown.indexOf('## By dimension'),
    );
    const goalRows = results.split('\n').filter((line) => /^\| (?!Goal |---|\*\*)/.test(line));
    expect(goalRows).toHaveLength(8);
  });

  it('marks an actual entered by hand in the results table', () => {
    const content = demo();
    const checkIns = closingCheckIns(content).filter((c) => c.kpiId !== 'k-new-customers');
    const markdown = reportToMarkdown(buildReport(inputOf(content, { checkIns })), LABELS);

    expect(markdown).toContain(
      '| 500 new customers | 500 customers | 520 customers (entered by hand) | 104% | met |',
    );
  });

  it('names the strategy item an attribution credits', () => {
    const markdown = reportToMarkdown(buildReport(inputOf(demo())), LABELS);

    expect(markdown).toContain('### Kind strategy');
    expect(markdown).toContain('(Credits promotion: 3 live streams; Goal: 500 new customers)');
  });

  it('lists attribution by kind in a fixed order and numbers the recommendations', () => {
    const markdown = reportToMarkdown(buildReport(inputOf(demo())), LABELS);

    const order = ['strategy', 'execution', 'external'].map((k) =>
      markdown.indexOf(`### Kind ${k}`),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(markdown).toContain('1. Raise live streams to 5 next cycle\n2. Make CRM updates');
  });

  it('escapes text that would break the table or turn into Markdown', () => {
    const content = demo();
    content.goals.goals[1]!.title = 'New | *bold* customers\nsecond line';

    const markdown = reportToMarkdown(buildReport(inputOf(content)), LABELS);

    expect(markdown).toContain('| New \\| \\*bold\\* customers second line |');
  });

  it('escapes a unit as people typed it, so it cannot add columns or raw HTML', () => {
    const content = demo();
    content.goals.goals[1]!.unit = 'pcs|<img src=x>';

    const markdown = reportToMarkdown(buildReport(inputOf(content)), LABELS);

    expect(markdown).not.toContain('pcs|<img');
    expect(markdown).toContain('pcs\\|\\<img src=x\\>');
  });

  it('says when the report is a draft', () => {
    const report = buildReport(inputOf(demo(), { evaluationApprovedAt: null }));

    expect(reportToMarkdown(report, LABELS)).toContain('> Draft: may change at the gate.');
  });
});

describe('reportToJson', () => {
  it('is versioned and round-trips to the same report', () => {
    const report = buildReport(inputOf(demo()));

    const { format, version, ...parsed } = JSON.parse(reportToJson(report)) as Record<
      string,
      unknown
    >;

    expect(format).toBe(REPORT_FORMAT);
    expect(format).toBe('strategy-board.report');
    expect(version).toBe(REPORT_FORMAT_VERSION);
    expect(version).toBe(2);
    expect(parsed).toEqual(report);
  });

  it('gives the same bytes for the same run', () => {
    expect(reportToJson(buildReport(inputOf(demo())))).toBe(
      reportToJson(buildReport(inputOf(demo()))),
    );
  });
});
