import {
  ATTRIBUTION_KINDS,
  GOAL_DIMENSIONS,
  STRATEGY_PS,
  type EvaluationContent,
  type Goal,
  type GoalsContent,
  type MonitoringContent,
  type StrategyContent,
  type StrategyItem,
  type StrategyP,
} from './content';
import { attainmentRate, health, type Direction, type Health, type Thresholds } from './kpi';
import { measuredActuals, resultSource, type ResultSource } from './results';
import type { StageId } from './stages';
import type { IsoDate, IsoDateTime, Period } from './time';

/**
 * The evaluation report (评估报告): what a run achieved against its goals, why, what went wrong on
 * the way and what the next cycle should do differently. Everything here is computed from the
 * run's approved content and its operating record, never typed in. Pure and language-free: the UI
 * passes translated labels to `reportToMarkdown`.
 */

// Input -----------------------------------------------------------------------------------------

/** Severity and status of a risk alert (machines/events.ts RISK_SEVERITIES, RISK_STATUSES). */
export type ReportRiskSeverity = 'low' | 'medium' | 'high' | 'critical';
export type ReportRiskStatus = 'open' | 'mitigating' | 'closed';

/**
 * What the report reads from a run. The shapes are the parts of machines/run-context.ts the report
 * needs, restated here because the domain may not import machines: a `RunContext`'s lists are
 * assignable as they are.
 */
export interface ReportInput {
  title: string;
  scenario: string;
  period: Period;
  leadId: string;
  /** Approved content of the planning stages; null where the stage was never approved. */
  goals: GoalsContent | null;
  strategy: StrategyContent | null;
  monitoring: MonitoringContent | null;
  /** The approved evaluation, else the latest submitted one (a draft report), else null. */
  evaluation: EvaluationContent | null;
  /** When the evaluation gate approved it; null while it is a draft. */
  evaluationApprovedAt: IsoDateTime | null;
  evaluationSubmittedAt: IsoDateTime | null;
  /** In the order they were recorded; the latest figure of a goal's KPI is its computed actual. */
  checkIns: readonly { kpiId: string; date: IsoDate; value: number; health: Health }[];
  risks: readonly {
    id: string;
    description: string;
    severity: ReportRiskSeverity;
    trigger: { kind: 'checkIn'; kpiId: string } | { kind: 'manual' };
    countermeasure: string;
    ownerId: string | null;
    due: IsoDate | null;
    status: ReportRiskStatus;
    raisedAt: IsoDateTime;
  }[];
  transitions: readonly {
    kind: 'recycle' | 'replan';
    from: StageId;
    to: StageId;
    at: IsoDateTime;
    reason: string;
  }[];
  followUps: readonly {
    id: string;
    stage: StageId;
    text: string;
    closed: { at: IsoDateTime; note: string } | null;
  }[];
  executionClosed: { at: IsoDateTime; acceptance: string } | null;
  /**
   * Gate rules 5 on: a KPI's pace runs to its goal's deadline and is multiplied before it is
   * divided (`pacePeriod`, `paceTarget`), as the run's monitoring paced its check-ins.
   */
  paceToDeadlines: boolean;
  /** A cancelled run still gets a report of what was recorded. */
  killed: { stage: StageId; at: IsoDateTime; reason: string } | null;
  /** Names for the ids above; an id without a name is shown as itself. */
  people?: readonly { id: string; name: string }[];
}

// Report ----------------------------------------------------------------------------------------

/** final: the evaluation gate approved it; draft: built from a submitted evaluation; empty: none. */
export type ReportStatus = 'final' | 'draft' | 'empty';

/** How a goal ended: met (≥ 100%), close (≥ 80%), missed, or no data to tell. */
export type GoalOutcome = 'met' | 'close' | 'missed' | 'noData';

/**
 * Result colours. Monitoring's pace thresholds forgive 5% mid-period; at the end of the period a
 * goal either reached its target or it did not, so green starts at 100% here.
 */
export const RESULT_THRESHOLDS: Thresholds = { green: 1, amber: 0.8 };

