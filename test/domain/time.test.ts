import { describe, expect, it } from 'vitest';
import {
  addMonths,
  latestDayAt,
  localDateOf,
  nextPeriod,
  seedingClock,
  shiftInto,
} from '../../src/domain/time';

describe('the clock that seeds example data', () => {
  it('moves on by its step at every reading, from 01:30 UTC on its first day', () => {
    const clock = seedingClock('2026-09-01', 60);
    expect([clock.now(), clock.now()]).toEqual([
      '2026-09-01T02:30:00.000Z',
      '2026-09-01T03:30:00.000Z',
    ]);
  });

  it('rests for the days a phase takes, and jumps forward but never back', () => {
    const clock = seedingClock('2026-09-01', 60);
    clock.rest(3);
    expect(clock.now()).toBe('2026-09-04T02:30:00.000Z');
    clock.jump('2026-09-02');
    expect(clock.now()).toBe('2026-09-04T03:30:00.000Z');
    clock.jump('2026-09-10');
    expect(clock.now()).toBe('2026-09-10T02:30:00.000Z');
  });

  it("keeps to the team's working day: a step past 19:00 in China waits for 09:30 next morning", () => {
    const clock = seedingClock('2026-09-01', 4 * 60);
    expect([clock.now(), clock.now(), clock.now()]).toEqual([
      '2026-09-01T05:30:00.000Z',
      '2026-09-01T09:30:00.000Z',
      '2026-09-02T01:30:00.000Z',
    ]);
  });

  it('never passes the end of the working day before its last day: later work is squeezed there', () => {
    const clock = seedingClock('2026-09-01', 60, '2026-09-03');
    clock.rest(5);
    expect(clock.now()).toBe('2026-09-02T11:00:00.000Z');
    clock.jump('2026-12-31');
    expect(clock.now()).toBe('2026-09-02T11:00:00.000Z');
  });

  it('takes a step that ends at exactly 19:00 in China as the next morning', () => {
    const clock = seedingClock('2026-09-01', (11 * 60 - 90) / 2);
    expect([clock.now(), clock.now()]).toEqual([
      '2026-09-01T06:15:00.000Z',
      '2026-09-02T01:30:00.000Z',
    ]);
  });
});

describe('the latest day anywhere', () => {
  it('is the next day once it is past 10:00 UTC (midnight at UTC+14), else the UTC day', () => {
    expect(latestDayAt('2026-11-27T09:59:59.999Z')).toBe('2026-11-27');
    expect(latestDayAt('2026-11-27T10:00:00.000Z')).toBe('2026-11-28');
    // 07:00 in Beijing on the 28th: already that day there.
    expect(latestDayAt('2026-11-27T23:00:00.000Z')).toBe('2026-11-28');
  });
});

describe('the period that follows', () => {
  it('is the next quarter, year, half, month or fiscal year, whatever the months’ lengths', () => {
    expect(nextPeriod({ start: '2024-07-01', end: '2024-09-30' })).toEqual({
      start: '2024-10-01',
      end: '2024-12-31',
    });
    expect(nextPeriod({ start: '2024-10-01', end: '2024-12-31' })).toEqual({
      start: '2025-01-01',
      end: '2025-03-31',
    });
    expect(nextPeriod({ start: '2024-01-01', end: '2024-12-31' })).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
    });
    expect(nextPeriod({ start: '2024-07-01', end: '2024-12-31' })).toEqual({
      start: '2025-01-01',
      end: '2025-06-30',
    });
    expect(nextPeriod({ start: '2025-01-01', end: '2025-01-31' })).toEqual({
      start: '2025-02-01',
      end: '2025-02-28',
    });
    expect(nextPeriod({ start: '2023-04-01', end: '2024-03-31' })).toEqual({
      start: '2024-04-01',
      end: '2025-03-31',
    });
  });

  it('is as many months again for months counted from another day than the 1st', () => {
    // A sales month of the 26th to the 25th kept 30 days and slid: Feb 26 – Mar 27.
    expect(nextPeriod({ start: '2024-01-26', end: '2024-02-25' })).toEqual({
      start: '2024-02-26',
      end: '2024-03-25',
    });
    expect(nextPeriod({ start: '2024-02-26', end: '2024-03-25' })).toEqual({
      start: '2024-03-26',
      end: '2024-04-25',
    });
    expect(nextPeriod({ start: '2023-11-16', end: '2024-02-15' })).toEqual({
      start: '2024-02-16',
      end: '2024-05-15',
    });
  });

  it('is as many days again, from the day after, for a period of days', () => {
    expect(nextPeriod({ start: '2024-07-15', end: '2024-08-20' })).toEqual({
      start: '2024-08-21',
      end: '2024-09-26',
    });
    // From a month's last day, months would change length: counted in days.
    expect(nextPeriod({ start: '2023-02-28', end: '2023-03-27' })).toEqual({
      start: '2023-03-28',
      end: '2023-04-24',
    });
  });
});

describe('a date moved into the next period', () => {
  const q1 = { start: '2023-01-01', end: '2023-03-31' };
  const q2 = { start: '2023-04-01', end: '2023-06-30' };
  const q3 = { start: '2023-07-01', end: '2023-09-30' };

  it('keeps a month’s last day its last day: a quarter-end deadline stays the quarter’s end', () => {
    expect(shiftInto('2023-03-31', q1, q2)).toBe('2023-06-30');
    expect(shiftInto('2023-06-30', q2, q3)).toBe('2023-09-30');
    expect(
      shiftInto(
        '2023-12-31',
        { start: '2023-01-01', end: '2023-12-31' },
        {
          start: '2024-01-01',
          end: '2024-12-31',
        },
      ),
    ).toBe('2024-12-31');
    expect(
      shiftInto(
        '2024-02-29',
        { start: '2024-01-01', end: '2024-12-31' },
        {
          start: '2025-01-01',
          end: '2025-12-31',
        },
      ),
    ).toBe('2025-02-28');
  });

  it('keeps the day of the month otherwise, cut to a shorter month', () => {
    expect(shiftInto('2023-02-10', q1, q2)).toBe('2023-05-10');
    expect(addMonths('2023-01-30', 1)).toBe('2023-02-28');
  });

  it('moves by days between periods that are not whole months, clamped into the new one', () => {
    const a = { start: '2024-07-15', end: '2024-08-14' };
    const b = { start: '2024-08-15', end: '2024-09-14' };
    expect(shiftInto('2024-08-01', a, b)).toBe('2024-09-01');
    expect(shiftInto('2024-08-14', a, b)).toBe('2024-09-14');
  });
});

describe("the reader's day of a moment", () => {
  it('is the calendar day in the time zone the app runs in, not the UTC day', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      expect(localDateOf('2026-11-26T23:30:00.000Z')).toBe('2026-11-27');
      process.env.TZ = 'America/New_York';
      expect(localDateOf('2026-11-27T03:30:00.000Z')).toBe('2026-11-26');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
