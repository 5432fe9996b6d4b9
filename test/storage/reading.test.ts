import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TransferError, readWorkspaceText, readingWorkspaceText } from '../../src/storage/transfer';

const valid = JSON.parse(
  readFileSync(new URL('../fixtures/hostile/valid.json', import.meta.url), 'utf8'),
) as { runs: unknown[] };

/** The valid file with its first run repeated `count` times: enough runs to read in steps. */
function manyRuns(count: number, change?: (run: Record<string, unknown>, i: number) => void) {
  const runs = Array.from({ length: count }, (_, i) => {
    const run = structuredClone(valid.runs[0]) as Record<string, unknown>;
    change?.(run, i);
    return run;
  });
  return JSON.stringify({ ...valid, runs });
}

/** Drives the reading to its end; returns the file and how often it paused. */
function readAll(text: string) {
  const reading = readingWorkspaceText(text);
  let pauses = 0;
  for (let step = reading.next(); ; step = reading.next(), pauses += 1) {
    if (step.done) return { file: step.value, pauses };
  }
}

describe('reading a large file in steps', () => {
  it('pauses after parsing, after walking the tree and every 25 runs, and reads the same file', () => {
    const text = manyRuns(60);
    const { file, pauses } = readAll(text);
    expect(pauses).toBe(4);
    expect(file).toEqual(readWorkspaceText(text));
    expect(file.runs).toHaveLength(60);
  });

  it('names the run, far into the file, whose entry does not fit the format', () => {
    const text = manyRuns(60, (run, i) => {
      if (i === 40) (run.run as Record<string, unknown>).title = 42;
    });
    const error = (() => {
      try {
        readAll(text);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TransferError);
    expect((error as TransferError).path).toBe('runs[40].run.title');
    expect((error as TransferError).code).toBe('wrongType');
  });
});

describe('a file with several problems', () => {
  /** The refusal for the valid file with its first run's title a number and `change` applied. */
  function refusal(change: (file: Record<string, unknown>) => void) {
    const file = structuredClone(valid) as Record<string, unknown> & {
      runs: Array<{ run: Record<string, unknown> }>;
    };
    file.runs[0]!.run.title = 42;
    change(file);
    try {
      readWorkspaceText(JSON.stringify(file));
    } catch (error) {
      const { code, path } = error as TransferError;
      return `${code} ${path}`;
    }
    return 'accepted';
  }

  it('is refused for a run’s problem before the people’s, an unknown key or people missing', () => {
    const people = (f: Record<string, unknown>) => f.people as Array<Record<string, unknown>>;
    expect(refusal((f) => (people(f)[0]!.name = 42))).toBe('wrongType runs[0].run.title');
    expect(refusal((f) => (f.extra = true))).toBe('wrongType runs[0].run.title');
    expect(refusal((f) => delete f.people)).toBe('wrongType runs[0].run.title');
  });

  it('is refused for the fields before the runs first, as one schema of the file reads them', () => {
    expect(refusal((f) => (f.exportedAt = 'yesterday'))).toMatch(/^\w+ exportedAt$/);
    expect(refusal((f) => (f.machineVersion = 'two'))).toBe('wrongType machineVersion');
  });
});
