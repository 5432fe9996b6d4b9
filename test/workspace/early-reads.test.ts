import { describe, expect, it } from 'vitest';
import {
  discardEarlyReads,
  readRunsEarly,
  takeEarlyRuns,
  workspaceOpened,
} from '../../src/workspace/early-reads';
import { seedDemoWorkspace } from '../../src/engine/demo';
import { freshDb } from '../support/db';

describe('the portfolio runs read started before the first render', () => {
  it('waits until the workspace has read what it opens with, then reads every run', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    readRunsEarly(db);
    const early = takeEarlyRuns(db)!;
    let settled = false;
    void early.then(() => (settled = true));
    await db.meta.get('workspace');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);

    workspaceOpened(db);
    const rows = await early;
    expect(rows.map((r) => r.id).sort()).toEqual(
      ((await db.runs.toCollection().primaryKeys()) as string[]).sort(),
    );
  });

  it('is taken once: a later visit reads afresh', async () => {
    const db = freshDb();
    workspaceOpened(db);
    readRunsEarly(db);
    expect(takeEarlyRuns(db)).toBeInstanceOf(Promise);
    expect(takeEarlyRuns(db)).toBeUndefined();
  });

  it('is nothing for a database no page asked it for', () => {
    expect(takeEarlyRuns(freshDb())).toBeUndefined();
  });
});

describe('an early read no page took', () => {
  it('is dropped once the first page has rendered, so a later visit reads afresh', () => {
    const db = freshDb();
    workspaceOpened(db);
    readRunsEarly(db);
    discardEarlyReads(db);
    expect(takeEarlyRuns(db)).toBeUndefined();
  });
});
