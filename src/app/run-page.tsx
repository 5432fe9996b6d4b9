import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import RunBoard from '../board/run-board';
import { stageOnBoard } from '../board/stage-list';
import { scrollIntoSight, STAGE_HEADING_ID } from '../stages/focus';
import { OpenStageContext } from '../stages/open-stage';
import { StagePanel, landingId } from '../stages/stage-panel';
import { gateContextFor } from '../../machines/run-rules';
import type { RunContext } from '../../machines/run-context';
import { gateReadiness } from '../domain/readiness';
import { isStageId, type StageId } from '../domain/stages';
import { periodLabel, type Period } from '../domain/time';
import { NextCycleDialog } from './next-cycle-dialog';
import type { ScenarioId } from '../domain/scenarios';
import { ConflictError, RefusedError } from '../engine/engine';
import { SnapshotRestoreError } from '../engine/snapshots';
import { currentContext, readStoredRun } from '../engine/stored';
import { Missing } from './page-parts';
import { useI18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { updateOnto, useRunUpdates } from '../workspace/run-updates';
import { HistoryPanel } from './history-panel';

type Tab = 'stage' | 'history';

/**
 * The route: one page instance per run, so nothing read for one run (its drafts above all) is
 * ever shown, or autosaved, as another's while the new run loads.
 */
/** The History button of the run page: where focus returns when the history panel closes. */
const HISTORY_TOGGLE_ID = 'history-toggle';

/** The banner saying the board shows a past moment. */
const AS_OF_BANNER_ID = 'as-of-banner';

export default function RunRoute() {
  const { runId = '' } = useParams();
  return <RunPage key={runId} runId={runId} />;
}

/** A run's board with its side panel: the open stage, or the history. */
function RunPage({ runId }: { runId: string }) {
  const [params, setParams] = useSearchParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { db, engine, today, people, acting } = useWorkspace();
  const personName = usePersonName();
  const toast = useToast();
  const navigate = useNavigate();
  const stored = useLiveQuery(() => readStoredRun(db, runId), [db, runId]);
  const row = stored && stored.row;
  // An imported run has no checkpoint yet: loading it into the engine stores one, so this page
  // stops replaying the run's whole log at every refresh. A run that cannot be restored shows
  // its error below, from the same replay.
  const uncheckpointed = stored?.checkpoint === null;
  useEffect(() => {
    if (uncheckpointed) engine.load(runId).catch(() => undefined);
  }, [engine, runId, uncheckpointed]);
  const drafts = useLiveQuery(() => db.drafts.where('runId').equals(runId).toArray(), [db, runId]);
  const stageParam = params.get('stage');
  const selected: StageId | null = isStageId(stageParam) ? stageParam : null;
  const tab: Tab = params.get('tab') === 'history' ? 'history' : 'stage';
  // Another stage (or tab) opens at its top, not at the scroll position of the one before.
  const sideBody = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (sideBody.current) sideBody.current.scrollTop = 0;
  }, [selected, tab]);
  const [asOf, setAsOf] = useState<{ seq: number; context: RunContext } | null>(null);
  // Arriving from the runs list ("Decide: …", "3 check-ins due"): show where it is done and put
  // focus there once the panel has drawn it, then forget the request (Back, reload stay put).
  const landing = params.get('to');
  useEffect(() => {
    if (landing === null || selected === null) return;
    const id = landingId(landing);
    let frames = 0;
    let handle = requestAnimationFrame(function land() {
      const target = document.getElementById(id);
      if (target) {
        target.scrollIntoView({ block: 'start' });
        target.focus({ preventScroll: true });
      }
      if (target || (frames += 1) > 120) {
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.delete('to');
            return next;
          },
          { replace: true },
        );
      } else {
        handle = requestAnimationFrame(land);
      }
    });
    return () => cancelAnimationFrame(handle);
  }, [landing, selected, setParams]);

  const restored = useMemo(() => {
    if (!stored) return null;
    try {
      return { context: currentContext(stored), error: null };
    } catch (error) {
      return {
        context: null,
        error: error instanceof SnapshotRestoreError ? error.message : String(error),
      };
    }
  }, [stored]);
  // What this tab just committed shows at once; the live query catches up a moment later.
  const updates = useRunUpdates(runId);
  const update = useMemo(() => updateOnto(updates, row), [updates, row]);
  const revision = update ? update.revision : (row?.revision ?? 0);
  // The run as it stands now, and as shown (an earlier state while travelling back in history).
  const current = (update ? update.context : restored?.context) ?? null;
  const context = asOf?.context ?? current;
  // The board paints a decision's result first; the side panel (forms can be large) follows in
  // a deferred render, so the new status reaches the screen within a frame.
  const panel = useDeferredValue(useMemo(() => ({ context, revision }), [context, revision]));

  const draftProblems = useMemo(() => {
    if (!context || !drafts) return {};
    const ids = people.map((p) => p.id);
    const counts: Partial<Record<StageId, number>> = {};
    for (const d of drafts) {
      if (context.stages[d.stage].status === 'drafting') {
        counts[d.stage] = gateReadiness(
          d.stage,
          d.content,
          gateContextFor(context, d.stage, ids),
        ).length;
      }
    }
    return counts;
  }, [context, drafts, people]);

  const open = useCallback(
    (stage: StageId | null, nextTab: Tab = 'stage') => {
      // From the address as it is then: a panel opened after an action finishes (a replan) must
      // not bring back what the address held when the action began.
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (stage) next.set('stage', stage);
          else next.delete('stage');
          if (nextTab === 'history') next.set('tab', 'history');
          else next.delete('tab');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  /** The stage just chosen on the board, whose panel is brought into sight once it shows. */
  const chosen = useRef<StageId | null>(null);
  const openStage = useCallback(
    (stage: StageId) => {
      chosen.current = stage;
      open(stage);
    },
    [open],
  );
  useEffect(() => {
    if (!selected || chosen.current !== selected) return;
    chosen.current = null;
    scrollIntoSight(document.getElementById(STAGE_HEADING_ID));
  }, [selected]);
  /** Closes the side panel, giving focus back to what opened it: the stage, or History. */
  const closeSide = () => {
    const stage = selected;
    open(null);
    requestAnimationFrame(() =>
      (stage ? stageOnBoard(stage) : document.getElementById(HISTORY_TOGGLE_ID))?.focus(),
    );
  };

  const travel = async (seq: number | null) => {
    if (seq === null) return setAsOf(null);
    const snapshot = await engine.replay(runId, seq);
    setAsOf({ seq, context: snapshot.context });
    // On a narrow screen the board is far above the history: show where the moment is shown.
    requestAnimationFrame(() =>
      document.getElementById(AS_OF_BANNER_ID)?.scrollIntoView?.({ block: 'nearest' }),
    );
  };

  const [askingNextCycle, setAskingNextCycle] = useState(false);
  const startNextCycle = async (period: Period) => {
    if (!acting) return;
    try {
      const child = await engine.startNextCycle(runId, acting.id, period);
      setAskingNextCycle(false);
      toast.show(t('ui.run.nextCycleStarted'));
      navigate(`/runs/${child.runId}?stage=research&to=stage`);
    } catch (error) {
      // Started meanwhile in another tab, or the run changed under this one: say it in words.
      const message =
        error instanceof RefusedError
          ? i18n.refusal(error.refusal)
          : error instanceof ConflictError
            ? t('ui.error.conflict')
            : t('ui.error.generic', { detail: (error as Error).message });
      toast.show(message, 'error');
    }
  };

  if (row === undefined) return <main className="app-main" aria-busy="true" />;
  if (row === null || !restored) {
    return <Missing message={t('ui.run.notFound')} back={t('ui.notFound.back')} />;
  }
  if (!context) {
    return (
      <main className="app-main">
        <div className="banner banner-red" role="alert">
          {t('ui.run.cannotRestore', { detail: restored.error ?? '' })}
        </div>
      </main>
    );
  }
  const sideOpen = selected !== null || tab === 'history';
  return (
    <main className="app-main full">
      <div className="board-layout">
        <div className="board-main">
          <div className="board-head">
            <div className="stack" style={{ gap: 2, flex: 1, minWidth: 240 }}>
              <h1>{context.title}</h1>
              <span className="small muted">
                {[
                  t(`scenario.${context.scenario as ScenarioId}.name`),
                  periodLabel(context.period),
                  t('ui.run.ledBy', { name: personName(context.leadId) }),
                ].join(' · ')}
              </span>
            </div>
            <span className="badge">{i18n.label('runStatus', row.status)}</span>
            {context.parentRunId && (
              <Link to={`/runs/${context.parentRunId}`} className="small">
                {t('ui.run.parent')}
              </Link>
            )}
            {context.childRunId && (
              <Link to={`/runs/${context.childRunId}`} className="small">
                {t('ui.run.child')}
              </Link>
            )}
            {(context.parentRunId || context.childRunId) && (
              <Link to={`/runs/${encodeURIComponent(runId)}/lineage`} className="small">
                {t('lineage.link')}
              </Link>
            )}
            {restored.context?.outcome?.kind === 'completed' &&
              !context.childRunId &&
              !asOf &&
              (acting?.id === context.leadId ? (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => setAskingNextCycle(true)}
                >
                  {t('ui.run.startNextCycle')}
                </button>
              ) : (
                // Others learn who takes the loop on, rather than see nothing about it.
                <span className="small muted">
                  {t('ui.run.nextCycleByLead', { name: personName(context.leadId) })}
                </span>
              ))}
            {askingNextCycle && (
              <NextCycleDialog
                title={context.title}
                period={context.period}
                today={today}
                onStart={startNextCycle}
                onClose={() => setAskingNextCycle(false)}
              />
            )}
            {(context.stages.evaluation.submitted || context.stages.evaluation.approved) && (
              <Link to={`/runs/${encodeURIComponent(runId)}/report`} className="btn">
                {t('ui.run.report')}
              </Link>
            )}
            <button
              type="button"
              className="btn"
              id={HISTORY_TOGGLE_ID}
              aria-pressed={tab === 'history'}
              onClick={() => open(selected, tab === 'history' ? 'stage' : 'history')}
            >
              {t('ui.history.title')}
            </button>
          </div>
          {asOf && (
            <div
              id={AS_OF_BANNER_ID}
              className="banner banner-violet no-print"
              role="status"
              style={{ borderRadius: 0 }}
            >
              <span style={{ flex: 1 }}>{t('ui.history.viewingAsOf', { seq: asOf.seq })}</span>
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => {
                  setAsOf(null);
                  // The banner goes: focus returns to the history the moment was chosen in.
                  requestAnimationFrame(() =>
                    (
                      document.getElementById('side-tab-history') ??
                      document.getElementById(HISTORY_TOGGLE_ID)
                    )?.focus(),
                  );
                }}
              >
                {t('ui.history.backToNow')}
              </button>
            </div>
          )}
          <RunBoard
            context={context}
            selected={selected}
            draftProblems={draftProblems}
            today={today}
            onOpenStage={openStage}
          />
        </div>
        {sideOpen && (
          <aside
            className="board-side"
            aria-label={tab === 'history' ? t('ui.history.title') : t('ui.stage.panel')}
            onKeyDown={(event) => {
              // Escape closes the panel and gives focus back to its stage on the board.
              if (event.key !== 'Escape' || event.defaultPrevented) return;
              closeSide();
            }}
          >
            <div className="tabs">
              <div
                className="tab-list"
                role="tablist"
                onKeyDown={(event) => {
                  // Left and Right move between the two tabs, as in any tab list.
                  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
                  const next = tab === 'stage' ? 'history' : 'stage';
                  if (next === 'stage' && !selected) return;
                  event.preventDefault();
                  open(selected, next);
                  document.getElementById(`side-tab-${next}`)?.focus();
                }}
              >
                <button
                  type="button"
                  role="tab"
                  id="side-tab-stage"
                  aria-controls="side-panel"
                  aria-selected={tab === 'stage'}
                  tabIndex={tab === 'stage' ? 0 : -1}
                  disabled={!selected}
                  onClick={() => open(selected, 'stage')}
                >
                  {selected ? i18n.stage(selected) : t('ui.stage.panel')}
                </button>
                <button
                  type="button"
                  role="tab"
                  id="side-tab-history"
                  aria-controls="side-panel"
                  aria-selected={tab === 'history'}
                  tabIndex={tab === 'history' ? 0 : -1}
                  onClick={() => open(selected, 'history')}
                >
                  {t('ui.history.title')}
                </button>
              </div>
              <span style={{ flex: 1 }} />
              {/* Beside the tab list, not in it: a tab list holds tabs only. */}
              <button type="button" aria-label={t('ui.action.closePanel')} onClick={closeSide}>
                ×
              </button>
            </div>
            <div
              className="board-side-body"
              ref={sideBody}
              id="side-panel"
              role="tabpanel"
              aria-labelledby={`side-tab-${tab}`}
            >
              {tab === 'history' ? (
                <HistoryPanel
                  runId={runId}
                  revision={row.revision}
                  context={current}
                  asOf={asOf?.seq ?? null}
                  onTravel={(seq) => void travel(seq)}
                />
              ) : (
                selected &&
                drafts !== undefined &&
                panel.context && (
                  <OpenStageContext.Provider value={openStage}>
                    <StagePanel
                      key={`${runId}-${selected}-${panel.context.stages[selected].status}-${panel.context.stages[selected].round}-${asOf?.seq ?? 'now'}`}
                      context={panel.context}
                      revision={panel.revision}
                      stage={selected}
                      draft={drafts?.find((d) => d.stage === selected)}
                      frozen={asOf !== null}
                    />
                  </OpenStageContext.Provider>
                )
              )}
            </div>
          </aside>
        )}
      </div>
    </main>
  );
}
