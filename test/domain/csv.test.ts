import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/domain/content';
import {
  csvCell,
  taskCsvFileName,
  tasksToCsv,
  toCsv,
  type TaskCsvLabels,
} from '../../src/domain/csv';

const EN: TaskCsvLabels = {
  headers: {
    name: 'Task',
    owner: 'Owner',
    department: 'Department',
    start: 'Start',
    end: 'End',
    dependencies: 'Depends on',
    status: 'Status',
  },
  department: {
    marketing: 'Marketing',
    sales: 'Sales',
    product: 'Product',
    finance: 'Finance',
    other: 'Other',
  },
  status: { todo: 'To do', inProgress: 'In progress', done: 'Done', late: 'Late' },
  listSeparator: '; ',
};

const ZH: TaskCsvLabels = {
  headers: {
    name: '任务',
    owner: '负责人',
    department: '部门',
    start: '开始',
    end: '截止',
    dependencies: '依赖',
    status: '状态',
  },
  department: { marketing: '市场', sales: '销售', product: '产品', finance: '财务', other: '其他' },
  status: { todo: '待开始', inProgress: '进行中', done: '已完成', late: '已延期' },
  listSeparator: '、',
};

const PEOPLE = [
  { id: 'p-mkt', name: 'Lin Yue' },
  { id: 'p-sales', name: '王强' },
];

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 't-materials',
    name: 'Materials',
    ownerId: 'p-mkt',
    department: 'marketing',
    start: '2024-07-01',
    end: '2024-07-10',
    dependsOn: [],
    status: 'todo',
    ...overrides,
  };
}

const lines = (csv: string) => csv.slice(1).split('\r\n');

describe('csvCell', () => {
  it('leaves plain text as it is', () => {
    expect(csvCell('Trade show')).toBe('Trade show');
  });

  it('quotes a cell with a comma, a quote or a line break and doubles its quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('the "big" one')).toBe('"the ""big"" one"');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
  });

  it.each(['=1+1', '+86 21', '-5', '@SUM(A1)', '\tcmd'])(
    'neutralises the formula-like start of %j with an apostrophe',
    (value) => {
      expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('quotes a neutralised formula that also holds a comma', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

describe('toCsv', () => {
  it('starts with the UTF-8 byte order mark and ends every record with CRLF', () => {
    expect(toCsv([['a', 'b'], ['c']])).toBe('\uFEFFa,b\r\nc\r\n');
  });
});

describe('tasksToCsv', () => {
  it('writes the header and one row per task with owner, department, dates and status', () => {
    const csv = tasksToCsv([task()], {}, PEOPLE, EN, '2024-07-05');

    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv)).toEqual([
      'Task,Owner,Department,Start,End,Depends on,Status',
      'Materials,Lin Yue,Marketing,2024-07-01,2024-07-10,,To do',
      '',
    ]);
  });

  it('labels a task that is past its end date and not done as late', () => {
    const csv = tasksToCsv([task()], {}, PEOPLE, EN, '2024-07-11');

    expect(lines(csv)[1]?.endsWith(',Late')).toBe(true);
  });

  it('uses the recorded progress', () => {
    const csv = tasksToCsv(
      [task()],
      { 't-materials': { status: 'done' } },
      PEOPLE,
      EN,
      '2024-08-01',
    );

    expect(lines(csv)[1]?.endsWith(',Done')).toBe(true);
  });

  it('names dependencies by task name, joined with the separator', () => {
    const tasks = [
      task({ id: 'a', name: 'Materials' }),
      task({ id: 'b', name: 'Booth' }),
      task({ id: 'c', name: 'Trade show', dependsOn: ['a', 'b'] }),
    ];

    const csv = tasksToCsv(tasks, {}, PEOPLE, EN, '2024-07-05');

    expect(lines(csv)[3]).toBe(
      'Trade show,Lin Yue,Marketing,2024-07-01,2024-07-10,Materials; Booth,To do',
    );
  });

  it('keeps Chinese text as it is', () => {
    const tasks = [
      task({ id: 'a', name: '展会物料' }),
      task({
        id: 'b',
        name: '行业展会',
        ownerId: 'p-sales',
        department: 'sales',
        dependsOn: ['a'],
      }),
    ];

    const csv = tasksToCsv(tasks, {}, PEOPLE, ZH, '2024-07-11');

    expect(lines(csv)).toEqual([
      '任务,负责人,部门,开始,截止,依赖,状态',
      '展会物料,Lin Yue,市场,2024-07-01,2024-07-10,,已延期',
      '行业展会,王强,销售,2024-07-01,2024-07-10,展会物料,已延期',
      '',
    ]);
  });

  it('quotes a name with a comma, a quote and a line break, also where it is a dependency', () => {
    const tricky = 'Booth, "A"\nand stand';
    const tasks = [
      task({ id: 'a', name: tricky }),
      task({ id: 'b', name: 'Show', dependsOn: ['a'] }),
    ];

    const csv = tasksToCsv(tasks, {}, PEOPLE, EN, '2024-07-05');

    const quoted = '"Booth, ""A""\nand stand"';
    expect(csv).toContain(`\r\n${quoted},Lin Yue,`);
    expect(csv).toContain(`,2024-07-10,${quoted},To do\r\n`);
  });

  it('guards a task name that starts like a formula', () => {
    const csv = tasksToCsv([task({ name: '=cmd|" /C calc"!A0' })], {}, PEOPLE, EN, '2024-07-05');

    expect(lines(csv)[1]?.startsWith('"\'=cmd|"" /C calc""!A0"')).toBe(true);
  });

  it('leaves owner and dates empty when the task has none, and shows an unknown owner by id', () => {
    const tasks = [
      task({ id: 'a', ownerId: null, start: null, end: null }),
      task({ id: 'b', ownerId: 'p-gone' }),
    ];

    const csv = tasksToCsv(tasks, {}, PEOPLE, EN, '2024-07-05');

    expect(lines(csv)[1]).toBe('Materials,,Marketing,,,,To do');
    expect(lines(csv)[2]?.split(',')[1]).toBe('p-gone');
  });
});

describe('taskCsvFileName', () => {
  it('names the file after the run', () => {
    expect(taskCsvFileName('华南区域市场拓展')).toBe('tasks-华南区域市场拓展.csv');
  });

  it('replaces characters file systems refuse', () => {
    expect(taskCsvFileName('Q3: East/West "A"')).toBe('tasks-Q3- East-West -A-.csv');
  });
});
