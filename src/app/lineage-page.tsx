import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { approvedContent, type RunContext } from '../../machines/run-context';
import type { ChartBox } from '../domain/chart';
import { STRATEGY_PS } from '../domain/content';
import { health, type Health } from '../domain/kpi';
import {
  buildLineage,
  diffCycles,
  lineageChart,
  ownDetail,
  type CycleDiff,
  type CycleLearning,
  type FieldChange,
  type FieldValue,
  type GoalTrack,
  type Lineage,
  type LineageCycle,
  type ListDiff,
  type PlanDiff,
} from '../domain/lineage';
import { RESULT_THRESHOLDS, type GoalResult } from '../domain/report';
import { periodLabel } from '../domain/time';
import { readChain, type ChainRow, type ChainRun } from '../engine/chain';
import type { lineageEn } from '../i18n/lineage.en';
import { Missing as MissingPage, Section, useDocumentTitle } from './page-parts';
import { TableScroll } from '../stages/table-scroll';
import { useI18n, type I18n } from '../i18n/react';
import { formatFigure } from '../stages/forms/fields';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { reportInputOf } from './report-page';
import type { MessageKey } from '../i18n';

/**
 * 周期脉络: the chain of cycles a run belongs to (Q1 → Q2 → Q3 …), each goal's attainment across
 * them, and what changed between any two. Reads contexts only through `readChain`.
 */

type ReadableRun = ChainRun & { context: RunContext };

const HEALTH_BADGE: Readonly<Record<Health, string>> = {
  green: 'badge badge-green',
  amber: 'badge badge-amber',
  red: 'badge badge-red',
};

/** Series colours (CSS classes) and marker shapes: each goal gets a pair that tells it apart. */
const SERIES_COLOURS = 8;
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;
type Marker = (typeof MARKERS)[number];

const CHART_BOX: ChartBox = {
  width: 1000,
  height: 300,
  margin: { top: 20, right: 24, bottom: 40, left: 56 },
};

/** A long piece of text cut to about `max` characters, on a word where it can be. */
function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function LineagePage() {
  const { runId = '' } = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { db } = useWorkspace();
  const chain = useLiveQuery(() => readChain(db, runId), [db, runId]);
  const readable = useMemo(
    () => (chain ?? []).filter((c): c is ReadableRun => c.context !== null),
    [chain],
  );
  const lineage = useMemo(
    () =>
      buildLineage(
        readable.map((c) => ({
          runId: c.row.id,
          report: reportInputOf(c.context),
          resources: approvedContent(c.context, 'resources'),
        })),
      ),
    [readable],
  );
  const rows = useMemo(() => new Map(readable.map((c) => [c.row.id, c.row])), [readable]);
  const here = chain?.find((c) => c.row.id === runId);
  const documentTitle = here ? t('lineage.documentTitle', { title: here.row.title }) : null;

  useDocumentTitle(documentTitle);

  if (chain === undefined) return <main className="app-main" aria-busy="true" />;
  if (chain === null || !here) {
    return <MissingPage message={t('lineage.notFound')} back={t('lineage.backToRuns')} />;
  }

  const unreadable = chain.filter((c) => c.context === null);
  const first = lineage.cycles[0];
  const last = lineage.cycles.at(-1);
  return (
    <main className="app-main lineage-main">
      <div className="report-toolbar">
        <Link className="btn" to={`/runs/${encodeURIComponent(runId)}`}>
          {`← ${t('lineage.backToRun')}`}
        </Link>
      </div>
      <article className="lineage" aria-labelledby="lineage-title">
        <header className="lineage-head">
          <p className="report-kicker">{t('lineage.title')}</p>
          <h1 id="lineage-title">{here.row.title}</h1>
          <p className="muted">
            {first && last && lineage.cycles.length > 1
              ? t('lineage.summary', {
                  count: lineage.cycles.length,
                  first: periodLabel(first.period),
                  last: periodLabel(last.period),
                })
              : t('lineage.single')}
          </p>
        </header>

        {unreadable.length > 0 && (
          <p className="banner banner-red" role="alert">
            {t('lineage.unreadable', {
              runs: i18n.list(
                unreadable.map(
                  (c) =>
                    `${c.row.title} (${periodLabel({ start: c.row.periodStart, end: c.row.periodEnd })})`,
                ),
              ),
            })}
          </p>
        )}

        <Section kind="lineage" id="cycles" title={t('lineage.cycles.heading')}>
          <CycleCards lineage={lineage} rows={rows} runId={runId} />
        </Section>

        <Section kind="lineage" id="chart" title={t('lineage.chart.heading')}>
          <AttainmentAcrossCycles lineage={lineage} />
        </Section>

        <Section kind="lineage" id="compare" title={t('lineage.compare.heading')}>
          <Compare lineage={lineage} rows={rows} />
        </Section>
      </article>
    </main>
  );
}

