import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useI18n } from '../i18n/react';
import type { BoardEdge } from './graph';

const COLORS = {
  forward: 'var(--border-strong)',
  walked: 'var(--accent)',
  recycle: 'var(--violet)',
  replan: 'var(--violet)',
  checkIns: 'var(--amber)',
  nextCycle: 'var(--green)',
} as const;

/** Forward edges solid (the walked path in the accent colour); loops dashed, with their counts. */
function LoopEdgeView(props: EdgeProps<BoardEdge>) {
  const { t } = useI18n();
  const data = props.data ?? { kind: 'forward', count: 0, walked: false };
  const [path, labelX, labelY] = getSmoothStepPath({
    ...props,
    borderRadius: 12,
    offset: data.kind === 'forward' ? 20 : 36,
  });
  const color =
    data.kind === 'forward' ? (data.walked ? COLORS.walked : COLORS.forward) : COLORS[data.kind];
  // A loop not yet taken is named without a count; once taken, it shows how often.
  const label =
    data.kind === 'forward'
      ? null
      : data.count === 0
        ? t(`ui.board.loop.${data.kind}`)
        : t(`ui.board.edge.${data.kind}`, { count: data.count });
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={{
          stroke: color,
          strokeWidth: data.walked ? 2 : 1.5,
          strokeDasharray: data.kind === 'forward' ? undefined : '6 4',
          opacity: data.kind !== 'forward' && !data.walked ? 0.45 : 1,
        }}
      />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="badge"
            style={{
              position: 'absolute',
              transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
              background: 'var(--surface)',
              // A loop not taken is told by its dashed outline, not by fading: its text keeps
              // full contrast (WCAG 1.4.3).
              border: `1px ${data.walked ? 'solid' : 'dashed'} ${color}`,
              color,
              pointerEvents: 'none',
            }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LoopEdgeComponent = memo(LoopEdgeView);
