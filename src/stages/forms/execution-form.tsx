import {
  DEPARTMENTS,
  TASK_STATUSES,
  type ExecutionContent,
  type Task,
  type TaskStatus,
} from '../../domain/content';
import type { IsoDate, Period } from '../../domain/time';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  CheckboxGroup,
  DateField,
  FormShell,
  ItemCard,
  ItemList,
  PersonSelect,
  Select,
  TextArea,
  TextField,
  enumOptions,
  useFocusRequest,
  useTitleOf,
} from './fields';
import { itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

type Meeting = ExecutionContent['meetings'][number];
type MeetingNote = Meeting['notes'][number];

const TASK_FIELDS = ['name', 'ownerId', 'department', 'start', 'end', 'dependsOn', 'status'];
const MEETING_FIELDS = ['title', 'cadence', 'departments', 'notes'];
const NOTE_FIELDS = ['date', 'decisions'];

const STATUS_BADGE: Readonly<Record<TaskStatus, string>> = {
  todo: 'badge',
  inProgress: 'badge badge-blue',
  done: 'badge badge-green',
};

/** Today in the viewer's calendar, moved into the period: the date a new meeting note gets. */
function todayWithin(period: Period): IsoDate {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  if (today < period.start) return period.start;
  return today > period.end ? period.end : today;
}

/**
 * Removes task `index` and the dependencies other tasks had on it, which would otherwise point
 * at a task that no longer exists (unless another task still carries the same id).
 */
function removeTask(tasks: readonly Task[], index: number): Task[] {
  const removed = tasks[index];
  const rest = removeAt(tasks, index);
  if (removed === undefined || rest.some((task) => task.id === removed.id)) return rest;
  return rest.map((task) =>
    task.dependsOn.includes(removed.id)
      ? { ...task, dependsOn: task.dependsOn.filter((id) => id !== removed.id) }
      : task,
  );
}

/**
 * 执行落地: the task list (owner, department, dates inside the period, dependencies, status)
 * and the regular cross-department syncs with their notes.
 */
export function ExecutionForm(props: StageFormProps<'execution'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const { tasks, meetings } = content;

  const setTasks = (next: Task[]) => update((c) => ({ ...c, tasks: next }));
  const setTask = (index: number, patch: Partial<Task>) =>
    setTasks(updateAt(tasks, index, (task) => ({ ...task, ...patch })));
  const setMeetings = (next: Meeting[]) => update((c) => ({ ...c, meetings: next }));
  const setMeeting = (index: number, patch: Partial<Meeting>) =>
    setMeetings(updateAt(meetings, index, (meeting) => ({ ...meeting, ...patch })));

  const addTask = () => {
    setTasks([
      ...tasks,
      {
        id: newItemId('t'),
        name: t('form.execution.newTask'),
        ownerId: null,
        department: 'sales',
        start: null,
        end: null,
        dependsOn: [],
        status: 'todo',
      },
    ]);
    focus(fieldId(['tasks', tasks.length, 'name']));
  };
  const addMeeting = () => {
    setMeetings([
      ...meetings,
      {
        id: newItemId('m'),
        title: t('form.execution.newMeeting'),
        cadence: t('form.execution.newCadence'),
        departments: [],
        notes: [],
      },
    ]);
    focus(fieldId(['meetings', meetings.length, 'title']));
  };

  const taskKeys = itemKeys(tasks);
  const meetingKeys = itemKeys(meetings);
  const departments = enumOptions(i18n, 'department', DEPARTMENTS);
  const statuses = enumOptions(i18n, 'taskStatus', TASK_STATUSES);

  return (
    <FormShell
      stage="execution"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['tasks', 'meetings']}
    >
      <ItemList
        path={['tasks']}
        title={t('form.execution.tasks')}
        count={tasks.length}
        max={300}
        addLabel={t('form.execution.addTask')}
        onAdd={addTask}
      >
        {tasks.map((task, index) => {
          const path = ['tasks', index] as const;
          const title = titleOf(task.name);
          const others = tasks
            .filter((other, i) => i !== index && other.id !== task.id)
            .map((other) => ({ value: other.id, label: titleOf(other.name) }));
          return (
            <ItemCard
              key={taskKeys[index]}
              path={path}
              label={t('form.execution.task', { title })}
              heading={title}
              // Read-only, the plan's status is as submitted; the live view has the current one.
              badge={
                props.readOnly ? undefined : (
                  <span className={STATUS_BADGE[task.status]}>
                    {i18n.label('taskStatus', task.status)}
                  </span>
                )
              }
              removeLabel={t('form.execution.removeTask', { title })}
              onRemove={() => setTasks(removeTask(tasks, index))}
              handled={TASK_FIELDS}
            >
              <TextField
                path={[...path, 'name']}
                label={t('form.execution.taskName')}
                value={task.name}
                saidElsewhere
                maxLength={200}
                wide
                onChange={(name) => setTask(index, { name })}
              />
              <PersonSelect
                path={[...path, 'ownerId']}
                label={t('form.execution.owner')}
                people={props.people}
                nullable
                noneLabel={t('form.execution.unassigned')}
                value={task.ownerId}
                onChange={(ownerId) => setTask(index, { ownerId })}
              />
              <Select
                path={[...path, 'department']}
                label={t('form.execution.department')}
                value={task.department}
                options={departments}
                onChange={(department) => setTask(index, { department })}
              />
              <DateField
                path={[...path, 'start']}
                label={t('form.execution.start')}
                nullable
                value={task.start}
                onChange={(start) => setTask(index, { start })}
              />
              <DateField
                path={[...path, 'end']}
                label={t('form.execution.end')}
                nullable
                value={task.end}
                onChange={(end) => setTask(index, { end })}
              />
              <Select
                path={[...path, 'status']}
                label={
                  props.readOnly
                    ? t('form.execution.statusWhenSubmitted')
                    : t('form.execution.status')
                }
                value={task.status}
                options={statuses}
                onChange={(status) => setTask(index, { status })}
              />
              <CheckboxGroup
                path={[...path, 'dependsOn']}
                label={t('form.execution.dependsOn')}
                options={others}
                value={task.dependsOn}
                max={20}
                emptyText={t('form.execution.noOtherTasks')}
                unknownLabel={(id) =>
                  id === task.id
                    ? t('form.execution.itself')
                    : t('form.execution.unknownTask', { id })
                }
                onChange={(dependsOn) => setTask(index, { dependsOn })}
              />
            </ItemCard>
          );
        })}
      </ItemList>

      <ItemList
        path={['meetings']}
        title={t('form.execution.meetings')}
        count={meetings.length}
        max={20}
        addLabel={t('form.execution.addMeeting')}
        onAdd={addMeeting}
      >
        {meetings.map((meeting, index) => {
          const path = ['meetings', index] as const;
          const title = titleOf(meeting.title);
          const notesPath = [...path, 'notes'] as const;
          const setNotes = (notes: MeetingNote[]) => setMeeting(index, { notes });
          return (
            <ItemCard
              key={meetingKeys[index]}
              path={path}
              label={t('form.execution.meeting', { title })}
              heading={title}
              removeLabel={t('form.execution.removeMeeting', { title })}
              onRemove={() => setMeetings(removeAt(meetings, index))}
              handled={MEETING_FIELDS}
            >
              <TextField
                path={[...path, 'title']}
                label={t('form.execution.meetingTitle')}
                value={meeting.title}
                saidElsewhere
                maxLength={200}
                onChange={(value) => setMeeting(index, { title: value })}
              />
              <TextField
                path={[...path, 'cadence']}
                label={t('form.execution.cadence')}
                value={meeting.cadence}
                maxLength={120}
                onChange={(cadence) => setMeeting(index, { cadence })}
              />
              <CheckboxGroup
                path={[...path, 'departments']}
                label={t('form.execution.departments')}
                options={departments}
                value={meeting.departments}
                max={DEPARTMENTS.length}
                onChange={(value) => setMeeting(index, { departments: value })}
              />
              <div className="wide">
                <ItemList
                  path={notesPath}
                  title={t('form.execution.notes')}
                  level={4}
                  count={meeting.notes.length}
                  max={200}
                  addLabel={t('form.execution.addNote')}
                  onAdd={() => {
                    setNotes([
                      ...meeting.notes,
                      {
                        date: todayWithin(props.period),
                        decisions: t('form.execution.newDecisions'),
                      },
                    ]);
                    focus(fieldId([...notesPath, meeting.notes.length, 'decisions']));
                  }}
                >
                  {meeting.notes.map((note, n) => {
                    const notePath = [...notesPath, n] as const;
                    const date = i18n.date(note.date);
                    return (
                      // Notes have no id. Keyed by position: their inputs keep no state of their own, so a
                      // card reused for the next note after a removal shows that note correctly.
                      <ItemCard
                        key={n}
                        path={notePath}
                        label={t('form.execution.note', { date })}
                        heading={date}
                        removeLabel={t('form.execution.removeNote', { date })}
                        onRemove={() => setNotes(removeAt(meeting.notes, n))}
                        handled={NOTE_FIELDS}
                      >
                        <DateField
                          path={[...notePath, 'date']}
                          label={t('form.execution.noteDate')}
                          value={note.date}
                          onChange={(value) =>
                            setNotes(updateAt(meeting.notes, n, (old) => ({ ...old, date: value })))
                          }
                        />
                        <TextArea
                          path={[...notePath, 'decisions']}
                          label={t('form.execution.decisions')}
                          value={note.decisions}
                          maxLength={2000}
                          onChange={(value) =>
                            setNotes(
                              updateAt(meeting.notes, n, (old) => ({ ...old, decisions: value })),
                            )
                          }
                        />
                      </ItemCard>
                    );
                  })}
                </ItemList>
              </div>
            </ItemCard>
          );
        })}
      </ItemList>
    </FormShell>
  );
}
