import './portfolio-node.css';
import { memo } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  type EdgeProps,
  type NodeProps,
} from '@xyflow/react';
import { useI18n, type I18n } from '../i18n/react';
import { HealthMark } from './health-mark';
import { isStageId, stageNumber } from '../domain/stages';
import { StageHandles } from './stage-node';
import type { MessageKey } from '../i18n';
import type { HeatMode, PortfolioEdge, PortfolioNode, PortfolioNodeData } from './portfolio-graph';

/**
 * Background of each heat level (0 … 4) per mode: blue for counts, teal for days, violet for
 * recycles. None uses the health colours (green, amber, red): the longest stay must not read as
 * "off track", nor hide the red of a node's health bar.
 */
export const HEAT_COLOURS: Record<HeatMode, readonly string[]> = {
  counts: ['#ffffff', '#e8eefc', '#c5d4f7', '#8eaaf0', '#2f5bd3'],
  days: ['#ffffff', '#dff3f0', '#aadfd6', '#57b9aa', '#1d776c'],
  recycles: ['#ffffff', '#efeafb', '#d6c9f5', '#a88ee6', '#6b4bc4'],
};
/** Levels dark enough to need light text. */
const DARK_LEVEL = 4;
/** Levels where grey text falls below 4.5:1: it reads in the full text colour there. */
const MID_LEVEL = 2;

/** A heat value as people read it: "4.2 days", "12 recycles", "42 runs". */
export function heatValueText(i18n: I18n, mode: HeatMode, value: number | null): string {
  if (value === null) return i18n.t('portfolio.heat.unknown');
  if (mode === 'days')
    return i18n.t('portfolio.heat.daysValue', { days: i18n.number(Math.round(value * 10) / 10) });
  const key: MessageKey =
    mode === 'recycles'
      ? value === 1
        ? 'portfolio.heat.recyclesOne'
        : 'portfolio.heat.recyclesValue'
      : value === 1
        ? 'portfolio.node.runsOne'
        : 'portfolio.node.runs';
  return i18n.t(key, { count: i18n.number(value) });
}

/**
 * The accessible name of a portfolio stage node: "Stage 3, Strategy: 42 runs, 3 red, 2 on hold,
 * 5 overdue" — zero parts left out — then the heat value in the days and recycles modes.
 */
export function portfolioNodeLabel(i18n: I18n, data: PortfolioNodeData): string {
  const n = (count: number) => i18n.number(count);
  const parts = [
    i18n.t(data.count === 1 ? 'portfolio.node.runsOne' : 'portfolio.node.runs', {
      count: n(data.count),
    }),
  ];
  const add = (count: number, key: MessageKey) => {
    if (count > 0) parts.push(i18n.t(key, { count: n(count) }));
  };
  add(data.green, 'portfolio.node.green');
  add(data.amber, 'portfolio.node.amber');
  add(data.red, 'portfolio.node.red');
  if (data.hasHealth) add(data.noCheckIns, 'portfolio.node.noCheckIns');
  add(data.onHold, 'portfolio.node.onHold');
  add(data.overdue, 'portfolio.node.overdue');
  add(data.completed, 'portfolio.node.completed');
  add(data.cancelled, 'portfolio.node.cancelled');
  if (data.heat.mode === 'days') {
    parts.push(
      data.heat.value === null
        ? i18n.t('portfolio.node.daysUnknown')
        : i18n.t('portfolio.node.days', {
            days: i18n.number(Math.round(data.heat.value * 10) / 10),
          }),
    );
  } else if (data.heat.mode === 'recycles' && data.heat.value !== null) {
    parts.push(
      i18n.t(data.heat.value === 1 ? 'portfolio.node.recyclesOne' : 'portfolio.node.recycles', {
        count: n(data.heat.value),
      }),
    );
  }
  return i18n.t('portfolio.node.label', {
    number: data.number,
    stage: i18n.stage(data.stage),
    summary: parts.join(i18n.t('portfolio.node.separator')),
  });
}

/**
 * The node's size before React Flow has measured it (it measures right after): lets the board
 * show its nodes, and fit the view, in the very first frame instead of the one after measuring.
 */
export function portfolioNodeSize(data: PortfolioNodeData): { width: number; height: number } {
  const flags = data.onHold + data.overdue + data.completed + data.cancelled > 0;
  return {
    width: NODE_WIDTH,
    height: 79 + (data.hasHealth && data.count > 0 ? 37 : 0) + (flags ? 27 : 0),
  };
}
const NODE_WIDTH = 210;

