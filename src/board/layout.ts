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
