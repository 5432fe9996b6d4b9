import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { VerifyReport } from '../engine/engine';
import { eventOf } from '../engine/replay';
import type { EventRecord } from '../storage/records';
import { useI18n, type I18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { hasMessage } from '../i18n';
import { isStageId } from '../domain/stages';
import type { RunInput } from '../../machines/run-context';

/** What an event did, in words: "Go at the Strategy gate". */
export function describeEvent(i18n: I18n, record: EventRecord): { what: string; why: string } {
  if (record.seq === 0) {
    const input = record.payload as RunInput;
    return { what: i18n.t('event.run.created', { title: input.title }), why: '' };
  }
  const event = eventOf(record) as unknown as Record<string, unknown>;
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(event)) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  if (typeof event.stage === 'string' && isStageId(event.stage))
    params.stage = i18n.stage(event.stage);
  if (typeof event.target === 'string' && isStageId(event.target))
    params.target = i18n.stage(event.target);
  if (typeof event.recycleTo === 'string' && isStageId(event.recycleTo))
    params.recycleTo = i18n.stage(event.recycleTo);
  if (typeof event.decision === 'string') params.decision = i18n.label('decision', event.decision);
  if (typeof event.status === 'string')
    params.status = i18n.label(
      record.type === 'task.progress' ? 'taskStatus' : 'riskStatus',
      event.status,
    );
  if (typeof event.severity === 'string')
    params.severity = i18n.label('riskSeverity', event.severity);
  if (typeof event.date === 'string') params.date = i18n.date(event.date);
  const key = `event.${record.type}`;
  const what = hasMessage(key) ? i18n.t(key, params) : record.type;
  const why = [
    event.comment,
    event.reason,
    event.note,
    event.acceptance,
    event.description,
    event.decisions,
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' · ');
  return { what, why };
}

/**
 * The run's history: every event with who, when, what and why, and whether its hash chain is
 * intact. Choosing an entry shows the board as it was right after it.
 */
export function HistoryPanel({
  runId,
  revision,
  asOf,
  onTravel,
}: {
  runId: string;
  revision: number;
  asOf: number | null;
  onTravel(seq: number | null): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { engine } = useWorkspace();
  const personName = usePersonName();
  const records = useLiveQuery(() => engine.records(runId), [engine, runId, revision]);
  const [report, setReport] = useState<VerifyReport | null>(null);
  useEffect(() => {
    let live = true;
    void engine.verify(runId).then((r) => live && setReport(r));
    return () => {
      live = false;
    };
  }, [engine, runId, revision]);

  return (
    <div className="stack">
      {report && (
        <p className={`banner ${report.ok ? '' : 'banner-red'}`} role="status">
          {report.ok
            ? t('ui.history.chainOk', { count: report.events })
            : t('ui.history.chainBroken', {
                seq: report.brokenAt,
                reason: t(`ui.history.reason.${report.reason}`),
              })}
        </p>
      )}
      <ol className="timeline" aria-label={t('ui.history.title')}>
        {[...(records ?? [])].reverse().map((record) => {
          const { what, why } = describeEvent(i18n, record);
          return (
            <li key={record.seq} className={asOf === record.seq ? 'selected' : ''}>
              <span className="seq">{`#${record.seq}`}</span>
              <button
                type="button"
                className="entry"
                aria-pressed={asOf === record.seq}
                aria-label={t('ui.history.entryLabel', {
                  seq: record.seq,
                  what,
                  name: personName(record.actorId),
                })}
                onClick={() => onTravel(record.seq === revision ? null : record.seq)}
              >
                <span>
                  <strong>{personName(record.actorId)}</strong> {what}
                </span>
                {why && <span className="small muted pre-wrap">{why}</span>}
                <span className="small faint">{i18n.dateTime(record.at)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
