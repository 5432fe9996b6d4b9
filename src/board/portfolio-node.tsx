import { memo } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  type EdgeProps,
  type NodeProps,
} from '@xyflow/react';
import { useI18n, type I18n } from '../i18n/react';
import { StageHandles } from './stage-node';
import type { MessageKey } from '../i18n';
import type { HeatMode, PortfolioEdge, PortfolioNode, PortfolioNodeData } from './portfolio-graph';

/** Background of each heat level (0 … 4) per mode: blue for counts, amber to red for days, violet for recycles. */
export const HEAT_COLOURS: Record<HeatMode, readonly string[]> = {
  counts: ['#ffffff', '#e8eefc', '#c5d4f7', '#8eaaf0', '#2f5bd3'],
  days: ['#ffffff', '#fdf0d9', '#f9d49a', '#ef9a5a', '#c23a32'],
  recycles: ['#ffffff', '#efeafb', '#d6c9f5', '#a88ee6', '#6b4bc4'],
};
/** Levels dark enough to need light text. */
const DARK_LEVEL = 4;

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
            <span className={`pf-dot pf-seg-${kind}`} />
            {number(n)}
          </span>
        ))}
      </div>
    </div>
  );
}

/**
 * One stage of the portfolio board: runs standing here, split by health (operating stages),
 * on hold and overdue; tinted by the heat mode. Its accessible name is set on the React Flow node
 * (`portfolioNodeLabel`), so the drawing itself is hidden from assistive technology.
 */
function PortfolioNodeView({ data }: NodeProps<PortfolioNode>) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const level = data.heat.level ?? 0;
  const background = HEAT_COLOURS[data.heat.mode][level] ?? '#ffffff';
  const classes = [
    'pf-node',
    level >= DARK_LEVEL ? 'pf-dark' : '',
    data.selected ? 'selected' : '',
    data.count === 0 ? 'pf-empty' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} style={{ background }} aria-hidden="true">
      <StageHandles />
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
            {t(data.kind === 'replan' ? 'portfolio.edge.replan' : 'portfolio.edge.recycle', {
              count: number(data.count),
            })}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const PortfolioEdgeComponent = memo(PortfolioEdgeView);

/**
 * Styles of the portfolio board. Kept with its components (the app's stylesheet belongs to the
 * shell); the page renders them once in a hoisted `<style>`.
 */
export const PORTFOLIO_NODE_CSS = `
.pf-node {
  width: 210px;
  border-radius: 10px;
  border: 1px solid var(--border-strong);
  box-shadow: var(--shadow);
  padding: 10px 12px 11px;
  display: flex;
  flex-direction: column;
  gap: 7px;
  cursor: pointer;
  font-size: 12px;
  color: var(--text);
  transition: background-color 160ms ease;
}
.pf-node.pf-dark { color: #fff; border-color: rgba(0, 0, 0, 0.25); }
.pf-node.pf-dark .pf-count-label, .pf-node.pf-dark .pf-num { color: rgba(255, 255, 255, 0.88); }
.pf-node.pf-empty .pf-count { color: var(--text-3); }
.pf-node.pf-dark.pf-empty .pf-count { color: rgba(255, 255, 255, 0.7); }
.pf-node.selected { outline: 3px solid var(--accent); outline-offset: 3px; }
.react-flow__node:focus-visible .pf-node { outline: 3px solid var(--accent); outline-offset: 3px; }
/* Side handles level with the title row, so edges between nodes of different heights stay straight. */
.pf-node .react-flow__handle-left, .pf-node .react-flow__handle-right { top: 21px; }
.pf-title { display: flex; align-items: center; gap: 8px; font-weight: 600; font-size: 13px; white-space: nowrap; }
.pf-stage { overflow: hidden; text-overflow: ellipsis; }
.pf-num-badge {
  width: 22px; height: 22px; border-radius: 50%; flex: none;
  display: inline-grid; place-items: center; font-size: 12px; font-weight: 600;
  background: var(--text); color: #fff;
}
.pf-node.pf-dark .pf-num-badge { background: #fff; color: var(--text); }
.pf-count-row { display: flex; align-items: baseline; gap: 6px; }
.pf-count { font-size: 26px; font-weight: 650; line-height: 1; font-variant-numeric: tabular-nums; }
.pf-count-label { color: var(--text-2); }
.pf-heat-value {
  margin-left: auto; font-weight: 600; white-space: nowrap; padding: 1px 7px; border-radius: 10px;
  background: rgba(255, 255, 255, 0.75); color: var(--text); border: 1px solid rgba(0, 0, 0, 0.08);
}
.pf-health { display: flex; flex-direction: column; gap: 4px; }
.pf-bar { display: flex; height: 8px; border-radius: 4px; overflow: hidden; background: #e6e9ee; gap: 1px; }
.pf-seg { display: block; min-width: 3px; }
.pf-seg-green { background: var(--green); }
.pf-seg-amber { background: #e0a100; }
.pf-seg-red { background: var(--red); }
.pf-seg-none { background: #c4cad3; }
.pf-seg-empty { background: transparent; }
.pf-health-nums { display: flex; gap: 10px; font-variant-numeric: tabular-nums; }
.pf-num { display: inline-flex; align-items: center; gap: 4px; color: var(--text-2); }
.pf-dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; }
.pf-flags { display: flex; flex-wrap: wrap; gap: 4px; }
.pf-flags .badge { height: 20px; padding: 0 7px; font-size: 11.5px; }
.pf-edge-label {
  position: absolute; pointer-events: none; padding: 1px 7px; border-radius: 10px; font-size: 11px;
  font-weight: 500; white-space: nowrap; background: var(--surface); color: var(--violet);
  border: 1px solid var(--violet);
}
`;
