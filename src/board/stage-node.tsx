import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useI18n, type I18n } from '../i18n/react';
import { usePersonName } from '../workspace/workspace';
import type { StageNode, StageNodeData, BoardStatus } from './graph';

const STATUS_BADGE: Record<BoardStatus, string> = {
  notStarted: '',
  drafting: 'badge-amber',
  inReview: 'badge-blue',
  approved: 'badge-green',
  recycled: 'badge-violet',
  onHold: 'badge-amber',
  operating: 'badge-amber',
  paused: 'badge-violet',
  done: 'badge-green',
  cancelled: 'badge-red',
};

/** The status in words, with approvals while in review: "in review, 1 of 2 approvals". */
export function statusText(i18n: I18n, data: StageNodeData): string {
  const status = i18n.t(`stageStatus.${data.status}`);
  if (!data.approvals) return status;
  return i18n.t('ui.board.statusWithApprovals', {
    status,
    approvals: i18n.t('stageStatus.approvals', {
      count: data.approvals.count,
      needed: data.approvals.needed,
    }),
  });
}

/** The accessible name of a stage node: "Stage 3, Strategy: in review, 1 of 2 approvals". */
export function stageNodeLabel(
  i18n: I18n,
  data: StageNodeData,
  personName?: (id: string) => string,
): string {
  const { t } = i18n;
  // Everything the node shows, in the order it shows it: the node's own content is hidden
  // from assistive technology, so its name is all a screen reader hears.
  const parts = [
    t('ui.board.nodeLabel', {
      number: data.number,
      stage: i18n.stage(data.stage),
      status: statusText(i18n, data),
    }),
    data.recycles > (data.status === 'recycled' ? 1 : 0)
      ? t('ui.board.recycledCount', { count: data.recycles })
      : null,
    data.problems === null
      ? null
      : data.problems === 0
        ? t('ui.board.ready')
        : t('ui.board.problems', { count: data.problems }),
    data.tasks
      ? t('ui.board.tasks', {
          done: data.tasks.done,
          inProgress: data.tasks.inProgress,
          late: data.tasks.late,
          total: data.tasks.total,
        })
      : null,
    data.monitoring?.health ? i18n.label('health', data.monitoring.health) : null,
    data.monitoring && data.monitoring.openAlerts > 0
      ? t('ui.board.alerts', { count: data.monitoring.openAlerts })
      : null,
    data.monitoring && data.monitoring.withoutCountermeasure > 0
      ? t('ui.board.noCountermeasure', { count: data.monitoring.withoutCountermeasure })
      : null,
    data.ownerId && personName ? t('ui.board.owner', { name: personName(data.ownerId) }) : null,
  ];
  return parts
    .filter((part): part is string => part !== null)
    .map((part) => part.replace(/^✓\s*/, ''))
    .join(i18n.locale === 'zh-CN' ? '；' : '; ');
}

const SIDES = [
  ['l', Position.Left],
  ['r', Position.Right],
  ['t', Position.Top],
  ['b', Position.Bottom],
] as const;

/**
 * A target and a source handle on every side (`l-in`, `l-out`, …): the edges of both boards pick
 * the sides they leave and enter by. Not connectable: the flow is the machine's, not drawn.
 */
export function StageHandles() {
  return (
    <>
      {SIDES.map(([id, position]) => (
        <Handle
          key={`${id}-in`}
          id={`${id}-in`}
          type="target"
          position={position}
          isConnectable={false}
        />
      ))}
      {SIDES.map(([id, position]) => (
        <Handle
          key={`${id}-out`}
          id={`${id}-out`}
          type="source"
          position={position}
          isConnectable={false}
        />
      ))}
    </>
  );
}

/**
 * One stage of a run: number, name, status, and what stands open there. Drawn by the board's node
 * and by the phone's list of stages; its accessible name is set on what holds it
 * (`stageNodeLabel`), so the drawing itself is hidden from assistive technology.
 */
export function StageCard({
  data,
  handles = false,
}: {
  data: StageNodeData;
  /** On the board: where its edges attach. */
  handles?: boolean;
}) {
  const i18n = useI18n();
  const personName = usePersonName();
  const { t } = i18n;
  const classes = [
    'stage-node',
    data.status,
    data.current ? 'current' : '',
    data.selected ? 'selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} aria-hidden="true">
      {handles && <StageHandles />}
      <div className="stage-title">
        <span className="stage-num">{data.number}</span>
        <span>{i18n.stage(data.stage)}</span>
      </div>
      <div className="stage-meta">
        <span className={`badge ${STATUS_BADGE[data.status]}`}>{statusText(i18n, data)}</span>
        {data.recycles > (data.status === 'recycled' ? 1 : 0) && (
          <span className="badge badge-violet">
            {t('ui.board.recycledCount', { count: data.recycles })}
          </span>
        )}
      </div>
      {data.problems !== null && (
        <div
          className={data.problems === 0 ? 'small' : 'small muted'}
          style={{ color: data.problems === 0 ? 'var(--green)' : undefined }}
        >
          {data.problems === 0
            ? t('ui.board.ready')
            : t('ui.board.problems', { count: data.problems })}
        </div>
      )}
      {data.tasks && (
        <div className="small muted">
          {t('ui.board.tasks', {
            done: data.tasks.done,
            inProgress: data.tasks.inProgress,
            late: data.tasks.late,
            total: data.tasks.total,
          })}
        </div>
      )}
      {data.monitoring && (
        <div className="stage-meta small">
          {data.monitoring.health && (
            <span className={`badge badge-${data.monitoring.health}`}>
              <span className="dot" />
              {i18n.label('health', data.monitoring.health)}
            </span>
          )}
          {data.monitoring.openAlerts > 0 && (
            <span className="badge badge-red">
              {t('ui.board.alerts', { count: data.monitoring.openAlerts })}
            </span>
          )}
          {data.monitoring.withoutCountermeasure > 0 && (
            <span className="badge badge-red">
              {t('ui.board.noCountermeasure', { count: data.monitoring.withoutCountermeasure })}
            </span>
          )}
        </div>
      )}
      {data.ownerId && (
        <div className="owner">{t('ui.board.owner', { name: personName(data.ownerId) })}</div>
      )}
    </div>
  );
}

function StageNodeView({ data }: NodeProps<StageNode>) {
  return <StageCard data={data} handles />;
}

export const StageNodeComponent = memo(StageNodeView);
