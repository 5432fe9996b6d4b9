import { describe, expect, it } from 'vitest';
import { defaultNextCycle, nextCyclePeriods } from '../../src/app/next-cycle-dialog';

const Q3 = { start: '2026-07-01', end: '2026-09-30' };

describe('the periods a next cycle may cover', () => {
  it('offers the quarter after this one, and the one after it once that has begun', () => {
    expect(nextCyclePeriods(Q3, '2026-09-15')).toEqual([
      { start: '2026-10-01', end: '2026-12-31' },
    ]);
    expect(nextCyclePeriods(Q3, '2026-11-27')).toEqual([
      { start: '2026-10-01', end: '2026-12-31' },
      { start: '2027-01-01', end: '2027-03-31' },
    ]);
  });

  it('proposes the earliest that has not ended: a quarter under way still can be planned', () => {
    const periods = nextCyclePeriods(Q3, '2026-11-27');
    expect(defaultNextCycle(periods, '2026-11-27')).toEqual(periods[0]);
    const late = nextCyclePeriods(Q3, '2027-01-10');
    expect(defaultNextCycle(late, '2027-01-10')).toEqual({
      start: '2027-01-01',
      end: '2027-03-31',
    });
  });

  it('offers a few at most, however late the evaluation came', () => {
    expect(nextCyclePeriods(Q3, '2030-01-01')).toHaveLength(4);
  });
});