export interface GoalResult {
  goalId: string;
  title: string;
  metric: string;
  /** "CNY" (figures in fen), "%" or a count noun. */
  unit: string;
  direction: Direction;
  target: number | null;
  actual: number | null;
  /**
   * Where `actual` comes from: `kpi` when it is the latest figure of the goal's KPI, `manual` when
   * a person entered it (no KPI measured the goal); null without an actual.
   */
  source: ResultSource | null;
  /** The KPI check-in a computed actual comes from. */
  measuredBy: { kpiId: string; kpiName: string; date: IsoDate } | null;
  baseline: number | null;
  /** actual / target (target / actual when lower is better); null without both figures. */
  attainment: number | null;
  health: Health | null;
  outcome: GoalOutcome;
  parentId: string | null;
  /** 0 for an overall goal, 1 for its sub-goals, and so on. */
  depth: number;
  dimension: GoalDimension | null;
  dimensionValue: string;
  note: string;
}

export type GoalDimension = (typeof GOAL_DIMENSIONS)[number];
/** Overall goals, sub-goals by their dimension, and sub-goals without one. */
export type GoalGroupKey = 'overall' | GoalDimension | 'other';

export interface OutcomeCounts {
  total: number;
  met: number;
  /** Below 100%: nearly met (amber) or missed (red). People read it as "not met". */
  missed: number;
  /** Of those, how many came close (amber): the table says "Nearly met" for them. */
  nearly: number;
  noData: number;
}

export interface GoalGroup extends OutcomeCounts {
  key: GoalGroupKey;
  goalIds: string[];
  /** Mean attainment of the goals in the group that have one. */
  averageAttainment: number | null;
  /**
   * The group summed, where that means something: every goal additive, with the same metric,
   * unit and direction, and a target and an actual each ("East + North sales").
   */
  rollup: { target: number; actual: number; unit: string; attainment: number } | null;
}

export interface AttributionEntry {
  id: string;
  kind: EvaluationContent['attribution'][number]['kind'];
  note: string;
  goal: { id: string; title: string } | null;
  /** The strategy item a strategy attribution credits, resolved to its P and title. */
  credits: { p: StrategyP; itemId: string; title: string } | null;
  /** Set when the credited item is no longer in the approved strategy. */
  unresolvedItemId: string | null;
}

export interface RiskEntry {
  id: string;
  description: string;
  severity: ReportRiskSeverity;
  status: ReportRiskStatus;
  /** The KPI whose red check-in raised it; null for a risk raised by hand. */
  kpi: { id: string; name: string } | null;
  countermeasure: string;
  owner: { id: string; name: string } | null;
  due: IsoDate | null;
  raisedAt: IsoDateTime;
}

export interface Report {
  status: ReportStatus;
  title: string;
  scenario: string;
  period: Period;
  lead: { id: string; name: string };
  approvedAt: IsoDateTime | null;
  submittedAt: IsoDateTime | null;
  killed: { stage: StageId; at: IsoDateTime; reason: string } | null;
  summary: OutcomeCounts & {
    /** Mean attainment of the overall goals (the ones with no parent). */
    overallAttainment: number | null;
  };
  /** Every goal, parents before their sub-goals. */
  goals: GoalResult[];
  /** Overall first, then each dimension in GOAL_DIMENSIONS order, then 'other'; none empty. */
  groups: GoalGroup[];
  attribution: AttributionEntry[];
  risks: RiskEntry[];
  riskCounts: Record<ReportRiskStatus, number>;
  replans: number;
  recycles: number;
  transitions: {
    kind: 'recycle' | 'replan';
    from: StageId;
    to: StageId;
    at: IsoDateTime;
    reason: string;
  }[];
  checkIns: { total: number } & Record<Health, number>;
  executionClosed: { at: IsoDateTime; acceptance: string } | null;
  followUps: { id: string; stage: StageId; text: string; closed: boolean; note: string }[];
  lessons: string[];
  recommendations: string[];
}

/** Goals with parents first: each overall goal followed by its sub-goals, depth-first. */
function goalsInTreeOrder(goals: readonly Goal[]): { goal: Goal; depth: number }[] {
  const ids = new Set(goals.map((g) => g.id));
  const children = new Map<string | null, Goal[]>();
  for (const goal of goals) {
    // A parent that is missing (or the goal itself) makes the goal a root, so none is dropped.
    const parent = goal.parentId !== null && ids.has(goal.parentId) ? goal.parentId : null;
    const key = parent === goal.id ? null : parent;
    children.set(key, [...(children.get(key) ?? []), goal]);
  }
  const ordered: { goal: Goal; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const goal of children.get(parent) ?? []) {
      if (seen.has(goal.id)) continue;
      seen.add(goal.id);
      ordered.push({ goal, depth });
      visit(goal.id, depth + 1);
    }
  };
  visit(null, 0);
  // Goals caught in a parent cycle are never reached from a root: list them last, flat.
  for (const goal of goals) if (!seen.has(goal.id)) ordered.push({ goal, depth: 0 });
  return ordered;
}

