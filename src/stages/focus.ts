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
 * (it is on the body) and the element is still on the page and enabled. Does nothing when the
 * person has moved on to another control.
 */
export function returnFocus(element: HTMLElement | null): void {
  if (!element) return;
  requestAnimationFrame(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && element.isConnected && !element.matches(':disabled')) element.focus();
  });
}
