import { useCallback, useMemo, type KeyboardEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  type NodeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { RunContext } from '../../machines/run-context';
import { isStageId, type StageId } from '../domain/stages';
import { useI18n } from '../i18n/react';
import { runToEdges, runToNodes, type BoardOptions, type StageNode } from './graph';
import { StageNodeComponent, stageNodeLabel } from './stage-node';
import { LoopEdgeComponent } from './loop-edge';

// Module scope: React Flow re-creates every node when these objects change identity.
const nodeTypes = { stage: StageNodeComponent };
const edgeTypes = { loop: LoopEdgeComponent };

export interface RunBoardProps extends BoardOptions {
  context: RunContext;
  onOpenStage(stage: StageId): void;
}

function Board({ context, selected, draftProblems, today, onOpenStage }: RunBoardProps) {
  const i18n = useI18n();
  const nodes: StageNode[] = useMemo(
    () =>
      runToNodes(context, { selected, draftProblems, today }).map((node) => ({
        ...node,
        ariaLabel: stageNodeLabel(i18n, node.data),
        ariaRole: 'button' as const,
        draggable: false,
        connectable: false,
      })),
    [context, selected, draftProblems, today, i18n],
  );
  const edges = useMemo(
    () =>
      runToEdges(context).map((edge) => ({
        ...edge,
        focusable: false,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      })),
    [context],
  );
  const onNodeClick: NodeMouseHandler<StageNode> = useCallback(
    (_, node) => onOpenStage(node.data.stage),
    [onOpenStage],
  );
  // Enter or Space on a focused stage opens it, as a click would.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const id = (event.target as HTMLElement)
        .closest('.react-flow__node')
        ?.getAttribute('data-id');
      if (id && isStageId(id)) {
        event.preventDefault();
        onOpenStage(id);
      }
    },
    [onOpenStage],
  );

  return (
    <div
      className="board-canvas"
      onKeyDown={onKeyDown}
      role="region"
      aria-label={i18n.t('ui.board.region')}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        nodesFocusable
        edgesFocusable={false}
        fitView
        fitViewOptions={{ padding: 0.12 }}
        minZoom={0.3}
        maxZoom={1.6}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{
          'controls.ariaLabel': i18n.t('ui.board.controls'),
          'controls.zoomIn.ariaLabel': i18n.t('ui.board.zoomIn'),
          'controls.zoomOut.ariaLabel': i18n.t('ui.board.zoomOut'),
          'controls.fitView.ariaLabel': i18n.t('ui.board.fitView'),
        }}
      >
        <Background gap={20} color="#e3e6eb" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The seven stages of a run as a React Flow board. */
export default function RunBoard(props: RunBoardProps) {
  return (
    <ReactFlowProvider>
      <Board {...props} />
    </ReactFlowProvider>
  );
}