function outcomeOf(attainment: number | null): GoalOutcome {
  if (attainment === null) return 'noData';
  const h = health(attainment, RESULT_THRESHOLDS);
  return h === 'green' ? 'met' : h === 'amber' ? 'close' : 'missed';
}

function countOutcomes(results: readonly GoalResult[]): OutcomeCounts {
  return {
    total: results.length,
    met: results.filter((r) => r.outcome === 'met').length,
    missed: results.filter((r) => r.outcome === 'close' || r.outcome === 'missed').length,
    nearly: results.filter((r) => r.outcome === 'close').length,
    noData: results.filter((r) => r.outcome === 'noData').length,
  };
}

/** The mean of `values`, or null when there are none (as overall attainment is read). */
export function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function rollupOf(results: readonly GoalResult[], goals: ReadonlyMap<string, Goal>) {
  const [first] = results;
  if (first === undefined || results.length < 2) return null;
  let target = 0;
  let actual = 0;
  for (const r of results) {
    if (!goals.get(r.goalId)?.additive) return null;
    if (r.unit !== first.unit || r.metric !== first.metric || r.direction !== first.direction) {
      return null;
    }
    if (r.target === null || r.actual === null) return null;
    target += r.target;
    actual += r.actual;
  }
  return {
    target,
    actual,
    unit: first.unit,
    attainment: attainmentRate(actual, target, first.direction),
  };
}

function groupKeyOf(result: GoalResult): GoalGroupKey {
  if (result.parentId === null) return 'overall';
  return result.dimension ?? 'other';
}

const GROUP_ORDER: readonly GoalGroupKey[] = ['overall', ...GOAL_DIMENSIONS, 'other'];

/**
 * The evaluation report of a run: every goal's target, actual and attainment (grouped into
 * overall goals and sub-goals by dimension), attribution resolved to the strategy items it
 * credits, risks and how they were handled, replans and recycles, lessons and recommendations.
 *
 * Without an evaluation the report is `empty`: targets only, no actuals. Results for goals that
 * are not in the approved goals are left out; a second result for the same goal is ignored.
 * Never reads the clock, and never leaves a field undefined, so the JSON round-trips exactly.
 */
