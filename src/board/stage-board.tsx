import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
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
  type Viewport,
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
  /**
   * The stage to keep in view, readable, when the board is too small for all seven at a zoom
   * people can read (a side panel open on a small screen): it is shown with its neighbours.
   * With none, the nodes whose data say `current: true` (the run's current stages) are.
   */
  focus?: string | null;
}

/** Below this zoom the stage names (13 px) get too small to read. */
const READABLE_ZOOM = 0.75;
const MIN_ZOOM = 0.3;
const MAX_ZOOM = 1.6;

/**
 * Windows where the board is one part of a page that scrolls (phones, tablets upright: the side
 * panel goes under the board). There a finger or the wheel scrolls the page, not the board.
 */
export const SCROLLING_PAGE = '(max-width: 900px)';
/** Where a finger is the pointer: dragging then scrolls the page, two fingers zoom the board. */
const TOUCH = '(pointer: coarse)';

/** Whether a media query matches, following it as the window changes. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', changed);
      return () => list.removeEventListener('change', changed);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
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
  focus = null,
}: StageBoardProps<N, E>) {
  const i18n = useI18n();
  // When the board's room changes (a side panel opens, the window is resized), fit the stages to
  // it again: otherwise the later stages sit behind the panel, out of view.
  const { fitView, getZoom } = useReactFlow();
  const region = useRef<HTMLDivElement>(null);
  // The whole board when it fits readably; else the focused stage and its neighbours. Read
  // through a ref, so neither a new run state (new edges) nor a new focus re-subscribes below.
  const latest = useRef({ focus, edges, nodes });
  // Whether the whole board, fitted, is below a readable zoom (then the focus is what is shown).
  const narrow = useRef(false);
  latest.current = { focus, edges, nodes };
  const fit = useCallback(async () => {
    const { focus: stage, edges: links, nodes: all } = latest.current;
    await fitView({ padding });
    narrow.current = getZoom() < READABLE_ZOOM;
    if (!narrow.current) return;
    // No stage open: the run's current stage(s), rather than seven stages too small to read.
    const shown =
      stage !== null
        ? [stage]
        : all
            .filter((node) => (node.data as { current?: unknown }).current === true)
            .map((node) => node.id);
    if (shown.length === 0) return;
    // Neighbours along the process's forward edges: the long loops (next cycle, replan) would
    // take in most of the board again.
    const near = new Set(shown);
    for (const edge of links) {
      const kind = (edge.data as { kind?: unknown } | undefined)?.kind;
      if (kind !== undefined && kind !== 'forward') continue;
      if (shown.includes(edge.source)) near.add(edge.target);
      if (shown.includes(edge.target)) near.add(edge.source);
    }
    await fitView({
      nodes: [...near].map((id) => ({ id })),
      padding,
      minZoom: READABLE_ZOOM,
      // Natural size at most: two stages blown up say no more than two stages.
      maxZoom: 1,
    });
  }, [fitView, getZoom, padding]);
  useEffect(() => {
    const element = region.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    // Its first report is the initial size; later ones, a panel opening or the window resized.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void fit());
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [fit]);
  // Another stage chosen (or the panel closed) on a board too small to show all readably: bring
  // that one (or the current ones) into view. A board that shows everything readably keeps the
  // view the person left it in.
  const focused = useRef(focus);
  useEffect(() => {
    if (focused.current === focus) return;
    focused.current = focus;
    if (narrow.current) void fit();
  }, [focus, fit]);
  // A page that scrolls around the board: one finger (or the wheel) scrolls the page, and the
  // board is zoomed by pinching (or its buttons). Mouse drags still pan: they scroll nothing.
  const scrollingPage = useMediaQuery(SCROLLING_PAGE);
  const touch = useMediaQuery(TOUCH);
  const fingerScrolls = scrollingPage && touch;
  usePinchZoom(region, fingerScrolls);
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
      className={fingerScrolls ? `${className} board-finger-scrolls` : className}
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
        panOnDrag={!fingerScrolls}
        preventScrolling={!scrollingPage}
        fitView
        fitViewOptions={{ padding }}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
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

/**
 * Two-finger pinch on the board when dragging is left to the page (React Flow's own pinch is off
 * with its dragging): zooms about the point between the fingers, and moves with them.
 */
function usePinchZoom(region: RefObject<HTMLDivElement | null>, enabled: boolean) {
  const { getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    const element = region.current;
    if (!enabled || !element) return;
    let start: { distance: number; x: number; y: number; viewport: Viewport } | null = null;
    const measure = (touches: TouchList) => {
      const [a, b] = [touches[0]!, touches[1]!];
      const box = element.getBoundingClientRect();
      return {
        distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) || 1,
        x: (a.clientX + b.clientX) / 2 - box.left,
        y: (a.clientY + b.clientY) / 2 - box.top,
      };
    };
    const onStart = (event: TouchEvent) => {
      start =
        event.touches.length === 2 ? { ...measure(event.touches), viewport: getViewport() } : null;
    };
    const onMove = (event: TouchEvent) => {
      if (!start || event.touches.length !== 2) return;
      event.preventDefault();
      const now = measure(event.touches);
      const { viewport } = start;
      const zoom = Math.min(
        MAX_ZOOM,
        Math.max(MIN_ZOOM, (viewport.zoom * now.distance) / start.distance),
      );
      // The board point that was between the fingers stays between them.
      const pointX = (start.x - viewport.x) / viewport.zoom;
      const pointY = (start.y - viewport.y) / viewport.zoom;
      void setViewport({ x: now.x - pointX * zoom, y: now.y - pointY * zoom, zoom });
    };
    const onEnd = (event: TouchEvent) => {
      if (event.touches.length < 2) start = null;
    };
    element.addEventListener('touchstart', onStart, { passive: true });
    element.addEventListener('touchmove', onMove, { passive: false });
    element.addEventListener('touchend', onEnd, { passive: true });
    element.addEventListener('touchcancel', onEnd, { passive: true });
    return () => {
      element.removeEventListener('touchstart', onStart);
      element.removeEventListener('touchmove', onMove);
      element.removeEventListener('touchend', onEnd);
      element.removeEventListener('touchcancel', onEnd);
    };
  }, [region, enabled, getViewport, setViewport]);
}
