import { useEffect, useRef } from 'react';
import {
  ATTRIBUTION_KINDS,
  STRATEGY_PS,
  type EvaluationContent,
  type Goal,
  type StrategyContent,
  type StrategyItem,
} from '../../domain/content';
import { attainmentRate, health, type Health } from '../../domain/kpi';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  FigureField,
  FormSection,
  FormShell,
  ItemCard,
  ItemList,
  NumberField,
  Select,
  TextArea,
  TextField,
  enumOptions,
  formatFigure,
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

/** What the prefill has already done, so it never redoes what the lead has since changed. */
interface PrefillMarks {
  /** Goals that have been given a result row. */
  rows: Set<string>;
  /** Goals whose measured actual has been offered. */
  actuals: Set<string>;
}

/**
 * `results` with a row for every goal that has none, and the measured actual filled in where a
 * result has no actual yet; each goal only once (see `marks`). Returns `results` itself when
 * nothing changes.
 */
function prefillResults(
  results: readonly Result[],
  goals: readonly Goal[],
  actuals: Readonly<Record<string, number>>,
  marks: PrefillMarks,
): readonly Result[] {
  let next = results;
  for (const goal of goals) {
    const measured = Object.hasOwn(actuals, goal.id) ? actuals[goal.id] : undefined;
    const index = next.findIndex((result) => result.goalId === goal.id);
    if (index < 0 && !marks.rows.has(goal.id)) {
      next = [...next, { goalId: goal.id, actual: measured ?? null, note: '' }];
    } else if (index >= 0 && measured !== undefined && !marks.actuals.has(goal.id)) {
      if (next[index]?.actual === null) {
        next = updateAt(next, index, (result) => ({ ...result, actual: measured }));
      }
    }
    marks.rows.add(goal.id);
    if (measured !== undefined) marks.actuals.add(goal.id);
  }
  return next;
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
 * 效果评估: one result per approved goal (actual against target, with attainment computed as it
 * is typed), attribution of the results, lessons and recommendations for the next cycle.
 *
 * On mount (and when goals or measured actuals arrive) it adds a result row for each goal
 * without one and fills in `props.actuals` where a result has no actual yet: one onChange call,
 * and only once per goal, so an actual the lead clears stays cleared. Never when read-only.
 */
export function EvaluationForm(props: StageFormProps<'evaluation'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const marks = useRef<PrefillMarks>({ rows: new Set(), actuals: new Set() });
  const { results, attribution } = content;
  const { goals, actuals, readOnly } = props;

  useEffect(() => {
    if (readOnly) return;
    update((c) => {
      const prefilled = prefillResults(c.results, goals, actuals, marks.current);
      return prefilled === c.results ? c : { ...c, results: [...prefilled] };
    });
  }, [goals, actuals, readOnly, update]);

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
          const actual = result?.actual ?? null;
          const path = ['results', pathIndex] as const;
          const title = titleOf(goal.title);
          const rate =
            actual !== null && goal.target !== null
              ? attainmentRate(actual, goal.target, goal.direction)
              : null;
          return (
            <ItemCard
              key={goal.id}
              path={path}
              label={t('form.evaluation.result', { title })}
              heading={title}
              indent={Math.min(depth, 4)}
              handled={RESULT_FIELDS}
            >
              <div className="field">
                <span>{t('field.target')}</span>
                <span>
                  {goal.target === null
                    ? t('form.evaluation.noTarget')
                    : formatFigure(i18n, goal.target, goal.unit)}
                </span>
              </div>
              <FigureField
                path={[...path, 'actual']}
                label={t('form.evaluation.actual')}
                unit={goal.unit}
                value={actual}
                onChange={(value) => setResult(goal.id, resultIndex, { actual: value })}
              />
              <div className="field">
                <span>{t('form.evaluation.attainment')}</span>
                <span>
                  {rate === null ? (
                    t('form.evaluation.noAttainment')
                  ) : (
                    <span className={HEALTH_BADGE[health(rate)]}>{i18n.percent(rate)}</span>
                  )}
                </span>
              </div>
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