export function buildReport(input: ReportInput): Report {
  const names = new Map((input.people ?? []).map((p) => [p.id, p.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? id });
  const evaluation = input.evaluation;
  const status: ReportStatus =
    evaluation === null ? 'empty' : input.evaluationApprovedAt === null ? 'draft' : 'final';

  const goalList = input.goals?.goals ?? [];
  const goalsById = new Map(goalList.map((g) => [g.id, g]));
  const measured = measuredActuals(goalList, input.monitoring?.kpis ?? [], input.checkIns);
  const resultsByGoal = new Map<string, EvaluationContent['results'][number]>();
  for (const result of evaluation?.results ?? []) {
    if (!resultsByGoal.has(result.goalId)) resultsByGoal.set(result.goalId, result);
  }

  const goals: GoalResult[] = goalsInTreeOrder(goalList).map(({ goal, depth }) => {
    const result = resultsByGoal.get(goal.id);
    const actual = result?.actual ?? null;
    const figure = measured.get(goal.id);
    const source = resultSource(actual, figure);
    const attainment =
      actual !== null && goal.target !== null
        ? attainmentRate(actual, goal.target, goal.direction)
        : null;
    return {
      goalId: goal.id,
      title: goal.title,
      metric: goal.metric,
      unit: goal.unit,
      direction: goal.direction,
      target: goal.target,
      actual,
      source,
      measuredBy:
        source === 'kpi' && figure !== undefined
          ? { kpiId: figure.kpiId, kpiName: figure.kpiName, date: figure.date }
          : null,
      baseline: goal.baseline,
      attainment,
      health: attainment === null ? null : health(attainment, RESULT_THRESHOLDS),
      outcome: outcomeOf(attainment),
      parentId: goal.parentId !== null && goalsById.has(goal.parentId) ? goal.parentId : null,
      depth,
      dimension: goal.dimension,
      dimensionValue: goal.dimensionValue,
      note: result?.note ?? '',
    };
  });

  const groups: GoalGroup[] = GROUP_ORDER.flatMap((key) => {
    const members = goals.filter((g) => groupKeyOf(g) === key);
    if (members.length === 0) return [];
    return [
      {
        key,
        goalIds: members.map((g) => g.goalId),
        ...countOutcomes(members),
        averageAttainment: average(members.flatMap((g) => g.attainment ?? [])),
        rollup: rollupOf(members, goalsById),
      },
    ];
  });
  const overall = goals.filter((g) => g.parentId === null);

  const strategyItems = new Map<string, { p: StrategyP; item: StrategyItem }>();
  for (const p of STRATEGY_PS) {
    const items: readonly StrategyItem[] = input.strategy?.[p] ?? [];
    for (const item of items) strategyItems.set(item.id, { p, item });
  }
  const attribution: AttributionEntry[] = (evaluation?.attribution ?? []).map((entry) => {
    const goal = entry.goalId === null ? undefined : goalsById.get(entry.goalId);
    const credited =
      entry.strategyItemId === null ? undefined : strategyItems.get(entry.strategyItemId);
    return {
      id: entry.id,
      kind: entry.kind,
      note: entry.note,
      goal: goal ? { id: goal.id, title: goal.title } : null,
      credits: credited
        ? { p: credited.p, itemId: credited.item.id, title: credited.item.title }
        : null,
      unresolvedItemId: entry.strategyItemId !== null && !credited ? entry.strategyItemId : null,
    };
  });

  const kpiNames = new Map((input.monitoring?.kpis ?? []).map((k) => [k.id, k.name]));
  const risks: RiskEntry[] = input.risks.map((risk) => ({
    id: risk.id,
    description: risk.description,
    severity: risk.severity,
    status: risk.status,
    kpi:
      risk.trigger.kind === 'checkIn'
        ? { id: risk.trigger.kpiId, name: kpiNames.get(risk.trigger.kpiId) ?? risk.trigger.kpiId }
        : null,
    countermeasure: risk.countermeasure,
    owner: risk.ownerId === null ? null : person(risk.ownerId),
    due: risk.due,
    raisedAt: risk.raisedAt,
  }));
  const countStatus = (s: ReportRiskStatus) => risks.filter((r) => r.status === s).length;
  const countHealth = (h: Health) => input.checkIns.filter((c) => c.health === h).length;

  return {
    status,
    title: input.title,
    scenario: input.scenario,
    period: { start: input.period.start, end: input.period.end },
    lead: person(input.leadId),
    approvedAt: status === 'final' ? input.evaluationApprovedAt : null,
    submittedAt: evaluation === null ? null : input.evaluationSubmittedAt,
    killed: input.killed ? { ...input.killed } : null,
    summary: {
      ...countOutcomes(goals),
      overallAttainment: average(overall.flatMap((g) => g.attainment ?? [])),
    },
    goals,
    groups,
    attribution,
    risks,
    riskCounts: {
      open: countStatus('open'),
      mitigating: countStatus('mitigating'),
      closed: countStatus('closed'),
    },
    replans: input.transitions.filter((t) => t.kind === 'replan').length,
    recycles: input.transitions.filter((t) => t.kind === 'recycle').length,
    transitions: input.transitions.map((t) => ({
      kind: t.kind,
      from: t.from,
      to: t.to,
      at: t.at,
      reason: t.reason,
    })),
    checkIns: {
      total: input.checkIns.length,
      green: countHealth('green'),
      amber: countHealth('amber'),
      red: countHealth('red'),
    },
    executionClosed: input.executionClosed
      ? { at: input.executionClosed.at, acceptance: input.executionClosed.acceptance }
      : null,
    followUps: input.followUps.map((f) => ({
      id: f.id,
      stage: f.stage,
      text: f.text,
      closed: f.closed !== null,
      note: f.closed?.note ?? '',
    })),
    lessons: (evaluation?.lessons ?? []).map((l) => l.text),
    recommendations: (evaluation?.recommendations ?? []).map((r) => r.text),
  };
}

// Markdown --------------------------------------------------------------------------------------

/**
 * Everything `reportToMarkdown` writes that is not the person's own text, already in the reader's
 * language. The UI builds it from the i18n catalog; the domain stays language-free.
 */
export interface ReportLabels {
  /** "Evaluation report". */
  heading: string;
  scenario(id: string): string;
  period(period: Period): string;
  /** Figures in a goal's unit: money for "CNY" (fen), "42%" for "%", "520 customers". */
  figure(value: number, unit: string): string;
  percent(rate: number): string;
  /** Shown for a missing figure. */
  none: string;
  /** After an actual a person entered rather than computed from a KPI: "entered by hand". */
  enteredByHand: string;
  meta: { scenario: string; period: string; lead: string; status: string };
  /** "Final, approved Oct 8, 2024" / "Draft" / "No evaluation yet". */
  statusText(report: Report): string;
  /** The note under the heading for a draft or empty report, and for a cancelled run. */
  statusNote(report: Report): string | null;
  section: {
    summary: string;
    results: string;
    dimensions: string;
    attribution: string;
    risks: string;
    execution: string;
    lessons: string;
    recommendations: string;
  };
  /** The summary paragraph, e.g. "The overall goals reached 112% on average. 6 of 8 goals met, 2 not met." */
  summary(summary: Report['summary']): string;
  column: {
    goal: string;
    target: string;
    actual: string;
    attainment: string;
    outcome: string;
    group: string;
    goals: string;
    met: string;
    average: string;
    combined: string;
    risk: string;
    severity: string;
    countermeasure: string;
    owner: string;
    status: string;
  };
  group(key: GoalGroupKey): string;
  outcome(outcome: GoalOutcome): string;
  attributionKind(kind: AttributionEntry['kind']): string;
  /** "Credits Promotion strategy: 3 live streams" / "Goal: …" / "Item x is no longer in…". */
  credits(entry: AttributionEntry): string | null;
  goalOf(title: string): string;
  riskSeverity(severity: ReportRiskSeverity): string;
  riskStatus(status: ReportRiskStatus): string;
  /** "due Oct 15, 2024": when a risk's countermeasure is due. */
  riskDue(date: IsoDate): string;
  /** One line each: replans and recycles, check-ins, execution closed, follow-ups. */
  executionLines(report: Report): string[];
  /** "Nothing recorded." */
  nothing: string;
  /** Separators in the reader's script: ": " / "：", " (" ")" / "（" "）", "; " / "；". */
  punctuation: { colon: string; open: string; close: string; semicolon: string };
  /** What an empty section says ("No risks were raised during execution."). */
  empty: { attribution: string; risks: string; lessons: string; recommendations: string };
}

/** Keeps a person's text from turning into Markdown syntax or breaking a table row. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .trim();
}

function table(head: readonly string[], align: readonly ('left' | 'right')[], rows: string[][]) {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    line(align.map((a) => (a === 'right' ? '---:' : '---'))),
    ...rows.map(line),
  ].join('\n');
}

/**
 * The report as a Markdown document: heading and facts, summary, a results table (one row per
 * goal, grouped), the dimension rollup, attribution by kind, risks, execution, lessons and
 * recommendations. The person's text is escaped, so a "|" in a goal title cannot break the table.
 */
export function reportToMarkdown(report: Report, labels: ReportLabels): string {
  const md = escapeMarkdown;
  const L = labels;
  // A unit is typed by people ("pcs|<b>" would break the table): escaped like any of their text.
  const figure = (value: number | null, unit: string) =>
    value === null ? L.none : md(L.figure(value, unit));
  const percent = (rate: number | null) => (rate === null ? L.none : L.percent(rate));
  const { colon, open, close, semicolon } = L.punctuation;
  const out: string[] = [];
  const section = (title: string, body: string) => out.push(`## ${title}`, '', body, '');
  const bullets = (items: readonly string[], empty = L.nothing, numbered = false) =>
    items.length === 0
      ? empty
      : items.map((item, i) => `${numbered ? `${i + 1}.` : '-'} ${item}`).join('\n');

  out.push(`# ${L.heading}${colon}${md(report.title)}`, '');
  const facts: [string, string][] = [
    [L.meta.scenario, L.scenario(report.scenario)],
    [L.meta.period, L.period(report.period)],
    [L.meta.lead, md(report.lead.name)],
    [L.meta.status, L.statusText(report)],
  ];
  // The colon stays outside the bold: CommonMark does not close `**` between a full-width
  // colon and a Chinese character (`**负责人：**林峰` would show its asterisks).
  out.push(facts.map(([k, v]) => `- **${k}**${colon}${v}`).join('\n'), '');
  const note = L.statusNote(report);
  if (note !== null) out.push(`> ${md(note)}`, '');

  section(L.section.summary, L.summary(report.summary));

  const byId = new Map(report.goals.map((g) => [g.goalId, g]));
  const rows = report.groups.flatMap((group) => [
    [`**${L.group(group.key)}**`, '', '', `**${percent(group.averageAttainment)}**`, ''],
    ...group.goalIds.flatMap((id) => {
      const g = byId.get(id);
      if (!g) return [];
      const where = g.dimensionValue.trim() === '' ? '' : `${open}${md(g.dimensionValue)}${close}`;
      return [
        [
          md(g.title) + where,
          figure(g.target, g.unit),
          g.source === 'manual'
            ? `${figure(g.actual, g.unit)}${open}${L.enteredByHand}${close}`
            : figure(g.actual, g.unit),
          percent(g.attainment),
          L.outcome(g.outcome),
        ],
      ];
    }),
  ]);
  section(
    L.section.results,
    report.goals.length === 0
      ? L.nothing
      : table(
          [L.column.goal, L.column.target, L.column.actual, L.column.attainment, L.column.outcome],
          ['left', 'right', 'right', 'right', 'left'],
          rows,
        ),
  );

  if (report.groups.length > 0) {
    section(
      L.section.dimensions,
      table(
        [L.column.group, L.column.goals, L.column.met, L.column.average, L.column.combined],
        ['left', 'right', 'right', 'right', 'right'],
        report.groups.map((g) => [
          L.group(g.key),
          String(g.total),
          String(g.met),
          percent(g.averageAttainment),
          g.rollup
            ? `${figure(g.rollup.actual, g.rollup.unit)} / ${figure(g.rollup.target, g.rollup.unit)} = ${L.percent(g.rollup.attainment)}`
            : L.none,
        ]),
      ),
    );
  }

  const kinds = ATTRIBUTION_KINDS.filter((kind) => report.attribution.some((a) => a.kind === kind));
  section(
    L.section.attribution,
    kinds.length === 0
      ? L.empty.attribution
      : kinds
          .map((kind) => {
            const entries = report.attribution.filter((a) => a.kind === kind);
            const lines = entries.map((a) => {
              const about = [L.credits(a), a.goal ? L.goalOf(a.goal.title) : null]
                .filter((x): x is string => x !== null)
                .map(md);
              return about.length === 0
                ? md(a.note)
                : `${md(a.note)}${open}${about.join(semicolon)}${close}`;
            });
            return `### ${L.attributionKind(kind)}\n\n${bullets(lines)}`;
          })
          .join('\n\n'),
  );

  section(
    L.section.risks,
    report.risks.length === 0
      ? L.empty.risks
      : table(
          [
            L.column.risk,
            L.column.severity,
            L.column.countermeasure,
            L.column.owner,
            L.column.status,
          ],
          ['left', 'left', 'left', 'left', 'left'],
          report.risks.map((r) => [
            md(r.description),
            L.riskSeverity(r.severity),
            r.countermeasure.trim() === '' ? L.none : md(r.countermeasure),
            `${r.owner ? md(r.owner.name) : L.none}${r.due ? `${open}${L.riskDue(r.due)}${close}` : ''}`,
            L.riskStatus(r.status),
          ]),
        ),
  );
  section(L.section.execution, bullets(L.executionLines(report).map(md)));
  section(L.section.lessons, bullets(report.lessons.map(md), L.empty.lessons));
  section(
    L.section.recommendations,
    bullets(report.recommendations.map(md), L.empty.recommendations, true),
  );
  return `${out.join('\n').trimEnd()}\n`;
}

// JSON ------------------------------------------------------------------------------------------

export const REPORT_FORMAT = 'strategy-board.report';
/** 2: each result says where its actual comes from (`source`, `measuredBy`). */
export const REPORT_FORMAT_VERSION = 2;

export type ReportJson = {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_FORMAT_VERSION;
} & Report;

/**
 * The report as versioned JSON for other tools: `{ format, version, ...report }`, indented, keys
 * in a fixed order (the order `buildReport` writes them), so the same run always gives the same
 * bytes. Figures keep the domain's units: money in integer fen, attainment as a fraction (1.2).
 */
export function reportToJson(report: Report): string {
  const document: ReportJson = {
    format: REPORT_FORMAT,
    version: REPORT_FORMAT_VERSION,
    ...report,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
