import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { statusOf } from '../board/graph';
import type { RunContext } from '../../machines/run-context';
import { approvedContent, reopenedBy } from '../../machines/run-context';
import {
  checkDecide,
  checkFollowUpClose,
  checkResume,
  gateContextFor,
  gateApprovalsCounted,
  gateMissingRoles,
  recycleTargets,
} from '../../machines/run-rules';
import { draftShapeIssue, emptyContent, type Goal, type StageContentMap } from '../domain/content';
import { DraftChangedError, DraftClosedError, DraftShapeError } from '../engine/engine';
import { sameJson } from '../engine/hash';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  DECISIONS,
  type Decision,
  type GatePolicy,
  type Problem,
  approvalsNeeded,
  gateStuck,
} from '../domain/gate';
import { gateReadiness, rulesFrom } from '../domain/readiness';
import { measuredActuals } from '../domain/results';
import { localDateOf } from '../domain/time';
import {
  isOperatingStage,
  isStageId,
  PLANNING_STAGES,
  STAGE_IDS,
  stageNumber,
  type StageId,
} from '../domain/stages';
import { ParentLessons } from './parent-lessons';
import { useOpenStage } from './open-stage';
import { useI18n, type I18n } from '../i18n/react';
import { hasMessage } from '../i18n';
import type { DraftRow } from '../storage/records';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { StageForm } from './forms/stage-form';
import * as z from 'zod';
import { focusField } from './forms/types';
import { sameContent } from './forms/content-draft';
import { inResultsOrder } from './forms/goal-tree';
import { demoContent } from '../domain/scenarios';
import {
  focusedElement,
  focusRequestedHeading,
  focusStageHeading,
  STAGE_HEADING_ID,
} from './focus';
import { useKeptInput } from './kept-input';
import { UnsavedInputsContext, type UnsavedInputs } from './forms/fields';
import type { Path } from './forms/problems';
import { isQuotaError, useAct } from './use-act';
import { CHECK_IN_HEADING_ID, LiveExecution, LiveMonitoring } from './live';

export interface StagePanelProps {
  context: RunContext;
  revision: number;
  stage: StageId;
  draft: DraftRow | undefined;
  /** Time travel: the board as it was; nothing can be changed. */
  frozen: boolean;
}

/**
 * One stage of a run: its content (editable while the lead drafts it), the gate's readiness
 * checklist, submission, the decisions approvers can take, and, once approved, who approved it.
 */
