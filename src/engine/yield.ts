/**
 * Lets the page paint and handle input between slices of long work (imports, the sample
 * portfolio). `scheduler.yield()` where the browser has it: a chain of `setTimeout(0)` is clamped
 * to 4 ms per step after five steps, which measured over a second of idle time in a 1,000-run
 * import's validation.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
