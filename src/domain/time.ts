/**
 * Calendar dates are ISO `YYYY-MM-DD` strings, moments are ISO timestamps. Domain code never reads
 * the clock: "today" and "now" are always passed in, so every rule can be tested on fixed dates.
 */
export type IsoDate = string;
export type IsoDateTime = string;

/** A clock the runtime injects. Tests pass a fixed one. */
export interface Clock {
  now(): IsoDateTime;
  /** Minutes the person's clock runs ahead of UTC at `at`; unknown (undefined) without it. */
  utcOffset?(at: IsoDateTime): number;
}

/** The runtime's own time zone at `at`, in minutes ahead of UTC (480 in Beijing). */
export function runtimeUtcOffset(at: IsoDateTime): number {
  // getTimezoneOffset counts the other way (-480 in Beijing); `|| 0` turns -0 into 0.
  return -new Date(at).getTimezoneOffset() || 0;
}

export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  utcOffset: runtimeUtcOffset,
};
export function fixedClock(at: IsoDateTime): Clock {
  return { now: () => at };
}

const DAY_MS = 86_400_000;

/** A clock for seeding example data (see `seedingClock`). */
export interface SeedingClock extends Clock {
  /** Moves on to 01:30 UTC on `date`, unless it is already later. */
  jump(date: IsoDate): void;
  /** Lets `days` pass (a stage being drafted). */
  rest(days: number): void;
}

/** The example team's working day in UTC: 09:30 to 19:00 in China (UTC+8). */
const WORKDAY_START_MS = 90 * 60_000;
const WORKDAY_END_MS = 11 * 3_600_000;

/**
 * A clock for seeding example data: starts at 01:30 UTC on `from`, moves forward `stepMinutes`
 * per reading within the team's working day (a step past 19:00 in China moves on to 09:30 the
 * next morning), rests for the days a phase takes, and can jump to the day a phase happens
 * (check-ins inside the period, the evaluation after it); it never goes back. With `until` it
 * never passes the end of the working day before it either: example data is never dated in the
 * future, and a phase that would run later is squeezed into the time left.
 */
export function seedingClock(from: IsoDate, stepMinutes: number, until?: IsoDate): SeedingClock {
  const limit =
    until === undefined ? Infinity : Date.parse(`${until}T00:00:00.000Z`) - DAY_MS + WORKDAY_END_MS;
  let t = Math.min(Date.parse(`${from}T01:30:00.000Z`), limit);
  const moveTo = (ms: number) => {
    t = Math.min(Math.max(t, ms), limit);
  };
  return {
    now: () => {
      let next = t + stepMinutes * 60_000;
      const timeOfDay = next - Math.floor(next / DAY_MS) * DAY_MS;
      if (timeOfDay >= WORKDAY_END_MS) next += DAY_MS - timeOfDay + WORKDAY_START_MS;
      else if (timeOfDay < WORKDAY_START_MS) next += WORKDAY_START_MS - timeOfDay;
      moveTo(next);
      return new Date(t).toISOString();
    },
    jump: (date) => moveTo(Date.parse(`${date}T01:30:00.000Z`)),
    rest: (days) => moveTo(t + days * DAY_MS),
  };
}

/** `YYYY-MM-DD` → UTC milliseconds. On the hot path of every check-in, so no split/map. */
function dateToUtcMs(date: IsoDate): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

function utcMsToDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** The calendar date of a timestamp, in UTC. */
export function dateOf(at: IsoDateTime): IsoDate {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The calendar date of a timestamp in the runtime's own time zone: the day the person at this
 * screen calls it. "Today" in the app is this, not the UTC date (07:00 in Beijing is still
 * yesterday in UTC). Reads no clock; stored records keep their UTC timestamps.
 */
export function localDateOf(at: IsoDateTime): IsoDate {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** UTC+14, the furthest ahead any place's clock runs. */
const LATEST_OFFSET_MS = 14 * 3_600_000;

/**
 * The latest calendar day anywhere on Earth at the instant `at`: a date after it is ahead for
 * everyone. What a person reports "today" is never after it, whatever their time zone (the UTC
 * date alone would call a note written at 07:00 in Beijing a day early).
 */
export function latestDayAt(at: IsoDateTime): IsoDate {
  return new Date(Date.parse(at) + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day a person calls "today" at the instant `at`: the date on their clock, `utcOffset`
 * minutes ahead of UTC; without one, the latest day anywhere (`latestDayAt`), which is never before it.
 */
export function personsDayAt(at: IsoDateTime, utcOffset: number | undefined): IsoDate {
  if (utcOffset === undefined) return latestDayAt(at);
  return new Date(Date.parse(at) + utcOffset * 60_000).toISOString().slice(0, 10);
}

/** A span of calendar days, both ends included (PeriodSchema checks it at the boundaries). */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** Calendar quarter `q` (1-4) of `year`. */
export function quarterPeriod(year: number, q: 1 | 2 | 3 | 4): Period {
  const startMonth = (q - 1) * 3;
  const start = utcMsToDate(Date.UTC(year, startMonth, 1));
  const end = utcMsToDate(Date.UTC(year, startMonth + 3, 1) - DAY_MS);
  return { start, end };
}

/** The quarter a date falls in. */
export function quarterOf(date: IsoDate): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const [y, m] = date.split('-').map(Number);
  return { year: y ?? 0, quarter: (Math.floor(((m ?? 1) - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** A short label: "2024-Q3" for a calendar quarter, "2024-07-01 – 2024-12-31" otherwise. */
export function periodLabel(period: Period): string {
  const { year, quarter } = quarterOf(period.start);
  const q = quarterPeriod(year, quarter);
  if (q.start === period.start && q.end === period.end) return `${year}-Q${quarter}`;
  if (period.start === `${year}-01-01` && period.end === `${year}-12-31`) return `${year}`;
  return `${period.start} – ${period.end}`;
}

/** The last day of the month `date` falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  return utcMsToDate(Date.UTC(+date.slice(0, 4), +date.slice(5, 7), 1) - DAY_MS);
}

/** Whole calendar months from `from`'s month to `to`'s (negative when `to` is earlier). */
/** Calendar months from `from`'s month to `to`'s: Jan 31 to Feb 1 is one. */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  return (+to.slice(0, 4) - +from.slice(0, 4)) * 12 + (+to.slice(5, 7) - +from.slice(5, 7));
}

/**
 * `date` moved by `months` calendar months. A month's last day stays its month's last day
 * (Mar 31 → Jun 30, Jun 30 → Sep 30, Feb 28 → Feb 29 in a leap year); another day keeps its
 * number, cut to the month's length (Jan 30 → Feb 28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) - 1 + months;
  const firstOfTarget = utcMsToDate(Date.UTC(y, m, 1));
  const lastOfTarget = monthEnd(firstOfTarget);
  if (date === monthEnd(date)) return lastOfTarget;
  const day = Math.min(+date.slice(8, 10), +lastOfTarget.slice(8, 10));
  return `${firstOfTarget.slice(0, 8)}${String(day).padStart(2, '0')}`;
}

/**
 * How many whole months a period spans: from a 1st to a month's last day (a month, quarter, half,
 * year, fiscal year), or from another day to the day before it some months on (a sales month of
 * the 26th to the 25th, a quarter from Nov 16); null for any other span.
 */
export function wholeMonths(period: Period): number | null {
  if (period.start.slice(8, 10) === '01') {
    return period.end === monthEnd(period.end) ? monthsBetween(period.start, period.end) + 1 : null;
  }
  // Up to the 28th, a day every month has; a month's last day would move with the month's length.
  if (+period.start.slice(8, 10) > 28 || period.start === monthEnd(period.start)) return null;
  const months = monthsBetween(period.start, period.end);
  return months >= 1 && addDays(addMonths(period.start, months), -1) === period.end ? months : null;
}

/**
 * The period that follows: as many whole months again for a period of whole months (the next
 * quarter, half, year or fiscal year, whatever the months' lengths; 26th to 25th again);
 * otherwise a period of the same number of days starting the day after.
 */
export function nextPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months !== null) {
    return {
      start: addMonths(period.start, months),
      end: addDays(addMonths(period.start, 2 * months), -1),
    };
  }
  const length = daysBetween(period.start, period.end);
  const start = addDays(period.end, 1);
  return { start, end: addDays(start, length) };
}

/**
 * A date of `from` placed at the same point of `to`, clamped into `to`: between periods of whole
 * months by calendar months (a quarter's last day stays the next quarter's last day), otherwise
 * by the days between their starts.
 */
export function shiftInto(date: IsoDate, from: Period, to: Period): IsoDate {
  const shifted =
    wholeMonths(from) !== null && wholeMonths(to) !== null
      ? addMonths(date, monthsBetween(from.start, to.start))
      : addDays(date, daysBetween(from.start, to.start));
  return shifted > to.end ? to.end : shifted < to.start ? to.start : shifted;
}

/**
 * A calendar date written out in text: "… worth ¥1.8M by 2026-12-31", not part of a longer code
 * ("SKU-2026-08-15-A").
 */
export const DATE_IN_TEXT = /(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])/g;

/** Whether `date` (YYYY-MM-DD) is a day of the calendar: 2026-02-30 and 2026-08-45 are not. */
function isCalendarDate(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}

/**
 * `text` with every date of `from` it mentions moved to the same point of `to` (`shiftInto`):
 * "by 2026-12-31" in last quarter's goal reads "by 2027-03-31" in the next. Dates outside `from`
 * ("since 2020-01-01") stay as written.
 */
export function shiftDatesInText(text: string, from: Period, to: Period): string {
  return text.replace(DATE_IN_TEXT, (date) =>
    isCalendarDate(date) && isWithin(date, from) ? shiftInto(date, from, to) : date,
  );
}

export function isWithin(date: IsoDate, period: Period): boolean {
  return date >= period.start && date <= period.end;
}
