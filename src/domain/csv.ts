import type { DEPARTMENTS, Task } from './content';
import type { IsoDate } from './time';
import { taskStatusOn, type TaskProgress, type TaskState } from './tasks';

/**
 * CSV export of the task list, for spreadsheets (Excel, WPS, Numbers). Language-free: every label
 * comes in already translated.
 */

/** Excel reads a file as UTF-8 (and shows Chinese correctly) only when it starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (=, +, -, @) or that some of them
 * strip before doing so (tab, carriage return). OWASP "CSV Injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell, safe to open: a leading apostrophe neutralises a formula-like start ("=1+1" →
 * "'=1+1"), then RFC 4180 quoting when the text holds a comma, quote or line break (quotes are
 * doubled).
 *
 * WARNING: the apostrophe changes the text. Do not use this for numbers that may be negative;
 * the task export has none.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to an RFC 4180 document: BOM first, CRLF after every record (the last one too). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

export type Department = (typeof DEPARTMENTS)[number];

/** The words of a task export, in the reader's language. */
export interface TaskCsvLabels {
  headers: {
    name: string;
    owner: string;
    department: string;
    start: string;
    end: string;
    dependencies: string;
    status: string;
  };
  department: Readonly<Record<Department, string>>;
  status: Readonly<Record<TaskState, string>>;
  /** Joins the names of a task's dependencies: "; " in English, "、" in Chinese. */
  listSeparator: string;
}

/**
 * The task list as CSV: name, owner's name, department, start, end (ISO dates, which every
 * spreadsheet reads as dates), the names of the tasks it depends on, and its status on `today`
 * (late included). An owner not among `people` is shown by id.
 */
export function tasksToCsv(
  tasks: readonly Task[],
  progress: TaskProgress,
  people: readonly { id: string; name: string }[],
  labels: TaskCsvLabels,
  today: IsoDate,
): string {
  const names = new Map(tasks.map((task) => [task.id, task.name]));
  const personName = new Map(people.map((person) => [person.id, person.name]));
  const h = labels.headers;
  const header = [h.name, h.owner, h.department, h.start, h.end, h.dependencies, h.status];
  const rows = tasks.map((task) => [
    task.name,
    task.ownerId === null ? '' : (personName.get(task.ownerId) ?? task.ownerId),
    labels.department[task.department],
    task.start ?? '',
    task.end ?? '',
    task.dependsOn.map((id) => names.get(id) ?? id).join(labels.listSeparator),
    labels.status[taskStatusOn(task, progress, today)],
  ]);
  return toCsv([header, ...rows]);
}

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** `tasks-<run title>.csv`, with characters no file system accepts replaced by "-". */
export function taskCsvFileName(runTitle: string): string {
  const title = runTitle.replace(UNSAFE_IN_FILE_NAME, '-').trim().slice(0, 120);
  return `tasks-${title || 'run'}.csv`;
}
