import type { ReactNode } from 'react';
import {
  PRICE_MODELS,
  STRATEGY_PS,
  type Goal,
  type StrategyContent,
  type StrategyItem,
  type StrategyP,
} from '../../domain/content';
import { useI18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  FormShell,
  GoalPicker,
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
import type { Path } from './problems';
import { fieldId, newItemId, type StageFormProps } from './types';

const SHARED_FIELDS = ['title', 'detail', 'goalIds'] as const;
const MAX_ITEMS = 50;

interface SectionProps<T extends StrategyItem> {
  p: StrategyP;
  items: readonly T[];
  goals: readonly Goal[];
  onItemsChange(items: T[]): void;
  /** A new item of this P with the given title. */
  make(title: string): T;
  /** Keys of the P's own fields, next to title, detail and goal links. */
  ownFields: readonly string[];
  renderOwnFields(item: T, path: Path, set: (patch: Partial<T>) => void): ReactNode;
  focus(id: string): void;
}

/** One of the 4Ps: its items, each with title, detail, goal links and the P's own fields. */
function StrategySection<T extends StrategyItem>({
  p,
  items,
  goals,
  onItemsChange,
  make,
  ownFields,
  renderOwnFields,
  focus,
}: SectionProps<T>) {
  const i18n = useI18n();
  const { t } = i18n;
  const titleOf = useTitleOf();
  const pName = i18n.label('strategyP', p);
  const keys = itemKeys(items);
  const handled = [...SHARED_FIELDS, ...ownFields];
  return (
    <ItemList
      path={[p]}
      title={pName}
      count={items.length}
      max={MAX_ITEMS}
      addLabel={t(`form.strategy.add.${p}`)}
      onAdd={() => {
        onItemsChange([...items, make(t(`form.strategy.new.${p}`))]);
        focus(fieldId([p, items.length, 'title']));
      }}
    >
      {items.map((item, index) => {
        const path = [p, index] as const;
        const title = titleOf(item.title);
        const set = (patch: Partial<T>) =>
          onItemsChange(updateAt(items, index, (old) => ({ ...old, ...patch })));
        const setShared = (patch: Partial<Pick<StrategyItem, (typeof SHARED_FIELDS)[number]>>) =>
          onItemsChange(updateAt(items, index, (old) => ({ ...old, ...patch })));
        return (
          <ItemCard
            key={keys[index]}
            path={path}
            label={t('form.strategy.item', { p: pName, title })}
            heading={title}
            removeLabel={t('form.strategy.remove', { p: pName, title })}
            onRemove={() => onItemsChange(removeAt(items, index))}
            handled={handled}
          >
            <TextField
              path={[...path, 'title']}
              label={t('form.strategy.itemTitle')}
              value={item.title}
              saidElsewhere
              maxLength={200}
              wide
              onChange={(value) => setShared({ title: value })}
            />
            <TextArea
              path={[...path, 'detail']}
              label={t('form.strategy.detail')}
              value={item.detail}
              maxLength={2000}
              onChange={(value) => setShared({ detail: value })}
            />
            {renderOwnFields(item, path, set)}
            <GoalPicker
              path={[...path, 'goalIds']}
              goals={goals}
              value={item.goalIds}
              onChange={(goalIds) => setShared({ goalIds })}
            />
          </ItemCard>
        );
      })}
    </ItemList>
  );
}

const base = (prefix: string, title: string) => ({
  id: newItemId(prefix),
  title,
  detail: '',
  goalIds: [] as string[],
});

/**
 * 策略制定 (4P): product, price, channel and promotion plans, each linked to the goals it
 * serves (`props.goals`, the approved goals).
 */
export function StrategyForm(props: StageFormProps<'strategy'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const setList =
    <P extends StrategyP>(p: P) =>
    (items: StrategyContent[P]) =>
      update((c) => ({ ...c, [p]: items }));
  const common = { goals: props.goals, focus };
  const priceModels = enumOptions(i18n, 'priceModel', PRICE_MODELS);

  return (
    <FormShell
      stage="strategy"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={STRATEGY_PS}
    >
      <StrategySection
        {...common}
        p="product"
        items={content.product}
        onItemsChange={setList('product')}
        make={(title) => ({ ...base('pd', title), positioning: '' })}
        ownFields={['positioning']}
        renderOwnFields={(item, path, set) => (
          <TextField
            path={[...path, 'positioning']}
            label={t('form.strategy.positioning')}
            value={item.positioning}
            maxLength={500}
            wide
            onChange={(positioning) => set({ positioning })}
          />
        )}
      />
      <StrategySection
        {...common}
        p="price"
        items={content.price}
        onItemsChange={setList('price')}
        make={(title) => ({ ...base('pr', title), model: 'uniform' })}
        ownFields={['model']}
        renderOwnFields={(item, path, set) => (
          <Select
            path={[...path, 'model']}
            label={t('form.strategy.priceModel')}
            value={item.model}
            options={priceModels}
            onChange={(model) => set({ model })}
          />
        )}
      />
      <StrategySection
        {...common}
        p="channel"
        items={content.channel}
        onItemsChange={setList('channel')}
        make={(title) => ({ ...base('ch', title), duties: '', incentive: '' })}
        ownFields={['duties', 'incentive']}
        renderOwnFields={(item, path, set) => (
          <>
            <TextArea
              path={[...path, 'duties']}
              label={t('form.strategy.duties')}
              value={item.duties}
              maxLength={1000}
              onChange={(duties) => set({ duties })}
            />
            <TextField
              path={[...path, 'incentive']}
              label={t('form.strategy.incentive')}
              value={item.incentive}
              maxLength={500}
              wide
              onChange={(incentive) => set({ incentive })}
            />
          </>
        )}
      />
      <StrategySection
        {...common}
        p="promotion"
        items={content.promotion}
        onItemsChange={setList('promotion')}
        make={(title) => ({
          ...base('pm', title),
          channel: '',
          budgetFen: null,
          timing: '',
          conversionTargetPct: null,
        })}
        ownFields={['channel', 'budgetFen', 'timing', 'conversionTargetPct']}
        renderOwnFields={(item, path, set) => (
          <>
            <TextField
              path={[...path, 'channel']}
              label={t('form.strategy.promotionChannel')}
              value={item.channel}
              maxLength={200}
              onChange={(channel) => set({ channel })}
            />
            <TextField
              path={[...path, 'timing']}
              label={t('form.strategy.timing')}
              value={item.timing}
              maxLength={200}
              onChange={(timing) => set({ timing })}
            />
            <MoneyField
              path={[...path, 'budgetFen']}
              label={t('form.strategy.budget')}
              nullable
              value={item.budgetFen}
              onChange={(budgetFen) => set({ budgetFen })}
            />
            <PercentField
              path={[...path, 'conversionTargetPct']}
              label={t('form.strategy.conversionTarget')}
              stores="percent"
              nullable
              value={item.conversionTargetPct}
              onChange={(conversionTargetPct) => set({ conversionTargetPct })}
            />
          </>
        )}
      />
    </FormShell>
  );
}
