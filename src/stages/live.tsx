import { useMemo, useRef, useState } from 'react';
import { downloadFile } from './download';
import * as z from 'zod';
import { useKeptInput } from './kept-input';
import type { RunContext } from '../../machines/run-context';
import { approvedContent } from '../../machines/run-context';
import {
  closeNeedsAcceptance,
  isOperating,
  takesFinalFigures,
  mayOwnRisk,
  mayReportFigures,
  mayUpdateRisk,
  openItems,
  kpiPacePeriod,
} from '../../machines/run-rules';
import { RISK_SEVERITIES, type RiskSeverity } from '../../machines/events';
import { DATA_SOURCES, DEPARTMENTS, TASK_STATUSES, type TaskStatus } from '../domain/content';
import { taskCsvFileName, tasksToCsv, type TaskCsvLabels } from '../domain/csv';
import { assessCheckIn, checkInDue } from '../domain/kpi';
import { rulesFrom } from '../domain/readiness';
import { latestCheckIns } from '../domain/results';
import { kpiReporters } from '../../machines/run-facts';
import { recordedStatus, TASK_STATES, taskCounts, taskStatusOn } from '../domain/tasks';
import { daysBetween } from '../domain/time';
import type { I18n } from '../i18n/react';
import { useI18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { KpiChart, KpiChartLegend } from './kpi-chart';
import { Meetings } from './meetings';
import { TableScroll } from './table-scroll';
import { TaskTimeline } from './task-timeline';
import { useAct } from './use-act';
import { focusStageHeading } from './focus';
import { useOpenStage } from './open-stage';

interface LiveProps {
  context: RunContext;
  revision: number;
  frozen: boolean;
}

const HEALTH_BADGE = { green: 'badge-green', amber: 'badge-amber', red: 'badge-red' } as const;

const CheckInDraftSchema = z.object({
  kpiId: z.string().max(100),
  date: z.iso.date(),
  value: z.string().max(40),
  source: z.enum(DATA_SOURCES),
  reason: z.string().max(2000),
});
type CheckInDraft = z.infer<typeof CheckInDraftSchema>;

/** The check-in form's heading: where a link to report figures lands. */
export const CHECK_IN_HEADING_ID = 'checkin-title';

/**
 * The monitoring loop while the run operates: KPI check-ins against the time-prorated pace,
 * risk alerts raised by red check-ins or by hand, countermeasures, and escalation to a replan.
 */
export function LiveMonitoring({ context, revision, frozen }: LiveProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting, today } = useWorkspace();
  const { act, busy } = useAct(context.runId, revision);
  const approvedKpis = approvedContent(context, 'monitoring')?.kpis;
  const kpis = useMemo(() => approvedKpis ?? [], [approvedKpis]);
  const operating = isOperating(context);
  const finalFigures = takesFinalFigures(context);
  const reporting = operating || finalFigures;
  const clampToday =
    today < context.period.start
      ? context.period.start
      : today > context.period.end
        ? context.period.end
        : today;
  // The KPIs whose next figure is due from the person acting (as the runs list counts them).
  const dueKpis = useMemo(() => {
    const latest = latestCheckIns(context.checkIns);
    return new Set(
      kpis
        .filter(
          (k) =>
            acting !== null &&
            kpiReporters(context, k.goalId).includes(acting.id) &&
            checkInDue(k.cadence, latest.get(k.id)?.date ?? null, context.period, today),
        )
        .map((k) => k.id),
    );
  }, [context, kpis, acting, today]);
  const firstDue = kpis.find((k) => dueKpis.has(k.id)) ?? kpis[0];
  // Kept for the tab: choosing another stage on the board does not throw a half-typed figure away.
  const [draft, setDraft] = useKeptInput<CheckInDraft>(
    `${context.runId}:checkIn:${acting?.id ?? ''}`,
    CheckInDraftSchema,
    { kpiId: firstDue?.id ?? '', date: clampToday, value: '', source: 'crm', reason: '' },
  );
  const { value, source, reason } = draft;
  // A kept KPI the plan no longer has (a replan changed them) falls back to the first.
  const kpiId = kpis.some((k) => k.id === draft.kpiId) ? draft.kpiId : (kpis[0]?.id ?? '');
  const date = draft.date > clampToday ? clampToday : draft.date;
  const setKpiId = (next: string) => setDraft((d) => ({ ...d, kpiId: next }));
  const setDate = (next: string) => setDraft((d) => ({ ...d, date: next }));
  const setValue = (next: string) => setDraft((d) => ({ ...d, value: next }));
  const setSource = (next: (typeof DATA_SOURCES)[number]) =>
    setDraft((d) => ({ ...d, source: next }));
  const setReason = (next: string) => setDraft((d) => ({ ...d, reason: next }));
  const kpi = kpis.find((k) => k.id === kpiId);
  const isMoney = kpi?.unit === 'CNY';
  const numeric = value.trim() === '' ? null : Number(value);
  const figure =
    numeric === null || Number.isNaN(numeric)
      ? null
      : isMoney
        ? Math.round(numeric * 100)
        : numeric;
  const preview =
    kpi && kpi.target !== null && figure !== null && figure >= 0
      ? // As the run's rules will assess it, so the preview never differs from what is recorded.
        assessCheckIn(kpi, figure, date, kpiPacePeriod(context, kpi), rulesFrom(context, 5))
      : null;

  const figureInput = useRef<HTMLInputElement>(null);
  const checkIn = async () => {
    if (!kpi || figure === null) return;
    const ok = await act(
      {
        type: 'kpi.checkIn',
        by: acting?.id ?? '',
        kpiId: kpi.id,
        date,
        value: figure,
        source,
        reason: reason.trim(),
      },
      // A red figure raises a risk alert further down: say so, or it goes unseen.
      (next) =>
        next.risks.length > context.risks.length ? 'ui.toast.checkedInAlert' : 'ui.toast.checkedIn',
    );
    // The KPI and source stay chosen for the next figure; the figure and its reason are done,
    // and the emptied form's button is disabled: focus waits at the figure for the next one.
    if (ok) {
      setDraft((d) => ({ ...d, value: '', reason: '' }));
      requestAnimationFrame(() => figureInput.current?.focus());
    }
  };
  // A figure many times the whole period's target is most likely a typo (1500000 for 15%): a
  // check-in cannot be taken back, only followed by a new figure, so say so before it is sent.
  const implausible =
    kpi && kpi.target !== null && kpi.target > 0 && figure !== null && figure / kpi.target >= 5
      ? figure / kpi.target
      : null;
  // Off pace, the machine wants to know why: say so at the field, before anyone clicks.
  const needsReason = preview !== null && preview.health !== 'green' && reason.trim() === '';
  // A figure is a count, an amount or a rate: never below zero, and a number.
  const badFigure =
    value.trim() !== '' && (numeric === null || Number.isNaN(numeric) || numeric < 0);
  const show = (kpiRef: string, n: number) =>
    kpis.find((k) => k.id === kpiRef)?.unit === 'CNY' ? i18n.moneyCompact(n) : i18n.number(n);

  // Rules 4 on, figures come from the run's team: others see who reports them instead.
  const mayReport = acting !== null && mayReportFigures(context, acting.id);
  return (
    <div className="stack">
      {reporting && !frozen && !mayReport && (
        <p className="small muted">{t('ui.live.checkInTeamOnly')}</p>
      )}
      {reporting && !frozen && mayReport && (
        <section className="card card-body stack" aria-labelledby="checkin-title">
          <h3 id={CHECK_IN_HEADING_ID} tabIndex={-1}>
            {finalFigures ? t('ui.live.finalFigures') : t('ui.live.checkIn')}
          </h3>
          {finalFigures && (
            <p className="small muted">
              {t('ui.live.finalFiguresHint', { end: i18n.date(context.period.end) })}
            </p>
          )}
          <div className="form-grid">
            <label className="field">
              <span>{t('ui.live.kpi')}</span>
              <select value={kpiId} onChange={(e) => setKpiId(e.target.value)}>
                {kpis.map((k) => (
                  <option key={k.id} value={k.id}>
                    {dueKpis.has(k.id) ? t('ui.live.kpiDue', { name: k.name }) : k.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('ui.live.date')}</span>
              <input
                type="date"
                value={date}
                min={context.period.start}
                // No figure for a day still ahead (the machine refuses it too).
                max={clampToday}
                onChange={(e) => setDate(e.target.value)}
              />
            </label>
            <label className={badFigure ? 'field invalid' : 'field'}>
              <span>
                {isMoney ? t('ui.live.actualYuan') : t('ui.live.actual', { unit: kpi?.unit ?? '' })}
              </span>
              <input
                ref={figureInput}
                type="number"
                min={0}
                step="any"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                aria-invalid={badFigure || undefined}
                aria-describedby={badFigure ? 'checkin-figure-bad' : undefined}
              />
              {badFigure && (
                <span id="checkin-figure-bad" className="error">
                  {t('ui.live.figureNegative')}
                </span>
              )}
            </label>
            <label className="field">
              <span>{t('ui.live.source')}</span>
              <select
                value={source}
                onChange={(e) => setSource(e.target.value as (typeof DATA_SOURCES)[number])}
              >
                {DATA_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {i18n.label('dataSource', s)}
                  </option>
                ))}
              </select>
            </label>
            <label className={needsReason ? 'field wide invalid' : 'field wide'}>
              <span>{t('ui.live.gapReason')}</span>
              <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={2000}
                aria-invalid={needsReason || undefined}
                aria-describedby={needsReason ? 'checkin-reason-needed' : undefined}
              />
              {needsReason && (
                <span id="checkin-reason-needed" className="error">
                  {t('ui.live.reasonNeeded')}
                </span>
              )}
            </label>
          </div>
          {preview && (
            <p className="small" aria-live="polite">
              <span className={`badge ${HEALTH_BADGE[preview.health]}`}>
                {i18n.label('health', preview.health)}
              </span>{' '}
              {t('ui.live.pace', {
                attainment: i18n.percent(preview.attainment),
                pace: show(kpiId, Math.round(preview.paceTarget)),
              })}
            </p>
          )}
          {implausible && (
            <p className="banner banner-amber" id="checkin-implausible" role="status">
              {t('ui.live.implausible', {
                times: i18n.number(Math.floor(implausible)),
                target: show(kpiId, kpi?.target ?? 0),
              })}
            </p>
          )}
          <div className="btn-row">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || figure === null || needsReason || badFigure}
              aria-describedby={implausible ? 'checkin-implausible' : undefined}
              onClick={() => void checkIn()}
            >
              {implausible ? t('ui.live.recordAnyway') : t('ui.live.record')}
            </button>
          </div>
          <p className="small muted">{t('ui.live.correctionHint')}</p>
        </section>
      )}
      {kpis.length > 0 && (
        <section className="card card-body stack" aria-labelledby="kpi-trends-title">
          <div>
            <h3 id="kpi-trends-title">{t('operating.chart.title')}</h3>
            <p className="small muted">{t('operating.chart.hint')}</p>
          </div>
          <KpiChartLegend />
          {kpis.map((k) => (
            <KpiChart
              key={k.id}
              kpi={k}
              period={context.period}
              paceSpan={kpiPacePeriod(context, k)}
              checkIns={context.checkIns}
              today={today}
            />
          ))}
        </section>
      )}
      <section className="card card-body stack" aria-labelledby="checkins-title">
        <h3 id="checkins-title">{t('ui.live.checkIns', { count: context.checkIns.length })}</h3>
        {context.checkIns.length === 0 ? (
          <p className="muted small">{t('ui.live.noCheckIns')}</p>
        ) : (
          // Figures and health never break across lines (¥239.7 / 万 read as two values): on a
          // phone the table scrolls sideways in its own box instead, the date last, out of view.
          <TableScroll
            name={t('ui.live.checkIns', { count: context.checkIns.length })}
            className="table-scroll"
          >
            <table className="table">
              <thead>
                <tr>
                  <th>{t('ui.live.kpi')}</th>
                  <th className="num nowrap">{t('ui.live.actualShort')}</th>
                  <th className="num nowrap">{t('ui.live.paceShort')}</th>
                  <th>{t('ui.live.health')}</th>
                  <th>{t('ui.live.date')}</th>
                </tr>
              </thead>
              <tbody>
                {[...context.checkIns].reverse().map((c) => (
                  <tr key={c.id}>
                    <td>
                      {kpis.find((k) => k.id === c.kpiId)?.name ?? c.kpiId}
                      {c.reason && <div className="small muted">{c.reason}</div>}
                    </td>
                    <td className="num nowrap">{show(c.kpiId, c.value)}</td>
                    <td className="num nowrap">{i18n.percent(c.attainment)}</td>
                    <td className="nowrap">
                      <span className={`badge ${HEALTH_BADGE[c.health]}`}>
                        {i18n.label('health', c.health)}
                      </span>
                    </td>
                    <td className="nowrap">{i18n.date(c.date)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <Risks context={context} revision={revision} frozen={frozen || !operating} />
      {operating && !frozen && acting?.id === context.leadId && (
        <Replan context={context} revision={revision} />
      )}
      {!operating && context.current === 'execution' && !frozen && (
        <p className="muted small">{t('ui.live.notOperating')}</p>
      )}
    </div>
  );
}

const RisksDraftSchema = z.object({
  edits: z.record(
    z.string().max(100),
    z.object({
      countermeasure: z.string().max(2000),
      ownerId: z.string().max(100),
      due: z.union([z.iso.date(), z.literal('')]),
    }),
  ),
  description: z.string().max(2000),
  severity: z.enum(RISK_SEVERITIES),
});
type RisksDraft = z.infer<typeof RisksDraftSchema>;

function Risks({ context, revision, frozen }: LiveProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting, people } = useWorkspace();
  const personName = usePersonName();
  const { act, busy } = useAct(context.runId, revision);
  // Kept for the tab, like the check-in: a half-written countermeasure survives another stage.
  const [draft, setDraft] = useKeptInput<RisksDraft>(
    `${context.runId}:risks:${acting?.id ?? ''}`,
    RisksDraftSchema,
    { edits: {}, description: '', severity: 'high' },
  );
  const { edits, description, severity } = draft;
  const setEdit = (riskId: string, next: RisksDraft['edits'][string] | null) =>
    setDraft((d) => {
      const edits = { ...d.edits };
      if (next === null) delete edits[riskId];
      else edits[riskId] = next;
      return { ...d, edits };
    });
  const setDescription = (next: string) => setDraft((d) => ({ ...d, description: next }));
  const setSeverity = (next: RiskSeverity) => setDraft((d) => ({ ...d, severity: next }));
  return (
    <section className="card card-body stack" aria-labelledby="risks-title">
      <h3 id="risks-title">
        {t(
          // A run that is over has no one working its risks any more: say they were left open.
          context.outcome === null ? 'ui.live.risks' : 'ui.live.risksLeftOpen',
          { count: context.risks.filter((r) => r.status !== 'closed').length },
        )}
      </h3>
      {context.risks.length === 0 && <p className="muted small">{t('ui.live.noRisks')}</p>}
      {context.risks.map((risk) => {
        const edit = edits[risk.id] ?? {
          countermeasure: risk.countermeasure,
          ownerId: risk.ownerId ?? '',
          due: risk.due ?? '',
        };
        const change = (patch: Partial<typeof edit>) => setEdit(risk.id, { ...edit, ...patch });
        const save = async (status: 'mitigating' | 'closed') => {
          const ok = await act(
            {
              type: 'risk.update',
              by: acting?.id ?? '',
              riskId: risk.id,
              countermeasure: edit.countermeasure.trim(),
              ownerId: edit.ownerId || null,
              due: edit.due || null,
              status,
            },
            status === 'closed' ? 'ui.toast.riskClosed' : 'ui.toast.riskUpdated',
          );
          // Saved: the risk itself now holds what was typed.
          if (ok) setEdit(risk.id, null);
        };
        return (
          <article
            key={risk.id}
            className="item-card"
            aria-label={t('ui.live.riskLabel', { description: risk.description })}
          >
            <div className="item-card-head">
              <span
                className={`badge ${risk.severity === 'critical' || risk.severity === 'high' ? 'badge-red' : 'badge-amber'}`}
              >
                {i18n.label('riskSeverity', risk.severity)}
              </span>
              <strong>{risk.description}</strong>
              <span className="badge">{i18n.label('riskStatus', risk.status)}</span>
            </div>
            <p className="small muted">
              {risk.trigger.kind === 'checkIn'
                ? t('ui.live.raisedByCheckIn')
                : t('ui.live.raisedByHand', { name: personName(risk.raisedBy) })}
              {' · '}
              {i18n.dateTime(risk.raisedAt)}
            </p>
            {risk.status !== 'closed' && risk.countermeasure === '' && (
              <p className="small error-text">{t('ui.live.needsCountermeasure')}</p>
            )}
            {risk.status !== 'closed' && risk.countermeasure !== '' && risk.ownerId === null && (
              <p className="small error-text">{t('ui.live.needsOwner')}</p>
            )}
            {frozen ||
            risk.status === 'closed' ||
            acting === null ||
            !mayUpdateRisk(context, risk, acting.id) ? (
              <dl className="kv">
                <dt>{t('ui.live.countermeasure')}</dt>
                <dd>{risk.countermeasure || '—'}</dd>
                <dt>{t('ui.live.owner')}</dt>
                <dd>{personName(risk.ownerId)}</dd>
                <dt>{t('ui.live.due')}</dt>
                <dd>{risk.due ? i18n.date(risk.due) : '—'}</dd>
              </dl>
            ) : (
              <>
                <div className="form-grid">
                  <label className="field wide">
                    <span>{t('ui.live.countermeasure')}</span>
                    <input
                      value={edit.countermeasure}
                      onChange={(e) => change({ countermeasure: e.target.value })}
                      maxLength={2000}
                    />
                  </label>
                  <label className="field">
                    <span>{t('ui.live.owner')}</span>
                    <select
                      value={edit.ownerId}
                      onChange={(e) => change({ ownerId: e.target.value })}
                    >
                      <option value="">—</option>
                      {people
                        .filter((p) => mayOwnRisk(context, p.id) || p.id === edit.ownerId)
                        .map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.name}
                          </option>
                        ))}
                    </select>
                  </label>
                  <label className="field">
                    <span>{t('ui.live.due')}</span>
                    <input
                      type="date"
                      value={edit.due}
                      onChange={(e) => change({ due: e.target.value })}
                    />
                  </label>
                </div>
                <div className="btn-row">
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={busy || !edit.countermeasure.trim()}
                    onClick={() => void save('mitigating')}
                  >
                    {t('ui.live.saveCountermeasure')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={busy || !edit.countermeasure.trim() || !edit.ownerId}
                    onClick={() => void save('closed')}
                  >
                    {t('ui.live.closeRisk')}
                  </button>
                </div>
              </>
            )}
          </article>
        );
      })}
      {!frozen && (
        // A form of its own: once a risk is raised, focus waits in its emptied field.
        <form className="row" onSubmit={(e) => e.preventDefault()}>
          <input
            aria-label={t('ui.live.newRisk')}
            placeholder={t('ui.live.newRiskPlaceholder')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            style={{ flex: 1 }}
          />
          <select
            aria-label={t('ui.live.severity')}
            value={severity}
            onChange={(e) => setSeverity(e.target.value as RiskSeverity)}
            style={{ width: 'auto' }}
          >
            {RISK_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {i18n.label('riskSeverity', s)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy || !description.trim()}
            onClick={async () => {
              const ok = await act(
                {
                  type: 'risk.raise',
                  by: acting?.id ?? '',
                  description: description.trim(),
                  severity,
                  countermeasure: '',
                  ownerId: null,
                  due: null,
                },
                'ui.toast.riskRaised',
              );
              if (ok) setDescription('');
            }}
          >
            {t('ui.live.raiseRisk')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * A task's status as its owner moves it: chosen, then saved. Choosing alone records nothing, since
 * a keyboard walks a select's options one arrow press at a time and every change would be a
 * permanent event in the run's history.
 */
function TaskStatusControl({
  name,
  status,
  busy,
  onSave,
}: {
  name: string;
  status: TaskStatus;
  busy: boolean;
  onSave: (next: TaskStatus) => Promise<boolean>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [choice, setChoice] = useState<TaskStatus>(status);
  const select = useRef<HTMLSelectElement>(null);
  // A change from elsewhere (another tab, the lead) shows through unless one is being chosen.
  const [shown, setShown] = useState(status);
  if (shown !== status) {
    setShown(status);
    setChoice(status);
  }
  return (
    <span className="row nowrap" style={{ gap: 6 }}>
      <select
        ref={select}
        className="op-status-select"
        aria-label={t('ui.live.taskStatus', { name })}
        value={choice}
        onChange={(e) => setChoice(e.target.value as TaskStatus)}
      >
        {TASK_STATUSES.map((s) => (
          <option key={s} value={s}>
            {i18n.label('taskStatus', s)}
          </option>
        ))}
      </select>
      {choice !== status && (
        <button
          type="button"
          className="btn btn-sm btn-primary"
          aria-label={t('ui.live.saveTaskStatus', { name })}
          aria-disabled={busy}
          onClick={() => {
            if (busy) return;
            // Saved, the button goes: focus moves to the status it saves, before it goes.
            select.current?.focus();
            void onSave(choice);
          }}
        >
          {t('ui.action.save')}
        </button>
      )}
    </span>
  );
}

const ReplanDraftSchema = z.object({
  target: z.enum(['strategy', 'resources']),
  reason: z.string().max(2000),
});
type ReplanDraft = z.infer<typeof ReplanDraftSchema>;

function Replan({ context, revision }: { context: RunContext; revision: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting } = useWorkspace();
  const { act, busy } = useAct(context.runId, revision);
  const openStage = useOpenStage();
  const [draft, setDraft, clearDraft] = useKeptInput<ReplanDraft>(
    `${context.runId}:replan:${acting?.id ?? ''}`,
    ReplanDraftSchema,
    { target: 'strategy', reason: '' },
  );
  const { target, reason } = draft;
  const setTarget = (next: ReplanDraft['target']) => setDraft((d) => ({ ...d, target: next }));
  const setReason = (next: string) => setDraft((d) => ({ ...d, reason: next }));
  return (
    <section className="card card-body stack" aria-labelledby="replan-title">
      <h3 id="replan-title">{t('ui.live.replan')}</h3>
      <p className="small muted">{t('ui.live.replanHint')}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t('ui.live.replanTo')}</span>
          <select
            value={target}
            onChange={(e) => setTarget(e.target.value as 'strategy' | 'resources')}
          >
            <option value="strategy">{i18n.stage('strategy')}</option>
            <option value="resources">{i18n.stage('resources')}</option>
          </select>
        </label>
        <label className="field wide">
          <span>{t('ui.live.replanReason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </label>
      </div>
      <div className="btn-row">
        <button
          type="button"
          className="btn"
          disabled={busy || !reason.trim()}
          onClick={async () => {
            const ok = await act(
              { type: 'replan.escalate', by: acting?.id ?? '', target, reason: reason.trim() },
              'ui.toast.replanned',
            );
            if (ok) {
              clearDraft();
              // The plan is back with the lead at that stage: go there.
              focusStageHeading(context.runId, target);
              openStage(target);
            }
          }}
        >
          {t('ui.live.escalate')}
        </button>
      </div>
    </section>
  );
}

/** The words of the task export, in the reader's language. */
function csvLabels(i18n: I18n): TaskCsvLabels {
  const { t } = i18n;
  return {
    headers: {
      name: t('operating.csv.name'),
      owner: t('operating.csv.owner'),
      department: t('operating.csv.department'),
      start: t('operating.csv.start'),
      end: t('operating.csv.end'),
      dependencies: t('operating.csv.dependencies'),
      status: t('operating.csv.status'),
    },
    department: Object.fromEntries(
      DEPARTMENTS.map((d) => [d, i18n.label('department', d)]),
    ) as TaskCsvLabels['department'],
    status: Object.fromEntries(
      TASK_STATES.map((s) => [s, i18n.label('taskStatus', s)]),
    ) as TaskCsvLabels['status'],
    listSeparator: t('operating.csv.listSeparator'),
  };
}

/**
 * Execution while operating: progress counts, the task timeline and table (late derived from
 * today), the CSV export, the plan's sync meetings, and closing execution.
 */
export function LiveExecution({ context, revision, frozen }: LiveProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting, people, today, clock } = useWorkspace();
  const personName = usePersonName();
  const { act, busy } = useAct(context.runId, revision);
  const openStage = useOpenStage();
  const [acceptanceDraft, setAcceptance, clearAcceptance] = useKeptInput(
    `${context.runId}:close:${acting?.id ?? ''}`,
    z.string().max(2000),
    '',
  );
  const acceptance = acceptanceDraft;
  // Closing cannot be taken back from here: the first click asks, saying what is still open.
  const [confirming, setConfirming] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const keepOperating = () => {
    setConfirming(false);
    // Back to the button that asked, once it is shown again.
    requestAnimationFrame(() => closeButton.current?.focus());
  };
  const plan = approvedContent(context, 'execution');
  const tasks = plan?.tasks ?? [];
  const operating = isOperating(context);
  const open = openItems(context);
  // The machine's own rule, read at this moment: open items, or days of the period still to run.
  const now = clock.now();
  const needs = closeNeedsAcceptance(context, now, clock.utcOffset?.(now));
  const needsAcceptance = needs.openItems || needs.early;
  const bothApproved =
    context.stages.execution.status === 'approved' &&
    context.stages.monitoring.status === 'approved';
  const counts = taskCounts(tasks, context.taskProgress, today);
  // What closing now leaves behind: open tasks (if any), the days the period still runs, then ask.
  const daysLeft = daysBetween(today, context.period.end);
  const closeQuestion = i18n.sentences([
    counts.total > counts.done
      ? t('ui.live.closeConfirmTasks', { open: counts.total - counts.done, total: counts.total })
      : null,
    daysLeft > 0
      ? t('ui.live.closeConfirmDaysLeft', { end: i18n.date(context.period.end), days: daysLeft })
      : daysLeft === 0
        ? t('ui.live.closeConfirmEndsToday')
        : t('ui.live.closeConfirmEnded', { end: i18n.date(context.period.end) }),
    t('ui.live.closeConfirmAsk'),
  ]);
  const exportCsv = () =>
    downloadFile(
      taskCsvFileName(context.title),
      tasksToCsv(tasks, context.taskProgress, people, csvLabels(i18n), today),
      'text/csv;charset=utf-8',
    );
  return (
    <div className="stack">
      <section className="card card-body stack" aria-labelledby="tasks-title">
        <div className="row">
          <h3 id="tasks-title" style={{ flex: 1 }}>
            {t('ui.live.tasks')}
          </h3>
          <button
            type="button"
            className="btn btn-sm"
            disabled={tasks.length === 0}
            onClick={exportCsv}
          >
            {t('operating.csv.export')}
          </button>
        </div>
        <ul
          className="op-counts"
          aria-label={t('operating.progress.label', {
            total: counts.total,
            done: counts.done,
            inProgress: counts.inProgress,
            late: counts.late,
            todo: counts.todo,
          })}
        >
          {(['done', 'inProgress', 'late', 'todo'] as const).map((state) => (
            <li key={state} className={`op-count op-count-${state}`}>
              <span className="op-count-n">{counts[state]}</span>
              <span className="op-count-label">{i18n.label('taskStatus', state)}</span>
            </li>
          ))}
        </ul>
        <TaskTimeline
          tasks={tasks}
          progress={context.taskProgress}
          period={context.period}
          today={today}
        />
        <table className="table op-task-table">
          <thead>
            <tr>
              <th>{t('ui.live.task')}</th>
              <th>{t('ui.live.owner')}</th>
              <th>{t('ui.live.due')}</th>
              <th>{t('ui.common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const status: TaskStatus = recordedStatus(task, context.taskProgress);
              const late = taskStatusOn(task, context.taskProgress, today) === 'late';
              const mayMove =
                operating &&
                !frozen &&
                (acting?.id === task.ownerId || acting?.id === context.leadId);
              return (
                <tr key={task.id}>
                  <td>{task.name}</td>
                  <td>{personName(task.ownerId)}</td>
                  <td>
                    <span className="nowrap">{task.end ? i18n.date(task.end) : '—'}</span>{' '}
                    {late && (
                      <span className="badge badge-red">{i18n.label('taskStatus', 'late')}</span>
                    )}
                  </td>
                  <td>
                    {mayMove ? (
                      <TaskStatusControl
                        name={task.name}
                        status={status}
                        busy={busy}
                        onSave={(next) =>
                          act(
                            {
                              type: 'task.progress',
                              by: acting?.id ?? '',
                              taskId: task.id,
                              status: next,
                            },
                            'ui.toast.taskMoved',
                          )
                        }
                      />
                    ) : (
                      i18n.label('taskStatus', status)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {plan && (
        <Meetings context={context} revision={revision} frozen={frozen} operating={operating} />
      )}
      {operating && !frozen && acting?.id === context.leadId && (
        <section className="card card-body stack" aria-labelledby="close-title">
          <h3 id="close-title">{t('ui.live.closeExecution')}</h3>
          <p className="small muted">
            {bothApproved ? t('ui.live.closeHint') : t('ui.live.closeNeedsBoth')}
          </p>
          {needsAcceptance && (
            <label className="field">
              <span>
                {i18n.sentences([
                  // What is still open (only what there is), then the period, then one ask.
                  needs.openItems &&
                    t('ui.live.acceptanceOpen', {
                      items: i18n.list(
                        [
                          open.followUps > 0 &&
                            t('ui.live.openFollowUps', { count: open.followUps }),
                          open.criticalRisks > 0 &&
                            t('ui.live.openCriticalRisks', { count: open.criticalRisks }),
                          open.unhandledRisks > 0 &&
                            t('ui.live.openUnhandledRisks', { count: open.unhandledRisks }),
                        ].filter((item): item is string => typeof item === 'string'),
                      ),
                    }),
                  needs.early &&
                    t('ui.live.acceptanceEarly', { end: i18n.date(context.period.end) }),
                  t('ui.live.acceptanceAsk'),
                ])}
              </span>
              <textarea
                value={acceptance}
                onChange={(e) => setAcceptance(e.target.value)}
                maxLength={2000}
              />
            </label>
          )}
          {confirming ? (
            <div
              className="banner banner-amber stack"
              role="alertdialog"
              aria-labelledby="close-confirm"
              onKeyDown={(event) => {
                // Escape answers the question; it does not close the whole panel.
                if (event.key !== 'Escape') return;
                event.preventDefault();
                keepOperating();
              }}
            >
              <p id="close-confirm">{closeQuestion}</p>
              <div className="btn-row">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy}
                  onClick={async () => {
                    const ok = await act(
                      {
                        type: 'execution.close',
                        by: acting?.id ?? '',
                        acceptance: acceptance.trim(),
                      },
                      'ui.toast.executionClosed',
                    );
                    if (ok) {
                      setConfirming(false);
                      clearAcceptance();
                      // What comes next is the evaluation: go there.
                      focusStageHeading(context.runId, 'evaluation');
                      openStage('evaluation');
                    } else keepOperating();
                  }}
                >
                  {t('ui.live.closeConfirmYes')}
                </button>
                {/* The safe answer has focus: Enter does not close execution by accident. */}
                <button type="button" className="btn" autoFocus onClick={keepOperating}>
                  {t('ui.live.keepOperating')}
                </button>
              </div>
            </div>
          ) : (
            <div className="btn-row">
              <button
                type="button"
                className="btn btn-primary"
                ref={closeButton}
                disabled={busy || !bothApproved || (needsAcceptance && !acceptance.trim())}
                onClick={() => setConfirming(true)}
              >
                {t('ui.live.closeExecution')}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