export default LineagePage;

/**
 * A cycle's overall attainment: evaluated (draft or final), else so far from check-ins, else none
 * (`provisional` says which). Null where there is no figure.
 */
function overallOf(cycle: LineageCycle): { rate: number; provisional: boolean } | null {
  if (cycle.report.status !== 'empty') {
    const rate = cycle.report.summary.overallAttainment;
    return rate === null ? null : { rate, provisional: false };
  }
  const rate = cycle.provisional?.summary.overallAttainment ?? null;
  return rate === null ? null : { rate, provisional: true };
}

/**
 * "104%", "87% so far (from check-ins up to …)" in a sentence, or why there is no figure; `inline`
 * for the middle of a sentence. A provisional figure outside a sentence is only the percentage:
 * the caller marks it as "so far" around it.
 */
function overallText(i18n: I18n, cycle: LineageCycle, inline = false): string {
  const overall = overallOf(cycle);
  if (overall?.provisional && cycle.provisional) {
    const rate = i18n.percent(overall.rate);
    if (!inline) return rate;
    return i18n.t('lineage.compare.soFar', { rate, date: i18n.date(cycle.provisional.asOf) });
  }
  if (cycle.report.status === 'empty') {
    return i18n.t(inline ? 'lineage.compare.notEvaluated' : 'lineage.cycles.notEvaluated');
  }
  return overall === null ? i18n.t('report.none') : i18n.percent(overall.rate);
}

