import { useId, useState } from 'react';
import * as z from 'zod';
import { useKeptInput } from './kept-input';
import type { MeetingNote, RunContext } from '../../machines/run-context';
import { approvedContent } from '../../machines/run-context';
import { latestNoteDate, onRunTeam } from '../../machines/run-rules';
import type { ExecutionContent } from '../domain/content';
import { useI18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useAct } from './use-act';

type Meeting = ExecutionContent['meetings'][number];

interface MeetingsProps {
  context: RunContext;
  revision: number;
  /** Time travel: the notes as they were; nothing can be recorded. */
  frozen: boolean;
  /** The run operates (not closed, on hold or over): notes can be recorded. */
  operating: boolean;
}

/** One line of a meeting's notes: from the approved plan, or recorded while operating. */
type NoteEntry =
  | { kind: 'plan'; key: string; date: string; decisions: string; order: number }
  | ({ kind: 'operating'; key: string; order: number } & MeetingNote);

/**
 * A meeting's notes, newest first: by date, and of one day the one written last first. Notes in
 * the approved plan were written before the plan was approved, so they come before the notes
 * recorded while operating on the same day.
 */
function notesNewestFirst(meeting: Meeting, operating: readonly MeetingNote[]): NoteEntry[] {
  const entries: NoteEntry[] = [
    ...meeting.notes.map((note, i) => ({
      kind: 'plan' as const,
      key: `plan-${i}`,
      date: note.date,
      decisions: note.decisions,
      order: i,
    })),
    ...operating
      .filter((note) => note.meetingId === meeting.id)
      .map((note, i) => ({
        ...note,
        kind: 'operating' as const,
        key: note.id,
        order: meeting.notes.length + i,
      })),
  ];
  return entries.sort((a, b) => (a.date === b.date ? b.order - a.order : a.date < b.date ? 1 : -1));
}

/**
 * The approved plan's cross-department sync meetings (title, cadence, departments) with their
 * notes, newest first: the notes the plan holds and those recorded while the run operates, each
 * with who recorded it. People with a part in the plan record a meeting's notes here as the run
 * operates (`meeting.note`); the approved plan itself never changes.
 */
