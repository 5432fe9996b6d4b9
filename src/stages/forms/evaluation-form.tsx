import { useEffect } from 'react';
import {
  ATTRIBUTION_KINDS,
  STRATEGY_PS,
  type EvaluationContent,
  type Goal,
  type Kpi,
  type StrategyContent,
  type StrategyItem,
} from '../../domain/content';
import { attainmentRate, health, type Health } from '../../domain/kpi';
import {
  measuringKpi,
  resultSource,
  withMeasuredResults,
  type MeasuredActual,
} from '../../domain/results';
import { useI18n, type I18n } from '../../i18n/react';
import type { IsoDate } from '../../domain/time';
import { useOpenStage } from '../open-stage';
import { useContentDraft } from './content-draft';
import {
  FigureField,
  FormSection,
  FormShell,
  ItemCard,
  ItemList,
  NumberField,
  Select,
  ShownValue,
  TextArea,
  TextField,
  enumOptions,
  formatFigure,
  readableFigure,
  useFocusRequest,
  useTitleOf,
  type SelectOption,
} from './fields';
import { goalTree } from './goal-tree';
import { clip, itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

type Result = EvaluationContent['results'][number];
type Attribution = EvaluationContent['attribution'][number];
type Lesson = EvaluationContent['lessons'][number];

const RESULT_FIELDS = ['goalId', 'actual', 'note'];
const ATTRIBUTION_FIELDS = ['goalId', 'kind', 'strategyItemId', 'note'];
const LESSON_FIELDS = ['text'];
const HEALTH_BADGE: Readonly<Record<Health, string>> = {
  green: 'badge badge-green',
  amber: 'badge badge-amber',
  red: 'badge badge-red',
};

const SOURCE_BADGE = { kpi: 'badge badge-blue', manual: 'badge badge-amber' } as const;

/**
 * Where a goal's actual comes from, in words: the KPI check-in it was computed from, or why it
 * was entered by hand (no KPI measures the goal, its KPI has no check-in, or, in a run from
 * before results were computed, a figure other than the KPI's was approved).
 */
function sourceNote(
  i18n: I18n,
  goal: Goal,
  actual: number | null,
  kpis: readonly Kpi[],
  measured: MeasuredActual | undefined,
): string {
  const { t } = i18n;
  if (measured !== undefined) {
    const date = i18n.date(measured.date);
    return resultSource(actual, measured) === 'kpi'
      ? t('form.evaluation.computedFrom', { kpi: measured.kpiName, date })
      : t('form.evaluation.manualDiffers', {
          kpi: measured.kpiName,
          value: formatFigure(i18n, measured.value, goal.unit),
          date,
        });
  }
  const kpi = measuringKpi(goal, kpis);
  return kpi === undefined
    ? t('form.evaluation.manualNoKpi')
    : t('form.evaluation.manualNoCheckIn', { kpi: kpi.name });
}

/**
 * A computed actual: shown, never typed. A read-only input so it reads like the other figures
 * (label, value) and says where it comes from.
 */
function ComputedActual({
  path,
  goal,
  value,
  note,
  measuredOn,
}: {
  path: readonly (string | number)[];
  goal: Goal;
  value: number;
  note: string;
  /** The date of the figure it was computed from. */
  measuredOn: IsoDate;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const openStage = useOpenStage();
  // Measured before the goal's deadline: the final figure, known once the period is over, can
  // still be reported under Monitoring while the evaluation is drafted, and becomes the result.
  const early = goal.deadline !== null && measuredOn < goal.deadline;
  const id = fieldId(path);
  const label = t('form.evaluation.actual');
  return (
    <div className="field">
      <label htmlFor={id}>{goal.unit === 'CNY' ? t('form.inYuan', { label }) : label}</label>
      <input
        id={id}
        type="text"
        readOnly
        value={formatFigure(i18n, value, goal.unit)}
        aria-describedby={`${id}-hint`}
      />
      <span className="hint" id={`${id}-hint`}>
        {early
          ? i18n.sentences([
              note,
              t('form.evaluation.beforeDeadline', { deadline: i18n.date(goal.deadline ?? '') }),
            ])
          : note}
      </span>
      {early && (
        <button type="button" className="btn btn-sm" onClick={() => openStage('monitoring')}>
          {t('form.evaluation.reportFinal')}
        </button>
      )}
    </div>
  );
}

/** Every product, price, channel and promotion item of the approved strategy, grouped by P. */
function strategyOptions(
  strategy: StrategyContent | null,
  pLabel: (p: string) => string,
): SelectOption<string>[] {
  if (strategy === null) return [];
  return STRATEGY_PS.flatMap((p) => {
    const items: readonly StrategyItem[] = strategy[p];
    return items.map((item) => ({ value: item.id, label: item.title, group: pLabel(p) }));
  });
}

/** A list of short texts (lessons, recommendations), one text area each. */
function TextItems({
  listKey,
  items,
  onChange,
  prefix,
  title,
  addLabel,
  newText,
  itemLabel,
  removeLabel,
  textLabel,
}: {
  listKey: 'lessons' | 'recommendations';
  items: readonly Lesson[];
  onChange(items: Lesson[]): void;
  prefix: string;
  title: string;
  addLabel: string;
  newText: string;
  itemLabel(n: number): string;
  removeLabel(n: number): string;
  textLabel: string;
}) {
  const focus = useFocusRequest();
  const keys = itemKeys(items);
  return (
    <ItemList
      path={[listKey]}
      title={title}
      count={items.length}
      max={50}
      addLabel={addLabel}
      onAdd={() => {
        onChange([...items, { id: newItemId(prefix), text: newText }]);
        focus(fieldId([listKey, items.length, 'text']));
      }}
    >
      {items.map((item, index) => (
        <ItemCard
          key={keys[index]}
          path={[listKey, index]}
          label={itemLabel(index + 1)}
          heading={itemLabel(index + 1)}
          removeLabel={removeLabel(index + 1)}
          onRemove={() => onChange(removeAt(items, index))}
          handled={LESSON_FIELDS}
        >
          <TextArea
            path={[listKey, index, 'text']}
            label={textLabel}
            value={item.text}
            maxLength={1000}
            onChange={(text) => onChange(updateAt(items, index, (old) => ({ ...old, text })))}
          />
        </ItemCard>
      ))}
    </ItemList>
  );
}

/**
 * 效果评估: one result per approved goal (actual against target, with its attainment),
 * attribution of the results, lessons and recommendations for the next cycle.
 *
 * Results are computed, not typed: a goal its KPI measured shows the KPI's latest figure
 * (`props.measured`), and only a goal without one takes an actual typed by hand, marked as such.
 * On mount (and when goals or measured actuals change) it adds a result row for each goal without
 * one and sets every measured actual (`withMeasuredResults`): one onChange call, none when
 * nothing changes, never when read-only. An actual typed by hand and cleared stays cleared.
 */
export function EvaluationForm(props: StageFormProps<'evaluation'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const { results, attribution } = content;
  const { goals, kpis, measured, readOnly } = props;

  useEffect(() => {
    if (readOnly) return;
    update((c) => {
      const computed = withMeasuredResults(c.results, goals, measured);
      return computed === c.results ? c : { ...c, results: [...computed] };
    });
  }, [goals, measured, readOnly, update]);

  const setResults = (next: Result[]) => update((c) => ({ ...c, results: next }));
  const setAttribution = (next: Attribution[]) => update((c) => ({ ...c, attribution: next }));
  const setEntry = (index: number, patch: Partial<Attribution>) =>
    setAttribution(updateAt(attribution, index, (entry) => ({ ...entry, ...patch })));

  // One row per goal, in goal-tree order; results matching no goal (or a second result for one)
  // follow so they can be seen and removed.
  const claimed = new Set<number>();
  let missing = 0;
  const rows = goalTree(goals).flatMap(({ index, depth }) => {
    const goal = goals[index];
    if (goal === undefined) return [];
    const resultIndex = results.findIndex((r) => r.goalId === goal.id);
    if (resultIndex >= 0) claimed.add(resultIndex);
    // A goal without a result yet gets the index its result will have when it is added.
    const pathIndex = resultIndex >= 0 ? resultIndex : results.length + missing++;
    return [{ goal, depth, resultIndex, pathIndex }];
  });
  const extras = results.flatMap((result, index) =>
    claimed.has(index) ? [] : [{ result, index }],
  );
  const setResult = (goalId: string, resultIndex: number, patch: Partial<Result>) =>
    setResults(
      resultIndex >= 0
        ? updateAt(results, resultIndex, (result) => ({ ...result, ...patch }))
        : [...results, { goalId, actual: null, note: '', ...patch }],
    );

  const goalOptions = goals.map((goal) => ({ value: goal.id, label: titleOf(goal.title) }));
  const itemOptions = strategyOptions(props.strategy, (p) => i18n.label('strategyP', p));
  const kinds = enumOptions(i18n, 'attributionKind', ATTRIBUTION_KINDS);
  const attributionKeys = itemKeys(attribution);

  return (
    <FormShell
      stage="evaluation"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['results', 'attribution', 'lessons', 'recommendations']}
    >
      <FormSection
        path={['results']}
        title={t('form.evaluation.results')}
        handled={results.map((_, i) => i)}
      >
        {rows.length === 0 && extras.length === 0 && (
          <p className="muted small">{t('form.evaluation.noGoals')}</p>
        )}
        {rows.map(({ goal, depth, resultIndex, pathIndex }) => {
          const result = results[resultIndex];
          const figure = measured.get(goal.id);
          // While drafting, a measured goal's actual is its KPI's figure even before the row has
          // caught up with it; approved content is shown as it was approved.
          const actual =
            !readOnly && figure !== undefined ? figure.value : (result?.actual ?? null);
          const source = readOnly
            ? resultSource(actual, figure)
            : figure !== undefined
              ? 'kpi'
              : 'manual';
          const path = ['results', pathIndex] as const;
          const title = titleOf(goal.title);
          const rate =
            actual !== null && goal.target !== null
              ? attainmentRate(actual, goal.target, goal.direction)
              : null;
          const note = sourceNote(i18n, goal, actual, kpis, figure);
          return (
            <ItemCard
              key={goal.id}
              path={path}
              label={t('form.evaluation.result', { title })}
              heading={title}
              badge={
                source === null ? undefined : (
                  <span className={SOURCE_BADGE[source]}>
                    {t(`form.evaluation.source.${source}`)}
                  </span>
                )
              }
              indent={Math.min(depth, 4)}
              // A computed actual has no input: its problems are listed on the card.
              handled={source === 'kpi' ? ['goalId', 'note'] : RESULT_FIELDS}
            >
              <ShownValue label={t('field.target')}>
                {goal.target === null
                  ? t('form.evaluation.noTarget')
                  : readableFigure(i18n, goal.target, goal.unit)}
              </ShownValue>
              {source === 'kpi' && actual !== null && !readOnly ? (
                <ComputedActual
                  path={[...path, 'actual']}
                  goal={goal}
                  value={actual}
                  note={note}
                  measuredOn={figure?.date ?? ''}
                />
              ) : (
                <FigureField
                  path={[...path, 'actual']}
                  label={t('form.evaluation.actual')}
                  unit={goal.unit}
                  value={actual}
                  hint={note}
                  onChange={(value) => setResult(goal.id, resultIndex, { actual: value })}
                />
              )}
              <ShownValue label={t('form.evaluation.attainment')}>
                {rate === null ? (
                  t('form.evaluation.noAttainment')
                ) : (
                  <span className={HEALTH_BADGE[health(rate)]}>{i18n.percent(rate)}</span>
                )}
              </ShownValue>
              <TextField
                path={[...path, 'note']}
                label={t('form.evaluation.resultNote')}
                value={result?.note ?? ''}
                maxLength={1000}
                wide
                onChange={(note) => setResult(goal.id, resultIndex, { note })}
              />
            </ItemCard>
          );
        })}
        {extras.map(({ result, index }) => {
          const path = ['results', index] as const;
          const title = t('form.evaluation.extraResult', { id: result.goalId });
          return (
            <ItemCard
              key={`extra-${index}`}
              path={path}
              label={title}
              heading={title}
              removeLabel={t('form.evaluation.removeResult', { id: result.goalId })}
              onRemove={() => setResults(removeAt(results, index))}
              handled={RESULT_FIELDS}
            >
              <NumberField
                path={[...path, 'actual']}
                label={t('form.evaluation.actual')}
                nullable
                value={result.actual}
                onChange={(actual) =>
                  setResults(updateAt(results, index, (old) => ({ ...old, actual })))
                }
              />
              <TextField
                path={[...path, 'note']}
                label={t('form.evaluation.resultNote')}
                value={result.note}
                maxLength={1000}
                wide
                onChange={(note) =>
                  setResults(updateAt(results, index, (old) => ({ ...old, note })))
                }
              />
            </ItemCard>
          );
        })}
      </FormSection>

      <ItemList
        path={['attribution']}
        title={t('form.evaluation.attribution')}
        count={attribution.length}
        max={100}
        addLabel={t('form.evaluation.addAttribution')}
        onAdd={() => {
          setAttribution([
            ...attribution,
            {
              id: newItemId('a'),
              goalId: null,
              kind: 'strategy',
              strategyItemId: null,
              note: t('form.evaluation.newAttribution'),
            },
          ]);
          focus(fieldId(['attribution', attribution.length, 'note']));
        }}
      >
        {attribution.map((entry, index) => {
          const path = ['attribution', index] as const;
          const title = clip(titleOf(entry.note), 60);
          return (
            <ItemCard
              key={attributionKeys[index]}
              path={path}
              label={t('form.evaluation.attributionItem', { title })}
              heading={title}
              badge={<span className="badge">{i18n.label('attributionKind', entry.kind)}</span>}
              removeLabel={t('form.evaluation.removeAttribution', { title })}
              onRemove={() => setAttribution(removeAt(attribution, index))}
              handled={ATTRIBUTION_FIELDS}
            >
              <Select
                path={[...path, 'kind']}
                label={t('form.evaluation.kind')}
                value={entry.kind}
                options={kinds}
                onChange={(kind) =>
                  // Only a strategy attribution credits a strategy item.
                  setEntry(index, kind === 'strategy' ? { kind } : { kind, strategyItemId: null })
                }
              />
              <Select
                path={[...path, 'goalId']}
                label={t('form.evaluation.goal')}
                nullable
                noneLabel={t('form.evaluation.anyGoal')}
                value={entry.goalId}
                options={goalOptions}
                onChange={(goalId) => setEntry(index, { goalId })}
              />
              {(entry.kind === 'strategy' || entry.strategyItemId !== null) && (
                <Select
                  path={[...path, 'strategyItemId']}
                  label={t('form.evaluation.strategyItem')}
                  nullable
                  value={entry.strategyItemId}
                  options={itemOptions}
                  onChange={(strategyItemId) => setEntry(index, { strategyItemId })}
                />
              )}
              <TextArea
                path={[...path, 'note']}
                label={t('form.evaluation.note')}
                value={entry.note}
                maxLength={1000}
                onChange={(note) => setEntry(index, { note })}
              />
            </ItemCard>
          );
        })}
      </ItemList>

      <TextItems
        listKey="lessons"
        items={content.lessons}
        onChange={(lessons) => update((c) => ({ ...c, lessons }))}
        prefix="l"
        title={t('form.evaluation.lessons')}
        addLabel={t('form.evaluation.addLesson')}
        newText={t('form.evaluation.newLesson')}
        itemLabel={(n) => t('form.evaluation.lesson', { n })}
        removeLabel={(n) => t('form.evaluation.removeLesson', { n })}
        textLabel={t('form.evaluation.lessonText')}
      />
      <TextItems
        listKey="recommendations"
        items={content.recommendations}
        onChange={(recommendations) => update((c) => ({ ...c, recommendations }))}
        prefix="r"
        title={t('form.evaluation.recommendations')}
        addLabel={t('form.evaluation.addRecommendation')}
        newText={t('form.evaluation.newRecommendation')}
        itemLabel={(n) => t('form.evaluation.recommendation', { n })}
        removeLabel={(n) => t('form.evaluation.removeRecommendation', { n })}
        textLabel={t('form.evaluation.recommendationText')}
      />
    </FormShell>
  );
}
