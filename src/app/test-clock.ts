import { runtimeUtcOffset, systemClock, type Clock } from '../domain/time';

/**
 * The app runs on the real clock. Browser tests fix "now" with `?now=2024-07-15T09:00:00Z` on
 * the first page they open (remembered for the tab in sessionStorage), so "late", "pace" and
 * "next quarter" are tested on known dates. Time still moves forward from that point.
 */
export function testClock(): Clock {
  let fixed: string | null;
  try {
    const fromUrl = new URLSearchParams(location.search).get('now');
    if (fromUrl && !Number.isNaN(Date.parse(fromUrl)))
      sessionStorage.setItem('strategy-board.now', fromUrl);
    fixed = sessionStorage.getItem('strategy-board.now');
  } catch {
    fixed = null;
  }
  if (!fixed) return systemClock;
  const offset = Date.parse(fixed) - Date.now();
  return { now: () => new Date(Date.now() + offset).toISOString(), utcOffset: runtimeUtcOffset };
}
