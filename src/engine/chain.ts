import type { RunContext } from '../../machines/run-context';
import type { StrategyDb } from '../storage/db';
import type { RunRow } from '../storage/records';
import { readContext } from './stored';

/** The most runs a chain is followed through; longer chains (or loops in bad data) stop there. */
export const MAX_CHAIN_LENGTH = 200;

/** The list fields of a run that a chain shows: never its stored snapshot. */
export type ChainRow = Pick<
  RunRow,
  | 'id'
  | 'title'
  | 'scenario'
  | 'periodStart'
  | 'periodEnd'
  | 'leadId'
  | 'parentRunId'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
>;

export interface ChainRun {
  row: ChainRow;
  /** The run's stored context; null when it could not be read (`error` says why). */
  context: RunContext | null;
  error: string | null;
}

function chainRow(row: RunRow): ChainRow {
  return {
    id: row.id,
    title: row.title,
    scenario: row.scenario,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    leadId: row.leadId,
    parentRunId: row.parentRunId,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function chainRun(db: StrategyDb, row: RunRow): Promise<ChainRun> {
  try {
    const context = await readContext(db, row.id);
    return {
      row: chainRow(row),
      context,
      error: context ? null : `run ${row.id} has no stored snapshot`,
    };
  } catch (error) {
    return { row: chainRow(row), context: null, error: (error as Error).message };
  }
}

const byPeriod = (a: RunRow, b: RunRow) =>
  a.periodStart.localeCompare(b.periodStart) ||
  a.createdAt.localeCompare(b.createdAt) ||
  a.id.localeCompare(b.id);

/**
 * The chain of cycles `runId` belongs to, oldest first: its parents up to the first cycle (by
 * `parentRunId`), the run, then its children down to the newest (by the `parentRunId` index).
 * A run has one next cycle (`cycle.link`); should the rows name several (a copied import), the
 * chain follows the one the run's context links to, else the earliest by period. Contexts are
 * read through `readContext` only. Null when `runId` does not exist.
 *
 * Reads many rows: call it inside `useLiveQuery` for a chain that stays current.
 */
export async function readChain(db: StrategyDb, runId: string): Promise<ChainRun[] | null> {
  const start = await db.runs.get(runId);
  if (!start) return null;
  const seen = new Set([start.id]);
  const older: RunRow[] = [];
  for (let row = start; row.parentRunId !== null && seen.size < MAX_CHAIN_LENGTH;) {
    const parent = await db.runs.get(row.parentRunId);
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    older.unshift(parent);
    row = parent;
  }
  const chain = await Promise.all([...older, start].map((row) => chainRun(db, row)));
  for (let last = chain.at(-1); last && seen.size < MAX_CHAIN_LENGTH;) {
    const children = (await db.runs.where('parentRunId').equals(last.row.id).toArray())
      .filter((child) => !seen.has(child.id))
      .sort(byPeriod);
    const linked = last.context?.childRunId;
    const next = children.find((child) => child.id === linked) ?? children[0];
    if (!next) break;
    seen.add(next.id);
    last = await chainRun(db, next);
    chain.push(last);
  }
  return chain;
}