function CycleCards({
  lineage,
  rows,
  runId,
}: {
  lineage: Lineage;
  rows: ReadonlyMap<string, ChainRow>;
  runId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ol className="lineage-cycles" aria-label={t('lineage.cycles.label')}>
      {lineage.cycles.map((cycle) => {
        const row = rows.get(cycle.runId);
        const { report, provisional } = cycle;
        const overall = overallOf(cycle);
        const rate = overall?.rate ?? null;
        const asOf = provisional ? i18n.date(provisional.asOf) : '';
        // Mid-period, the share of the whole period's targets reached reads low: say the pace too.
        const pace =
          provisional?.paceAttainment == null
            ? ''
            : t('lineage.cycles.pace', { rate: i18n.percent(provisional.paceAttainment) });
        const cardSoFar = (soFar: string) =>
          pace ? t('lineage.cycles.cardPace', { soFar, pace }) : soFar;
        const period = periodLabel(cycle.period);
        const status = row ? i18n.label('runStatus', row.status) : '';
        const current = cycle.runId === runId;
        const goalsLine = `${
          !cycle.goalsApproved
            ? t('lineage.cycles.noGoals')
            : report.status === 'empty'
              ? t('lineage.cycles.goalsSet', { total: report.summary.total })
              : t('lineage.cycles.goalsMet', {
                  met: report.summary.met,
                  total: report.summary.total,
                })
        }${report.status === 'draft' ? ` · ${t('lineage.cycles.draft')}` : ''}`;
        return (
          <li key={cycle.runId}>
            <Link
              to={`/runs/${encodeURIComponent(cycle.runId)}`}
              className={`lineage-card${current ? ' is-current' : ''}`}
              aria-current={current ? 'page' : undefined}
              // Every line the card shows, in its order: a name of its own would hide the rest.
              aria-label={`${t('lineage.cycles.card', {
                period,
                status,
                attainment: overall?.provisional
                  ? cardSoFar(
                      `${t('lineage.cycles.overallSoFar')} ${t('lineage.cycles.cardSoFar', {
                        rate: i18n.percent(overall.rate),
                        date: asOf,
                      })}`,
                    )
                  : `${t('lineage.cycles.overall')} ${overallText(i18n, cycle)}`,
              })}${i18n.locale === 'zh-CN' ? '；' : '; '}${goalsLine}`}
            >
              <span className="lineage-card-top">
                <span className="lineage-card-period">{period}</span>
                <span className={`badge${row?.status === 'active' ? ' badge-blue' : ''}`}>
                  {status}
                </span>
              </span>
              <span className="lineage-card-label">
                {t(overall?.provisional ? 'lineage.cycles.overallSoFar' : 'lineage.cycles.overall')}
              </span>
              {rate === null ? (
                <span className="lineage-card-rate is-empty">{overallText(i18n, cycle)}</span>
              ) : overall?.provisional ? (
                <span className="lineage-card-rate is-provisional">{i18n.percent(rate)}</span>
              ) : (
                <span
                  className={`lineage-card-rate lineage-rate-${health(rate, RESULT_THRESHOLDS)}`}
                >
                  {i18n.percent(rate)}
                </span>
              )}
              {provisional && (
                <span className="lineage-card-foot">
                  {t('lineage.cycles.soFar', { date: asOf })}
                </span>
              )}
              {provisional?.paceAttainment != null && (
                <span className="lineage-card-foot">
                  <span
                    className={`dot lineage-rate-${health(provisional.paceAttainment)}`}
                    aria-hidden="true"
                  />{' '}
                  {pace}
                </span>
              )}
              <span className="lineage-card-foot">{goalsLine}</span>
              {current && <span className="lineage-card-here">{t('lineage.cycles.thisRun')}</span>}
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

// Chart -------------------------------------------------------------------------------------------

function MarkerShape({ marker, x, y, r }: { marker: Marker; x: number; y: number; r: number }) {
  switch (marker) {
    case 'circle':
      return <circle cx={x} cy={y} r={r} />;
    case 'square':
      return <rect x={x - r * 0.9} y={y - r * 0.9} width={r * 1.8} height={r * 1.8} />;
    case 'diamond':
      return (
        <polygon
          points={`${x},${y - r * 1.25} ${x + r * 1.25},${y} ${x},${y + r * 1.25} ${x - r * 1.25},${y}`}
        />
      );
    case 'triangle':
      return (
        <polygon
          points={`${x},${y - r * 1.25} ${x + r * 1.15},${y + r * 0.85} ${x - r * 1.15},${y + r * 0.85}`}
        />
      );
  }
}

const seriesClass = (index: number) => `lineage-c${index % SERIES_COLOURS}`;
// Past the eighth goal the colours repeat; the marker moves on by one, so no two look alike.
const markerOf = (index: number): Marker =>
  MARKERS[(index + Math.floor(index / SERIES_COLOURS)) % MARKERS.length] ?? 'circle';

/** The line and marker of a series, as the legend and the table show them. */
function Swatch({ index }: { index: number }) {
  return (
    <svg className={`lineage-swatch ${seriesClass(index)}`} viewBox="0 0 24 12" aria-hidden="true">
      <line x1={1} x2={23} y1={6} y2={6} />
      <MarkerShape marker={markerOf(index)} x={12} y={6} r={3.6} />
    </svg>
  );
}

/**
 * One line per goal across the cycles, against the 100% target line, with a legend; the table
 * below it lists every figure the chart draws (and is what a screen reader reads).
 */
function AttainmentAcrossCycles({ lineage }: { lineage: Lineage }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [active, setActive] = useState<string | null>(null);
  const chart = useMemo(() => lineageChart(lineage, CHART_BOX), [lineage]);
  const { plot } = chart;
  const hasData = chart.series.some((s) => s.points.length > 0);
  const hasDraft = chart.series.some((s) => s.points.some((p) => p.draft));
  const periods = lineage.cycles.map((c) => periodLabel(c.period));
  const soFar = lineage.cycles.flatMap((cycle, i) =>
    cycle.provisional
      ? [{ period: periods[i] ?? '', date: i18n.date(cycle.provisional.asOf) }]
      : [],
  );

  /** What the table cell of `track` in cycle `index` says, for the chart's accessible name. */
  const valueText = (track: GoalTrack, cycle: LineageCycle, index: number) => {
    const result = track.results[index] ?? null;
    if (result === null) {
      return t(missingKey(cycle));
    }
    if (cycle.report.status === 'empty') {
      const soFar = track.provisional[index] ?? null;
      if (soFar === null) return t('lineage.chart.notEvaluated');
      return soFar.attainment === null
        ? t('lineage.chart.noCheckIn')
        : t('lineage.chart.valueSoFar', { rate: i18n.percent(soFar.attainment) });
    }
    return result.attainment === null ? t('report.none') : i18n.percent(result.attainment);
  };
  const label = t('lineage.chart.label', {
    count: lineage.cycles.length,
    items: lineage.tracks
      .map((track) =>
        t('lineage.chart.item', {
          goal: track.title,
          values: i18n.list(
            track.results.flatMap((result, i) => {
              const cycle = lineage.cycles[i];
              if (!cycle || result === null) return [];
              return [
                t('lineage.chart.value', {
                  period: periods[i] ?? '',
                  rate: valueText(track, cycle, i),
                }),
              ];
            }),
          ),
        }),
      )
      .join(i18n.locale === 'zh-CN' ? '' : ' '),
  });
  const hover = (key: string | null) => () => setActive(key);

  return (
    <>
      {hasData ? (
        <figure className="lineage-chart">
          <svg
            role="img"
            aria-label={label}
            viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`}
            width="100%"
            preserveAspectRatio="xMinYMin meet"
          >
            <g aria-hidden="true">
              {lineage.cycles.map((cycle, i) => {
                const x = chart.cycleX[i];
                if (cycle.report.status !== 'empty' || x === undefined) return null;
                const note = cycle.provisional
                  ? t('lineage.chart.soFar', { date: i18n.date(cycle.provisional.asOf) })
                  : t('lineage.chart.notEvaluated');
                return (
                  <g key={cycle.runId} className="lineage-pending">
                    <rect
                      x={x - chart.columnWidth / 2 + 6}
                      y={plot.top}
                      width={chart.columnWidth - 12}
                      height={plot.bottom - plot.top}
                      rx={6}
                    />
                    <text x={x} y={plot.top + 18} textAnchor="middle">
                      {note}
                    </text>
                  </g>
                );
              })}
              {chart.yTicks.map((tick) => (
                <g key={tick.value}>
                  <line
                    className="lineage-grid"
                    x1={plot.left}
                    x2={plot.right}
                    y1={tick.y}
                    y2={tick.y}
                  />
                  <text
                    className="lineage-tick"
                    x={plot.left - 8}
                    y={tick.y}
                    textAnchor="end"
                    dominantBaseline="central"
                  >
                    {i18n.percent(tick.value)}
                  </text>
                </g>
              ))}
              <line
                className="lineage-axis"
                x1={plot.left}
                x2={plot.right}
                y1={plot.bottom}
                y2={plot.bottom}
              />
              {chart.cycleX.map((x, i) => (
                <text
                  key={lineage.cycles[i]?.runId ?? i}
                  className="lineage-period"
                  x={x}
                  y={plot.bottom + 20}
                  textAnchor="middle"
                >
                  {periods[i]}
                </text>
              ))}
              <line
                className="lineage-target"
                x1={plot.left}
                x2={plot.right}
                y1={chart.targetY}
                y2={chart.targetY}
              />
              <text
                className="lineage-target-label"
                x={plot.right}
                y={chart.targetY - 6}
                textAnchor="end"
              >
                {t('lineage.chart.target')}
              </text>
              {chart.series.map((series, index) => {
                const track = lineage.tracks[index];
                const dim = active !== null && active !== series.key;
                return (
                  <g
                    key={series.key}
                    className={`lineage-series ${seriesClass(index)}${dim ? ' is-dim' : ''}${active === series.key ? ' is-active' : ''}`}
                  >
                    {series.segments.map((segment, s) => (
                      <polyline key={s} points={segment.map((p) => `${p.x},${p.y}`).join(' ')} />
                    ))}
                    {series.provisionalSegments.map(([a, b], s) => (
                      <polyline
                        key={`p${s}`}
                        className="is-provisional"
                        points={`${a.x},${a.y} ${b.x},${b.y}`}
                      />
                    ))}
                    {series.points.map((point) => {
                      const rate = i18n.percent(point.attainment);
                      return (
                        <g
                          key={point.cycle}
                          className={`lineage-point${point.draft ? ' is-draft' : ''}${point.provisional ? ' is-provisional' : ''}`}
                        >
                          <MarkerShape
                            marker={markerOf(index)}
                            x={point.x}
                            y={point.y}
                            r={point.provisional ? 5 : 4.5}
                          />
                          <title>
                            {`${track?.title ?? ''} · ${periods[point.cycle] ?? ''}: ${
                              point.provisional ? t('lineage.chart.valueSoFar', { rate }) : rate
                            }`}
                          </title>
                        </g>
                      );
                    })}
                  </g>
                );
              })}
            </g>
          </svg>
          <ul className="lineage-legend" aria-hidden="true">
            {lineage.tracks.map((track, index) => (
              <li
                key={track.key}
                onMouseEnter={hover(track.key)}
                onMouseLeave={hover(null)}
                className={active === track.key ? 'is-active' : undefined}
                title={track.title}
              >
                <Swatch index={index} />
                <span>{track.title}</span>
              </li>
            ))}
          </ul>
          {hasDraft && <p className="small muted">{t('lineage.chart.draftNote')}</p>}
          {soFar.map((s) => (
            <p key={s.period} className="small muted">
              {t('lineage.chart.provisionalNote', s)}
            </p>
          ))}
        </figure>
      ) : (
        <p className="muted">{t('lineage.chart.noData')}</p>
      )}

      <TableScroll name={t('lineage.chart.caption')} className="lineage-table-wrap">
        <table className="table report-table lineage-table">
          <caption>{t('lineage.chart.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lineage.chart.goal')}</th>
              {lineage.cycles.map((cycle, i) => (
                <th key={cycle.runId} scope="col" className="num">
                  {periods[i]}
                  <span className="lineage-col-status">
                    {cycle.provisional
                      ? t('lineage.chart.columnStatus.soFar', {
                          date: i18n.date(cycle.provisional.asOf),
                        })
                      : t(`lineage.chart.columnStatus.${cycle.report.status}`)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lineage.tracks.map((track, index) => (
              <tr
                key={track.key}
                onMouseEnter={hover(track.key)}
                onMouseLeave={hover(null)}
                className={active === track.key ? 'is-active' : undefined}
              >
                <th scope="row" className="lineage-goal">
                  <span
                    className="lineage-goal-name"
                    style={{ paddingLeft: Math.min(track.depth, 3) * 14 }}
                  >
                    <Swatch index={index} />
                    <span>{track.title}</span>
                  </span>
                </th>
                {lineage.cycles.map((cycle, i) => (
                  <td key={cycle.runId} className="num">
                    <RateCell
                      result={track.results[i] ?? null}
                      soFar={track.provisional[i] ?? null}
                      cycle={cycle}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('lineage.chart.overall')}</th>
              {lineage.cycles.map((cycle) => {
                const overall = overallOf(cycle);
                return (
                  <td key={cycle.runId} className="num">
                    {overall === null ? (
                      <Missing text={overallText(i18n, cycle)} />
                    ) : (
                      <RateBadge rate={overall.rate} provisional={overall.provisional} />
                    )}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </>
  );
}

/** A dash on screen; the reason for assistive technology. */
function Missing({ text }: { text: string }) {
  return (
    <>
      <span className="faint" aria-hidden="true">
        —
      </span>
      <span className="sr-only">{text}</span>
    </>
  );
}

/** An attainment coloured by result health; a provisional one neutral, dashed, "so far". */
function RateBadge({ rate, provisional }: { rate: number; provisional: boolean }) {
  const i18n = useI18n();
  if (!provisional) {
    return (
      <span className={HEALTH_BADGE[health(rate, RESULT_THRESHOLDS)]}>{i18n.percent(rate)}</span>
    );
  }
  return (
    <span className="badge badge-provisional">
      {i18n.t('lineage.chart.valueSoFar', { rate: i18n.percent(rate) })}
    </span>
  );
}

/** Why a goal has no figure in a cycle: not among its goals, or its goals never approved. */
function missingKey(cycle: LineageCycle): MessageKey {
  if (cycle.goalsApproved) return 'lineage.chart.notInCycle';
  return cycle.report.killed ? 'lineage.chart.cancelledBeforeGoals' : 'lineage.chart.goalsNotSet';
}

function RateCell({
  result,
  soFar,
  cycle,
}: {
  result: GoalResult | null;
  /** The goal's result so far where the cycle is provisional. */
  soFar: GoalResult | null;
  cycle: LineageCycle;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (result === null) {
    // A new cycle whose goals are still being set has none yet: not that it dropped this one.
    return <Missing text={t(missingKey(cycle))} />;
  }
  if (cycle.report.status === 'empty') {
    if (soFar === null) return <Missing text={t('lineage.chart.notEvaluated')} />;
    if (soFar.attainment === null) return <Missing text={t('lineage.chart.noCheckIn')} />;
    return <RateBadge rate={soFar.attainment} provisional />;
  }
  if (result.attainment === null || result.health === null) {
    return <Missing text={t('report.none')} />;
  }
  return <span className={HEALTH_BADGE[result.health]}>{i18n.percent(result.attainment)}</span>;
}

// Compare -----------------------------------------------------------------------------------------

function Compare({ lineage, rows }: { lineage: Lineage; rows: ReadonlyMap<string, ChainRow> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [params, setParams] = useSearchParams();
  const count = lineage.cycles.length;
  const indexOf = (id: string | null, fallback: number) => {
    const found = id === null ? -1 : lineage.cycles.findIndex((c) => c.runId === id);
    return found >= 0 ? found : fallback;
  };
  // The choice lives in state (changes made in quick succession queue up), mirrored into the
  // address so a reload or a shared link shows the same comparison.
  const [choice, setChoice] = useState(() => ({ from: params.get('from'), to: params.get('to') }));
  type Pick = { from: number; to: number };
  const picked = (ids: { from: string | null; to: string | null }): Pick => ({
    from: indexOf(ids.from, Math.max(0, count - 2)),
    to: indexOf(ids.to, count - 1),
  });
  const { from, to } = picked(choice);
  const diff = useMemo(
    () => (count >= 2 && from !== to ? diffCycles(lineage, from, to) : null),
    [lineage, count, from, to],
  );
  useEffect(() => {
    if (choice.from === null || choice.to === null) return;
    if (params.get('from') === choice.from && params.get('to') === choice.to) return;
    const next = new URLSearchParams(params);
    next.set('from', choice.from);
    next.set('to', choice.to);
    setParams(next, { replace: true });
  }, [choice, params, setParams]);
  if (count < 2) return <p className="muted">{t('lineage.compare.needTwo')}</p>;

  const choose = (next: (current: Pick) => Pick) =>
    setChoice((current) => {
      const pick = next(picked(current));
      return {
        from: lineage.cycles[pick.from]?.runId ?? null,
        to: lineage.cycles[pick.to]?.runId ?? null,
      };
    });
  const option = (cycle: LineageCycle) => {
    const row = rows.get(cycle.runId);
    return t('lineage.compare.option', {
      period: periodLabel(cycle.period),
      status: row ? i18n.label('runStatus', row.status) : '',
    });
  };
  const picker = (which: 'from' | 'to', value: number) => (
    <label className="lineage-picker">
      <span>{t(`lineage.compare.${which}`)}</span>
      <select
        value={String(value)}
        onChange={(e) => {
          const index = Number(e.target.value);
          choose((current) => ({ ...current, [which]: index }));
        }}
      >
        {lineage.cycles.map((cycle, i) => (
          <option key={cycle.runId} value={String(i)}>
            {option(cycle)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <div className="lineage-pickers">
        {picker('from', from)}
        <span className="lineage-arrow" aria-hidden="true">
          →
        </span>
        {picker('to', to)}
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => choose((current) => ({ from: current.to, to: current.from }))}
        >
          {t('lineage.compare.swap')}
        </button>
      </div>
      {diff === null ? (
        <p className="muted">{t('lineage.compare.same')}</p>
      ) : (
        <DiffView lineage={lineage} diff={diff} />
      )}
    </>
  );
}

type ChangeKind = 'added' | 'removed' | 'changed';
const KIND_BADGE: Readonly<Record<ChangeKind, string>> = {
  added: 'badge badge-green',
  removed: 'badge badge-red',
  changed: 'badge badge-blue',
};

function Change({ kind, children }: { kind: ChangeKind; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className="lineage-change">
      <span className={`${KIND_BADGE[kind]} lineage-kind`}>
        {t(`lineage.compare.kind.${kind}`)}
      </span>
      <div className="lineage-change-body">{children}</div>
    </li>
  );
}

/** A field's value as a reader expects it: money, shares, labels, names, or quoted text. */
function useFieldText(): (change: FieldChange, side: 'from' | 'to', unit?: string) => string {
  const i18n = useI18n();
  const personName = usePersonName();
  const { t } = i18n;
  return (change, side, unit = '') => {
    const value: FieldValue = change[side];
    if (value === null) return t('lineage.compare.none');
    if (typeof value === 'object') {
      return value.length === 0 ? t('lineage.compare.none') : i18n.list(value);
    }
    if (typeof value === 'number') {
      switch (change.field) {
        case 'budgetFen':
        case 'amountFen':
        case 'targetFen':
          return i18n.money(value);
        case 'shareBp':
          return i18n.percent(value / 10_000, value % 100 === 0 ? 0 : 2);
        case 'conversionTargetPct':
          return `${i18n.number(value)}%`;
        case 'target':
          return formatFigure(i18n, value, unit);
        default:
          return i18n.number(value);
      }
    }
    switch (change.field) {
      case 'model':
        return i18n.label('priceModel', value);
      case 'kind':
        return i18n.label('toolKind', value);
      case 'direction':
        return i18n.label('direction', value);
      case 'person':
        return personName(value);
      default:
        return value.trim() === ''
          ? t('lineage.compare.none')
          : t('lineage.compare.quoted', {
              text: clip(change.field === 'detail' ? ownDetail(value) : value, 70),
            });
    }
  };
}

function FieldChanges({ changes, unit }: { changes: readonly FieldChange[]; unit?: string }) {
  const { t } = useI18n();
  const text = useFieldText();
  return (
    <ul className="lineage-fields">
      {changes.map((change) => (
        <li key={change.field}>
          {t('lineage.compare.change', {
            field: t(`lineage.compare.field.${change.field as FieldName}`),
            from: text(change, 'from', unit),
            to: text(change, 'to', unit),
          })}
        </li>
      ))}
    </ul>
  );
}
type FieldName = keyof typeof lineageEn.compare.field;

/** The entries of a list diff, added first, then changed, then removed; or "No changes." */
function ListChanges<T>({
  diff,
  name,
  changedName = name,
  detail,
  unit,
}: {
  diff: ListDiff<T, string>;
  name: (item: T) => string;
  /** The name of a changed entry, when `name` would repeat what its changes say. */
  changedName?: (item: T) => string;
  detail?: (item: T) => string | null;
  unit?: (item: T) => string;
}) {
  const { t } = useI18n();
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    return <p className="muted small">{t('lineage.compare.noChanges')}</p>;
  }
  const line = (item: T) => {
    const more = detail?.(item) ?? null;
    return (
      <>
        <span className="lineage-change-title">{name(item)}</span>
        {more && <span className="lineage-change-detail">{more}</span>}
      </>
    );
  };
  return (
    <ul className="lineage-changes">
      {diff.added.map((item, i) => (
        <Change key={`a${i}`} kind="added">
          {line(item)}
        </Change>
      ))}
      {diff.changed.map((entry, i) => (
        <Change key={`c${i}`} kind="changed">
          <span className="lineage-change-title">{changedName(entry.to)}</span>
          <FieldChanges changes={entry.changes} unit={unit?.(entry.to)} />
        </Change>
      ))}
      {diff.removed.map((item, i) => (
        <Change key={`r${i}`} kind="removed">
          {line(item)}
        </Change>
      ))}
    </ul>
  );
}

function Comparable<D>({
  plan,
  periods,
  children,
}: {
  plan: PlanDiff<D>;
  periods: { from: string; to: string };
  children: (diff: D) => ReactNode;
}) {
  const i18n = useI18n();
  if (plan.available) return <>{children(plan.diff)}</>;
  return (
    <p className="muted small">
      {i18n.t('lineage.compare.notComparable', {
        periods: i18n.list(plan.missingIn.map((side) => periods[side])),
      })}
    </p>
  );
}

function DiffView({ lineage, diff }: { lineage: Lineage; diff: CycleDiff }) {
  const i18n = useI18n();
  const { t } = i18n;
  const personName = usePersonName();
  const a = lineage.cycles[diff.from];
  const b = lineage.cycles[diff.to];
  if (!a || !b) return null;
  const periods = { from: periodLabel(a.period), to: periodLabel(b.period) };
  const figure = (value: number | null, unit: string) =>
    value === null ? t('report.none') : formatFigure(i18n, value, unit);
  const goalLine = (g: GoalResult) =>
    t('lineage.compare.goals.target', { target: figure(g.target, g.unit) });

  return (
    <div className="lineage-diff">
      <p className="lineage-overall">
        {t('lineage.compare.overall', {
          from: overallText(i18n, a, true),
          to: overallText(i18n, b, true),
          fromPeriod: periods.from,
          toPeriod: periods.to,
        })}
      </p>

      <div className="lineage-diff-block">
        <h3>{t('lineage.compare.goals.heading')}</h3>
        <Comparable plan={diff.goals} periods={periods}>
          {(goals) => (
            <ListChanges
              diff={goals}
              name={(g) => g.title}
              unit={(g) => g.unit}
              detail={(g) =>
                goals.removed.includes(g) && g.attainment !== null && a.report.status !== 'empty'
                  ? `${goalLine(g)} · ${t('lineage.compare.goals.reached', { period: periods.from, rate: i18n.percent(g.attainment) })}`
                  : goalLine(g)
              }
            />
          )}
        </Comparable>
      </div>

      <div className="lineage-diff-block">
        <h3>{t('lineage.compare.strategy.heading')}</h3>
        <Comparable plan={diff.strategy} periods={periods}>
          {(strategy) => (
            <div className="lineage-diff-grid">
              {STRATEGY_PS.map((p) => (
                <div key={p} className="lineage-diff-part">
                  <h4>{i18n.label('strategyP', p)}</h4>
                  <ListChanges
                    diff={strategy[p]}
                    name={(item) => item.title}
                    detail={(item) => {
                      const text = ownDetail(item.detail);
                      return text === '' ? null : clip(text, 110);
                    }}
                  />
                </div>
              ))}
            </div>
          )}
        </Comparable>
      </div>

      <div className="lineage-diff-block">
        <h3>{t('lineage.compare.resources.heading')}</h3>
        <Comparable plan={diff.resources} periods={periods}>
          {(resources) => {
            const { from, to } = resources.totalFen;
            const change =
              from === 0 ? null : `${to > from ? '+' : ''}${i18n.percent((to - from) / from)}`;
            return (
              <>
                <p className="lineage-total">
                  {from === to
                    ? t('lineage.compare.resources.totalSame', { total: i18n.money(to) })
                    : t('lineage.compare.resources.total', {
                        from: i18n.money(from),
                        to: i18n.money(to),
                        change: change ?? t('report.none'),
                      })}
                </p>
                <div className="lineage-diff-grid">
                  <div className="lineage-diff-part">
                    <h4>{t('lineage.compare.resources.budget')}</h4>
                    <ListChanges
                      diff={resources.budget}
                      changedName={(line) => line.module}
                      name={(line) =>
                        t('lineage.compare.resources.line', {
                          module: line.module,
                          amount: i18n.money(line.amountFen),
                          share: i18n.percent(
                            line.shareBp / 10_000,
                            line.shareBp % 100 === 0 ? 0 : 2,
                          ),
                        })
                      }
                    />
                  </div>
                  <div className="lineage-diff-part">
                    <h4>{t('lineage.compare.resources.owners')}</h4>
                    <ListChanges
                      diff={resources.owners}
                      name={(owner) =>
                        t('lineage.compare.resources.owner', {
                          person: personName(owner.personId),
                          scope: owner.scope,
                        })
                      }
                      detail={(owner) =>
                        [owner.kpi, owner.targetFen === null ? '' : i18n.money(owner.targetFen)]
                          .filter((part) => part !== '')
                          .join(' · ') || null
                      }
                    />
                  </div>
                  <div className="lineage-diff-part">
                    <h4>{t('lineage.compare.resources.tools')}</h4>
                    <ListChanges
                      diff={resources.tools}
                      name={(tool) => `${tool.name} · ${i18n.label('toolKind', tool.kind)}`}
                      detail={(tool) => (tool.usageRule.trim() === '' ? null : tool.usageRule)}
                    />
                  </div>
                </div>
              </>
            );
          }}
        </Comparable>
      </div>

      <div className="lineage-diff-block">
        <h3>{t('lineage.compare.learning.heading')}</h3>
        <div className="lineage-learning">
          <Learning period={periods.from} learning={diff.learning.from} />
          <Learning period={periods.to} learning={diff.learning.to} />
        </div>
        {diff.learning.repeated.length > 0 && (
          <div className="banner banner-amber lineage-repeated" role="note">
            <span>{t('lineage.compare.learning.repeated', { period: periods.to })}</span>
            <ul>
              {diff.learning.repeated.map((lesson, i) => (
                <li key={i}>{lesson}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}

function Learning({ period, learning }: { period: string; learning: CycleLearning }) {
  const { t } = useI18n();
  const list = (items: readonly string[], ordered = false) => {
    if (items.length === 0)
      return <p className="muted small">{t('lineage.compare.learning.none')}</p>;
    const List = ordered ? 'ol' : 'ul';
    return (
      <List className="report-list">
        {items.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </List>
    );
  };
  return (
    <div className="lineage-learning-cycle">
      <h4>{period}</h4>
      {learning.evaluation === 'empty' ? (
        <p className="muted small">{t('lineage.compare.learning.notEvaluated')}</p>
      ) : (
        <>
          {learning.evaluation === 'draft' && (
            <p className="muted small">{t('lineage.compare.learning.draft')}</p>
          )}
          <p className="lineage-learning-label">{t('lineage.compare.learning.lessons')}</p>
          {list(learning.lessons)}
          <p className="lineage-learning-label">{t('lineage.compare.learning.recommendations')}</p>
          {list(learning.recommendations, true)}
        </>
      )}
    </div>
  );
}
