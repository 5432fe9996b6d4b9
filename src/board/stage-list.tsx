import type { ReactNode } from 'react';
import type { StageId } from '../domain/stages';
import { useI18n } from '../i18n/react';
import './stage-list.css';

/**
 * Phones upright. A board of seven stages fitted to 390 px draws their names about 5 px tall, and
 * one at a readable size cuts its neighbours at the window's edges: the stages become a list.
 */
export const STAGE_LIST = '(max-width: 600px)';

/** The stage's button on whichever a page shows, the board or the list: to give focus back. */
export function stageOnBoard(stage: StageId): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `.react-flow__node[data-id="${stage}"], .stage-list-button[data-stage="${stage}"]`,
  );
}

export interface StageListItem {
  stage: StageId;
  /** Everything the card shows, in words: the card itself is hidden from assistive technology. */
  label: string;
  pressed: boolean;
  /** Where the run stands now (a run's board only). */
  current?: boolean;
  card: ReactNode;
}

/**
 * A board as a phone shows it: each stage a button holding the board's card at full size, in
 * order (execution and monitoring side by side, as they run), and the loops taken in words.
 */
export function StageCardList({
  label,
  busy = false,
  items,
  loopsLabel,
  loops,
  onSelect,
}: {
  label: string;
  busy?: boolean;
  items: readonly StageListItem[];
  loopsLabel: string;
  loops: readonly string[];
  onSelect(stage: StageId): void;
}) {
  const i18n = useI18n();
  return (
    <section className="stage-list-box" aria-label={label} aria-busy={busy}>
      <ol className="stage-list">
        {items.map((item) => (
          <li key={item.stage} className={`stage-list-item stage-list-item-${item.stage}`}>
            <button
              type="button"
              className="stage-list-button"
              data-stage={item.stage}
              aria-pressed={item.pressed}
              aria-current={item.current ? 'step' : undefined}
              aria-label={item.label}
              onClick={() => onSelect(item.stage)}
            >
              {item.card}
            </button>
          </li>
        ))}
      </ol>
      {loops.length > 0 && (
        <p className="small stage-list-loops">
          <span className="muted">{loopsLabel}</span> {i18n.list(loops)}
        </p>
      )}
    </section>
  );
}
