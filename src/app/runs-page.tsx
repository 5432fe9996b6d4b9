import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { SCENARIO_IDS, type ScenarioId } from '../domain/scenario-ids';
import { STAGE_IDS, isStageId, type StageId } from '../domain/stages';
import { periodLabel, quarterOf, quarterPeriod } from '../domain/time';
import { RUN_STATUSES, type RunRow } from '../storage/records';
import { yourTurn, type YourTurn } from '../../machines/run-facts';
import { HealthMark } from '../board/health-mark';
import { TableScroll } from '../stages/table-scroll';
import type { GatePolicies } from '../domain/gate';

/** The approval rules editor, with the scenarios' usual rules: loaded when first opened. */
const PoliciesForScenario = lazy(() =>
  import('../stages/policy-editor').then((m) => ({ default: m.ScenarioPoliciesEditor })),
);

/** Rows drawn at first, and added by each "Show more". */
const PAGE_SIZE = 100;

const STATUS_BADGE: Record<string, string> = {
  active: 'badge-blue',
  onHold: 'badge-amber',
  completed: 'badge-green',
  cancelled: 'badge-red',
};

/** Every run at a glance: where it stands, who leads it, when it last changed. */
export function RunsPage() {
  const { t, label, stage, dateTime } = useI18n();
  const { db, acting, today } = useWorkspace();
  const personName = usePersonName();
  // One getAll of the table, sorted here: a reverse walk of the updatedAt index is a cursor step
  // per row (measured ~0.5 s for 1,000 runs in Chromium), the whole table one request.
  const rows = useLiveQuery(() => db.runs.toArray().then(newestFirst), [db]);
  // The filters and how many rows show are kept in the address, so coming Back from a run finds
  // the list as it was left.
  const [params, setParams] = useSearchParams();
  const setParam = (name: string, value: string, keepShown = false) =>
    setParams(
      (now) => {
        const next = new URLSearchParams(now);
        if (value) next.set(name, value);
        else next.delete(name);
        // A new filter starts again at one page.
        if (!keepShown) next.delete('shown');
        return next;
      },
      { replace: true },
    );
  const scenario = params.get('scenario') ?? '';
  const status = params.get('status') ?? '';
  const current = params.get('stage') ?? '';
  const mineOnly = params.get('mine') === '1';
  const setScenario = (value: string) => setParam('scenario', value);
  const setStatus = (value: string) => setParam('status', value);
  const setCurrent = (value: string) => setParam('stage', value);
  const setMineOnly = (on: boolean) => setParam('mine', on ? '1' : '');
  // The search box answers each keystroke from its own state; the address follows it.
  const [query, setQueryText] = useState(() => params.get('q') ?? '');
  const setQuery = (value: string) => {
    setQueryText(value);
    setParam('q', value);
  };
  const [creating, setCreating] = useState(false);
  // Rows drawn: a page at first, more on request. Filtering searches every run all the same.
  const shown = Number(params.get('shown'));
  const limit = Number.isInteger(shown) && shown > PAGE_SIZE ? shown : PAGE_SIZE;

  // What each run waits for from the person acting: decisions at its gates, stages to submit.
  const turns = useMemo(() => {
    const byRun = new Map<string, YourTurn>();
    if (!acting) return byRun;
    for (const r of rows ?? []) {
      const turn = yourTurn(r, acting, today);
      if (turn.decide.length + turn.submit.length + turn.report > 0) byRun.set(r.id, turn);
    }
    return byRun;
  }, [rows, acting, today]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (rows ?? []).filter(
      (r) =>
        (!q ||
          r.title.toLowerCase().includes(q) ||
          personName(r.leadId).toLowerCase().includes(q)) &&
        (!scenario || r.scenario === scenario) &&
        (!status || r.status === status) &&
        (!current || currentStageOf(r) === current) &&
        (!mineOnly || turns.has(r.id)),
    );
  }, [rows, query, scenario, status, current, mineOnly, turns, personName]);

  return (
    <main className="app-main">
      <div className="page-head">
        <h1>{t('ui.runs.title')}</h1>
        <span className="muted" aria-live="polite">
          {rows && visible.length < rows.length
            ? t('ui.runs.countShown', { shown: visible.length, count: rows.length })
            : t('ui.runs.count', { count: rows?.length ?? 0 })}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
          {t('ui.action.newRun')}
        </button>
      </div>
      <div className="toolbar" role="search">
        <button
          type="button"
          className="btn btn-toggle"
          aria-pressed={mineOnly}
          onClick={() => setMineOnly(!mineOnly)}
        >
          {mineOnly && <span aria-hidden="true">✓</span>}
          {t('ui.runs.waitingForYou', { count: turns.size })}
        </button>
        <input
          type="search"
          aria-label={t('ui.runs.searchLabel')}
          placeholder={t('ui.runs.searchLabel')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select
          aria-label={t('ui.common.scenario')}
          value={scenario}
          onChange={(e) => setScenario(e.target.value)}
        >
          <option value="">{t('ui.runs.allScenarios')}</option>
          {SCENARIO_IDS.map((s) => (
            <option key={s} value={s}>
              {t(`scenario.${s}.name`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('ui.common.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('ui.runs.allStatuses')}</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label('runStatus', s)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('ui.runs.currentStage')}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        >
          <option value="">{t('ui.runs.allStages')}</option>
          {STAGE_IDS.filter((s) => s !== 'monitoring').map((s) => (
            <option key={s} value={s}>
              {s === 'execution' ? t('ui.runs.operating') : stage(s)}
            </option>
          ))}
        </select>
      </div>
      <TableScroll name={t('ui.runs.title')} className="card table-card">
        {rows && rows.length === 0 ? (
          <div className="empty stack" style={{ alignItems: 'center' }}>
            <p>{t('ui.runs.empty')}</p>
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              {t('ui.action.newRun')}
            </button>
          </div>
        ) : (
          <table className="table runs-table">
            <thead>
              <tr>
                <th>{t('ui.common.title')}</th>
                <th>{t('ui.runs.yourTurn')}</th>
                <th>{t('ui.common.scenario')}</th>
                <th>{t('ui.common.period')}</th>
                <th>{t('ui.common.lead')}</th>
                <th>{t('ui.runs.currentStage')}</th>
                <th>{t('ui.common.status')}</th>
                <th>{t('ui.common.lastChange')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.slice(0, limit).map((r) => {
                const at = currentStageOf(r);
                return (
                  <tr key={r.id}>
                    <td className="run-title">
                      <Link to={`/runs/${encodeURIComponent(r.id)}`}>{r.title}</Link>
                    </td>
                    <td className="run-turn">
                      <TurnChips run={r} turn={turns.get(r.id)} />
                    </td>
                    <td data-label={t('ui.common.scenario')}>
                      {t(`scenario.${r.scenario as ScenarioId}.name`)}
                    </td>
                    <td className="nowrap" data-label={t('ui.common.period')}>
                      {periodLabel({ start: r.periodStart, end: r.periodEnd })}
                    </td>
                    <td data-label={t('ui.common.lead')}>{personName(r.leadId)}</td>
                    <td data-label={t('ui.runs.currentStage')}>
                      {at === 'execution'
                        ? t('ui.runs.operating')
                        : isStageId(at)
                          ? stage(at)
                          : '—'}
                      {r.facts?.operating && r.status === 'active' && (
                        <span className="run-health">
                          <HealthMark kind={r.facts.health ?? 'none'} />
                          {t(`portfolio.health.${r.facts.health ?? 'none'}`)}
                        </span>
                      )}
                    </td>
                    <td data-label={t('ui.common.status')}>
                      <span className={`badge ${STATUS_BADGE[r.status] ?? ''}`}>
                        {label('runStatus', r.status)}
                      </span>
                    </td>
                    <td className="nowrap muted" data-label={t('ui.common.lastChange')}>
                      {dateTime(r.updatedAt)}
                    </td>
                  </tr>
                );
              })}
              {visible.length === 0 && rows && rows.length > 0 && (
                <tr>
                  <td colSpan={8} className="empty">
                    {mineOnly && turns.size === 0
                      ? t('ui.runs.nothingWaiting')
                      : t('ui.runs.noMatch')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {visible.length > limit && (
          <div className="table-more">
            <span className="muted small">
              {t('ui.runs.shown', { shown: limit, total: visible.length })}
            </span>
            <button
              type="button"
              className="btn"
              onClick={() => setParam('shown', String(limit + PAGE_SIZE), true)}
            >
              {t('ui.runs.showMore', { count: Math.min(PAGE_SIZE, visible.length - limit) })}
            </button>
          </div>
        )}
      </TableScroll>
      {creating && (
        // The dialog needs the engine, loaded on first use: wait for it here, not page-wide.
        <Suspense fallback={null}>
          <NewRunDialog onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </main>
  );
}

/**
 * "Decide: Goal setting", "Submit: Strategy", "3 check-ins due": what a run waits for from the
 * person acting, each a link to the stage where it is done. Each link's name ends with the run's
 * title, so a list of links (screen readers offer one) tells the runs apart.
 */
function TurnChips({ run, turn }: { run: RunRow; turn: YourTurn | undefined }) {
  const { t, stage } = useI18n();
  if (!turn) return null;
  type Chip = { key: string; stage: StageId; to: string; text: string; badge: string };
  // Where each kind of work is done on the run page (`?to=`), and its colour.
  const atGate =
    (kind: 'decide' | 'submit') =>
    (s: StageId): Chip => ({
      key: `${kind}-${s}`,
      stage: s,
      to: kind === 'decide' ? 'decide' : 'stage',
      text: t(`ui.runs.${kind}`, { stage: stage(s) }),
      badge: kind === 'decide' ? 'badge-violet' : 'badge-blue',
    });
  const chips: Chip[] = [
    ...turn.decide.map(atGate('decide')),
    ...turn.submit.map(atGate('submit')),
  ];
  if (turn.report > 0) {
    chips.push({
      key: 'report',
      stage: 'monitoring',
      to: 'checkIn',
      text: t('ui.runs.reportDue', { count: turn.report }),
      badge: 'badge-amber',
    });
  }
  return (
    <span className="turn-chips">
      {chips.map((chip) => (
        <Link
          key={chip.key}
          className={`badge turn-chip ${chip.badge}`}
          to={`/runs/${encodeURIComponent(run.id)}?stage=${chip.stage}&to=${chip.to}`}
          aria-label={t('ui.runs.turnLink', { what: chip.text, title: run.title })}
        >
          {chip.text}
        </Link>
      ))}
    </span>
  );
}

function newestFirst(rows: RunRow[]): RunRow[] {
  return rows.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

function currentStageOf(row: RunRow): string {
  return row.status === 'completed' || row.status === 'cancelled' ? '' : row.current;
}

/** A new run from one of the five scenario templates: title, quarter and lead. */
function NewRunDialog({ onClose }: { onClose: () => void }) {
  const { t, locale, label, stage } = useI18n();
  const { engine, people, today, acting } = useWorkspace();
  const toast = useToast();
  const navigate = useNavigate();
  const ref = useRef<HTMLDialogElement>(null);
  const now = quarterOf(today);
  const [scenario, setScenario] = useState<ScenarioId>('newProductLaunch');
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(now.year);
  // A quarter, or the whole year ("every quarter (or year)").
  const [span, setSpan] = useState<1 | 2 | 3 | 4 | 'year'>(now.quarter);
  // Runs are led by project leads; anyone, if nobody holds that role yet.
  const withLeadRole = people.filter((p) => p.roles.includes('lead'));
  const leads = withLeadRole.length > 0 ? withLeadRole : people;
  const [leadId, setLeadId] = useState(
    (acting && acting.roles.includes('lead') ? acting.id : leads[0]?.id) ?? people[0]?.id ?? '',
  );
  // The scenario's usual approval rules until the person changes one (then theirs, whatever
  // scenario is chosen after). Loaded with the rules editor, the first time it is opened.
  const [policies, setPolicies] = useState<GatePolicies | null>(null);
  const [rulesOpen, setRulesOpen] = useState(false);
  const [rulesRefusal, setRulesRefusal] = useState<{ stage: StageId; message: string } | null>(
    null,
  );
  const [error, setError] = useState('');
  const [titleInvalid, setTitleInvalid] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!title.trim()) {
      setError(t('ui.newRun.titleRequired'));
      setTitleInvalid(true);
      titleInput.current?.focus();
      return;
    }
    if (!leadId) {
      setError(t('ui.newRun.leadRequired'));
      return;
    }
    if (policies) {
      const editor = await import('../stages/policy-editor');
      const without = editor.gateWithoutApprovers(policies);
      if (without) {
        const message = t('ui.policy.noRoles', { stage: stage(without) });
        setError(message);
        // Also at the gate itself, where focus goes: the dialog's foot is far below it.
        setRulesRefusal({ stage: without, message });
        requestAnimationFrame(() => document.getElementById(editor.firstRoleId(without))?.focus());
        return;
      }
    }
    setBusy(true);
    try {
      const period =
        span === 'year'
          ? { start: `${year}-01-01`, end: `${year}-12-31` }
          : quarterPeriod(year, span);
      const { scenarioTemplate } = await import('../domain/scenarios');
      const template = scenarioTemplate(scenario, locale, period);
      const runId = `run-${crypto.randomUUID().slice(0, 8)}`;
      await engine.createRun(
        {
          runId,
          scenario,
          title: title.trim(),
          period,
          leadId,
          parentRunId: null,
          policies: policies ?? template.policies,
        },
        acting?.id ?? leadId,
        template.drafts,
      );
      toast.show(t('ui.newRun.created', { title: title.trim() }));
      onClose();
      navigate(`/runs/${runId}?stage=research&to=stage`);
    } catch (e) {
      setError(t('ui.error.generic', { detail: (e as Error).message }));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={(el) => {
        ref.current = el;
        if (el && !el.open) {
          el.showModal();
          // showModal focuses the first control (a scenario); the title is what to fill first.
          titleInput.current?.focus();
        }
      }}
      className="dialog"
      aria-labelledby="new-run-title"
      onClose={onClose}
    >
      <form
        method="dialog"
        // The app's own message, tied to the field, rather than the browser's bubble.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className="dialog-head">
          <h2 id="new-run-title">{t('ui.newRun.title')}</h2>
        </div>
        <div className="dialog-body">
          <fieldset>
            <legend className="small muted">{t('ui.common.scenario')}</legend>
            <div className="stack" style={{ gap: 6 }}>
              {SCENARIO_IDS.map((s) => (
                <label
                  key={s}
                  className="row"
                  style={{ alignItems: 'flex-start', flexWrap: 'nowrap' }}
                >
                  <input
                    type="radio"
                    name="scenario"
                    value={s}
                    checked={scenario === s}
                    onChange={() => setScenario(s)}
                  />
                  <span>
                    <strong>{t(`scenario.${s}.name`)}</strong>
                    <br />
                    <span className="small muted">{t(`scenario.${s}.description`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field">
            <span>{t('ui.common.title')}</span>
            <input
              ref={titleInput}
              value={title}
              onChange={(e) => {
                setTitle(e.target.value);
                if (titleInvalid && e.target.value.trim()) {
                  setTitleInvalid(false);
                  setError('');
                }
              }}
              maxLength={200}
              aria-required
              aria-invalid={titleInvalid}
              aria-describedby={titleInvalid ? 'new-run-title-error' : undefined}
            />
          </label>
          {/* Under the field it is about, not at the foot of a long dialog. */}
          {titleInvalid && error && (
            <p role="alert" id="new-run-title-error" className="error-text">
              {error}
            </p>
          )}
          <div className="form-grid">
            <label className="field">
              <span>{t('ui.newRun.year')}</span>
              <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
                {[now.year - 1, now.year, now.year + 1].map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('ui.newRun.period')}</span>
              <select
                value={span}
                onChange={(e) =>
                  setSpan(
                    e.target.value === 'year' ? 'year' : (Number(e.target.value) as 1 | 2 | 3 | 4),
                  )
                }
              >
                {([1, 2, 3, 4] as const).map((q) => (
                  <option key={q} value={q}>
                    {`Q${q}`}
                  </option>
                ))}
                <option value="year">{t('ui.newRun.wholeYear')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('ui.common.lead')}</span>
              <select value={leadId} onChange={(e) => setLeadId(e.target.value)}>
                {leads.map((p) => (
                  <option key={p.id} value={p.id}>
                    {`${p.name} · ${p.roles.map((r) => label('role', r)).join(', ')}`}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <details
            className="new-run-rules"
            open={rulesOpen}
            onToggle={(e) => setRulesOpen(e.currentTarget.open)}
          >
            <summary>{t('ui.policy.summary')}</summary>
            {rulesOpen && (
              <div className="stack" style={{ marginTop: 8 }}>
                <p className="small muted">{t('ui.policy.hint')}</p>
                <Suspense fallback={null}>
                  <PoliciesForScenario
                    scenario={scenario}
                    value={policies}
                    onChange={(next) => {
                      setPolicies(next);
                      if (rulesRefusal && next[rulesRefusal.stage].roles.length > 0) {
                        setRulesRefusal(null);
                        setError('');
                      }
                    }}
                    people={people}
                    refusal={rulesRefusal}
                  />
                </Suspense>
              </div>
            )}
          </details>
          {error && !titleInvalid && (
            <p role="alert" id="new-run-error" className="error-text">
              {error}
            </p>
          )}
        </div>
        <div className="dialog-foot">
          {/* Closing the dialog itself gives focus back to what opened it (New run). */}
          <button type="button" className="btn" onClick={() => ref.current?.close()}>
            {t('ui.action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('ui.newRun.create')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
