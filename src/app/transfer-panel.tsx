import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { focusedElement, returnFocus } from '../stages/focus';
import { downloadFile } from '../stages/download';
import { periodLabel } from '../domain/time';
import { useLiveQuery } from 'dexie-react-hooks';
import { hasMessage, type MessageParams } from '../i18n';
import { useI18n, type I18n } from '../i18n/react';
import { isStageId } from '../domain/stages';
import {
  commitImport,
  exportFileName,
  exportWorkspace,
  planImport,
  serializeWorkspaceInParts,
  validateWorkspace,
  type ImportPlan,
  type ImportProgress,
  type ImportResult,
  type ValidatedWorkspace,
} from '../engine/transfer';
import { TransferError } from '../storage/transfer';
import { useToast } from '../workspace/toasts';
import { usePersonName, useWorkspace } from '../workspace/workspace';

type ConflictChoice = 'skip' | 'copy';

type Step =
  | { kind: 'idle' }
  | { kind: 'working'; file: string; progress: ImportProgress; controller: AbortController }
  | {
      kind: 'review';
      file: string;
      workspace: ValidatedWorkspace;
      plan: ImportPlan;
      choices: Readonly<Record<string, ConflictChoice>>;
    }
  | { kind: 'refused'; file: string; error: unknown };

const STATUS_BADGE: Record<string, string> = {
  active: 'badge-blue',
  onHold: 'badge-amber',
  completed: 'badge-green',
  cancelled: 'badge-red',
};

/** "imported 7 runs (1 as a copy); skipped 5; added 8 people": what happened, nothing that did not. */
function importSummary(result: ImportResult, { t, number }: I18n): string {
  const imported = result.imported.length + result.copies.length;
  const copies = result.copies.length;
  const parts = [
    t(imported === 1 ? 'transfer.doneParts.importedOne' : 'transfer.doneParts.importedMany', {
      count: number(imported),
    }) +
      (copies === 0
        ? ''
        : t(copies === 1 ? 'transfer.doneParts.copiesOne' : 'transfer.doneParts.copiesMany', {
            count: number(copies),
          })),
  ];
  if (result.skipped.length > 0) {
    parts.push(t('transfer.doneParts.skipped', { count: number(result.skipped.length) }));
  }
  if (result.peopleAdded > 0) {
    parts.push(
      t(
        result.peopleAdded === 1 ? 'transfer.doneParts.peopleOne' : 'transfer.doneParts.peopleMany',
        { count: number(result.peopleAdded) },
      ),
    );
  }
  return parts.join(t('transfer.doneParts.separator'));
}

const isCancel = (error: unknown) => error instanceof TransferError && error.code === 'cancelled';

/**
 * Settings → Import and export. Export writes the workspace (or one run) as a JSON file. Import
 * reads a file, checks it completely (showing progress, cancellable), shows what it holds and
 * asks about runs that already exist (skip or copy), and only then writes — in one transaction.
 * A refused file gets an alert that says what is wrong, where, and how to fix it.
 */