export const StagePanel = memo(function StagePanel({
  context,
  revision,
  stage,
  draft,
  frozen,
}: StagePanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting } = useWorkspace();
  const personName = usePersonName();
  const record = context.stages[stage];
  const openConditions = context.followUps.filter(
    (f) => f.stage === stage && f.closed === null,
  ).length;
  const isLead = acting?.id === context.leadId;
  const over = context.outcome !== null;
  const editable = !frozen && !over && !context.hold && record.status === 'drafting' && isLead;
  const reopened = reopenedBy(context, stage);
  // Still the scenario template's example content, in either language: untouched since the run
  // was created, or sent in untouched and sent back (a recycle keeps the content as it was).
  const shown = draft?.content ?? record.submitted;
  const fromTemplate = useMemo(
    () =>
      shown !== null &&
      (['zh-CN', 'en'] as const).some((locale) =>
        sameContent(shown, demoContent(context.scenario, locale, context.period)[stage]),
      ),
    [shown, stage, context.scenario, context.period],
  );
  // Shown in place of the panel the person just acted in: the heading takes focus again.
  useEffect(() => focusRequestedHeading(context.runId, stage), [context.runId, stage]);

  return (
    <div className="stack">
      <div className="row">
        <h2 id={STAGE_HEADING_ID} tabIndex={-1} style={{ flex: 1 }}>
          {t('ui.stage.heading', { number: stageNumber(stage), stage: i18n.stage(stage) })}
        </h2>
        <span className="badge">{t(`stageStatus.${statusOf(context, stage)}`)}</span>
      </div>
      <p className="muted small">{t(`stage.${stage}.short`)}</p>
      {record.status !== 'inReview' && record.submittedAt !== null && (
        <UnsentDecision context={context} stage={stage} />
      )}
      {(record.status === 'drafting' || record.status === 'notStarted') && (
        // Who will decide, known while the work is prepared (each run sets its own rules).
        <p className="muted small">{policySentence(i18n, context.policies[stage])}</p>
      )}
      {context.hold?.stage === stage && (
        <HoldBanner context={context} revision={revision} frozen={frozen} />
      )}
      {context.outcome?.kind === 'killed' && context.outcome.stage === stage && (
        <div className="banner banner-red" role="status">
          {t('ui.stage.killed', {
            name: personName(context.outcome.by),
            reason: context.outcome.reason,
            at: i18n.dateTime(context.outcome.at),
          })}
        </div>
      )}
      {statusOf(context, stage) === 'paused' && (
        // Execution and monitoring wait for the replanned stage: say so where they are opened.
        <div className="banner banner-violet" role="status">
          {t('ui.live.pausedForReplan', { stage: i18n.stage(context.current) })}
        </div>
      )}
      {reopened && (
        <div className="banner banner-violet" role="status">
          {t(
            `ui.stage.${reopened.kind === 'replan' ? 'replanned' : 'recycled'}${record.status === 'inReview' ? 'Resubmitted' : ''}`,
            {
              name: personName(reopened.by),
              stage: i18n.stage(reopened.from),
              at: i18n.dateTime(reopened.at),
              reason: reopened.reason,
            },
          )}
        </div>
      )}
      {record.status === 'notStarted' && <p className="muted">{t('ui.stage.notStarted')}</p>}
      {record.status === 'notStarted' && draft && context.parentRunId !== null && (
        <>
          {/* The next cycle prepares every stage at once: show what is waiting, read-only. */}
          <p className="banner" role="note">
            {t('ui.stage.preparedDraft')}
          </p>
          <PreparedContent context={context} stage={stage} draft={draft} />
        </>
      )}
      {record.status === 'drafting' &&
        context.parentRunId !== null &&
        record.submitted === null &&
        stage !== 'evaluation' && (
          <p className="banner" role="note">
            {t('ui.stage.carriedOver')}
          </p>
        )}
      {record.status === 'drafting' &&
        context.parentRunId !== null &&
        (PLANNING_STAGES as readonly StageId[]).includes(stage) && (
          <ParentLessons parentRunId={context.parentRunId} />
        )}
      {record.status === 'drafting' && context.parentRunId === null && fromTemplate && (
        // The scenario template's example content, still as the template wrote it: the
        // gate may find it complete, but it is an example, not this team's evidence.
        <p className="banner banner-amber" role="note">
          {t('ui.stage.fromTemplate')}
        </p>
      )}
      {record.status === 'drafting' &&
        (editable ? (
          <DraftEditor context={context} revision={revision} stage={stage} draft={draft} />
        ) : (
          <>
            <p className="banner banner-amber">
              {t('ui.stage.leadDrafts', { name: personName(context.leadId) })}
            </p>
            <ReadOnlyContent
              context={context}
              stage={stage}
              content={
                (draft && !draftShapeIssue(stage, draft.content)
                  ? draft.content
                  : record.submitted) as StageContentMap[StageId] | null
              }
            />
          </>
        ))}
      {record.status === 'inReview' && (
        <>
          <p className="muted small">
            {t('ui.stage.submittedBy', {
              name: personName(record.submittedBy),
              at: i18n.dateTime(record.submittedAt ?? ''),
            })}
          </p>
          <Votes context={context} stage={stage} frozen={frozen} />
          {/* What is under review first, then the decision on it: approvers read, then decide. */}
          <ReadOnlyContent context={context} stage={stage} content={record.submitted} />
          {!frozen && !over && !context.hold && (
            <DecisionBox context={context} revision={revision} stage={stage} />
          )}
        </>
      )}
      {record.status === 'approved' && (
        <>
          <div className="banner" role="status">
            {i18n.sentences([
              t('ui.stage.approvedBy', {
                names: i18n.list(record.approvedVotes.map((v) => personName(v.by))),
                at: i18n.dateTime(record.approvedAt ?? ''),
              }),
              // A Conditional Go is no plain Go: say so, and whether its conditions are met.
              record.approvedVotes.some((v) => v.decision === 'conditionalGo') &&
                (openConditions > 0
                  ? t('ui.stage.conditionsOpen', { count: openConditions })
                  : t('ui.stage.conditionsMet')),
              // A finished run can no longer be sent back: nothing to say about changing it.
              !over && t('ui.stage.frozen'),
            ])}
          </div>
          {context.followUps.some((f) => f.stage === stage) && (
            <FollowUps context={context} revision={revision} stage={stage} frozen={frozen} />
          )}
          {stage === 'monitoring' && (
            <LiveMonitoring context={context} revision={revision} frozen={frozen} />
          )}
          {stage === 'execution' && (
            <LiveExecution context={context} revision={revision} frozen={frozen} />
          )}
          {isOperatingStage(stage) ? (
            // While it runs, the live view above is the stage: its approved plan is one click
            // away rather than thousands of pixels of read-only fields below it.
            <details className="card card-body plan-details">
              <summary>{t('ui.stage.approvedPlan')}</summary>
              <ReadOnlyContent context={context} stage={stage} content={record.approved} />
            </details>
          ) : (
            <ReadOnlyContent context={context} stage={stage} content={record.approved} />
          )}
        </>
      )}
    </div>
  );
});

function formContext(
  context: RunContext,
  stage: StageId,
  content: StageContentMap[StageId] | null,
  /** Goals prepared but not yet submitted (a next cycle's), when none were submitted yet. */
  preparedGoals?: readonly Goal[],
) {
  const planned =
    (
      approvedContent(context, 'goals') ??
      (context.stages.goals.submitted as StageContentMap['goals'] | null)
    )?.goals ?? preparedGoals;
  const goals: readonly Goal[] =
    stage === 'goals'
      ? ((content as StageContentMap['goals'] | null)?.goals ?? [])
      : (planned ?? []);
  const kpis = approvedContent(context, 'monitoring')?.kpis ?? [];
  return {
    goals,
    strategy: approvedContent(context, 'strategy'),
    kpis,
    measured: measuredActuals(goals, kpis, context.checkIns),
  };
}

