import { useId } from 'react';
import {
  CADENCES,
  DATA_SOURCES,
  DIRECTIONS,
  KPI_MEASURES,
  type Goal,
  type Kpi,
} from '../../domain/content';
import { DEFAULT_THRESHOLDS } from '../../domain/kpi';
import { measuringKpi } from '../../domain/results';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  FigureField,
  FormShell,
  ItemCard,
  ItemList,
  PathProblems,
  PercentField,
  Select,
  TextField,
  UnitSuggestions,
  enumOptions,
  useFocusRequest,
  useTitleOf,
} from './fields';
import { clip, itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

const KPI_FIELDS = [
  'name',
  'goalId',
  'target',
  'unit',
  'direction',
  'measure',
  'cadence',
  'thresholds',
  'source',
];
const MAX_KPIS = 50;
/** KpiSchema's limit on names; goal titles may be longer. */
const KPI_NAME_MAX = 120;

function newKpi(name: string, goal: Goal | null): Kpi {
  return {
    id: newItemId('k'),
    goalId: goal?.id ?? null,
    name: clip(name, KPI_NAME_MAX),
    target: goal?.target ?? null,
    unit: goal?.unit ?? '',
    direction: goal?.direction ?? 'higher',
    // Rates are levels (a share is 40% all along); everything else accumulates over the period.
    measure: goal?.unit === '%' ? 'level' : 'cumulative',
    cadence: 'weekly',
    thresholds: { ...DEFAULT_THRESHOLDS },
    source: 'crm',
  };
}

/**
 * 过程监控: the KPIs that track the goals, each with target, pace measure, cadence, health
 * thresholds (typed in percent, stored as fractions) and data source.
 */
export function MonitoringForm(props: StageFormProps<'monitoring'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const unitListId = useId();
  const { kpis } = content;

  const setKpis = (next: Kpi[]) => update((c) => ({ ...c, kpis: next }));
  const setKpi = (index: number, patch: Partial<Kpi>) =>
    setKpis(updateAt(kpis, index, (kpi) => ({ ...kpi, ...patch })));

  // Every goal's result is computed from a KPI in its own unit and direction (kpis.goalNotMeasured).
  const unmonitored = props.goals.filter((goal) => measuringKpi(goal, kpis) === undefined);
  const room = MAX_KPIS - kpis.length;

  const addKpi = () => {
    setKpis([...kpis, newKpi(t('form.monitoring.newKpi'), null)]);
    focus(fieldId(['kpis', kpis.length, 'name']));
  };
  const addForGoals = () => {
    setKpis([...kpis, ...unmonitored.slice(0, room).map((goal) => newKpi(goal.title, goal))]);
    focus(fieldId(['kpis', kpis.length, 'name']));
  };

  const keys = itemKeys(kpis);
  const goalOptions = props.goals.map((goal) => ({ value: goal.id, label: titleOf(goal.title) }));
  const directions = enumOptions(i18n, 'direction', DIRECTIONS);
  const measures = enumOptions(i18n, 'kpiMeasure', KPI_MEASURES);
  const cadences = enumOptions(i18n, 'cadence', CADENCES);
  const sources = enumOptions(i18n, 'dataSource', DATA_SOURCES);

  return (
    <FormShell
      stage="monitoring"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['kpis']}
    >
      <UnitSuggestions id={unitListId} />
      <ItemList
        path={['kpis']}
        title={t('form.monitoring.kpis')}
        count={kpis.length}
        max={MAX_KPIS}
        addLabel={t('form.monitoring.addKpi')}
        onAdd={addKpi}
        actions={
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            disabled={unmonitored.length === 0 || room <= 0}
            onClick={addForGoals}
          >
            {t('form.monitoring.addForGoals')}
          </button>
        }
      >
        {kpis.map((kpi, index) => {
          const path = ['kpis', index] as const;
          const title = titleOf(kpi.name);
          const thresholdsPath = [...path, 'thresholds'] as const;
          return (
            <ItemCard
              key={keys[index]}
              path={path}
              label={t('form.monitoring.kpi', { title })}
              heading={title}
              removeLabel={t('form.monitoring.removeKpi', { title })}
              onRemove={() => setKpis(removeAt(kpis, index))}
              handled={KPI_FIELDS}
            >
              <TextField
                path={[...path, 'name']}
                label={t('form.monitoring.name')}
                value={kpi.name}
                saidElsewhere
                maxLength={KPI_NAME_MAX}
                onChange={(name) => setKpi(index, { name })}
              />
              <Select
                path={[...path, 'goalId']}
                label={t('form.monitoring.goal')}
                nullable
                noneLabel={t('form.monitoring.noGoal')}
                value={kpi.goalId}
                options={goalOptions}
                onChange={(goalId) => setKpi(index, { goalId })}
              />
              <FigureField
                path={[...path, 'target']}
                label={t('field.target')}
                unit={kpi.unit}
                value={kpi.target}
                onChange={(target) => setKpi(index, { target })}
              />
              <TextField
                path={[...path, 'unit']}
                saidElsewhere
                label={t('field.unit')}
                value={kpi.unit}
                maxLength={40}
                list={unitListId}
                onChange={(unit) => setKpi(index, { unit })}
              />
              <Select
                path={[...path, 'direction']}
                label={t('form.direction')}
                value={kpi.direction}
                options={directions}
                onChange={(direction) => setKpi(index, { direction })}
              />
              <Select
                path={[...path, 'measure']}
                label={t('form.monitoring.measure')}
                value={kpi.measure}
                options={measures}
                onChange={(measure) => setKpi(index, { measure })}
              />
              <Select
                path={[...path, 'cadence']}
                label={t('form.monitoring.cadence')}
                value={kpi.cadence}
                options={cadences}
                onChange={(cadence) => setKpi(index, { cadence })}
              />
              <Select
                path={[...path, 'source']}
                label={t('form.monitoring.source')}
                value={kpi.source}
                options={sources}
                onChange={(source) => setKpi(index, { source })}
              />
              <PercentField
                path={[...thresholdsPath, 'green']}
                label={t('form.monitoring.green')}
                stores="fraction"
                value={kpi.thresholds.green}
                onChange={(green) => setKpi(index, { thresholds: { ...kpi.thresholds, green } })}
              />
              <PercentField
                path={[...thresholdsPath, 'amber']}
                label={t('form.monitoring.amber')}
                stores="fraction"
                value={kpi.thresholds.amber}
                onChange={(amber) => setKpi(index, { thresholds: { ...kpi.thresholds, amber } })}
              />
              <div className="wide">
                {/* How to set them: for the person typing, not under every approved KPI. */}
                {!props.readOnly && (
                  <p className="muted small">{t('form.monitoring.thresholdsHint')}</p>
                )}
                <PathProblems path={thresholdsPath} />
              </div>
            </ItemCard>
          );
        })}
      </ItemList>
    </FormShell>
  );
}
