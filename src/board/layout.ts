import type { StageId } from '../domain/stages';

/**
 * Where each stage sits on both boards: the planning row, then the two operating stages side by
 * side, then evaluation. A module of its own, so the portfolio does not load the run board's
 * graph code (and the machine's schemas behind it) just for the positions.
 */
export const STAGE_POSITIONS: Record<StageId, { x: number; y: number }> = {
  research: { x: 0, y: 0 },
  goals: { x: 250, y: 0 },
  strategy: { x: 500, y: 0 },
  resources: { x: 750, y: 0 },
  execution: { x: 600, y: 190 },
  monitoring: { x: 900, y: 190 },
  evaluation: { x: 750, y: 390 },
};

/** The forward flow on both boards: from, to, and the side each end attaches to. */
export const FORWARD_EDGES: ReadonlyArray<[StageId, StageId, string, string]> = [
  ['research', 'goals', 'r', 'l'],
  ['goals', 'strategy', 'r', 'l'],
  ['strategy', 'resources', 'r', 'l'],
  ['resources', 'execution', 'b', 't'],
  ['resources', 'monitoring', 'b', 't'],
  ['execution', 'evaluation', 'b', 't'],
  ['monitoring', 'evaluation', 'b', 't'],
];

/** True when two stages sit on the same row (a back edge between them arches over the row). */
export const sameRow = (a: StageId, b: StageId) => STAGE_POSITIONS[a].y === STAGE_POSITIONS[b].y;

/** Handles for a back edge: arches over the planning row, or climbs up from the operating rows. */
export function backHandles(from: StageId, to: StageId): [string, string] {
  return sameRow(from, to) ? ['t', 't'] : ['l', 'b'];
}