/**
 * A stage the next cycle prepared but that has not opened yet, read-only. Its links to goals name
 * the goals prepared with it: none is submitted yet, and every link read "Unknown goal (g-…)".
 */
function PreparedContent({
  context,
  stage,
  draft,
}: {
  context: RunContext;
  stage: StageId;
  draft: DraftRow;
}) {
  const { db } = useWorkspace();
  const goalsDraft = useLiveQuery(
    () => db.drafts.get([context.runId, 'goals']),
    [db, context.runId],
  );
  const prepared = (goalsDraft?.content as Partial<StageContentMap['goals']> | undefined)?.goals;
  return (
    <ReadOnlyContent
      context={context}
      stage={stage}
      content={draft.content as StageContentMap[StageId]}
      preparedGoals={Array.isArray(prepared) ? prepared : undefined}
    />
  );
}

function ReadOnlyContent({
  context,
  stage,
  content,
  preparedGoals,
}: {
  context: RunContext;
  stage: StageId;
  content: StageContentMap[StageId] | null;
  preparedGoals?: readonly Goal[];
}) {
  const { people } = useWorkspace();
  const { t } = useI18n();
  if (!content) return null;
  return (
    <section className="card card-body" aria-label={t('ui.stage.content')}>
      <StageForm
        stage={stage}
        value={content}
        onChange={() => {}}
        readOnly
        problems={[]}
        people={people}
        period={context.period}
        {...formContext(context, stage, content, preparedGoals)}
      />
    </section>
  );
}

