import type { StageId } from '../domain/stages';

/**
 * Keeping keyboard focus where a person was working. A control disabled while its action runs
 * (or re-rendered in its place) drops focus to the page's body, so the next Tab starts from the
 * top; these put it back.
 */

/** The element that has focus now, if any (never the body). */
export function focusedElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/**
 * Once the page has rendered again, gives focus back to `element` if focus was lost meanwhile
 * (it is on the body) and the element is still on the page and enabled, else to `fallback`.
 * Does nothing when the person has moved on to another control.
 */
export function returnFocus(
  element: HTMLElement | null,
  fallback: () => HTMLElement | null = () => null,
): void {
  if (!element) return;
  let frames = 0;
  const attempt = () => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!lost) return;
    if (element.isConnected && !element.matches(':disabled')) element.focus();
    // Still disabled: the page may not have rendered its end yet. A few frames, then it stays so.
    else if (element.isConnected && frames++ < 6) requestAnimationFrame(attempt);
    // Gone with what it did (a form reset, a panel replaced): the fallback, else nowhere.
    else fallback()?.focus();
  };
  requestAnimationFrame(attempt);
}

/**
 * Scrolls `element` to the top of the window when it is out of sight. On a phone a panel opens
 * below what opened it, out of sight, and choosing seemed to do nothing; beside it (wider windows)
 * it is already in view and nothing moves.
 */
export function scrollIntoSight(element: HTMLElement | null): void {
  if (!element) return;
  const { top, bottom } = element.getBoundingClientRect();
  if (top > window.innerHeight || bottom < 0) element.scrollIntoView({ block: 'start' });
}

/** The open stage's heading: where focus goes when the control that had it goes away. */
export const STAGE_HEADING_ID = 'stage-panel-heading';

/**
 * The stage whose heading should take focus as its panel mounts, until when. A submission or a
 * decision can make the run page show a new panel in place of the old one a few frames later;
 * focusing the old heading alone would leave focus on nothing once it is gone. Scoped to the run
 * and stage acted on, and short-lived, so no other panel takes focus from the person.
 */
let headingRequest: { runId: string; stage: StageId; until: number } | null = null;

/** Moves focus to the open stage's heading, now and in a panel that replaces this one. */
export function focusStageHeading(runId: string, stage: StageId): void {
  headingRequest = { runId, stage, until: performance.now() + 1500 };
  document.getElementById(STAGE_HEADING_ID)?.focus();
}

/** As a stage's panel mounts: focuses its heading if an action asked for it a moment ago. */
export function focusRequestedHeading(runId: string, stage: StageId): void {
  const request = headingRequest;
  if (request?.runId !== runId || request.stage !== stage) return;
  if (performance.now() <= request.until) document.getElementById(STAGE_HEADING_ID)?.focus();
}

/** The first field of `container` that can take focus, while it is still on the page. */
export function firstField(container: Element | null): HTMLElement | null {
  if (!container?.isConnected) return null;
  return container.querySelector<HTMLElement>(
    'input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled)',
  );
}
