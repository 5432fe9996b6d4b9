import { envelopeOf } from '../../src/engine/snapshots';
import { replayRecords } from '../../src/engine/replay';
import type { EventRecord } from '../../src/storage/records';
import type { WorkspaceFile } from '../../src/storage/transfer';

/**
 * The same workspace as format version 1 wrote it: each run also carrying its snapshot, saved
 * with its last event. For tests of files exported by earlier versions of the app. The snapshots
 * come from the same replay the importer checks them against, so files made here test the
 * format, not the replay: test/fixtures/exports holds files the released versions really wrote.
 */
export function asFormatVersion1(file: WorkspaceFile): WorkspaceFile {
  return {
    ...file,
    version: 1,
    runs: file.runs.map((entry) => {
      const last = entry.events[entry.events.length - 1] as EventRecord;
      const envelope = envelopeOf(replayRecords(entry.events), last.at);
      return { ...entry, run: { ...entry.run, envelope } };
    }),
  };
}
