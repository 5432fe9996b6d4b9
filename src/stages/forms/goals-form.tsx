import { useId } from 'react';
import { DIRECTIONS, GOAL_DIMENSIONS, type Goal } from '../../domain/content';
import type { Period } from '../../domain/time';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  CheckboxField,
  DateField,
  FigureField,
  FormShell,
  ItemCard,
  ItemList,
  Select,
  TextArea,
  TextField,
  UnitSuggestions,
  enumOptions,
  useFocusRequest,
  useTitleOf,
} from './fields';
import { goalTree, subtreeIds } from './goal-tree';
import { itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

/** Keys of a goal that have a field; problems at other keys (its id) are shown on its card. */
const GOAL_FIELDS = [
  'title',
  'metric',
  'target',
  'unit',
  'baseline',
  'direction',
  'additive',
  'deadline',
  'parentId',
  'dimension',
  'dimensionValue',
  'rationale',
] as const satisfies readonly (keyof Goal)[];

const MAX_GOALS = 100;

type GoalDimension = (typeof GOAL_DIMENSIONS)[number];

function newGoal(title: string, period: Period, parent: Goal | null): Goal {
  return {
    id: newItemId('g'),
    title,
    // A sub-goal usually splits its parent's figure: start from the parent's metric and unit.
    metric: parent?.metric ?? '',
    target: null,
    unit: parent?.unit ?? '',
    baseline: null,
    direction: parent?.direction ?? 'higher',
    additive: parent?.additive ?? true,
    deadline: parent?.deadline ?? period.end,
    parentId: parent?.id ?? null,
    dimension: null,
    dimensionValue: '',
    rationale: '',
  };
}

/** What removing goal `index` does to its sub-goals, when it has any; else nothing to ask. */
function useRemoveWarning(): (goals: readonly Goal[], index: number) => string | undefined {
  const { t } = useI18n();
  return (goals, index) => {
    const goal = goals[index];
    if (!goal) return undefined;
    const count = goals.filter((g) => g.parentId === goal.id).length;
    if (count === 0) return undefined;
    return goal.parentId === null
      ? t('form.goals.removeRoot', { count })
      : t('form.goals.removeMoveUp', { count });
  };
}

/**
 * Removes goal `index`. Its sub-goals move up to its own parent rather than pointing at a goal
 * that no longer exists; sub-goals that become overall goals drop their split dimension.
 */
function removeGoal(goals: readonly Goal[], index: number): Goal[] {
  const removed = goals[index];
  if (removed === undefined) return [...goals];
  const rest = removeAt(goals, index);
  // With a duplicate id, the children still have a parent: the other goal with that id.
  if (rest.some((goal) => goal.id === removed.id)) return rest;
  return rest.map((goal) => {
    if (goal.parentId !== removed.id) return goal;
    return removed.parentId === null
      ? { ...goal, parentId: null, dimension: null, dimensionValue: '' }
      : { ...goal, parentId: removed.parentId };
  });
}

/**
 * 目标设定: overall goals and their sub-goals as a tree, each with the SMART fields. Money
 * targets (unit "CNY") are typed in yuan and stored in fen.
 */
export function GoalsForm(props: StageFormProps<'goals'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const removeWarning = useRemoveWarning();
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const unitListId = useId();
  const { goals } = content;
  const setGoals = (next: Goal[]) => update((c) => ({ ...c, goals: next }));
  const setGoal = (index: number, patch: Partial<Goal>) =>
    setGoals(updateAt(goals, index, (goal) => ({ ...goal, ...patch })));
  const add = (parent: Goal | null) => {
    const title = parent === null ? t('form.goals.newGoal') : t('form.goals.newSubGoal');
    setGoals([...goals, newGoal(title, props.period, parent)]);
    focus(fieldId(['goals', goals.length, 'title']));
  };
  const keys = itemKeys(goals);
  const directions = enumOptions(i18n, 'direction', DIRECTIONS);
  const dimensions = enumOptions(i18n, 'goalDimension', GOAL_DIMENSIONS);

  return (
    <FormShell
      stage="goals"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['goals']}
    >
      <UnitSuggestions id={unitListId} />
      <ItemList
        path={['goals']}
        title={t('form.goals.title')}
        count={goals.length}
        max={MAX_GOALS}
        addLabel={t('form.goals.add')}
        onAdd={() => add(null)}
        summary={<p className="muted small">{t('form.goals.hint')}</p>}
      >
        {goalTree(goals).map(({ index, depth }) => {
          const goal = goals[index];
          if (goal === undefined) return null;
          const path = ['goals', index] as const;
          const title = titleOf(goal.title);
          const isSubGoal = goal.parentId !== null;
          // A goal cannot sit under itself or its own sub-goals.
          const below = subtreeIds(goals, goal.id);
          const parents = goals
            .filter((other) => !below.has(other.id))
            .map((other) => ({ value: other.id, label: titleOf(other.title) }));
          return (
            <ItemCard
              key={keys[index]}
              path={path}
              label={t('form.goals.item', { title })}
              heading={title}
              badge={
                <span className={isSubGoal ? 'badge' : 'badge badge-blue'}>
                  {isSubGoal ? t('form.goals.subGoal') : t('form.goals.overall')}
                </span>
              }
              indent={Math.min(depth, 4)}
              removeLabel={t('form.goals.remove', { title })}
              onRemove={() => setGoals(removeGoal(goals, index))}
              confirmRemove={removeWarning(goals, index)}
              handled={GOAL_FIELDS}
              actions={
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-label={t('form.goals.addSubGoalTo', { title })}
                  disabled={goals.length >= MAX_GOALS}
                  onClick={() => add(goal)}
                >
                  {t('form.goals.addSubGoal')}
                </button>
              }
            >
              <TextField
                path={[...path, 'title']}
                label={t('form.goals.goalTitle')}
                value={goal.title}
                saidElsewhere
                maxLength={200}
                wide
                onChange={(value) => setGoal(index, { title: value })}
              />
              <Select
                path={[...path, 'parentId']}
                label={t('form.goals.parent')}
                nullable
                noneLabel={t('form.goals.noParent')}
                value={goal.parentId}
                options={parents}
                onChange={(parentId) =>
                  setGoal(
                    index,
                    parentId === null
                      ? { parentId, dimension: null, dimensionValue: '' }
                      : { parentId },
                  )
                }
              />
              {isSubGoal && (
                <Select<GoalDimension>
                  path={[...path, 'dimension']}
                  label={t('form.goals.dimension')}
                  nullable
                  value={goal.dimension}
                  options={dimensions}
                  onChange={(dimension) => setGoal(index, { dimension })}
                />
              )}
              {isSubGoal && (
                <TextField
                  path={[...path, 'dimensionValue']}
                  label={t('form.goals.dimensionValue')}
                  value={goal.dimensionValue}
                  maxLength={120}
                  onChange={(value) => setGoal(index, { dimensionValue: value })}
                />
              )}
              <TextField
                path={[...path, 'metric']}
                label={t('field.metric')}
                value={goal.metric}
                maxLength={120}
                onChange={(value) => setGoal(index, { metric: value })}
              />
              <FigureField
                path={[...path, 'target']}
                label={t('field.target')}
                unit={goal.unit}
                value={goal.target}
                onChange={(target) => setGoal(index, { target })}
              />
              <TextField
                path={[...path, 'unit']}
                saidElsewhere
                label={t('field.unit')}
                value={goal.unit}
                maxLength={40}
                list={unitListId}
                onChange={(value) => setGoal(index, { unit: value })}
              />
              <FigureField
                path={[...path, 'baseline']}
                label={t('field.baseline')}
                unit={goal.unit}
                value={goal.baseline}
                onChange={(baseline) => setGoal(index, { baseline })}
              />
              <Select
                path={[...path, 'direction']}
                label={t('form.direction')}
                value={goal.direction}
                options={directions}
                onChange={(direction) => setGoal(index, { direction })}
              />
              <DateField
                path={[...path, 'deadline']}
                label={t('form.goals.deadline')}
                nullable
                value={goal.deadline}
                onChange={(deadline) => setGoal(index, { deadline })}
              />
              {/* Read-only, it only says something about a goal with sub-goals. */}
              {(!props.readOnly || below.size > 1) && (
                <CheckboxField
                  path={[...path, 'additive']}
                  label={t('form.goals.additive')}
                  checked={goal.additive}
                  onChange={(additive) => setGoal(index, { additive })}
                />
              )}
              <TextArea
                path={[...path, 'rationale']}
                label={t('form.goals.rationale')}
                value={goal.rationale}
                maxLength={1000}
                onChange={(value) => setGoal(index, { rationale: value })}
              />
            </ItemCard>
          );
        })}
      </ItemList>
    </FormShell>
  );
}
