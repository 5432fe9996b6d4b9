import { useMemo } from 'react';
import type { CheckIn } from '../../machines/run-context';
import type { Kpi } from '../domain/content';
import { kpiChart, type ChartBox } from '../domain/chart';
import type { IsoDate, Period } from '../domain/time';
import type { I18n } from '../i18n/react';
import { useI18n } from '../i18n/react';

/** One chart's size; it scales down (never up) to fit a narrower panel. */
const BOX: ChartBox = {
  width: 420,
  height: 132,
  margin: { top: 10, right: 12, bottom: 20, left: 50 },
};

const HEALTH_BADGE = { green: 'badge-green', amber: 'badge-amber', red: 'badge-red' } as const;

/** A KPI figure as people read it: compact money for CNY, "40%" for rates, else with its unit. */
export function formatKpiValue(i18n: I18n, kpi: Pick<Kpi, 'unit'>, value: number): string {
  if (kpi.unit === 'CNY') return i18n.moneyCompact(value);
  if (kpi.unit === '%') return `${i18n.number(value)}%`;
  if (kpi.unit === '') return i18n.number(value);
  return i18n.t('operating.chart.valueWithUnit', { value: i18n.number(value), unit: kpi.unit });
}

/** An axis label: as `formatKpiValue` without a unit word, which would crowd the axis. */
function axisValue(i18n: I18n, kpi: Pick<Kpi, 'unit'>, value: number): string {
  if (kpi.unit === 'CNY') return i18n.moneyCompact(value);
  if (kpi.unit === '%') return `${i18n.number(value)}%`;
  return i18n.number(value);
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function monthLabel(locale: string, date: IsoDate): string {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

interface KpiChartProps {
  kpi: Kpi;
  period: Period;
  /** The span the KPI's pace runs over (up to its goal's deadline); the period by default. */
  paceSpan?: Period;
  /** Every check-in of the run; the chart picks this KPI's. */
  checkIns: readonly CheckIn[];
  today: IsoDate;
}

/**
 * One KPI over the period: its check-ins (dots coloured by health) against the target and the
 * time-prorated pace, the on-track band, and today. The latest health is a badge next to the
 * name, and the chart is one image whose label says the latest figure, its pace and its health.
 */
export function KpiChart({ kpi, period, paceSpan = period, checkIns, today }: KpiChartProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const own = useMemo(() => checkIns.filter((c) => c.kpiId === kpi.id), [checkIns, kpi.id]);
  const chart = useMemo(
    () => kpiChart(kpi, period, own, today, BOX, paceSpan),
    [kpi, period, own, today, paceSpan],
  );
  const { plot, latest } = chart;
  const health = chart.latestHealth;

  const label = latest
    ? t('operating.chart.label', {
        name: kpi.name,
        value: formatKpiValue(i18n, kpi, latest.value),
        date: i18n.date(latest.date),
        attainment: i18n.percent(latest.attainment),
        health: i18n.label('health', latest.health),
        colour: t(`operating.chart.colour.${latest.health}`),
      })
    : t('operating.chart.labelEmpty', {
        name: kpi.name,
        target: kpi.target === null ? '—' : formatKpiValue(i18n, kpi, kpi.target),
      });
  const line = chart.actual.map((p) => `${p.x},${p.y}`).join(' ');
  const last = chart.actual.at(-1);

  return (
    <article className={`op-kpi${health ? ` op-kpi-${health}` : ''}`}>
      <div className="op-kpi-head">
        <strong className="op-kpi-name" title={kpi.name}>
          {kpi.name}
        </strong>
        {health ? (
          <span className={`badge ${HEALTH_BADGE[health]}`}>
            <span className="dot" aria-hidden="true" />
            {i18n.label('health', health)}
          </span>
        ) : (
          <span className="badge">{t('operating.chart.noCheckIns')}</span>
        )}
      </div>
      <p className="op-kpi-latest small muted">
        {latest
          ? t('operating.chart.latest', {
              value: formatKpiValue(i18n, kpi, latest.value),
              date: i18n.date(latest.date),
              attainment: i18n.percent(latest.attainment),
            })
          : t('operating.chart.targetOnly', {
              target: kpi.target === null ? '—' : formatKpiValue(i18n, kpi, kpi.target),
            })}
        {kpi.direction === 'lower' && ` · ${t('operating.chart.lowerIsBetter')}`}
      </p>
      <svg
        role="img"
        aria-label={label}
        width={BOX.width}
        height={BOX.height}
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        className="op-svg op-kpi-svg"
      >
        {chart.onTrack.length > 0 && (
          <polygon
            points={chart.onTrack.map((p) => `${p.x},${p.y}`).join(' ')}
            className="op-zone"
          />
        )}
        {chart.yTicks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={plot.left}
              x2={plot.right}
              y1={tick.y}
              y2={tick.y}
              className="op-grid-value"
            />
            <text x={plot.left - 6} y={tick.y + 3.5} textAnchor="end" className="op-axis-label">
              {axisValue(i18n, kpi, tick.value)}
            </text>
          </g>
        ))}
        {chart.xTicks.map((tick) => (
          <g key={tick.date}>
            <line
              x1={tick.x}
              x2={tick.x}
              y1={plot.bottom}
              y2={plot.bottom + 4}
              className="op-tick"
            />
            <text x={tick.x + 3} y={plot.bottom + 14} className="op-axis-label">
              {monthLabel(i18n.locale, tick.date)}
            </text>
          </g>
        ))}
        <line
          x1={plot.left}
          x2={plot.right}
          y1={plot.bottom}
          y2={plot.bottom}
          className="op-axis"
        />
        {chart.target && (
          <g>
            <line
              x1={plot.left}
              x2={plot.right}
              y1={chart.target.y}
              y2={chart.target.y}
              className="op-target"
            />
            <text x={plot.left + 4} y={chart.target.y - 4} className="op-target-label">
              {t('operating.chart.target', { value: axisValue(i18n, kpi, chart.target.value) })}
            </text>
          </g>
        )}
        {chart.pace && (
          <polyline points={chart.pace.map((p) => `${p.x},${p.y}`).join(' ')} className="op-pace" />
        )}
        {chart.today !== null && (
          <line
            x1={chart.today}
            x2={chart.today}
            y1={plot.top}
            y2={plot.bottom}
            className="op-today op-today-faint"
          />
        )}
        {chart.actual.length > 1 && <polyline points={line} className="op-actual" />}
        {/* The variance of the latest figure: from it to the pace it was measured against. */}
        {last && Math.abs(last.paceY - last.y) > 6 && (
          <line
            x1={last.x}
            x2={last.x}
            y1={last.y + (last.paceY > last.y ? 5 : -5)}
            y2={last.paceY}
            className={`op-variance op-variance-${last.health}`}
          />
        )}
        {chart.actual.map((p) => (
          <circle
            key={p.date}
            cx={p.x}
            cy={p.y}
            r={p === last ? 4.5 : 3.5}
            className={`op-dot op-health-${p.health}`}
          >
            <title>
              {`${i18n.date(p.date)}: ${formatKpiValue(i18n, kpi, p.value)} · ${i18n.percent(
                p.attainment,
              )} · ${i18n.label('health', p.health)}`}
            </title>
          </circle>
        ))}
      </svg>
    </article>
  );
}

/** The chart legend, once for all KPI charts. Decorative: every chart has its own label. */
export function KpiChartLegend() {
  const { t } = useI18n();
  return (
    <ul className="op-legend" aria-hidden="true">
      <li>
        <span className="op-swatch-line op-actual-swatch" />
        {t('operating.chart.actual')}
      </li>
      <li>
        <span className="op-swatch-line op-pace-swatch" />
        {t('operating.chart.pace')}
      </li>
      <li>
        <span className="op-swatch-line op-target-swatch" />
        {t('operating.chart.targetLine')}
      </li>
      <li>
        <span className="op-swatch op-zone-swatch" />
        {t('operating.chart.onTrack')}
      </li>
      <li>
        <span className="op-swatch-line op-today-swatch" />
        {t('operating.chart.today')}
      </li>
    </ul>
  );
}
