import { useId, useMemo } from 'react';
import type { Task } from '../domain/content';
import { calendarTicks } from '../domain/chart';
import { taskCounts, timelineRows, type TaskProgress } from '../domain/tasks';
import type { IsoDate, Period } from '../domain/time';
import { TableScroll } from './table-scroll';
import { useI18n } from '../i18n/react';
import { usePersonName } from '../workspace/workspace';

/** Pixel layout of the timeline. A quarter fits the ~470px side panel; a year scrolls sideways. */
const LABEL_WIDTH = 150;
const DAY_WIDTH = 3;
const MIN_CHART_WIDTH = 264;
const RIGHT_PAD = 10;
const HEADER_HEIGHT = 36;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 12;
const FOOT_PAD = 4;

/** Full-width characters (CJK, kana, hangul, full-width forms) take about one em. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/;
const NARROW = /[\sil.,:;|!'()[\]ftj-]/;

/** A character's rough advance in em for the system sans-serif fonts. */
function charWidth(char: string): number {
  if (WIDE.test(char)) return 1;
  if (NARROW.test(char)) return 0.32;
  if (/[A-Z0-9mwMW]/.test(char)) return /[mwMW]/.test(char) ? 0.85 : 0.64;
  return 0.55;
}

/**
 * `text` cut with "…" to fit about `maxWidth` pixels at `fontSize`. SVG text has no ellipsis, and
 * measuring needs a layout pass; this estimate is close enough for labels with a tooltip.
 */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  let width = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i += 1) {
    width += charWidth(chars[i] ?? '') * fontSize;
    if (width > maxWidth) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return text;
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

interface TaskTimelineProps {
  tasks: readonly Task[];
  progress: TaskProgress;
  period: Period;
  today: IsoDate;
}

/**
 * A Gantt-style picture of the approved tasks over the run's period: one row per task (name and
 * owner on the left), bars coloured by where the task stands today, arrows from a task to those
 * waiting for it, month and week ticks, and a line for today. Late tasks trail a dashed line to
 * today, showing how far they have slipped.
 *
 * It is one image with a summarising label for assistive technology; the task table next to it
 * stays the accessible data.
 */
export function TaskTimeline({ tasks, progress, period, today }: TaskTimelineProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const personName = usePersonName();
  const markerId = `timeline-arrow-${useId().replace(/[^\w-]/g, '')}`;
  const timeline = useMemo(
    () => timelineRows(tasks, progress, period, today),
    [tasks, progress, period, today],
  );
  const ticks = useMemo(() => calendarTicks(period), [period]);
  const counts = taskCounts(tasks, progress, today);

  const chartWidth = Math.max(MIN_CHART_WIDTH, timeline.days * DAY_WIDTH);
  const dayWidth = chartWidth / timeline.days;
  const width = LABEL_WIDTH + chartWidth + RIGHT_PAD;
  const height = HEADER_HEIGHT + timeline.rows.length * ROW_HEIGHT + FOOT_PAD;
  const xAt = (days: number) => LABEL_WIDTH + days * dayWidth;
  const rowTop = (index: number) => HEADER_HEIGHT + index * ROW_HEIGHT;
  const rowMid = (index: number) => rowTop(index) + ROW_HEIGHT / 2;
  const todayX = timeline.today === null ? null : xAt(timeline.today);

  const summary = {
    start: i18n.date(period.start),
    end: i18n.date(period.end),
    total: counts.total,
    done: counts.done,
    inProgress: counts.inProgress,
    late: counts.late,
    todo: counts.todo,
    today: i18n.date(today),
  };
  const label =
    todayX === null
      ? t('operating.timeline.labelOutside', summary)
      : t('operating.timeline.label', summary);

  if (tasks.length === 0) return <p className="muted small">{t('operating.timeline.empty')}</p>;

  return (
    <div className="op-timeline">
      <TableScroll name={t('operating.timeline.title')} className="op-scroll" kind="chart">
        <svg
          role="img"
          aria-label={label}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className="op-svg"
        >
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 6 6"
              refX="5"
              refY="3"
              markerWidth="6"
              markerHeight="6"
              orient="auto"
            >
              <path d="M0,0 L6,3 L0,6 z" className="op-arrowhead" />
            </marker>
          </defs>

          {timeline.rows.map((_, index) =>
            index % 2 === 1 ? (
              <rect
                key={index}
                x={0}
                y={rowTop(index)}
                width={width}
                height={ROW_HEIGHT}
                className="op-zebra"
              />
            ) : null,
          )}

          {ticks.weeks.map((week) => (
            <g key={week.date}>
              <line
                x1={xAt(week.offset)}
                x2={xAt(week.offset)}
                y1={HEADER_HEIGHT}
                y2={height - FOOT_PAD}
                className="op-grid-week"
              />
              <line
                x1={xAt(week.offset)}
                x2={xAt(week.offset)}
                y1={HEADER_HEIGHT - 4}
                y2={HEADER_HEIGHT}
                className="op-tick"
              />
            </g>
          ))}
          {ticks.months.map((month) => (
            <g key={month.date}>
              <line
                x1={xAt(month.offset)}
                x2={xAt(month.offset)}
                y1={4}
                y2={height - FOOT_PAD}
                className="op-grid-month"
              />
              <text x={xAt(month.offset) + 4} y={14} className="op-axis-label">
                {monthLabel(i18n.locale, month.date)}
              </text>
            </g>
          ))}
          <line
            x1={LABEL_WIDTH}
            x2={width - RIGHT_PAD}
            y1={HEADER_HEIGHT}
            y2={HEADER_HEIGHT}
            className="op-axis"
          />
          <line
            x1={LABEL_WIDTH}
            x2={LABEL_WIDTH}
            y1={0}
            y2={height - FOOT_PAD}
            className="op-axis"
          />

          {/* Connectors first, so bars sit on top of lines that pass behind them. */}
          {timeline.dependencies.map(({ from, to }) => {
            const before = timeline.rows[from];
            const after = timeline.rows[to];
            if (before?.to == null || after?.from == null) return null;
            const x1 = xAt(before.to);
            const x2 = xAt(after.from);
            const y1 = rowMid(from);
            const y2 = rowMid(to);
            // Step out of the end of the first bar, then down (or up) into the start of the next;
            // when the next starts before the first ends, route through the gap between rows.
            const d =
              x2 - x1 >= 8
                ? `M${x1},${y1} H${x1 + 4} V${y2} H${x2 - 1}`
                : `M${x1},${y1} h4 V${y2 + (y2 > y1 ? -ROW_HEIGHT / 2 : ROW_HEIGHT / 2)} H${x2 - 6} V${y2} H${x2 - 1}`;
            return (
              <path
                key={`${from}-${to}`}
                d={d}
                className="op-dependency"
                markerEnd={`url(#${markerId})`}
              />
            );
          })}

          {timeline.rows.map((row, index) => {
            const owner = row.task.ownerId
              ? personName(row.task.ownerId)
              : t('operating.timeline.unassigned');
            return (
              <g key={row.task.id}>
                <title>
                  {t('operating.timeline.bar', {
                    name: row.task.name,
                    owner,
                    start: row.task.start
                      ? i18n.date(row.task.start)
                      : t('operating.timeline.openDate'),
                    end: row.task.end ? i18n.date(row.task.end) : t('operating.timeline.openDate'),
                    status: i18n.label('taskStatus', row.state),
                  })}
                </title>
                <text x={8} y={rowTop(index) + 13} className="op-row-name">
                  {fitText(row.task.name, LABEL_WIDTH - 18, 12)}
                </text>
                <text x={8} y={rowTop(index) + 25} className="op-row-owner">
                  {fitText(owner, LABEL_WIDTH - 18, 10.5)}
                </text>
                {row.from === null || row.to === null ? (
                  <text x={LABEL_WIDTH + 6} y={rowMid(index) + 4} className="op-row-owner">
                    {t('operating.timeline.noDates')}
                  </text>
                ) : (
                  <>
                    {row.state === 'late' && todayX !== null && xAt(row.to) < todayX && (
                      <line
                        x1={xAt(row.to)}
                        x2={todayX}
                        y1={rowMid(index)}
                        y2={rowMid(index)}
                        className="op-slip"
                      />
                    )}
                    <rect
                      x={xAt(row.from)}
                      y={rowMid(index) - BAR_HEIGHT / 2}
                      width={Math.max(3, (row.to - row.from) * dayWidth)}
                      height={BAR_HEIGHT}
                      rx={3}
                      className={`op-bar op-bar-${row.state}${
                        row.openStart || row.openEnd ? ' op-bar-open' : ''
                      }`}
                    />
                  </>
                )}
              </g>
            );
          })}

          {todayX !== null && (
            <g>
              <line
                x1={todayX}
                x2={todayX}
                y1={HEADER_HEIGHT - 8}
                y2={height - FOOT_PAD}
                className="op-today"
              />
              <text
                x={Math.min(Math.max(todayX, LABEL_WIDTH + 16), width - RIGHT_PAD - 16)}
                y={HEADER_HEIGHT - 11}
                textAnchor="middle"
                className="op-today-label"
              >
                {t('operating.timeline.today')}
              </text>
            </g>
          )}
        </svg>
      </TableScroll>
      <ul className="op-legend" aria-hidden="true">
        {(['done', 'inProgress', 'todo', 'late'] as const).map((state) => (
          <li key={state}>
            <span className={`op-swatch op-bar-${state}`} />
            {i18n.label('taskStatus', state)}
          </li>
        ))}
        <li>
          <span className="op-swatch-line op-today-swatch" />
          {t('operating.timeline.today')}
        </li>
        {timeline.dependencies.length > 0 && (
          <li>
            <span className="op-swatch-arrow">→</span>
            {t('operating.timeline.dependency')}
          </li>
        )}
      </ul>
    </div>
  );
}
