import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Edge,
  type EdgeTypes,
  type Node,
  type NodeChange,
  type NodeTypes,
  type PanelPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { isStageId, type StageId } from '../domain/stages';
import { useI18n } from '../i18n/react';

export interface StageBoardProps<N extends Node, E extends Edge> {
  nodes: N[];
  edges: E[];
  /** Module-scope objects: React Flow re-creates every node when they change identity. */
  nodeTypes: NodeTypes;
  edgeTypes: EdgeTypes;
  /** A stage chosen by click, Enter or Space. Node ids are stage ids on both boards. */
  onStage(stage: StageId): void;
  onNodesChange?: (changes: NodeChange<N>[]) => void;
  /** The region's accessible name. */
  label: string;
  busy?: boolean;
  className?: string;
  padding?: number;
  controlsPosition?: PanelPosition;
  /** Panels drawn over the board (e.g. a legend). */
  children?: ReactNode;
}

/**
 * The shell both boards of the seven stages share (a run's, and the portfolio's): a read-only
 * React Flow canvas whose stages are buttons — focusable, named, chosen by click, Enter or Space —
 * with arrows on every edge, zoom controls named in the person's language, and the whole board
 * fitted on first show. Callers draw the nodes and edges; the shell makes them behave alike.
 */
export function StageBoard<N extends Node, E extends Edge>({
  nodes,
  edges,
  nodeTypes,
  edgeTypes,
  onStage,
  onNodesChange,
  label,
  busy,
  className = 'board-canvas',
  padding = 0.12,
  controlsPosition,
  children,
}: StageBoardProps<N, E>) {
  const i18n = useI18n();
  // When the board's room changes (a side panel opens, the window is resized), fit the stages to
  // it again: otherwise the later stages sit behind the panel, out of view.
  const { fitView } = useReactFlow();
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = region.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let first = true;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      // The first report is the initial size, which the fitView prop already fits.
      if (first) {
        first = false;
        return;
      }
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void fitView({ padding }));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fitView, padding]);
  const shownNodes = useMemo(
    () =>
      nodes.map((node) => ({
        ...node,
        ariaRole: 'button' as const,
        draggable: false,
        connectable: false,
      })),
    [nodes],
  );
  const shownEdges = useMemo(
    () =>
      edges.map((edge) => ({
        ...edge,
        // Read as "Research to Goal setting", in the app's language (React Flow's own is English).
        ariaLabel:
          edge.ariaLabel ??
          (isStageId(edge.source) && isStageId(edge.target)
            ? i18n.t('ui.board.edgeLabel', {
                from: i18n.stage(edge.source),
                to: i18n.stage(edge.target),
              })
            : undefined),
        focusable: false,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      })),
    [edges, i18n],
  );
  const onNodeClick = useCallback(
    (_: unknown, node: N) => {
      if (isStageId(node.id)) onStage(node.id);
    },
    [onStage],
  );
  // Enter or Space on a focused stage chooses it, as a click does.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const id = (event.target as HTMLElement)
        .closest('.react-flow__node')
        ?.getAttribute('data-id');
      if (id && isStageId(id)) {
        event.preventDefault();
        onStage(id);
      }
    },
    [onStage],
  );
  return (
    <div
      ref={region}
      className={className}
      onKeyDown={onKeyDown}
      role="region"
      aria-label={label}
      aria-busy={busy}
    >
      <ReactFlow
        nodes={shownNodes}
        edges={shownEdges}
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
        fitViewOptions={{ padding }}
        minZoom={0.3}
        maxZoom={1.6}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{
          'controls.ariaLabel': i18n.t('ui.board.controls'),
          'controls.zoomIn.ariaLabel': i18n.t('ui.board.zoomIn'),
          'controls.zoomOut.ariaLabel': i18n.t('ui.board.zoomOut'),
          'controls.fitView.ariaLabel': i18n.t('ui.board.fitView'),
          'node.a11yDescription.default': i18n.t('ui.board.nodeHelp'),
          'node.a11yDescription.keyboardDisabled': i18n.t('ui.board.nodeHelp'),
          // Read out by the board even though its arrows are not focusable: say what they are.
          'edge.a11yDescription.default': i18n.t('ui.board.edgeHelp'),
        }}
      >
        <Background gap={20} color="#e3e6eb" />
        <Controls showInteractive={false} position={controlsPosition} />
        {children}
      </ReactFlow>
    </div>
  );
}