export function Meetings({ context, revision, frozen, operating }: MeetingsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting } = useWorkspace();
  const personName = usePersonName();
  const meetings = approvedContent(context, 'execution')?.meetings ?? [];
  const mayRecord = operating && !frozen;
  const onTeam = acting !== null && onRunTeam(context, acting.id);
  return (
    <section className="card card-body stack" aria-labelledby="meetings-title">
      <h3 id="meetings-title">{t('operating.meetings.title', { count: meetings.length })}</h3>
      {meetings.length === 0 && <p className="muted small">{t('operating.meetings.none')}</p>}
      {mayRecord && meetings.length > 0 && !onTeam && (
        <p className="muted small">{t('operating.meetings.notOnTeam')}</p>
      )}
      {meetings.map((meeting) => {
        const notes = notesNewestFirst(meeting, context.meetingNotes);
        return (
          <article
            key={meeting.id}
            className="item-card"
            aria-label={t('operating.meetings.label', { title: meeting.title })}
          >
            <div className="item-card-head">
              <strong>{meeting.title}</strong>
              <span className="badge badge-blue">{meeting.cadence}</span>
            </div>
            {meeting.departments.length > 0 && (
              <div className="row small">
                <span className="muted">{t('operating.meetings.departments')}</span>
                {meeting.departments.map((d) => (
                  <span key={d} className="badge">
                    {i18n.label('department', d)}
                  </span>
                ))}
              </div>
            )}
            {mayRecord && onTeam && (
              <NoteForm
                context={context}
                revision={revision}
                meeting={meeting}
                actingId={acting.id}
              />
            )}
            {notes.length === 0 ? (
              <p className="small muted">{t('operating.meetings.noNotes')}</p>
            ) : (
              <div className="stack op-notes-wrap">
                <h4 className="small muted">
                  {t('operating.meetings.notes', { count: notes.length })}
                </h4>
                <ol className="op-notes">
                  {notes.map((note) => (
                    <li key={note.key}>
                      <time dateTime={note.date} className="small muted nowrap">
                        {i18n.date(note.date)}
                      </time>
                      <div className="op-note">
                        <span className="small muted">
                          {note.kind === 'plan'
                            ? t('operating.meetings.fromPlan')
                            : t('operating.meetings.recordedBy', { name: personName(note.by) })}
                          {note.kind === 'operating' &&
                            note.attendeeIds.length > 0 &&
                            ` · ${t('operating.meetings.attendedBy', {
                              names: i18n.list(note.attendeeIds.map((id) => personName(id))),
                            })}`}
                        </span>
                        <span className="pre-wrap">{note.decisions}</span>
                      </div>
                    </li>
                  ))}
                </ol>
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}

const NoteDraftSchema = z.object({
  date: z.union([z.iso.date(), z.literal('')]),
  decisions: z.string().max(2000),
  attendeeIds: z.array(z.string().max(100)).max(200),
});
type NoteDraft = z.infer<typeof NoteDraftSchema>;

/** Records one meeting's notes: the date it was held, what it decided and who took part. */
function NoteForm({
  context,
  revision,
  meeting,
  actingId,
}: {
  context: RunContext;
  revision: number;
  meeting: Meeting;
  actingId: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { people, today, clock } = useWorkspace();
  const { act, busy } = useAct(context.runId, revision);
  const id = useId();
  const { start, end } = context.period;
  // Never a date the run's rules would refuse as ahead (rules 1–2 took the UTC date).
  const now = clock.now();
  const allowed = latestNoteDate(context, now, clock.utcOffset?.(now));
  const latest = [today, end, allowed].sort()[0] ?? end;
  // Kept for the tab, like the run page's other small forms: notes half-written survive a detour.
  const [draft, setDraft, clearDraft] = useKeptInput<NoteDraft>(
    `${context.runId}:meeting:${meeting.id}:${actingId}`,
    NoteDraftSchema,
    { date: latest < start ? start : latest, decisions: '', attendeeIds: [] },
  );
  const { decisions, attendeeIds } = draft;
  const date = draft.date > latest ? latest : draft.date;
  const setDate = (next: string) => setDraft((d) => ({ ...d, date: next }));
  const setDecisions = (next: string) => setDraft((d) => ({ ...d, decisions: next }));
  const setAttendeeIds = (next: string[]) => setDraft((d) => ({ ...d, attendeeIds: next }));
  const [error, setError] = useState<string | null>(null);
  if (today < start) {
    return (
      <p className="small muted">{t('operating.meetings.notYet', { start: i18n.date(start) })}</p>
    );
  }

  const record = async () => {
    const text = decisions.trim();
    if (text === '') {
      setError(t('operating.meetings.decisionsMissing'));
      return;
    }
    if (date === '' || date < start || date > latest) {
      setError(
        t('operating.meetings.dateInvalid', { start: i18n.date(start), end: i18n.date(latest) }),
      );
      return;
    }
    setError(null);
    const ok = await act(
      {
        type: 'meeting.note',
        by: actingId,
        meetingId: meeting.id,
        date,
        decisions: text,
        // In the order of the team list, so the same people always read the same way.
        attendeeIds: people.filter((p) => attendeeIds.includes(p.id)).map((p) => p.id),
      },
      'ui.toast.meetingNoted',
    );
    if (ok) clearDraft();
  };

  return (
    <form
      className="stack"
      aria-label={t('operating.meetings.record', { title: meeting.title })}
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <div className="form-grid">
        <label className="field">
          <span>{t('operating.meetings.date')}</span>
          <input
            type="date"
            value={date}
            min={start}
            max={latest}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <label className="field wide">
          <span>{t('operating.meetings.decisions')}</span>
          <textarea
            value={decisions}
            maxLength={2000}
            placeholder={t('operating.meetings.decisionsPlaceholder')}
            aria-invalid={error !== null ? true : undefined}
            aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => {
              setDecisions(e.target.value);
              if (error !== null) setError(null);
            }}
          />
        </label>
        <fieldset className="wide">
          <legend className="small muted">{t('operating.meetings.attendees')}</legend>
          <div className="checkbox-row">
            {people.map((p) => (
              <label key={p.id}>
                <input
                  type="checkbox"
                  checked={attendeeIds.includes(p.id)}
                  onChange={(e) =>
                    setAttendeeIds(
                      e.target.checked
                        ? [...attendeeIds, p.id]
                        : attendeeIds.filter((x) => x !== p.id),
                    )
                  }
                />
                {p.name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {error !== null && (
        <p id={`${id}-error`} role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('operating.meetings.save')}
        </button>
      </div>
    </form>
  );
}