function HealthBar({ data }: { data: PortfolioNodeData }) {
  const { t, number } = useI18n();
  const parts = [
    ['green', data.green],
    ['amber', data.amber],
    ['red', data.red],
    ['none', data.noCheckIns],
  ] as const;
  const total = parts.reduce((s, [, n]) => s + n, 0);
  return (
    <div className="pf-health">
      <div className="pf-bar">
        {total === 0 ? (
          <span className="pf-seg pf-seg-empty" style={{ flexGrow: 1 }} />
        ) : (
          parts.map(([kind, n]) =>
            n > 0 ? (
              <span key={kind} className={`pf-seg pf-seg-${kind}`} style={{ flexGrow: n }} />
            ) : null,
          )
        )}
      </div>
      <div className="pf-health-nums">
        {parts.map(([kind, n]) => (
          <span
            key={kind}
            className={`pf-num pf-num-${kind}`}
            title={t(`portfolio.health.${kind}`)}
          >
            <HealthMark kind={kind} />
            {number(n)}
          </span>
        ))}
      </div>
    </div>
  );
}

/**
 * One stage of the portfolio: runs standing here, split by health (operating stages), on hold and
 * overdue; tinted by the heat mode. Drawn by the board's node and by the phone's list of stages.
 * Its accessible name is set on what holds it (`portfolioNodeLabel`), so the drawing itself is
 * hidden from assistive technology.
 */
export function PortfolioStageCard({
  data,
  handles = false,
}: {
  data: PortfolioNodeData;
  /** On the board: where its edges attach. */
  handles?: boolean;
}) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const level = data.heat.level ?? 0;
  const background = HEAT_COLOURS[data.heat.mode][level] ?? '#ffffff';
  const classes = [
    'pf-node',
    level >= DARK_LEVEL ? 'pf-dark' : level >= MID_LEVEL ? 'pf-mid' : '',
    data.selected ? 'selected' : '',
    data.count === 0 ? 'pf-empty' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} style={{ background }} aria-hidden="true">
      {handles && <StageHandles />}
      <div className="pf-title">
        <span className="pf-num-badge">{data.number}</span>
        <span className="pf-stage">{i18n.stage(data.stage)}</span>
      </div>
      <div className="pf-count-row">
        <span className="pf-count">{number(data.count)}</span>
        <span className="pf-count-label">
          {data.count === 1 ? t('portfolio.node.runOne') : t('portfolio.node.runWord')}
        </span>
        {data.heat.mode !== 'counts' && (
          <span className="pf-heat-value">
            {heatValueText(i18n, data.heat.mode, data.heat.value)}
          </span>
        )}
      </div>
      {data.hasHealth && data.count > 0 && <HealthBar data={data} />}
      {(data.onHold > 0 || data.overdue > 0 || data.completed > 0 || data.cancelled > 0) && (
        <div className="pf-flags">
          {data.overdue > 0 && (
            <span className="badge badge-red">
              {t('portfolio.node.overdue', { count: number(data.overdue) })}
            </span>
          )}
          {data.onHold > 0 && (
            <span className="badge badge-amber">
              {t('portfolio.node.onHold', { count: number(data.onHold) })}
            </span>
          )}
          {data.completed > 0 && (
            <span className="badge badge-green">
              {t('portfolio.node.completed', { count: number(data.completed) })}
            </span>
          )}
          {data.cancelled > 0 && (
            <span className="badge">
              {t('portfolio.node.cancelled', { count: number(data.cancelled) })}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function PortfolioNodeView({ data }: NodeProps<PortfolioNode>) {
  return <PortfolioStageCard data={data} handles />;
}

export const PortfolioNodeComponent = memo(PortfolioNodeView);

/**
 * The portfolio's edges: the forward flow solid, recycle routes and the replan loop dashed in
 * violet, thicker the more often they were taken, with their counts. Back edges over the planning
 * row stack by lane so none hides another.
 */
function PortfolioEdgeView(props: EdgeProps<PortfolioEdge>) {
  const { t, number } = useI18n();
  const data = props.data ?? { kind: 'forward', count: 0, lane: 0, weight: 0 };
  const forward = data.kind === 'forward';
  const [path, labelX, labelY] = getSmoothStepPath({
    ...props,
    borderRadius: 12,
    offset: forward ? 20 : 28 + data.lane * 26,
  });
  const colour = forward ? 'var(--accent)' : 'var(--violet)';
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={{
          stroke: colour,
          strokeWidth: forward ? 2 : 1.25 + data.weight * 2.5,
          strokeDasharray: forward ? undefined : '6 4',
          opacity: forward ? 0.7 : 0.85,
        }}
      />
      {!forward && (
        <EdgeLabelRenderer>
          <div
            className="pf-edge-label"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.kind === 'replan'
              ? t('portfolio.edge.replan', { count: number(data.count) })
              : // Which gate sent work back where, by the stages' numbers: arcs over the planning
                // row cross, and a bare count did not say whose it was.
                t('portfolio.edge.recycle', {
                  count: number(data.count),
                  from: isStageId(props.source) ? stageNumber(props.source) : '',
                  to: isStageId(props.target) ? stageNumber(props.target) : '',
                })}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const PortfolioEdgeComponent = memo(PortfolioEdgeView);