/** The lead's editor: autosaved draft, live readiness checklist, and submission. */
function DraftEditor({
  context,
  revision,
  stage,
  draft,
}: {
  context: RunContext;
  revision: number;
  stage: StageId;
  draft: DraftRow | undefined;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { engine, people, acting } = useWorkspace();
  const personName = usePersonName();
  const openStage = useOpenStage();
  const toast = useToast();
  const record = context.stages[stage];
  // Text typed in the last moment before the page went away (a reload) was kept in the tab;
  // it is newer than the stored draft, which it then replaces.
  const [unloaded] = useState(() => readUnloadedDraft(context.runId, stage));
  // A stored draft this editor could not show (damaged, or from a bug) is set aside, and said so:
  // the editor starts over rather than failing, and the next save replaces it.
  const damaged = draft !== undefined && draftShapeIssue(stage, draft.content) !== null;
  const [content, setContent] = useState<StageContentMap[StageId]>(
    () =>
      (unloaded?.content ??
        (damaged ? undefined : draft?.content) ??
        record.submitted ??
        emptyContent(stage)) as StageContentMap[StageId],
  );
  const [saved, setSaved] = useState<'saved' | 'saving' | 'error' | 'updated'>('saved');
  const [saveError, setSaveError] = useState('');
  // The stored draft this editor was last in step with. A save from another tab since is either
  // taken in (nothing typed here meanwhile) or a conflict the person settles: never a silent
  // overwrite either way.
  const known = useRef<unknown>(unloaded ? unloaded.basedOn : draft?.content);
  /** Saves started and not finished: while any is, nothing saved elsewhere is taken in. */
  const inFlight = useRef(0);
  const [conflict, setConflict] = useState<DraftRow | null>(null);
  // Bumped when the content is replaced from outside: the form starts again from it.
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<StageContentMap[StageId] | null>(null);
  const { act, busy } = useAct(context.runId, revision);
  // Inputs whose typed text was not taken: listed with the gate's points, and they block Submit.
  const [unsaved, setUnsaved] = useState<ReadonlyMap<string, { path: Path; label: string }>>(
    () => new Map(),
  );
  const unsavedInputs = useMemo<UnsavedInputs>(
    () => ({
      report: (id, path, label, isUnsaved) =>
        setUnsaved((known) => {
          if (known.has(id) === isUnsaved) return known;
          const next = new Map(known);
          if (isUnsaved) next.set(id, { path, label });
          else next.delete(id);
          return next;
        }),
    }),
    [],
  );
  // A full disk is not a detail to report but something the lead can act on: say what to do.
  const saveFailure = (e: unknown) =>
    isQuotaError(e)
      ? t('ui.error.quota')
      : e instanceof DraftChangedError
        ? t('ui.stage.draftChanged', {
            name: personName(e.stored.savedBy),
            at: i18n.dateTime(e.stored.savedAt),
          })
        : e instanceof DraftClosedError
          ? t('ui.stage.draftClosed', { stage: i18n.stage(stage) })
          : e instanceof DraftShapeError
            ? t('ui.stage.draftMisshapen')
            : t('ui.stage.saveFailed', { detail: (e as Error).message });

  // Saves run one after another: each is based on what the one before it stored, so a save still
  // on its way when the next starts is no conflict with it.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** Stores `value` after the saves before it, based on what they stored. */
  const store = (value: StageContentMap[StageId]): Promise<void> => {
    inFlight.current += 1;
    const next = queue.current
      .then(async () => {
        await engine.saveDraft(context.runId, stage, value, acting?.id ?? context.leadId, {
          basedOn: known.current,
        });
        known.current = value;
      })
      .finally(() => {
        inFlight.current -= 1;
      });
    queue.current = next.catch(() => undefined);
    return next;
  };
  const save = async (
    value: StageContentMap[StageId],
  ): Promise<'saved' | 'conflict' | 'failed'> => {
    try {
      await store(value);
      // Saved once the last save queued is: one still waiting is not saved yet.
      if (inFlight.current === 0) setSaved('saved');
      return 'saved';
    } catch (e) {
      setSaved('error');
      setSaveError(saveFailure(e));
      if (!(e instanceof DraftChangedError)) return 'failed';
      setConflict(e.stored);
      return 'conflict';
    }
  };
  /** Replaces what this editor holds with `next` (a draft saved elsewhere), as if just opened. */
  const takeIn = (next: unknown) => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    known.current = next;
    setContent(next as StageContentMap[StageId]);
    // The form starts again from it; the field that had focus gets it back.
    const focusedId = focusedElement()?.id;
    setGeneration((g) => g + 1);
    if (focusedId) requestAnimationFrame(() => document.getElementById(focusedId)?.focus());
    setConflict(null);
  };
  // Saved in another tab while nothing is being typed, saved or held here (text a field did not
  // take, a save that failed): take it in, and say so.
  const seenDraft = useRef(draft);
  useEffect(() => {
    // A stored draft that changed since this editor opened: the one it opened with is its own.
    if (draft === seenDraft.current) return;
    seenDraft.current = draft;
    if (!draft || conflict || pending.current !== null || inFlight.current > 0) return;
    if (saved === 'saving' || saved === 'error' || unsaved.size > 0) return;
    if (sameJson(draft.content, known.current) || draftShapeIssue(stage, draft.content)) return;
    takeIn(draft.content);
    setSaved('updated');
    // Only a change of the stored draft is news; the rest is read as it stands then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  const onChange = (value: StageContentMap[StageId]) => {
    setContent(value);
    setSaved('saving');
    pending.current = value;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current = null;
      void save(value);
    }, 400);
  };
  useEffect(() => {
    // Once, for what the page held when it went away: saved, then forgotten.
    forgetUnloadedDraft(context.runId, stage);
    if (unloaded) void save(unloaded.content as StageContentMap[StageId]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // The page going away (reload, tab closed) does not wait for a save to IndexedDB: keep what
  // was typed in the last moments in the tab, synchronously, for the editor to pick up.
  useEffect(() => {
    const keep = () => {
      if (pending.current) keepUnloadedDraft(context.runId, stage, pending.current, known.current);
    };
    window.addEventListener('pagehide', keep);
    return () => window.removeEventListener('pagehide', keep);
  }, [context.runId, stage]);
  // Flush a pending save when the panel closes, so nothing typed is lost.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (pending.current)
        store(pending.current)
          // The panel is gone: the toast is the only place left to say the text was not saved.
          .catch((e: unknown) => toast.show(saveFailure(e), 'error'));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const problems = useMemo(() => {
    const found = gateReadiness(
      stage,
      content,
      gateContextFor(
        context,
        stage,
        people.map((p) => p.id),
      ),
    );
    // The evaluation's form lists results in the goal tree's order: its checklist does too.
    const results = (content as Partial<StageContentMap['evaluation']>).results;
    const goals = approvedContent(context, 'goals')?.goals;
    return stage === 'evaluation' && Array.isArray(results) && goals
      ? inResultsOrder(found, results, goals)
      : found;
  }, [stage, content, context, people]);
  const submit = async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    // Changed in another tab meanwhile: the person settles which version is sent first.
    if ((await save(content)) === 'conflict') return;
    const ok = await act(
      { type: 'stage.submit', by: acting?.id ?? '', stage, content },
      'ui.toast.submitted',
    );
    // The form and its Submit button go with the submission: focus stays in the panel.
    if (ok) focusStageHeading(context.runId, stage);
  };

  return (
    <>
      {damaged && !unloaded && (
        <p className="banner banner-amber" role="note">
          {t('ui.stage.draftDamaged')}
        </p>
      )}
      <section className="card card-body stack" aria-labelledby="readiness-title">
        <div className="row">
          <h3 id="readiness-title" style={{ flex: 1 }}>
            {t('ui.stage.readiness')}
          </h3>
          <span className="small muted" aria-live="polite">
            {saved === 'saving'
              ? t('ui.stage.saving')
              : saved === 'saved'
                ? t('ui.stage.draftSaved')
                : saved === 'updated'
                  ? t('ui.stage.draftUpdated')
                  : ''}
          </span>
        </div>
        {saved === 'error' && (
          <p role="alert" className="error-text">
            {saveError}
          </p>
        )}
        {conflict && (
          <div className="btn-row">
            <button type="button" className="btn btn-sm" onClick={() => takeIn(conflict.content)}>
              {t('ui.stage.draftLoadTheirs')}
            </button>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                // Knowingly replacing what was saved elsewhere.
                known.current = conflict.content;
                setConflict(null);
                setSaved('saving');
                void save(content);
              }}
            >
              {t('ui.stage.draftKeepMine')}
            </button>
          </div>
        )}
        {unsaved.size > 0 && (
          <ul className="checklist" aria-label={t('ui.stage.unsavedLabel')}>
            {[...unsaved].map(([id, input]) => (
              <li key={id}>
                <span className="mark" aria-hidden="true">
                  !
                </span>
                <button type="button" className="link" onClick={() => focusField(input.path)}>
                  {t('ui.stage.unsavedInput', { label: input.label })}
                </button>
              </li>
            ))}
          </ul>
        )}
        {problems.length === 0 ? (
          unsaved.size === 0 && (
            <ul className="checklist">
              <li className="ok">
                <span className="mark" aria-hidden="true">
                  ✓
                </span>
                {t('ui.stage.ready')}
              </li>
            </ul>
          )
        ) : (
          <ul
            className="checklist"
            aria-label={t('ui.stage.problemsLabel', { count: problems.length })}
          >
            {problems.slice(0, 30).map((p, i) => (
              <li key={`${p.code}-${i}`}>
                <span className="mark" aria-hidden="true">
                  !
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    // An open condition is closed where it was set: go to that stage.
                    const at = String(p.params['stage']);
                    if (p.code === 'evaluation.openFollowUp' && isStageId(at)) openStage(at);
                    else focusField(p.path);
                  }}
                >
                  {problemAtField(i18n, stage, p)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="btn-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={problems.length + unsaved.size > 0 || busy}
            aria-describedby={problems.length + unsaved.size > 0 ? 'submit-why-not' : undefined}
            onClick={() => void submit()}
          >
            {t('ui.stage.submit')}
          </button>
          {problems.length + unsaved.size > 0 && (
            <span className="small muted" id="submit-why-not">
              {t('ui.stage.fixFirst', { count: problems.length + unsaved.size })}
            </span>
          )}
        </div>
      </section>
      <section aria-label={t('ui.stage.content')}>
        <UnsavedInputsContext.Provider value={unsavedInputs}>
          <StageForm
            key={generation}
            stage={stage}
            value={content}
            onChange={onChange}
            readOnly={false}
            problems={problems}
            people={people}
            period={context.period}
            {...formContext(context, stage, content)}
          />
        </UnsavedInputsContext.Provider>
      </section>
    </>
  );
}

/** Who decides at a gate, in a sentence: "Decided by Sales director and Marketing head (one per role)." */
function policySentence(i18n: I18n, policy: GatePolicy): string {
  const { t } = i18n;
  const sentence = t('ui.stage.policy', {
    // "Sales director and Marketing head (one per role)" when every role must approve.
    roles: i18n.list(
      policy.roles.map((r) => i18n.label('role', r)),
      policy.quorum.kind === 'all' ? 'conjunction' : 'disjunction',
    ),
    quorum: t(
      `ui.quorum.${policy.quorum.kind}`,
      policy.quorum.kind === 'nOfM' ? { n: policy.quorum.n } : {},
    ),
  });
  return policy.vetoRole
    ? `${sentence} ${t('ui.stage.veto', { role: i18n.label('role', policy.vetoRole) })}`
    : sentence;
}

/**
 * How each decision is marked in a gate's votes: approvals green, a hold paused (amber), a
 * recycle sent back (violet), a kill red. A hold marked like a problem read as one.
 */
const VOTE_MARKS: Record<Decision, { mark: string; className: string }> = {
  go: { mark: '✓', className: 'ok' },
  conditionalGo: { mark: '✓', className: 'ok' },
  hold: { mark: '‖', className: 'vote-hold' },
  recycle: { mark: '↺', className: 'vote-recycle' },
  kill: { mark: '✕', className: '' },
};

function Votes({
  context,
  stage,
  frozen,
}: {
  context: RunContext;
  stage: StageId;
  /** Showing an earlier moment (History): judged against today's team, it would not be true then. */
  frozen: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const personName = usePersonName();
  const record = context.stages[stage];
  const policy = context.policies[stage];
  const missing = gateMissingRoles(context, stage);
  const { people } = useWorkspace();
  // Roles changed since the run was set up (someone left): say so, rather than wait forever.
  // Not while on hold: a hold is no vote, and whoever held it decides again once it resumes.
  const stuck =
    record.status === 'inReview' && context.outcome === null && !frozen && !context.hold
      ? gateStuck(policy, record.votes, people, record.submittedBy, rulesFrom(context, 4))
      : null;
  return (
    <section className="card card-body stack" aria-label={t('ui.stage.gate')}>
      <div className="row">
        <h3 style={{ flex: 1 }}>{t('ui.stage.gate')}</h3>
        <span className="badge badge-blue">
          {t('stageStatus.approvals', {
            count: gateApprovalsCounted(context, stage),
            needed: approvalsNeeded(policy),
          })}
        </span>
      </div>
      <p className="small muted">{policySentence(i18n, policy)}</p>
      {/* Once the run is over (killed at this gate), nobody is still needed. */}
      {missing.length > 0 && context.outcome === null && (
        <p className="small">
          {t('ui.stage.stillNeeded', {
            roles: i18n.list(missing.map((r) => i18n.label('role', r))),
          })}
        </p>
      )}
      {stuck && (
        <p className="banner banner-amber small">
          {/* One run of text: the banner lays its children out side by side. */}
          <span>
            {stuck.kind === 'nobodyHolds'
              ? t('ui.stage.stuck.nobodyHolds', {
                  roles: i18n.list(
                    stuck.roles.map((r) => i18n.label('role', r)),
                    'disjunction',
                  ),
                })
              : t('ui.stage.stuck.tooFew', { count: stuck.count, n: stuck.n })}{' '}
            <Link to="/people">{t('ui.stage.stuck.people')}</Link>
          </span>
        </p>
      )}
      {record.votes.length > 0 && (
        <ul className="checklist">
          {record.votes.map((v) => (
            <li key={v.by} className={VOTE_MARKS[v.decision].className}>
              <span className="mark" aria-hidden="true">
                {VOTE_MARKS[v.decision].mark}
              </span>
              <span>
                {t('ui.stage.vote', {
                  name: personName(v.by),
                  decision: i18n.label('decision', v.decision),
                  at: i18n.dateTime(v.at),
                })}
                {v.comment && <span className="muted">{` — ${v.comment}`}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const unloadedKey = (runId: string, stage: StageId) =>
  `strategy-board.unloaded-draft.${runId}.${stage}`;

/** A kept copy is for the page that comes right back (a reload), not for one opened later. */
const UNLOADED_DRAFT_MAX_AGE_MS = 60_000;

function keepUnloadedDraft(
  runId: string,
  stage: StageId,
  content: unknown,
  basedOn: unknown,
): void {
  try {
    sessionStorage.setItem(
      unloadedKey(runId, stage),
      JSON.stringify({ at: Date.now(), content, basedOn: basedOn ?? null }),
    );
  } catch {
    // No room or no storage: the draft saved 400 ms earlier is what remains.
  }
}

function forgetUnloadedDraft(runId: string, stage: StageId): void {
  try {
    sessionStorage.removeItem(unloadedKey(runId, stage));
  } catch {
    // Unavailable storage kept nothing.
  }
}

const UnloadedDraftSchema = z.object({
  at: z.number(),
  content: z.record(z.string(), z.unknown()),
  /** The stored draft it was typed over (null: none), so its save is checked against that. */
  basedOn: z.unknown().optional(),
});

/**
 * The draft kept when the page went away a moment ago, if any. Storage is outside the app: only
 * a recent copy whose content has exactly the stage's top-level fields is taken.
 */
function readUnloadedDraft(
  runId: string,
  stage: StageId,
): { content: unknown; basedOn: unknown } | null {
  try {
    const text = sessionStorage.getItem(unloadedKey(runId, stage));
    if (text === null) return null;
    const parsed = UnloadedDraftSchema.safeParse(JSON.parse(text));
    if (!parsed.success || Date.now() - parsed.data.at > UNLOADED_DRAFT_MAX_AGE_MS) return null;
    const fields = Object.keys(emptyContent(stage)).sort().join();
    const content = parsed.data.content;
    // Shaped like the stage's content throughout, as a stored draft must be to be shown.
    return Object.keys(content).sort().join() === fields && draftShapeIssue(stage, content) === null
      ? { content, basedOn: parsed.data.basedOn ?? undefined }
      : null;
  } catch {
    return null;
  }
}

/**
 * A gate problem as the checklist shows it. A problem the content's schema found ("a required
 * field is empty") is named by the field's label when the form has one, so the list says which
 * field without relying on the highlight alone.
 */
function problemAtField(i18n: I18n, stage: StageId, problem: Problem): string {
  const text = i18n.problem(problem);
  if (!problem.code.startsWith('content.')) return text;
  const key = problem.path.findLast((part): part is string => typeof part === 'string');
  const labelKey = `form.${stage}.${key ?? ''}`;
  if (key === undefined || !hasMessage(labelKey)) return text;
  const label = i18n.t(labelKey);
  // A label that needs params ("Market need “{title}”") names an item, not a field.
  return label.includes('{')
    ? text
    : i18n.t('ui.stage.fieldProblem', { field: label, problem: text });
}

/** The decision box's heading. */
const DECIDE_HEADING_ID = 'decide-title';

/**
 * Where a link into a stage asks to land (`?to=` from the runs list): its decision box, its
 * check-in form, else the stage's heading.
 */
export function landingId(to: string): string {
  if (to === 'decide') return DECIDE_HEADING_ID;
  if (to === 'checkIn') return CHECK_IN_HEADING_ID;
  return STAGE_HEADING_ID;
}

/** The key a person's decision on a stage's submission is kept under while it is prepared. */
const decisionKey = (context: RunContext, stage: StageId, personId: string) =>
  `${context.runId}:${stage}:${context.stages[stage].submittedAt ?? ''}:decide:${personId}`;

/**
 * A decision this person was preparing when the gate was decided without it (in another tab, or
 * by the others): the box went with the review, so say what was not sent, once, until dismissed.
 */
function UnsentDecision({ context, stage }: { context: RunContext; stage: StageId }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting } = useWorkspace();
  const [draft, , forget] = useKeptInput<DecisionDraft>(
    decisionKey(context, stage, acting?.id ?? ''),
    DecisionDraftSchema,
    { decision: null, comment: '', conditions: '', recycleTo: stage },
  );
  if (draft.decision === null && draft.comment.trim() === '') return null;
  return (
    <div className="banner banner-amber" role="status">
      <span style={{ flex: 1 }}>
        {i18n.sentences([
          t('ui.stage.unsentDecision'),
          draft.decision !== null &&
            t('ui.stage.unsentChoice', { decision: i18n.label('decision', draft.decision) }),
          draft.comment.trim() !== '' && t('ui.stage.unsentComment', { comment: draft.comment }),
        ])}
      </span>
      <button type="button" className="btn btn-sm" onClick={forget}>
        {t('ui.action.dismiss')}
      </button>
    </div>
  );
}

const DecisionDraftSchema = z.object({
  /** None until the approver picks one: a decision is never taken by a default. */
  decision: z.enum(DECISIONS).nullable(),
  comment: z.string().max(2000),
  conditions: z.string().max(10_000),
  recycleTo: z.enum(STAGE_IDS),
});
type DecisionDraft = z.infer<typeof DecisionDraftSchema>;

/** Where an approver decides: Go, Conditional Go, Recycle, Hold or Kill, with why. */
function DecisionBox({
  context,
  revision,
  stage,
}: {
  context: RunContext;
  revision: number;
  stage: StageId;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { acting } = useWorkspace();
  const targets = recycleTargets(context, stage);
  // Kept per submission and person, so a half-written reason survives opening another stage.
  const [draft, setDraft, clearDraft] = useKeptInput<DecisionDraft>(
    decisionKey(context, stage, acting?.id ?? ''),
    DecisionDraftSchema,
    { decision: null, comment: '', conditions: '', recycleTo: stage },
  );
  const { decision, comment, conditions } = draft;
  const recycleTo = targets.includes(draft.recycleTo) ? draft.recycleTo : stage;
  const setDecision = (next: Decision) => setDraft((d) => ({ ...d, decision: next }));
  const setComment = (next: string) => setDraft((d) => ({ ...d, comment: next }));
  const setConditions = (next: string) => setDraft((d) => ({ ...d, conditions: next }));
  const setRecycleTo = (next: StageId) => setDraft((d) => ({ ...d, recycleTo: next }));
  const { act, busy } = useAct(context.runId, revision);
  const action = {
    type: 'gate.decide' as const,
    by: acting?.id ?? '',
    stage,
    decision: decision ?? 'go',
    comment: comment.trim(),
    conditions:
      decision === 'conditionalGo'
        ? conditions
            .split('\n')
            .map((c) => c.trim())
            .filter(Boolean)
        : [],
    recycleTo: decision === 'recycle' ? recycleTo : null,
  };
  // The same check the machine's guard makes, so the reason shown is the reason it would refuse.
  const refusal =
    acting && decision
      ? checkDecide(
          context,
          { ...action, roles: acting.roles, at: new Date(0).toISOString() },
          stage,
        )
      : null;
  // Whether this person may decide at all does not wait for a choice: asked of a plain Go with
  // nothing typed. A refusal of the choice itself (a reason missing, conditions at the final gate,
  // Kill without the veto role) is said beside the button, with every choice still at hand: in
  // place of the box, it left nothing to change it with.
  const blocking = acting
    ? checkDecide(
        context,
        {
          ...action,
          decision: 'go',
          comment: '',
          conditions: [],
          recycleTo: null,
          roles: acting.roles,
          at: new Date(0).toISOString(),
        },
        stage,
      )
    : null;

  const decide = async () => {
    const ok = await act(action, 'ui.toast.decided');
    if (ok) {
      clearDraft();
      // The decision box goes with the decision: keep focus in the panel, at its top.
      focusStageHeading(context.runId, stage);
    }
  };

  return (
    <section className="card card-body stack" aria-labelledby={DECIDE_HEADING_ID}>
      <h3 id={DECIDE_HEADING_ID} tabIndex={-1}>
        {t('ui.decide.title')}
      </h3>
      {blocking ? (
        <p className="banner banner-amber" role="note">
          {i18n.refusal(blocking)}
        </p>
      ) : (
        <>
          <fieldset>
            <legend className="small muted">{t('ui.decide.decision')}</legend>
            <div className="checkbox-row">
              {DECISIONS.filter((d) => stage !== 'evaluation' || d !== 'conditionalGo').map((d) => (
                <label key={d}>
                  <input
                    type="radio"
                    name="decision"
                    value={d}
                    checked={decision === d}
                    onChange={() => setDecision(d)}
                  />
                  {i18n.label('decision', d)}
                </label>
              ))}
            </div>
          </fieldset>
          {decision === 'recycle' && (
            <label className="field">
              <span>{t('ui.decide.recycleTo')}</span>
              <select value={recycleTo} onChange={(e) => setRecycleTo(e.target.value as StageId)}>
                {targets.map((s) => (
                  <option key={s} value={s}>
                    {`${stageNumber(s)}. ${i18n.stage(s)}`}
                  </option>
                ))}
              </select>
            </label>
          )}
          {decision === 'conditionalGo' && (
            <label className="field">
              <span>{t('ui.decide.conditions')}</span>
              <textarea value={conditions} onChange={(e) => setConditions(e.target.value)} />
              <span className="hint">{t('ui.decide.conditionsHint')}</span>
            </label>
          )}
          <label className="field">
            <span>
              {decision === 'go' || decision === null
                ? t('ui.decide.commentOptional')
                : t('ui.decide.commentRequired')}
            </span>
            <textarea
              aria-required={decision !== 'go' && decision !== null}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              maxLength={2000}
            />
          </label>
          <div className="btn-row">
            <button
              type="button"
              className={decision === 'kill' ? 'btn btn-danger' : 'btn btn-primary'}
              disabled={busy || decision === null || refusal !== null}
              aria-describedby={refusal ? 'decide-why-not' : undefined}
              onClick={() => void decide()}
            >
              {decision === null
                ? t('ui.decide.choose')
                : t('ui.decide.button', { decision: i18n.label('decision', decision) })}
            </button>
            {refusal && (
              <span id="decide-why-not" className="small muted" aria-live="polite">
                {i18n.refusal(refusal)}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function HoldBanner({
  context,
  revision,
  frozen,
}: {
  context: RunContext;
  revision: number;
  frozen: boolean;
}) {
  const i18n = useI18n();
  const personName = usePersonName();
  const { acting } = useWorkspace();
  const [reason, setReason, clearReason] = useKeptInput(
    `${context.runId}:resume:${context.hold?.at ?? ''}:${acting?.id ?? ''}`,
    z.string().max(2000),
    '',
  );
  const { act, busy } = useAct(context.runId, revision);
  if (!context.hold) return null;
  // The machine's own check: people who may not resume are told who can, not offered the box.
  const refusal = acting
    ? checkResume(context, {
        type: 'run.resume',
        by: acting.id,
        roles: acting.roles,
        at: new Date(0).toISOString(),
        reason: '',
      })
    : null;
  return (
    <div className="banner banner-amber stack" role="status" style={{ alignItems: 'stretch' }}>
      <span>
        {i18n.t('ui.stage.onHold', {
          name: personName(context.hold.by),
          reason: context.hold.reason,
          at: i18n.dateTime(context.hold.at),
        })}
      </span>
      {!frozen && refusal && <span className="small">{i18n.refusal(refusal)}</span>}
      {!frozen && !refusal && (
        <div className="row" style={{ alignItems: 'flex-end' }}>
          {/* A visible label that says it is required: a placeholder alone left the greyed-out
              button unexplained. */}
          <label className="field" style={{ flex: 1 }}>
            <span>{i18n.t('ui.stage.resumeReasonRequired')}</span>
            <input
              aria-required="true"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={2000}
            />
          </label>
          <button
            type="button"
            className="btn"
            disabled={busy || !reason.trim()}
            onClick={() =>
              void act(
                { type: 'run.resume', by: acting?.id ?? '', reason: reason.trim() },
                'ui.toast.resumed',
              ).then((ok) => ok && clearReason())
            }
          >
            {i18n.t('ui.stage.resume')}
          </button>
        </div>
      )}
    </div>
  );
}

function FollowUps({
  context,
  revision,
  stage,
  frozen,
}: {
  context: RunContext;
  revision: number;
  stage: StageId;
  frozen: boolean;
}) {
  const i18n = useI18n();
  const personName = usePersonName();
  const { acting } = useWorkspace();
  const { act, busy } = useAct(context.runId, revision);
  const [notes, setNotes] = useKeptInput(
    `${context.runId}:followUps:${stage}:${acting?.id ?? ''}`,
    z.record(z.string().max(100), z.string().max(2000)),
    {},
  );
  const items = context.followUps.filter((f) => f.stage === stage);
  // The machine's own check: who may not close a condition is not offered the box.
  const mayClose = (followUpId: string) =>
    acting !== null &&
    checkFollowUpClose(context, {
      type: 'followUp.close',
      by: acting.id,
      roles: acting.roles,
      at: new Date(0).toISOString(),
      followUpId,
      note: '-',
    }) === null;
  return (
    <section className="card card-body stack" aria-label={i18n.t('ui.stage.followUps')}>
      <h3>{i18n.t('ui.stage.followUps')}</h3>
      <ul className="checklist">
        {items.map((f) => (
          <li key={f.id} className={f.closed ? 'ok' : ''}>
            <span className="mark" aria-hidden="true">
              {f.closed ? '✓' : '!'}
            </span>
            <span>
              {f.text}
              <span className="muted small">{` — ${personName(f.raisedBy)}`}</span>
              {f.closed && (
                <span className="muted small">{` · ${i18n.t('ui.stage.followUpClosedBy', {
                  name: personName(f.closed.by),
                  at: i18n.date(localDateOf(f.closed.at)),
                  note: f.closed.note,
                })}`}</span>
              )}
              {!f.closed && !frozen && mayClose(f.id) && (
                <span className="row" style={{ marginTop: 4 }}>
                  <input
                    aria-label={i18n.t('ui.stage.followUpNote', { text: f.text })}
                    placeholder={i18n.t('ui.stage.followUpNotePlaceholder')}
                    value={notes[f.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [f.id]: e.target.value })}
                    style={{ flex: 1 }}
                  />
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={i18n.t('ui.stage.closeFollowUpNamed', { text: f.text })}
                    disabled={busy || !(notes[f.id] ?? '').trim()}
                    onClick={() =>
                      void act(
                        {
                          type: 'followUp.close',
                          by: acting?.id ?? '',
                          followUpId: f.id,
                          note: (notes[f.id] ?? '').trim(),
                        },
                        'ui.toast.followUpClosed',
                      )
                    }
                  >
                    {i18n.t('ui.stage.closeFollowUp')}
                  </button>
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
