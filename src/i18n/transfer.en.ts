/** Catalog section `transfer.*`: import and export (English). */
export const transferEn = {
  title: 'Import and export',
  hint: 'Keep a backup or move runs to another browser. An export holds each run’s full history, its drafts and the people; an import checks every history before it changes anything.',
  exportHeading: 'Export',
  exportWorkspace: 'Export workspace',
  runToExport: 'Run to export',
  exportRun: 'Export run',
  noRuns: 'There are no runs to export yet.',
  exported: 'Saved {file}.',
  exportFailed: 'The export failed: {detail}',
  importHeading: 'Import',
  importLabel: 'Import…',
  importHint:
    'Choose a .json file exported from Strategy Board. Runs you already have are never overwritten.',
  progressLabel: 'Import progress',
  phase: {
    reading: 'Reading the file…',
    verifying: 'Checking histories: {done} of {total} events…',
    copying: 'Preparing copies: {done} of {total}…',
    writing: 'Saving: {done} of {total} records…',
  },
  cancel: 'Cancel',
  cancelled: 'Import cancelled. Nothing was changed.',
  refusedTitle: '{file} was not imported',
  where: 'Where in the file:',
  nothingChanged: 'Nothing in your workspace was changed.',
  dismiss: 'Dismiss',
  review: {
    title: 'Review the import',
    summary: '{file} — runs: {runs}; people: {people} ({added} new to this workspace).',
    conflictsHint:
      'Some runs already exist here. Choose for each one: skip it, or import it as a copy under a new id. Nothing is overwritten.',
    run: 'Run',
    events: 'Events',
    here: 'In this workspace',
    choice: 'Choice',
    isNew: 'New',
    willImport: 'Will be imported',
    exists: 'Already here',
    choiceFor: 'What to do with {title}',
    skip: 'Skip',
    copy: 'Import as copy',
    skipAll: 'Skip all',
    copyAll: 'Copy all',
    importOne: 'Import 1 run',
    importMany: 'Import {count} runs',
    nothingToImport: 'Every run is skipped: there is nothing to import.',
    peopleMerged: 'People already here keep their names and roles.',
  },
  copyTitle: '{title} (copy)',
  done: 'Import finished: {parts}.',
  doneParts: {
    importedOne: 'imported 1 run',
    importedMany: 'imported {count} runs',
    copiesOne: ' (1 as a copy)',
    copiesMany: ' ({count} as copies)',
    skipped: 'skipped {count}',
    peopleOne: 'added 1 person',
    peopleMany: 'added {count} people',
    separator: '; ',
  },
  empty: 'The file is empty. Choose the file that “Export workspace” or “Export run” saved.',
  cutOff:
    'The file ends too early, as if it was cut off while being saved or sent. Export it again and import the new file.',
  type: {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    null: 'nothing (null)',
    value: 'a value',
  },
  error: {
    tooLarge:
      'The file is {size} MB; the limit is {limit} MB. Export fewer runs at a time (“Export run”) and import them one by one.',
    notJson:
      'The file is not valid JSON: it breaks at line {line}, column {column} (character {offset}). It may be cut off or edited by hand; export it again from Strategy Board.',
    notAnExport:
      'This is not a Strategy Board export. Choose a file made with “Export workspace” or “Export run”.',
    newerFormat:
      'This file uses export format {version}, newer than this app reads ({supported}). Reload the page to get the newest Strategy Board, then import it again; if the app still cannot read it, ask whoever runs the app for you to update it.',
    unknownFormat:
      'This file says it uses export format {version}, which Strategy Board never wrote (this app reads formats {first} to {latest}). The file was altered; use an untouched export.',
    tooDeep:
      'The data is nested more than {limit} levels deep, which no export is. The file was altered; use an untouched export.',
    forbiddenKey:
      'The file contains the key “{key}”, which is never allowed in an import because it can tamper with the app. Use an untouched export.',
    stringTooLong:
      'A text is {length} characters long; the limit is {limit}. The file was altered or is not an export.',
    arrayTooLong:
      'A list has {length} items; the limit is {limit}. Export fewer runs at a time and import them one by one.',
    tooManyKeys:
      'An object has {length} fields; the limit is {limit}. The file was altered or is not an export.',
    invalidNumber: 'A number is too large to store. The file was altered; export it again.',
    unknownKey:
      'The field “{key}” is not part of the export format. Remove it, or export the file again from Strategy Board.',
    missingKey: 'The field “{field}” is missing. The file is incomplete; export it again.',
    wrongType:
      'Expected {expected} but found {found}. The file was edited by hand; export it again.',
    invalidValue: 'A value is not valid ({detail}). Export the file again from Strategy Board.',
    duplicateRun: 'The run “{runId}” appears twice in the file. Export it again.',
    duplicateEvent:
      'Event #{seq} of run “{runId}” has the same id as another event. Export the run again.',
    duplicatePerson: 'The person “{personId}” appears twice in the file. Export it again.',
    duplicateDraft: 'Run “{runId}” has two drafts for {stage}. Export the run again.',
    foreignEvent:
      'Event #{seq} under run “{runId}” belongs to run “{eventRunId}”: histories of different runs were mixed. Export the runs again.',
    foreignDraft:
      'A draft of run “{draftRunId}” is filed under run “{runId}”. Export the runs again.',
    draftTooLarge:
      'A draft of run “{runId}” is larger than {limit} KB. Shorten it in the original workspace, then export again.',
    draftUnreadable:
      'A draft of run “{runId}” ({stage} stage) is damaged: a field holds the wrong kind of value, so it could not be opened. Export the run again from the workspace it came from.',
    unknownLead:
      'Run “{runId}” is led by “{personId}”, who is not among the file’s people: nobody could submit its stages. Export the run again from its workspace, with its team.',
    emptyLog: 'Run “{runId}” has no history. Export the run again.',
    seqGap:
      'Run “{runId}”: event #{expected} is missing or out of order (found #{found}). The history is incomplete; export the run again.',
    brokenChain:
      'Run “{runId}”: event #{seq} does not link to the event before it, so the history was cut or reordered. Use an untouched export.',
    tampered:
      'Run “{runId}”: event #{seq} was changed after it was recorded (its hash no longer matches). The file was tampered with; use an untouched export.',
    headMismatch:
      'Run “{runId}”: the history ends too early; events are missing at the end. Export the run again.',
    newerMachine:
      'This was saved by workflow version {version}, newer than this app’s version {supported}. Update the app, then import it again.',
    noMigration:
      'Run “{runId}” was saved by workflow version {version}, which this app cannot convert. Update the app or export the run again.',
    invalidEvent:
      'Run “{runId}”: event #{seq} is not a valid action ({detail}). The file was altered; use an untouched export.',
    replayFailed:
      'Run “{runId}”: replaying its history fails at event #{seq} ({detail}). The history was altered; use an untouched export.',
    snapshotMismatch:
      'Run “{runId}”: its saved state does not match its history. The file was edited; export the run again.',
    rowMismatch:
      'Run “{runId}”: the field “{field}” does not match its history. The file was edited; export the run again.',
    wouldOverwrite:
      'Run “{runId}” already exists here. Choose Skip or Import as copy for it; nothing is overwritten.',
    writeFailed:
      'Saving failed, so nothing was imported ({detail}). Free some storage or close other tabs of the app, then try again.',
    cancelled: 'Import cancelled. Nothing was changed.',
  },
} as const;
