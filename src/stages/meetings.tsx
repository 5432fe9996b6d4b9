import type { ExecutionContent } from '../domain/content';
import { useI18n } from '../i18n/react';

type Meeting = ExecutionContent['meetings'][number];

/**
 * The approved plan's cross-department sync meetings (title, cadence, departments) and the notes
 * the plan holds, newest first. Read-only: notes are part of the approved execution content, so
 * adding one after approval would need its own event in the run machine.
 */
export function Meetings({ meetings }: { meetings: readonly Meeting[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card card-body stack" aria-labelledby="meetings-title">
      <h3 id="meetings-title">{t('operating.meetings.title', { count: meetings.length })}</h3>
      {meetings.length === 0 && <p className="muted small">{t('operating.meetings.none')}</p>}
      {meetings.map((meeting) => {
        // Sorted by date, newest first; notes of one day keep the order they were written in.
        const notes = meeting.notes
          .map((note, index) => ({ note, index }))
          .sort((a, b) =>
            a.note.date === b.note.date ? a.index - b.index : a.note.date < b.note.date ? 1 : -1,
          );
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
            {notes.length === 0 ? (
              <p className="small muted">{t('operating.meetings.noNotes')}</p>
            ) : (
              <div className="stack op-notes-wrap">
                <h4 className="small muted">
                  {t('operating.meetings.notes', { count: notes.length })}
                </h4>
                <ol className="op-notes">
                  {notes.map(({ note, index }) => (
                    <li key={index}>
                      <time dateTime={note.date} className="small muted nowrap">
                        {i18n.date(note.date)}
                      </time>
                      <span className="pre-wrap">{note.decisions}</span>
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
