import { describe, expect, it } from 'vitest';
import { checkEvent } from '../../machines/run-rules';
import type { RunEvent } from '../../machines/events';
import { demoContent } from '../../src/domain/scenarios';
import { personsDayAt } from '../../src/domain/time';
import { Driver, PERIOD, person, runInput } from '../support/driver';

const content = demoContent('newProductLaunch', 'en', PERIOD);
const sales = content.monitoring.kpis.find((k) => k.unit === 'CNY')!;
const BEIJING = 480;
const NEW_YORK = -240;

/** 18:00 in Beijing on 2024-08-20 (10:00 UTC): tomorrow has begun in Kiribati, not in Beijing. */
const beijingEvening = '2024-08-20T10:00:00.000Z';

const checkIn = (date: string, at: string, utcOffset?: number): RunEvent => ({
  type: 'kpi.checkIn',
  by: 'p-am1',
  roles: person('p-am1').roles,
  at,
  ...(utcOffset === undefined ? {} : { utcOffset }),
  kpiId: sales.id,
  date,
  value: 1_000_000,
  source: 'crm',
  reason: 'Behind pace',
});

const close = (at: string, utcOffset?: number): RunEvent => ({
  type: 'execution.close',
  by: 'p-lead',
  roles: ['lead'],
  at,
  ...(utcOffset === undefined ? {} : { utcOffset }),
  acceptance: '',
});

describe('a person’s own day', () => {
  it('is the date on their clock, or the latest day anywhere when their clock is unknown', () => {
    expect(personsDayAt(beijingEvening, BEIJING)).toBe('2024-08-20');
    expect(personsDayAt('2024-08-19T23:00:00.000Z', BEIJING)).toBe('2024-08-20');
    expect(personsDayAt('2024-08-20T02:00:00.000Z', NEW_YORK)).toBe('2024-08-19');
    expect(personsDayAt(beijingEvening, undefined)).toBe('2024-08-21');
  });
});

describe('dates still ahead, by the reporter’s clock (gate rules 7 on)', () => {
  it('refuses a check-in dated tomorrow in Beijing, though tomorrow has begun elsewhere', () => {
    const d = new Driver().toLive();
    const tomorrow = checkIn('2024-08-21', beijingEvening, BEIJING);
    expect(d.trySend(tomorrow)).toBe(false);
    expect(checkEvent(d.context, tomorrow)?.code).toBe('checkInDateInFuture');
    expect(d.trySend(checkIn('2024-08-20', beijingEvening, BEIJING))).toBe(true);
  });

  it('takes a check-in for today in Beijing at 07:00, while the UTC date is still yesterday', () => {
    const d = new Driver().toLive();
    expect(d.trySend(checkIn('2024-08-20', '2024-08-19T23:00:00.000Z', BEIJING))).toBe(true);
  });

  it('keeps accepting what was recorded without a clock: the latest day anywhere', () => {
    const d = new Driver().toLive();
    expect(d.trySend(checkIn('2024-08-21', beijingEvening))).toBe(true);
  });

  it('reads the latest day anywhere in a run created under gate rules 6, clock or not', () => {
    const underSix = () => new Driver(runInput({ rulesVersion: 6 })).toLive();
    expect(underSix().trySend(checkIn('2024-08-21', beijingEvening, BEIJING))).toBe(true);
    const lastEvening = '2024-09-30T10:30:00.000Z';
    expect(underSix().trySend(close(lastEvening, BEIJING))).toBe(true);
  });

  it('refuses meeting notes dated tomorrow by the writer’s clock', () => {
    const d = new Driver().toLive();
    const meeting = content.execution.meetings[0]!;
    const note = (date: string): RunEvent => ({
      type: 'meeting.note',
      by: 'p-mkt',
      roles: person('p-mkt').roles,
      at: beijingEvening,
      utcOffset: BEIJING,
      meetingId: meeting.id,
      date,
      decisions: 'Move ¥50k from the trade show to live streams',
      attendeeIds: ['p-lead', 'p-mkt'],
    });
    expect(checkEvent(d.context, note('2024-08-21'))?.code).toBe('noteDateInFuture');
    expect(d.trySend(note('2024-08-20'))).toBe(true);
  });
});

describe('closing execution on the period’s last evening', () => {
  // 18:30 in Beijing on the quarter's last day; in Kiribati the next day has begun.
  const lastEvening = '2024-09-30T10:30:00.000Z';

  it('is early for a lead in Beijing: their quarter is not over, so it needs an acceptance', () => {
    const d = new Driver().toLive();
    expect(checkEvent(d.context, close(lastEvening, BEIJING))?.code).toBe(
      'earlyCloseNeedsAcceptance',
    );
  });

  it('is early in New York until midnight there, and not after', () => {
    const d = new Driver().toLive();
    expect(checkEvent(d.context, close('2024-10-01T03:59:00.000Z', NEW_YORK))?.code).toBe(
      'earlyCloseNeedsAcceptance',
    );
    expect(d.trySend(close('2024-10-01T04:00:00.000Z', NEW_YORK))).toBe(true);
  });

  it('was not early when recorded without a clock', () => {
    expect(new Driver().toLive().trySend(close(lastEvening))).toBe(true);
  });
});
