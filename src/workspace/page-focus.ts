/**
 * Focuses the page's own heading (the `h1` of its main landmark), where reading starts: after a
 * move to another page, or when what had focus went away with nothing near it to take it.
 * Returns whether there was one.
 */
export function focusPageHeading(): boolean {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}
