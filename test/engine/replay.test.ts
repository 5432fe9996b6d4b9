import { describe, expect, it, vi } from 'vitest';
import { STAGE_CONTENT_SCHEMAS } from '../../src/domain/content';
import { STAGE_IDS } from '../../src/domain/stages';
import { replayRecords } from '../../src/engine/replay';
import { SampleRunBuilder, type SampleRun } from '../../src/engine/sample-portfolio';
import type { EventRecord } from '../../src/storage/records';
import { freshDb } from '../support/db';

const builder = new SampleRunBuilder(freshDb(), {
  now: '2026-11-27T09:00:00.000Z',
  locale: 'en',
  seed: 7,
});
const runs: SampleRun[] = Array.from({ length: 60 }, (_, i) => builder.build(i));

/** A copy of `records` with the record at `index` changed by `change`. */
function withRecord(
  records: readonly EventRecord[],
  index: number,
  change: (r: EventRecord) => EventRecord,
): EventRecord[] {
  return records.map((r, i) => (i === index ? change(r) : r));
}

describe('replaying a run log', () => {
  it('parses each submitted stage content once, for its guard and its action', () => {
    const spies = STAGE_IDS.flatMap((stage) => [
      vi.spyOn(STAGE_CONTENT_SCHEMAS[stage], 'safeParse'),
      vi.spyOn(STAGE_CONTENT_SCHEMAS[stage], 'parse'),
    ]);
    try {
      for (const run of runs.slice(0, 10)) replayRecords(run.records);
      const submits = runs
        .slice(0, 10)
        .reduce((n, run) => n + run.records.filter((r) => r.type === 'stage.submit').length, 0);
      expect(submits).toBeGreaterThan(10);
      expect(spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0)).toBe(submits);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('names the record that made the machine throw, and why', () => {
    const run = runs.find((r) => r.records.some((x) => x.type === 'gate.decide'))!;
    const index = run.records.findIndex((x) => x.type === 'gate.decide');
    const broken = withRecord(run.records, index, (r) => ({
      ...r,
      payload: { ...(r.payload as object), roles: 5 },
    }));
    expect(() => replayRecords(broken)).toThrow(
      new RegExp(`^record ${index} \\(gate\\.decide\\) failed on replay: `),
    );
  });

  it('accepts nothing after a run was cancelled', () => {
    const done = runs.find((r) => r.stored.row.status === 'cancelled')!;
    expect(replayRecords(done.records).status).toBe('done');
    const last = done.records.at(-1)!;
    const extra = { ...last, seq: last.seq + 1 };
    expect(() => replayRecords([...done.records, extra])).toThrow(
      `record ${extra.seq} (${extra.type}) was not accepted on replay`,
    );
  });

  it('stops after the record asked for', () => {
    const run = runs.find((r) => r.records.length > 10)!;
    const asOf = replayRecords(run.records, 5);
    expect(asOf).toEqual(replayRecords(run.records.slice(0, 6)));
  });
});