export function TransferPanel() {
  const i18n = useI18n();
  const { t, label, stage, number } = i18n;
  const { db, engine, clock, today, acting } = useWorkspace();
  const toast = useToast();
  const ids = useId();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [exporting, setExporting] = useState(false);
  const [runToExport, setRunToExport] = useState('');
  const [pickerFocused, setPickerFocused] = useState(false);
  const outcome = useRef<HTMLDivElement>(null);

  const picker = useRef<HTMLInputElement>(null);
  // A refusal or the review step may appear below the fold: bring it into view, and take focus
  // there (the file picker that had it is disabled meanwhile), so a keyboard or screen reader
  // user lands on what happened.
  useEffect(() => {
    if (step.kind !== 'refused' && step.kind !== 'review') return;
    outcome.current?.scrollIntoView?.({ block: 'nearest' });
    outcome.current?.querySelector<HTMLElement>('[data-takes-focus]')?.focus();
  }, [step.kind]);
  /** Back to choosing a file: the picker has focus again. */
  const backToPicker = () => {
    setStep({ kind: 'idle' });
    requestAnimationFrame(() => picker.current?.focus());
  };

  const personName = usePersonName();
  const rows = useLiveQuery(() => db.runs.toArray(), [db]);
  const runs = useMemo(
    () => [...(rows ?? [])].sort((a, b) => a.title.localeCompare(b.title)),
    [rows],
  );
  // Each run as a person tells it from the others: its title, the period unless the title says
  // it, and where runs still read the same, who leads it, then its id.
  const runLabels = useMemo(() => {
    const base = new Map(
      runs.map((r) => {
        const period = periodLabel({ start: r.periodStart, end: r.periodEnd });
        return [r.id, r.title.includes(period) ? r.title : `${r.title} · ${period}`];
      }),
    );
    const count = (labels: Map<string, string>) => {
      const seen = new Map<string, number>();
      for (const label of labels.values()) seen.set(label, (seen.get(label) ?? 0) + 1);
      return seen;
    };
    const sameBase = count(base);
    const led = new Map(
      runs.map((r) => {
        const label = base.get(r.id) ?? r.title;
        return [
          r.id,
          (sameBase.get(label) ?? 0) > 1 ? `${label} · ${personName(r.leadId)}` : label,
        ];
      }),
    );
    const seen = count(led);
    return new Map(
      runs.map((r) => {
        const label = led.get(r.id) ?? r.title;
        return [r.id, (seen.get(label) ?? 0) > 1 ? `${label} · ${r.id}` : label];
      }),
    );
  }, [runs, personName]);
  const selectedRun = runs.some((r) => r.id === runToExport) ? runToExport : (runs[0]?.id ?? '');
  const busy = exporting || step.kind === 'working';
  // Reading has no measure (one JSON.parse); the other phases count events or records.
  const measured =
    step.kind === 'working' && step.progress.phase !== 'reading' && step.progress.total > 0;

  const exportFile = async (runId?: string) => {
    // The button is disabled while the file is made: give it focus back afterwards.
    const origin = focusedElement();
    setExporting(true);
    try {
      const file = await exportWorkspace(db, {
        runIds: runId ? [runId] : undefined,
        now: clock.now(),
      });
      const name = exportFileName(today, runId);
      downloadFile(name, await serializeWorkspaceInParts(file), 'application/json');
      toast.show(t('transfer.exported', { file: name }));
    } catch (error) {
      toast.show(t('transfer.exportFailed', { detail: (error as Error).message }), 'error');
    } finally {
      setExporting(false);
      returnFocus(origin);
    }
  };

  const work = (file: string) => {
    const controller = new AbortController();
    const progress: ImportProgress = { phase: 'reading', done: 0, total: 1 };
    setStep({ kind: 'working', file, progress, controller });
    const onProgress = (next: ImportProgress) =>
      setStep((s) => (s.kind === 'working' ? { ...s, progress: next } : s));
    return { signal: controller.signal, onProgress };
  };

  const fail = (file: string, error: unknown) => {
    if (isCancel(error)) {
      toast.show(t('transfer.cancelled'), 'info');
      setStep({ kind: 'idle' });
    } else setStep({ kind: 'refused', file, error });
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) fires a change.
    input.value = '';
    if (!file) return;
    const options = work(file.name);
    try {
      const workspace = await validateWorkspace(file, options);
      const plan = await planImport(db, workspace);
      if (options.signal.aborted) throw new TransferError('cancelled', '', 'cancelled');
      const choices = Object.fromEntries(
        plan.runs.filter((r) => r.conflict).map((r) => [r.runId, 'skip' as const]),
      );
      setStep({ kind: 'review', file: file.name, workspace, plan, choices });
    } catch (error) {
      fail(file.name, error);
    }
  };

  const commit = async () => {
    if (step.kind !== 'review') return;
    const { file, workspace, choices } = step;
    const options = work(file);
    try {
      const result = await commitImport(db, workspace, choices, {
        ...options,
        byPersonId: acting?.id ?? null,
        at: clock.now(),
        copyTitle: (title) => t('transfer.copyTitle', { title }),
      });
      // The engine may hold an older run under a reused id (e.g. after "Start empty").
      for (const id of [...result.imported, ...result.copies.map((c) => c.to)]) engine.forget(id);
      toast.show(t('transfer.done', { parts: importSummary(result, i18n) }));
      setStep({ kind: 'idle' });
    } catch (error) {
      fail(file, error);
    }
  };

  const refusal = (error: unknown): { text: string; path: string } => {
    if (!(error instanceof TransferError)) {
      return {
        text: t('transfer.error.writeFailed', { detail: (error as Error)?.message ?? '' }),
        path: '',
      };
    }
    const params: Record<string, string | number> = { ...error.params };
    for (const key of ['expected', 'found']) {
      const typeKey = `transfer.type.${String(params[key])}`;
      if (key in params && hasMessage(typeKey)) params[key] = t(typeKey);
    }
    if (isStageId(params.stage)) params.stage = stage(params.stage);
    // A file cut short breaks at its very end: say that, not "line 1, column 74433".
    if (error.code === 'notJson' && params.empty === 1)
      return { text: t('transfer.empty'), path: '' };
    if (error.code === 'notJson' && params.truncated === 1)
      return { text: t('transfer.cutOff'), path: '' };
    return { text: t(`transfer.error.${error.code}`, params as MessageParams), path: error.path };
  };

  return (
    <section className="card card-body stack" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('transfer.title')}</h2>
      <p className="muted">{t('transfer.hint')}</p>

      <div className="stack" style={{ gap: 8 }}>
        <h3>{t('transfer.exportHeading')}</h3>
        <div className="btn-row" style={{ alignItems: 'flex-end', gap: 12 }}>
          <button
            type="button"
            className="btn"
            disabled={busy || runs.length === 0}
            onClick={() => void exportFile()}
          >
            {t('transfer.exportWorkspace')}
          </button>
          <span
            aria-hidden="true"
            style={{ alignSelf: 'stretch', borderLeft: '1px solid var(--border)' }}
          />
          <div className="field" style={{ flex: '1 1 220px', maxWidth: 340 }}>
            <label htmlFor={`${ids}-run`}>{t('transfer.runToExport')}</label>
            <select
              id={`${ids}-run`}
              value={selectedRun}
              disabled={busy || runs.length === 0}
              onChange={(e) => setRunToExport(e.target.value)}
            >
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  {runLabels.get(r.id) ?? r.title}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="btn"
            disabled={busy || !selectedRun}
            onClick={() => void exportFile(selectedRun)}
          >
            {t('transfer.exportRun')}
          </button>
        </div>
        {rows && runs.length === 0 && <p className="muted small">{t('transfer.noRuns')}</p>}
      </div>

      <div className="stack" style={{ gap: 8 }}>
        <h3>{t('transfer.importHeading')}</h3>
        <p className="muted small" id={`${ids}-import-hint`}>
          {t('transfer.importHint')}
        </p>
        <div className="btn-row">
          <label
            className="btn"
            aria-disabled={busy || step.kind === 'review'}
            style={{
              outline: pickerFocused ? '2px solid var(--accent)' : undefined,
              outlineOffset: 2,
              opacity: busy || step.kind === 'review' ? 0.55 : undefined,
            }}
          >
            {t('transfer.importLabel')}
            <input
              ref={picker}
              type="file"
              accept=".json,application/json"
              className="sr-only"
              aria-describedby={`${ids}-import-hint`}
              disabled={busy || step.kind === 'review'}
              onFocus={() => setPickerFocused(true)}
              onBlur={() => setPickerFocused(false)}
              onChange={(e) => void chooseFile(e)}
            />
          </label>
        </div>

        {step.kind === 'working' && (
          <div className="stack" style={{ gap: 6 }} aria-busy="true">
            <label htmlFor={`${ids}-progress`} className="small muted">
              {t('transfer.progressLabel')} · {step.file}
            </label>
            <div className="row" style={{ flexWrap: 'nowrap' }}>
              <progress
                id={`${ids}-progress`}
                style={{ flex: 1, height: 10 }}
                max={measured ? step.progress.total : 1}
                value={measured ? step.progress.done : undefined}
              />
              <button type="button" className="btn" onClick={() => step.controller.abort()}>
                {t('transfer.cancel')}
              </button>
            </div>
            <span className="small muted" aria-live="polite">
              {t(`transfer.phase.${step.progress.phase}`, {
                done: number(step.progress.done),
                total: number(step.progress.total),
              })}
            </span>
          </div>
        )}

        {step.kind === 'refused' && (
          <div
            ref={outcome}
            role="alert"
            className="banner banner-red stack"
            style={{ alignItems: 'stretch', gap: 6 }}
          >
            <strong data-takes-focus tabIndex={-1}>
              {t('transfer.refusedTitle', { file: step.file })}
            </strong>
            {(() => {
              const { text, path } = refusal(step.error);
              return (
                <>
                  <span>{text}</span>
                  {path && (
                    <span className="small">
                      {t('transfer.where')} <code style={{ wordBreak: 'break-all' }}>{path}</code>
                    </span>
                  )}
                </>
              );
            })()}
            <span className="small">{t('transfer.nothingChanged')}</span>
            <div>
              <button type="button" className="btn btn-sm" onClick={backToPicker}>
                {t('transfer.dismiss')}
              </button>
            </div>
          </div>
        )}

        {step.kind === 'review' && (
          <div ref={outcome}>
            <ImportReview
              step={step}
              statusLabel={(s) => label('runStatus', s)}
              onChoose={(choices) => setStep({ ...step, choices })}
              onCancel={backToPicker}
              onImport={() => void commit()}
            />
          </div>
        )}
      </div>
    </section>
  );
}

