import { useCallback, useMemo, useReducer, useRef, type KeyboardEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  type NodeChange,
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
  // The nodes are derived from the run on every change, so they arrive as new objects. React Flow
  // only shows a node it knows the size of; without these sizes a fresh node object stays hidden
  // until it happens to be measured again (a blank board). Keep what React Flow measured and pass
  // it back with every node.
  const measured = useRef(new Map<string, { width: number; height: number }>());
  const [sizes, remeasured] = useReducer((n: number) => n + 1, 0);
  const onNodesChange = useCallback((changes: NodeChange<StageNode>[]) => {
    let changed = false;
    for (const change of changes) {
      if (change.type !== 'dimensions' || !change.dimensions) continue;
      const known = measured.current.get(change.id);
      if (known?.width === change.dimensions.width && known.height === change.dimensions.height)
        continue;
      measured.current.set(change.id, change.dimensions);
      changed = true;
    }
    if (changed) remeasured();
  }, []);
  const nodes: StageNode[] = useMemo(
    () =>
      runToNodes(context, { selected, draftProblems, today }).map((node) => ({
        ...node,
        measured: measured.current.get(node.id),
        ariaLabel: stageNodeLabel(i18n, node.data),
        ariaRole: 'button' as const,
        draggable: false,
        connectable: false,
      })),
    // `sizes` counts the measurements that changed the map above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [context, selected, draftProblems, today, i18n, sizes],
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
        onNodesChange={onNodesChange}
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
