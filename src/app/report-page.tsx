import { useMemo } from 'react';
import { downloadFile } from '../stages/download';
import { Link, useParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { approvedContent, type RunContext } from '../../machines/run-context';
import { ATTRIBUTION_KINDS } from '../domain/content';
import type { Health } from '../domain/kpi';
import {
  buildReport,
  reportToJson,
  reportToMarkdown,
  type GoalResult,
  type Report,
  type ReportInput,
  type ReportLabels,
} from '../domain/report';
import { rulesFrom } from '../domain/readiness';
import { localDateOf, periodLabel, type Period } from '../domain/time';
import { SnapshotRestoreError } from '../engine/snapshots';
import { formatList, hasMessage } from '../i18n';
import { currentContext, readStoredRun } from '../engine/stored';
import { Missing, Section, useDocumentTitle } from './page-parts';
import { TableScroll } from '../stages/table-scroll';
import { useI18n, type I18n } from '../i18n/react';
import { formatFigure, readableFigure } from '../stages/forms/fields';
import { useWorkspace } from '../workspace/workspace';

/**
 * What the report reads from a run: the content the gates approved, and the evaluation as
 * approved or, before that, as last submitted (the report is then a draft).
 */
export function reportInputOf(
  context: RunContext,
  people: readonly { id: string; name: string }[] = [],
): ReportInput {
  const evaluation = context.stages.evaluation;
  const approved = approvedContent(context, 'evaluation');
  const outcome = context.outcome;
  return {
    title: context.title,
    scenario: context.scenario,
    period: context.period,
    leadId: context.leadId,
    goals: approvedContent(context, 'goals'),
    strategy: approvedContent(context, 'strategy'),
    monitoring: approvedContent(context, 'monitoring'),
    evaluation: approved ?? (evaluation.submitted as ReportInput['evaluation']),
    evaluationApprovedAt: approved ? evaluation.approvedAt : null,
    evaluationSubmittedAt: evaluation.submittedAt,
    checkIns: context.checkIns,
    risks: context.risks,
    transitions: context.transitions,
    followUps: context.followUps,
    executionClosed: context.executionClosed,
    paceToDeadlines: rulesFrom(context, 5),
    killed:
      outcome?.kind === 'killed'
        ? { stage: outcome.stage, at: outcome.at, reason: outcome.reason }
        : null,
    people,
  };
}

function periodText(i18n: I18n, period: Period): string {
  return i18n.t('report.periodRange', {
    label: periodLabel(period),
    start: i18n.date(period.start),
    end: i18n.date(period.end),
  });
}

/** The translated words and formatters `reportToMarkdown` (and this page) write with. */
export function reportLabels(i18n: I18n): ReportLabels {
  const { t } = i18n;
  const scenarioKey = (id: string) => `scenario.${id}.name`;
  return {
    heading: t('report.title'),
    scenario: (id) => {
      const key = scenarioKey(id);
      return hasMessage(key) ? t(key) : id;
    },
    period: (period) => periodText(i18n, period),
    // In Chinese, whole amounts also in 万, as approvers read them in the plan.
    figure: (value, unit) =>
      i18n.locale === 'zh-CN' ? readableFigure(i18n, value, unit) : formatFigure(i18n, value, unit),
    percent: (rate) => i18n.percent(rate),
    none: t('report.none'),
    enteredByHand: t('report.enteredByHand'),
    meta: {
      scenario: t('report.meta.scenario'),
      period: t('report.meta.period'),
      lead: t('report.meta.lead'),
      status: t('report.meta.status'),
    },
    statusText: (report) =>
      report.approvedAt === null
        ? t(`report.status.${report.status}`)
        : t('report.status.approvedOn', { date: i18n.date(localDateOf(report.approvedAt)) }),
    statusNote: (report) => {
      const notes: string[] = [];
      if (report.killed) {
        notes.push(
          t('report.note.killed', {
            stage: i18n.stage(report.killed.stage),
            date: i18n.date(localDateOf(report.killed.at)),
            reason: report.killed.reason,
          }),
        );
      }
      if (report.status === 'draft') {
        const date = report.submittedAt
          ? i18n.date(localDateOf(report.submittedAt))
          : t('report.none');
        notes.push(t('report.note.draft', { date }));
      }
      if (report.status === 'empty') notes.push(t('report.note.empty'));
      return notes.length === 0 ? null : notes.join(' ');
    },
    section: {
      summary: t('report.section.summary'),
      results: t('report.section.results'),
      dimensions: t('report.section.dimensions'),
      attribution: t('report.section.attribution'),
      risks: t('report.section.risks'),
      execution: t('report.section.execution'),
      lessons: t('report.section.lessons'),
      recommendations: t('report.section.recommendations'),
    },
    summary: (summary) => {
      if (summary.total === 0) return t('report.summary.noGoals');
      if (summary.noData === summary.total) {
        return t('report.summary.allNoData', { total: summary.total });
      }
      const parts = [
        summary.overallAttainment === null
          ? t('report.summary.noOverall')
          : t('report.summary.overall', { rate: i18n.percent(summary.overallAttainment) }),
        t(summary.nearly > 0 ? 'report.summary.countsNearly' : 'report.summary.counts', {
          met: summary.met,
          total: summary.total,
          missed: summary.missed,
          nearly: summary.nearly,
        }),
      ];
      if (summary.noData > 0) parts.push(t('report.summary.noData', { count: summary.noData }));
      return parts.join(i18n.locale === 'zh-CN' ? '' : ' ');
    },
    column: {
      goal: t('report.column.goal'),
      target: t('report.column.target'),
      actual: t('report.column.actual'),
      attainment: t('report.column.attainment'),
      outcome: t('report.column.outcome'),
      group: t('report.column.group'),
      goals: t('report.column.goals'),
      met: t('report.column.met'),
      average: t('report.column.average'),
      combined: t('report.column.combined'),
      risk: t('report.column.risk'),
      severity: t('report.column.severity'),
      countermeasure: t('report.column.countermeasure'),
      owner: t('report.column.owner'),
      status: t('report.column.status'),
    },
    group: (key) => t(`report.group.${key}`),
    outcome: (outcome) => t(`report.outcome.${outcome}`),
    attributionKind: (kind) => i18n.label('attributionKind', kind),
    credits: (entry) => {
      if (entry.credits) {
        return t('report.attribution.credits', {
          p: i18n.label('strategyP', entry.credits.p),
          title: entry.credits.title,
        });
      }
      return entry.unresolvedItemId === null
        ? null
        : t('report.attribution.unresolved', { id: entry.unresolvedItemId });
    },
    goalOf: (title) => t('report.attribution.goal', { title }),
    riskSeverity: (severity) => i18n.label('riskSeverity', severity),
    riskStatus: (status) => i18n.label('riskStatus', status),
    riskDue: (date) => t('report.risk.dueInline', { date: i18n.date(date) }),
    executionLines: (report) => {
      const lines = [
        t('report.execution.replansRecycles', {
          replans: report.replans,
          recycles: report.recycles,
        }),
        ...report.transitions.map((tr) =>
          // A gate that sends a stage back to itself is rework, not a move between stages.
          tr.kind === 'recycle' && tr.from === tr.to
            ? t('report.execution.recycledInPlace', {
                stage: i18n.stage(tr.from),
                date: i18n.date(localDateOf(tr.at)),
                reason: tr.reason,
              })
            : t('report.execution.transition', {
                kind: t(`report.execution.${tr.kind}`),
                from: i18n.stage(tr.from),
                to: i18n.stage(tr.to),
                date: i18n.date(localDateOf(tr.at)),
                reason: tr.reason,
              }),
        ),
        report.checkIns.total === 0
          ? t('report.execution.noCheckIns')
          : t('report.execution.checkIns', { ...report.checkIns }),
      ];
      const closed = report.executionClosed;
      if (closed) {
        lines.push(t('report.execution.closed', { date: i18n.date(localDateOf(closed.at)) }));
        if (closed.acceptance.trim() !== '') {
          lines.push(t('report.execution.acceptance', { text: closed.acceptance }));
        }
      } else {
        lines.push(t('report.execution.open'));
      }
      if (report.followUps.length > 0) {
        lines.push(
          t('report.execution.followUps', {
            closed: report.followUps.filter((f) => f.closed).length,
            total: report.followUps.length,
          }),
        );
        for (const f of report.followUps.filter((f) => !f.closed)) {
          lines.push(
            t('report.execution.openFollowUp', { stage: i18n.stage(f.stage), text: f.text }),
          );
        }
      }
      return lines;
    },
    nothing: t('report.nothing'),
    punctuation: {
      colon: t('report.punctuation.colon'),
      open: t('report.punctuation.open'),
      close: t('report.punctuation.close'),
      semicolon: t('report.punctuation.semicolon'),
    },
    empty: {
      attribution: t('report.attribution.none'),
      risks: t('report.risk.none'),
      lessons: t('report.lessons.none'),
      recommendations: t('report.recommendations.none'),
    },
  };
}

const HEALTH_BADGE: Readonly<Record<Health, string>> = {
  green: 'badge badge-green',
  amber: 'badge badge-amber',
  red: 'badge badge-red',
};

/** 效果评估报告: a run's results, attribution, risks and lessons, as a document to print or export. */
export function ReportPage() {
  const { runId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { db, people, today } = useWorkspace();
  const stored = useLiveQuery(() => readStoredRun(db, runId), [db, runId]);
  const row = stored && stored.row;

  const restored = useMemo(() => {
    if (!stored) return null;
    try {
      return { context: currentContext(stored), error: null };
    } catch (error) {
      return {
        context: null,
        error: error instanceof SnapshotRestoreError ? error.message : String(error),
      };
    }
  }, [stored]);
  const context = restored?.context ?? null;
  const report = useMemo(
    () => (context ? buildReport(reportInputOf(context, people)) : null),
    [context, people],
  );
  const labels = useMemo(() => reportLabels(i18n), [i18n]);
  const documentTitle = report ? t('report.documentTitle', { title: report.title }) : null;

  useDocumentTitle(documentTitle);

  if (row === undefined) return <main className="app-main" aria-busy="true" />;
  if (row === null || !restored) {
    return <Missing message={t('report.notFound')} back={t('report.backToRuns')} />;
  }
  if (!report) {
    return (
      <main className="app-main">
        <div className="banner banner-red" role="alert">
          {t('report.cannotRestore', { detail: restored.error ?? '' })}
        </div>
      </main>
    );
  }

  const fileBase = `${runId}-evaluation-report`;
  const note = labels.statusNote(report);
  const print = () => {
    if (documentTitle !== null) document.title = documentTitle;
    window.print();
  };

  return (
    <main className="app-main report-main">
      <div className="report-toolbar no-print" role="group" aria-label={t('report.action.group')}>
        <Link className="btn" to={`/runs/${encodeURIComponent(runId)}`}>
          {`← ${t('report.action.back')}`}
        </Link>
        {(context?.parentRunId || context?.childRunId) && (
          <Link className="btn" to={`/runs/${encodeURIComponent(runId)}/lineage`}>
            {t('lineage.link')}
          </Link>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={print}>
          {t('report.action.print')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() =>
            downloadFile(
              `${fileBase}.md`,
              reportToMarkdown(report, labels),
              'text/markdown;charset=utf-8',
            )
          }
        >
          {t('report.action.markdown')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() =>
            downloadFile(`${fileBase}.json`, reportToJson(report), 'application/json;charset=utf-8')
          }
        >
          {t('report.action.json')}
        </button>
      </div>

      <article className="report" aria-labelledby="report-title">
        <header className="report-head">
          <p className="report-kicker">{t('report.title')}</p>
          <h1 id="report-title">{report.title}</h1>
          <dl className="report-meta" aria-label={t('report.meta.label')}>
            <div>
              <dt>{labels.meta.scenario}</dt>
              <dd>{labels.scenario(report.scenario)}</dd>
            </div>
            <div>
              <dt>{labels.meta.period}</dt>
              <dd>{labels.period(report.period)}</dd>
            </div>
            <div>
              <dt>{labels.meta.lead}</dt>
              <dd>{report.lead.name}</dd>
            </div>
            <div>
              <dt>{labels.meta.status}</dt>
              <dd>{labels.statusText(report)}</dd>
            </div>
          </dl>
        </header>

        {note !== null && (
          <p className="banner banner-amber report-note" role="note">
            {note}
          </p>
        )}

        <Section kind="report" id="summary" title={labels.section.summary}>
          <Summary report={report} />
          <p>{labels.summary(report.summary)}</p>
        </Section>

        <Section kind="report" id="results" title={labels.section.results}>
          {report.goals.length === 0 ? (
            <p className="muted">{t('report.summary.noGoals')}</p>
          ) : (
            <ResultsTable report={report} labels={labels} />
          )}
        </Section>

        {report.goals.length > 0 && (
          <Section kind="report" id="chart" title={t('report.section.chart')}>
            <AttainmentChart goals={report.goals} />
          </Section>
        )}

        {report.groups.length > 0 && (
          <Section kind="report" id="dimensions" title={labels.section.dimensions}>
            <DimensionsTable report={report} labels={labels} />
          </Section>
        )}

        <Section kind="report" id="attribution" title={labels.section.attribution}>
          <Attribution report={report} labels={labels} />
        </Section>

        <Section kind="report" id="risks" title={labels.section.risks}>
          <Risks report={report} labels={labels} />
        </Section>

        <Section kind="report" id="execution" title={labels.section.execution}>
          <ul className="report-list">
            {labels.executionLines(report).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </Section>

        <Section kind="report" id="lessons" title={labels.section.lessons}>
          <TextList items={report.lessons} empty={labels.empty.lessons} />
        </Section>

        <Section kind="report" id="recommendations" title={labels.section.recommendations}>
          <TextList items={report.recommendations} empty={labels.empty.recommendations} ordered />
        </Section>

        <footer className="report-foot">{t('report.generated', { date: i18n.date(today) })}</footer>
      </article>
    </main>
  );
}

export default ReportPage;

function Summary({ report }: { report: Report }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { summary } = report;
  const riskTotal = report.risks.length;
  return (
    <dl className="report-stats">
      <div>
        <dt>{t('report.summary.overallLabel')}</dt>
        <dd>
          {summary.overallAttainment === null
            ? t('report.none')
            : i18n.percent(summary.overallAttainment)}
        </dd>
      </div>
      <div>
        <dt>{t('report.summary.metLabel')}</dt>
        <dd>{t('report.summary.metValue', { met: summary.met, total: summary.total })}</dd>
      </div>
      <div>
        <dt>{t('report.summary.missedLabel')}</dt>
        <dd>
          {summary.nearly > 0
            ? t('report.summary.missedValue', { missed: summary.missed, nearly: summary.nearly })
            : summary.missed}
        </dd>
      </div>
      <div>
        <dt>{t('report.summary.risksLabel')}</dt>
        <dd>
          {riskTotal === 0
            ? t('report.summary.noRisks')
            : t('report.summary.risksValue', {
                closed: report.riskCounts.closed,
                total: riskTotal,
              })}
        </dd>
      </div>
    </dl>
  );
}

function Attainment({ goal }: { goal: GoalResult }) {
  const i18n = useI18n();
  if (goal.attainment === null || goal.health === null) return <>{i18n.t('report.none')}</>;
  return <span className={HEALTH_BADGE[goal.health]}>{i18n.percent(goal.attainment)}</span>;
}

function ResultsTable({ report, labels }: { report: Report; labels: ReportLabels }) {
  const i18n = useI18n();
  const { t } = i18n;
  const byId = new Map(report.goals.map((g) => [g.goalId, g]));
  const figure = (value: number | null, unit: string) =>
    value === null ? labels.none : labels.figure(value, unit);
  return (
    <TableScroll name={labels.section.results}>
      <table className="table report-table" aria-labelledby="report-results">
        <thead>
          <tr>
            <th scope="col">{labels.column.goal}</th>
            <th scope="col" className="num">
              {labels.column.target}
            </th>
            <th scope="col" className="num">
              {labels.column.actual}
            </th>
            <th scope="col" className="num">
              {labels.column.attainment}
            </th>
            <th scope="col">{labels.column.outcome}</th>
          </tr>
        </thead>
        {report.groups.map((group) => (
          <tbody key={group.key}>
            <tr className="report-group">
              <th scope="colgroup" colSpan={3}>
                {labels.group(group.key)}
              </th>
              <td className="num">
                {group.averageAttainment === null
                  ? ''
                  : t('report.group.average', { rate: i18n.percent(group.averageAttainment) })}
              </td>
              <td />
            </tr>
            {group.goalIds.map((id) => {
              const goal = byId.get(id);
              if (!goal) return null;
              const details = [
                goal.dimensionValue.trim(),
                goal.direction === 'lower' ? t('report.lowerIsBetter') : '',
              ].filter((d) => d !== '');
              return (
                <tr key={id}>
                  <th scope="row" className="report-goal">
                    <span className="report-goal-title">{goal.title}</span>
                    {details.length > 0 && (
                      <span className="report-goal-detail">{details.join(' · ')}</span>
                    )}
                    {goal.note.trim() !== '' && (
                      <span className="report-goal-detail">{goal.note}</span>
                    )}
                  </th>
                  <td className="num">{figure(goal.target, goal.unit)}</td>
                  <td className="num">
                    <span>{figure(goal.actual, goal.unit)}</span>
                    {goal.source === 'manual' && (
                      <span className="report-goal-detail">{labels.enteredByHand}</span>
                    )}
                    {goal.measuredBy !== null && (
                      <span className="report-goal-detail">
                        {t('report.computedFrom', {
                          kpi: goal.measuredBy.kpiName,
                          date: i18n.date(goal.measuredBy.date),
                        })}
                      </span>
                    )}
                  </td>
                  <td className="num">
                    <Attainment goal={goal} />
                  </td>
                  <td>{labels.outcome(goal.outcome)}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </TableScroll>
  );
}

/** Rough width of a label in half-width units: CJK and full-width characters count double. */
function clipLabel(text: string, units: number): string {
  let used = 0;
  let out = '';
  for (const char of text) {
    const w =
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
    if (used + w > units) return `${out.trimEnd()}…`;
    out += char;
    used += w;
  }
  return out;
}

const CHART = {
  width: 720,
  labelWidth: 250,
  barX: 262,
  barWidth: 400,
  row: 26,
  bar: 14,
  top: 22,
  bottom: 8,
} as const;

/**
 * A horizontal bar per goal with a result, scaled so 100% sits in view and over-achievers show
 * how far they went (up to 200%; longer bars are cut and keep their figure). Decorative inside:
 * the figure's accessible name carries every value.
 */
function AttainmentChart({ goals }: { goals: readonly GoalResult[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const charted = goals.filter(
    (g): g is GoalResult & { attainment: number; health: Health } =>
      g.attainment !== null && g.health !== null,
  );
  if (charted.length === 0) return <p className="muted">{t('report.chart.noData')}</p>;
  const highest = Math.max(...charted.map((g) => g.attainment));
  const scale = Math.max(1.2, Math.min(2, Math.ceil(highest * 5) / 5));
  const x = (rate: number) => CHART.barX + (Math.min(rate, scale) / scale) * CHART.barWidth;
  const height = CHART.top + charted.length * CHART.row + CHART.bottom;
  const summary = t('report.chart.label', {
    items: formatList(
      i18n.locale,
      charted.map((g) =>
        t('report.chart.item', { goal: g.title, rate: i18n.percent(g.attainment) }),
      ),
    ),
  });
  const ticks = [0, 0.5, 1, 1.5, 2].filter((tick) => tick <= scale);
  return (
    <figure className="report-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${CHART.width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <g aria-hidden="true">
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                className={tick === 1 ? 'report-chart-target' : 'report-chart-grid'}
                x1={x(tick)}
                x2={x(tick)}
                y1={CHART.top - 6}
                y2={height - CHART.bottom}
              />
              <text
                className="report-chart-tick"
                x={x(tick)}
                y={CHART.top - 10}
                textAnchor="middle"
              >
                {i18n.percent(tick)}
              </text>
            </g>
          ))}
          {charted.map((goal, i) => {
            const y = CHART.top + i * CHART.row + (CHART.row - CHART.bar) / 2;
            const end = x(goal.attainment);
            // A figure that would sit on the 100% line moves past it.
            const target = x(1);
            const valueX = end < target && target - end < 34 ? target + 6 : end + 6;
            const indent = Math.min(goal.depth, 3) * 10;
            return (
              <g key={goal.goalId}>
                <text
                  className="report-chart-label"
                  x={indent}
                  y={y + CHART.bar / 2}
                  dominantBaseline="central"
                >
                  {clipLabel(goal.title, 38 - Math.round(indent / 6))}
                </text>
                <rect
                  className={`report-chart-bar report-chart-${goal.health}`}
                  x={CHART.barX}
                  y={y}
                  width={Math.max(1, end - CHART.barX)}
                  height={CHART.bar}
                  rx={2}
                />
                <text
                  className="report-chart-value"
                  x={valueX}
                  y={y + CHART.bar / 2}
                  dominantBaseline="central"
                >
                  {i18n.percent(goal.attainment)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </figure>
  );
}

function DimensionsTable({ report, labels }: { report: Report; labels: ReportLabels }) {
  const i18n = useI18n();
  return (
    <TableScroll name={labels.section.dimensions}>
      <table className="table report-table" aria-labelledby="report-dimensions">
        <thead>
          <tr>
            <th scope="col">{labels.column.group}</th>
            <th scope="col" className="num">
              {labels.column.goals}
            </th>
            <th scope="col" className="num">
              {labels.column.met}
            </th>
            <th scope="col" className="num">
              {labels.column.average}
            </th>
            <th scope="col" className="num">
              {labels.column.combined}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((group) => (
            <tr key={group.key}>
              <th scope="row" className="nowrap">
                {labels.group(group.key)}
              </th>
              <td className="num">{group.total}</td>
              <td className="num">{group.met}</td>
              <td className="num">
                {group.averageAttainment === null
                  ? labels.none
                  : i18n.percent(group.averageAttainment)}
              </td>
              <td className="num">
                {group.rollup
                  ? `${labels.figure(group.rollup.actual, group.rollup.unit)} / ${labels.figure(group.rollup.target, group.rollup.unit)} · ${i18n.percent(group.rollup.attainment)}`
                  : labels.none}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Attribution({ report, labels }: { report: Report; labels: ReportLabels }) {
  const { t } = useI18n();
  if (report.attribution.length === 0) {
    return <p className="muted">{t('report.attribution.none')}</p>;
  }
  return (
    <>
      {ATTRIBUTION_KINDS.map((kind) => {
        const entries = report.attribution.filter((a) => a.kind === kind);
        if (entries.length === 0) return null;
        return (
          <div key={kind} className="report-subsection">
            <h3>{labels.attributionKind(kind)}</h3>
            <ul className="report-list">
              {entries.map((entry) => {
                const about = [
                  labels.credits(entry),
                  entry.goal ? labels.goalOf(entry.goal.title) : null,
                ].filter((x): x is string => x !== null);
                return (
                  <li key={entry.id}>
                    <span>{entry.note}</span>
                    {about.length > 0 && <span className="report-detail">{about.join(' · ')}</span>}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}

const RISK_STATUS_BADGE = {
  open: 'badge badge-red',
  mitigating: 'badge badge-amber',
  closed: 'badge badge-green',
} as const;

function Risks({ report, labels }: { report: Report; labels: ReportLabels }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (report.risks.length === 0) return <p className="muted">{labels.empty.risks}</p>;
  return (
    <TableScroll name={labels.section.risks}>
      <table className="table report-table" aria-labelledby="report-risks">
        <thead>
          <tr>
            <th scope="col">{labels.column.risk}</th>
            <th scope="col">{labels.column.severity}</th>
            <th scope="col">{labels.column.countermeasure}</th>
            <th scope="col">{labels.column.owner}</th>
            <th scope="col">{labels.column.status}</th>
          </tr>
        </thead>
        <tbody>
          {report.risks.map((risk) => {
            const raised = i18n.date(localDateOf(risk.raisedAt));
            return (
              <tr key={risk.id}>
                <th scope="row" className="report-goal">
                  <span className="report-goal-title">{risk.description}</span>
                  <span className="report-goal-detail">
                    {risk.kpi
                      ? t('report.risk.fromCheckIn', { kpi: risk.kpi.name, date: raised })
                      : t('report.risk.manual', { date: raised })}
                  </span>
                </th>
                <td>{labels.riskSeverity(risk.severity)}</td>
                <td className="pre-wrap">
                  {risk.countermeasure.trim() === ''
                    ? t('report.risk.noCountermeasure')
                    : risk.countermeasure}
                </td>
                <td>
                  {risk.owner ? risk.owner.name : t('report.risk.unassigned')}
                  {risk.due && (
                    <span className="report-goal-detail">
                      {t('report.risk.due', { date: i18n.date(risk.due) })}
                    </span>
                  )}
                </td>
                <td>
                  <span className={RISK_STATUS_BADGE[risk.status]}>
                    {labels.riskStatus(risk.status)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function TextList({
  items,
  empty,
  ordered = false,
}: {
  items: readonly string[];
  empty: string;
  ordered?: boolean;
}) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className="report-list">
      {items.map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </List>
  );
}
