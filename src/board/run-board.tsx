import { useCallback, useMemo, useReducer, useRef } from 'react';
import { ReactFlowProvider, type NodeChange } from '@xyflow/react';
import type { RunContext } from '../../machines/run-context';
import { isStageId, stageNumber, type StageId } from '../domain/stages';
import { useI18n, type I18n } from '../i18n/react';
import { usePersonName } from '../workspace/workspace';
import { runToEdges, runToNodes, type BoardEdge, type BoardOptions, type StageNode } from './graph';
import { StageCard, StageNodeComponent, stageNodeLabel } from './stage-node';
import { LoopEdgeComponent } from './loop-edge';
import { StageBoard, useMediaQuery } from './stage-board';
import { STAGE_LIST, StageCardList } from './stage-list';

// Module scope: React Flow re-creates every node when these objects change identity.
const nodeTypes = { stage: StageNodeComponent };
const edgeTypes = { loop: LoopEdgeComponent };

export interface RunBoardProps extends BoardOptions {
  context: RunContext;
  onOpenStage(stage: StageId): void;
}

function Board({ context, selected, draftProblems, today, onOpenStage }: RunBoardProps) {
  const i18n = useI18n();
  const personName = usePersonName();
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
        ariaLabel: stageNodeLabel(i18n, node.data, personName),
        // The open stage is pressed; the stage(s) the run stands at are its current step.
        domAttributes: {
          'aria-pressed': node.data.selected,
          ...(node.data.current ? { 'aria-current': 'step' as const } : {}),
        },
      })),
    // `sizes` counts the measurements that changed the map above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [context, selected, draftProblems, today, i18n, personName, sizes],
  );
  const edges = useMemo(() => runToEdges(context), [context]);
  const list = useMediaQuery(STAGE_LIST);
  // A run that is over stands nowhere: on a board too small to read whole, show where it ended.
  const outcome = context.outcome;
  const ended = outcome ? (outcome.kind === 'killed' ? outcome.stage : 'evaluation') : null;
  if (list) {
    return (
      <StageCardList
        label={i18n.t('ui.board.region')}
        items={nodes.map((node) => ({
          stage: node.data.stage,
          label: node.ariaLabel ?? '',
          pressed: node.data.selected,
          current: node.data.current,
          card: <StageCard data={node.data} />,
        }))}
        loopsLabel={i18n.t('ui.board.loopsTaken')}
        loops={loopsTaken(i18n, edges)}
        onSelect={onOpenStage}
      />
    );
  }
  return (
    <StageBoard
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onStage={onOpenStage}
      onNodesChange={onNodesChange}
      label={i18n.t('ui.board.region')}
      focus={selected ?? ended}
    />
  );
}

/** The loops a run has taken, in words, for the list that stands in for the board on a phone. */
function loopsTaken(i18n: I18n, edges: readonly BoardEdge[]): string[] {
  return edges.flatMap((edge) => {
    const data = edge.data;
    if (!data || data.kind === 'forward' || data.count === 0) return [];
    if (data.kind !== 'recycle')
      return [i18n.t(`ui.board.edge.${data.kind}`, { count: data.count })];
    if (!isStageId(edge.source) || !isStageId(edge.target)) return [];
    // Which gate sent the work back where, as the portfolio says it.
    return [
      i18n.t('portfolio.edge.recycle', {
        count: data.count,
        from: stageNumber(edge.source),
        to: stageNumber(edge.target),
      }),
    ];
  });
}

/** The seven stages of a run as a React Flow board (a list of them on a phone). */
export default function RunBoard(props: RunBoardProps) {
  return (
    <ReactFlowProvider>
      <Board {...props} />
    </ReactFlowProvider>
  );
}
