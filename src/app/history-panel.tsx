import { useEffect, useMemo, useReducer, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ConflictError, type VerifyReport } from '../engine/engine';
import { eventOf } from '../engine/replay';
import type { EventRecord } from '../storage/records';
import { useI18n, type I18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { hasMessage } from '../i18n';
import { isStageId } from '../domain/stages';
import type { RunContext, RunInput } from '../../machines/run-context';
import type { ExecutionContent, Kpi, MonitoringContent } from '../domain/content';
import { formatKpiValue } from '../stages/kpi-chart';

/**
 * What events name by id (a KPI, a task, a risk, a follow-up, the next cycle), as people know
 * them: from the run's latest state, and any approved or submitted version of the plan (a replan
 * may have renamed a KPI since). An id nothing names stays as it is.
 */
export interface EventNames {
  kpi(id: string): Pick<Kpi, 'name' | 'unit'> | undefined;
  task(id: string): string | undefined;
  risk(id: string): string | undefined;
  followUp(id: string): string | undefined;
  run(id: string): string | undefined;
  /** A person's name (a risk's owner); without it, the id. */
  person?(id: string): string;
}

export function eventNames(
  context: RunContext | null,
  runTitles: ReadonlyMap<string, string> = new Map(),
): EventNames {
  const versions = <S extends 'monitoring' | 'execution'>(stage: S) => {
    const record = context?.stages[stage];
    return [record?.approved, record?.submitted].filter(Boolean) as (S extends 'monitoring'
      ? MonitoringContent
      : ExecutionContent)[];
  };
  const kpis = versions('monitoring').flatMap((m) => m.kpis);
  const tasks = versions('execution').flatMap((e) => e.tasks);
  return {
    kpi: (id) => kpis.find((k) => k.id === id),
    task: (id) => tasks.find((t) => t.id === id)?.name,
    risk: (id) => context?.risks.find((r) => r.id === id)?.description,
    followUp: (id) => context?.followUps.find((f) => f.id === id)?.text,
    run: (id) => runTitles.get(id),
  };
}

/** What an event did, in words: "Go at the Strategy gate". */
export function describeEvent(
  i18n: I18n,
  record: EventRecord,
  names: EventNames = eventNames(null),
): { what: string; why: string } {
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
  const named = (id: unknown, name: (id: string) => string | undefined) =>
    typeof id === 'string' ? (name(id) ?? id) : '';
  if ('kpiId' in event) {
    const kpi = typeof event.kpiId === 'string' ? names.kpi(event.kpiId) : undefined;
    params.kpi = kpi?.name ?? String(event.kpiId);
    if (kpi && typeof event.value === 'number')
      params.value = formatKpiValue(i18n, kpi, event.value);
    else if (typeof event.value === 'number') params.value = i18n.number(event.value);
  }
  if ('taskId' in event) params.task = named(event.taskId, names.task);
  if ('riskId' in event) params.risk = named(event.riskId, names.risk);
  if ('followUpId' in event) params.followUp = named(event.followUpId, names.followUp);
  if ('childRunId' in event) params.title = named(event.childRunId, names.run);
  const key = `event.${record.type}`;
  const what = hasMessage(key) ? i18n.t(key, params) : record.type;
  const why = [
    event.comment,
    event.reason,
    event.note,
    event.acceptance,
    event.description,
    event.decisions,
    // A risk update says what it set: two updates in a row read the same without it.
    record.type === 'risk.update' ? riskDetails(i18n, event, names) : '',
    // A Conditional Go's conditions are what it approved on: part of why.
    Array.isArray(event.conditions) && event.conditions.length > 0
      ? i18n.t('event.conditions', {
          list: event.conditions.map(String).join(i18n.t('event.conditionsJoin')),
        })
      : '',
  ]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join(' · ');
  return { what, why };
}

/** A risk update's countermeasure, owner and due date, those it sets. */
function riskDetails(i18n: I18n, event: Record<string, unknown>, names: EventNames): string {
  const owner = typeof event.ownerId === 'string' ? event.ownerId : null;
  return [
    typeof event.countermeasure === 'string' && event.countermeasure !== ''
      ? i18n.t('event.risk.countermeasure', { text: event.countermeasure })
      : '',
    owner ? i18n.t('event.risk.owner', { name: names.person?.(owner) ?? owner }) : '',
    typeof event.due === 'string' ? i18n.t('event.risk.due', { date: i18n.date(event.due) }) : '',
  ]
    .filter(Boolean)
    .join(i18n.t('event.conditionsJoin'));
}

/**
 * The run's history: every event with who, when, what and why, and whether its hash chain is
 * intact. Choosing an entry shows the board as it was right after it.
 */
export function HistoryPanel({
  runId,
  revision,
  context,
  asOf,
  onTravel,
}: {
  runId: string;
  revision: number;
  /** The run's latest state, for the names of what events refer to by id. */
  context: RunContext | null;
  asOf: number | null;
  onTravel(seq: number | null): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { engine, db } = useWorkspace();
  const childRunId = context?.childRunId ?? null;
  const childTitle = useLiveQuery(
    async () => (childRunId ? (await db.runs.get(childRunId))?.title : undefined),
    [db, childRunId],
  );
  const personName = usePersonName();
  const names = useMemo(
    () => ({
      ...eventNames(context, new Map(childRunId && childTitle ? [[childRunId, childTitle]] : [])),
      person: personName,
    }),
    [context, childRunId, childTitle, personName],
  );
  const records = useLiveQuery(() => engine.records(runId), [engine, runId, revision]);
  const [report, setReport] = useState<VerifyReport | null>(null);
  // With the chain intact, whether the run's stored state is what its events produce: a row or
  // checkpoint changed outside the app would otherwise show on the board, unnoticed.
  const [stateMatches, setStateMatches] = useState<boolean | null>(null);
  const [checked, recheck] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const verified = await engine.verify(runId);
        const matches = verified.ok ? await engine.replayMatchesStored(runId) : null;
        if (!live) return;
        setReport(verified);
        setStateMatches(matches);
      } catch {
        // A run that cannot be read says so on the run page; the history lists what it can.
        if (live) setReport(null);
      }
    })();
    return () => {
      live = false;
    };
  }, [engine, runId, revision, checked]);
  const toast = useToast();
  const rebuild = async () => {
    try {
      const rebuilt = await engine.rebuildFromLog(runId);
      // False: the record itself is broken (changed meanwhile), so nothing was rebuilt from it.
      toast.show(
        t(rebuilt ? 'ui.history.rebuilt' : 'ui.history.notRebuilt'),
        rebuilt ? 'success' : 'error',
      );
    } catch (error) {
      toast.show(
        error instanceof ConflictError
          ? t('ui.error.conflict')
          : t('ui.error.generic', { detail: (error as Error).message }),
        'error',
      );
    }
    recheck();
  };

  return (
    <div className="stack">
      {report && (stateMatches !== false || !report.ok) && (
        <p className={`banner ${report.ok ? '' : 'banner-red'}`} role="status">
          {report.ok
            ? t('ui.history.chainOk', { count: report.events })
            : t('ui.history.chainBroken', {
                seq: report.brokenAt,
                reason: t(`ui.history.reason.${report.reason}`),
              })}
        </p>
      )}
      {report?.ok && stateMatches === false && (
        <div className="banner banner-red stack" role="status">
          <p>{t('ui.history.stateDiffers', { count: report.events })}</p>
          <div>
            <button type="button" className="btn btn-sm" onClick={() => void rebuild()}>
              {t('ui.history.rebuild')}
            </button>
          </div>
        </div>
      )}
      <ol className="timeline" aria-label={t('ui.history.title')}>
        {[...(records ?? [])].reverse().map((record) => {
          const { what, why } = describeEvent(i18n, record, names);
          return (
            <li key={record.seq} className={asOf === record.seq ? 'selected' : ''}>
              <span className="seq">{`#${record.seq}`}</span>
              <button
                type="button"
                className="entry"
                aria-pressed={asOf === record.seq}
                onClick={() => onTravel(record.seq === revision ? null : record.seq)}
              >
                {/* Named by what it shows, the why and when included; the number is read first. */}
                <span className="sr-only">{t('ui.history.entryNumber', { seq: record.seq })} </span>
                <span>
                  <strong>{personName(record.actorId)}</strong> {what}{' '}
                </span>
                {why && <span className="small muted pre-wrap">{why} </span>}
                <span className="small faint">{i18n.dateTime(record.at)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
