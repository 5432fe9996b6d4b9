import type { Problem } from '../../domain/gate';
import type { Goal, Kpi, StageContentMap, StrategyContent } from '../../domain/content';
import type { MeasuredActual } from '../../domain/results';
import type { Person } from '../../domain/people';
import type { StageId } from '../../domain/stages';
import type { Period } from '../../domain/time';

/**
 * What every stage form receives. Forms are controlled: they render `value` and report every
 * change with the whole new content through `onChange` (the panel debounces and autosaves).
 */
export interface StageFormProps<S extends StageId = StageId> {
  stage: S;
  value: StageContentMap[S];
  onChange(value: StageContentMap[S]): void;
  /** Approved or in-review stages are shown read-only. */
  readOnly: boolean;
  /** Gate problems, shown next to the field their `path` points at (relative to the content). */
  problems: readonly Problem[];
  /** People, for owner pickers. */
  people: readonly Person[];
  /** Goals to link to: the approved goals (for the goals stage itself, its own draft's goals). */
  goals: readonly Goal[];
  /** The approved strategy, for attribution links in the evaluation; null before it is approved. */
  strategy: StrategyContent | null;
  period: Period;
  /** The approved KPIs, to tell which KPI measures a goal (evaluation). */
  kpis: readonly Kpi[];
  /** Each goal's actual computed from its KPI's check-ins (`measuredActuals`), for the evaluation. */
  measured: ReadonlyMap<string, MeasuredActual>;
}

/**
 * The DOM id of the input for a content path, e.g. ['goals', 0, 'target'] → "f-goals-0-target".
 * The readiness checklist uses it to move focus to the field a problem concerns.
 */
export function fieldId(path: readonly (string | number)[]): string {
  return `f-${path.map(String).join('-')}`;
}

/** The closest element for a problem path: the field itself, else its nearest enclosing item. */
export function focusField(path: readonly (string | number)[]): boolean {
  for (let n = path.length; n > 0; n -= 1) {
    const el = document.getElementById(fieldId(path.slice(0, n)));
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
      return true;
    }
  }
  return false;
}

/** A fresh id for an item a person adds ("g-3f9a1c2e"). */
export function newItemId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
}
