import { describe, expect, it } from 'vitest';
import { latestDayAt, seedingClock } from '../../src/domain/time';

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