/** The step between checking and writing: what the file holds, and a choice per existing run. */
function ImportReview({
  step,
  statusLabel,
  onChoose,
  onCancel,
  onImport,
}: {
  step: Extract<Step, { kind: 'review' }>;
  statusLabel: (status: string) => string;
  onChoose: (choices: Record<string, ConflictChoice>) => void;
  onCancel: () => void;
  onImport: () => void;
}) {
  const { t, number } = useI18n();
  const ids = useId();
  const { plan, choices, file } = step;
  const conflicts = plan.runs.filter((r) => r.conflict);
  const count = plan.runs.filter((r) => !r.conflict || choices[r.runId] === 'copy').length;
  const setAll = (choice: ConflictChoice) =>
    onChoose(Object.fromEntries(conflicts.map((r) => [r.runId, choice])));

  return (
    <div
      role="group"
      aria-labelledby={`${ids}-title`}
      className="stack"
      style={{ border: '1px solid var(--border)', borderRadius: 8, padding: 12, gap: 10 }}
    >
      <h3 id={`${ids}-title`} data-takes-focus tabIndex={-1}>
        {t('transfer.review.title')}
      </h3>
      <p>
        {t('transfer.review.summary', {
          file,
          runs: number(plan.runs.length),
          people: number(plan.people.added + plan.people.kept),
          added: number(plan.people.added),
        })}{' '}
        {plan.people.kept > 0 && <span className="muted">{t('transfer.review.peopleMerged')}</span>}
      </p>
      {conflicts.length > 0 && (
        <div className="banner banner-amber" style={{ justifyContent: 'space-between' }}>
          <span>{t('transfer.review.conflictsHint')}</span>
          <span className="btn-row" style={{ flexWrap: 'nowrap' }}>
            <button type="button" className="btn btn-sm" onClick={() => setAll('skip')}>
              {t('transfer.review.skipAll')}
            </button>
            <button type="button" className="btn btn-sm" onClick={() => setAll('copy')}>
              {t('transfer.review.copyAll')}
            </button>
          </span>
        </div>
      )}
      <div
        style={{
          overflow: 'auto',
          maxHeight: 320,
          border: '1px solid var(--border)',
          borderRadius: 6,
        }}
      >
        <table className="table">
          <thead>
            <tr>
              <th>{t('transfer.review.run')}</th>
              <th className="num">{t('transfer.review.events')}</th>
              <th>{t('transfer.review.here')}</th>
              <th>{t('transfer.review.choice')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.runs.map((r) => (
              <tr key={r.runId}>
                <td>
                  <div>{r.title}</div>
                  <div className="small faint">
                    {periodLabel(r.period)} · {r.runId} ·{' '}
                    <span className={`badge ${STATUS_BADGE[r.status] ?? ''}`}>
                      {statusLabel(r.status)}
                    </span>
                  </div>
                </td>
                <td className="num">{number(r.events)}</td>
                <td>
                  {r.conflict === null ? (
                    <span className="badge badge-green">{t('transfer.review.isNew')}</span>
                  ) : (
                    <span className="badge badge-amber">{t('transfer.review.exists')}</span>
                  )}
                </td>
                <td>
                  {r.conflict === null ? (
                    <span className="muted">{t('transfer.review.willImport')}</span>
                  ) : (
                    <div
                      role="radiogroup"
                      aria-label={t('transfer.review.choiceFor', {
                        title: `${r.title} · ${periodLabel(r.period)}`,
                      })}
                      className="checkbox-row"
                      style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}
                    >
                      {(['skip', 'copy'] as const).map((choice) => (
                        <label key={choice}>
                          <input
                            type="radio"
                            name={`${ids}-${r.runId}`}
                            checked={choices[r.runId] === choice}
                            onChange={() => onChoose({ ...choices, [r.runId]: choice })}
                          />
                          {choice === 'skip'
                            ? t('transfer.review.skip')
                            : t('transfer.review.copy')}
                        </label>
                      ))}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count === 0 && <p className="muted">{t('transfer.review.nothingToImport')}</p>}
      <div className="btn-row">
        <button type="button" className="btn btn-primary" disabled={count === 0} onClick={onImport}>
          {count === 1
            ? t('transfer.review.importOne')
            : t('transfer.review.importMany', { count: number(count) })}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('transfer.cancel')}
        </button>
      </div>
    </div>
  );
}
