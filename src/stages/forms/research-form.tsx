import { SOURCE_KINDS, type ResearchContent } from '../../domain/content';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  FormSection,
  FormShell,
  ItemCard,
  ItemList,
  MoneyField,
  PercentField,
  Select,
  TextArea,
  TextField,
  enumOptions,
  useFocusRequest,
  useTitleOf,
} from './fields';
import { itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

type MarketNeed = ResearchContent['marketNeeds'][number];
type Source = MarketNeed['sources'][number];
type Competitor = ResearchContent['competitors'][number];
type OwnResources = ResearchContent['ownResources'];

const NEED_FIELDS = ['segment', 'painPoints', 'preferences', 'unmetNeeds', 'sources'];
const SOURCE_FIELDS = ['kind', 'title'];
const COMPETITOR_FIELDS = [
  'name',
  'productFeatures',
  'pricing',
  'marketSharePct',
  'marketingMoves',
];
const OWN_FIELDS = ['productStrengths', 'teamCapability', 'budgetFen', 'channels'];

/**
 * 前期调研: market needs (each with the sources it rests on), competitors and our own
 * resources: the evidence the strategy is built on.
 */
export function ResearchForm(props: StageFormProps<'research'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const { marketNeeds, competitors, ownResources } = content;

  const setNeeds = (next: MarketNeed[]) => update((c) => ({ ...c, marketNeeds: next }));
  const setNeed = (index: number, patch: Partial<MarketNeed>) =>
    setNeeds(updateAt(marketNeeds, index, (need) => ({ ...need, ...patch })));
  const setCompetitors = (next: Competitor[]) => update((c) => ({ ...c, competitors: next }));
  const setCompetitor = (index: number, patch: Partial<Competitor>) =>
    setCompetitors(updateAt(competitors, index, (rival) => ({ ...rival, ...patch })));
  const setOwn = (patch: Partial<OwnResources>) =>
    update((c) => ({ ...c, ownResources: { ...c.ownResources, ...patch } }));

  const needKeys = itemKeys(marketNeeds);
  const competitorKeys = itemKeys(competitors);
  const sourceKinds = enumOptions(i18n, 'sourceKind', SOURCE_KINDS);

  return (
    <FormShell
      stage="research"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['marketNeeds', 'competitors', 'ownResources']}
    >
      <ItemList
        path={['marketNeeds']}
        title={t('form.research.marketNeeds')}
        count={marketNeeds.length}
        max={50}
        addLabel={t('form.research.addNeed')}
        onAdd={() => {
          setNeeds([
            ...marketNeeds,
            {
              id: newItemId('n'),
              segment: t('form.research.newSegment'),
              painPoints: '',
              preferences: '',
              unmetNeeds: '',
              sources: [],
            },
          ]);
          focus(fieldId(['marketNeeds', marketNeeds.length, 'segment']));
        }}
      >
        {marketNeeds.map((need, index) => {
          const path = ['marketNeeds', index] as const;
          const sourcesPath = [...path, 'sources'] as const;
          const title = titleOf(need.segment);
          const setSources = (sources: Source[]) => setNeed(index, { sources });
          return (
            <ItemCard
              key={needKeys[index]}
              path={path}
              label={t('form.research.need', { title })}
              heading={title}
              removeLabel={t('form.research.removeNeed', { title })}
              onRemove={() => setNeeds(removeAt(marketNeeds, index))}
              handled={NEED_FIELDS}
            >
              <TextField
                path={[...path, 'segment']}
                label={t('form.research.segment')}
                value={need.segment}
                saidElsewhere
                maxLength={120}
                wide
                onChange={(segment) => setNeed(index, { segment })}
              />
              <TextArea
                path={[...path, 'painPoints']}
                label={t('form.research.painPoints')}
                value={need.painPoints}
                maxLength={1000}
                onChange={(painPoints) => setNeed(index, { painPoints })}
              />
              <TextArea
                path={[...path, 'preferences']}
                label={t('form.research.preferences')}
                value={need.preferences}
                maxLength={1000}
                onChange={(preferences) => setNeed(index, { preferences })}
              />
              <TextArea
                path={[...path, 'unmetNeeds']}
                label={t('form.research.unmetNeeds')}
                value={need.unmetNeeds}
                maxLength={1000}
                onChange={(unmetNeeds) => setNeed(index, { unmetNeeds })}
              />
              <div className="wide">
                <ItemList
                  path={sourcesPath}
                  title={t('form.research.sources')}
                  name={t('form.research.sourcesOf', { title })}
                  level={4}
                  count={need.sources.length}
                  max={20}
                  addLabel={t('form.research.addSource')}
                  onAdd={() => {
                    setSources([
                      ...need.sources,
                      { kind: 'industryReport', title: t('form.research.newSource') },
                    ]);
                    focus(fieldId([...sourcesPath, need.sources.length, 'title']));
                  }}
                >
                  {need.sources.map((source, s) => {
                    const sourcePath = [...sourcesPath, s] as const;
                    const sourceTitle = titleOf(source.title);
                    return (
                      // Sources have no id. Keyed by position: their inputs keep no state of
                      // their own, so a card reused after a removal shows its new source.
                      <ItemCard
                        key={s}
                        path={sourcePath}
                        label={t('form.research.source', { title: sourceTitle })}
                        heading={sourceTitle}
                        removeLabel={t('form.research.removeSource', { title: sourceTitle })}
                        onRemove={() => setSources(removeAt(need.sources, s))}
                        handled={SOURCE_FIELDS}
                      >
                        <Select
                          path={[...sourcePath, 'kind']}
                          label={t('form.research.sourceKind')}
                          value={source.kind}
                          options={sourceKinds}
                          onChange={(kind) =>
                            setSources(updateAt(need.sources, s, (old) => ({ ...old, kind })))
                          }
                        />
                        <TextField
                          path={[...sourcePath, 'title']}
                          label={t('form.research.sourceTitle')}
                          value={source.title}
                          saidElsewhere
                          maxLength={200}
                          onChange={(value) =>
                            setSources(
                              updateAt(need.sources, s, (old) => ({ ...old, title: value })),
                            )
                          }
                        />
                      </ItemCard>
                    );
                  })}
                </ItemList>
              </div>
            </ItemCard>
          );
        })}
      </ItemList>

      <ItemList
        path={['competitors']}
        title={t('form.research.competitors')}
        count={competitors.length}
        max={50}
        addLabel={t('form.research.addCompetitor')}
        onAdd={() => {
          setCompetitors([
            ...competitors,
            {
              id: newItemId('c'),
              name: t('form.research.newCompetitor'),
              productFeatures: '',
              pricing: '',
              marketSharePct: null,
              marketingMoves: '',
            },
          ]);
          focus(fieldId(['competitors', competitors.length, 'name']));
        }}
      >
        {competitors.map((rival, index) => {
          const path = ['competitors', index] as const;
          const title = titleOf(rival.name);
          return (
            <ItemCard
              key={competitorKeys[index]}
              path={path}
              label={t('form.research.competitor', { title })}
              heading={title}
              removeLabel={t('form.research.removeCompetitor', { title })}
              onRemove={() => setCompetitors(removeAt(competitors, index))}
              handled={COMPETITOR_FIELDS}
            >
              <TextField
                path={[...path, 'name']}
                label={t('form.research.competitorName')}
                value={rival.name}
                saidElsewhere
                maxLength={120}
                onChange={(name) => setCompetitor(index, { name })}
              />
              <TextField
                path={[...path, 'pricing']}
                label={t('form.research.pricing')}
                value={rival.pricing}
                maxLength={500}
                onChange={(pricing) => setCompetitor(index, { pricing })}
              />
              <PercentField
                path={[...path, 'marketSharePct']}
                label={t('form.research.marketShare')}
                stores="percent"
                nullable
                value={rival.marketSharePct}
                onChange={(marketSharePct) => setCompetitor(index, { marketSharePct })}
              />
              <TextArea
                path={[...path, 'productFeatures']}
                label={t('form.research.productFeatures')}
                value={rival.productFeatures}
                maxLength={1000}
                onChange={(productFeatures) => setCompetitor(index, { productFeatures })}
              />
              <TextArea
                path={[...path, 'marketingMoves']}
                label={t('form.research.marketingMoves')}
                value={rival.marketingMoves}
                maxLength={1000}
                onChange={(marketingMoves) => setCompetitor(index, { marketingMoves })}
              />
            </ItemCard>
          );
        })}
      </ItemList>

      <FormSection
        path={['ownResources']}
        title={t('form.research.ownResources')}
        handled={OWN_FIELDS}
      >
        <div className="form-grid">
          <TextArea
            path={['ownResources', 'productStrengths']}
            label={t('field.productStrengths')}
            value={ownResources.productStrengths}
            maxLength={1000}
            onChange={(productStrengths) => setOwn({ productStrengths })}
          />
          <TextArea
            path={['ownResources', 'teamCapability']}
            label={t('field.teamCapability')}
            value={ownResources.teamCapability}
            maxLength={1000}
            onChange={(teamCapability) => setOwn({ teamCapability })}
          />
          <TextArea
            path={['ownResources', 'channels']}
            label={t('field.channels')}
            value={ownResources.channels}
            maxLength={1000}
            onChange={(channels) => setOwn({ channels })}
          />
          <MoneyField
            path={['ownResources', 'budgetFen']}
            label={t('form.research.budget')}
            nullable
            value={ownResources.budgetFen}
            onChange={(budgetFen) => setOwn({ budgetFen })}
          />
        </div>
      </FormSection>
    </FormShell>
  );
}
