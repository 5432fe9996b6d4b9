import { TOOL_KINDS, type ResourcesContent } from '../../domain/content';
import { sumFen } from '../../domain/money';
import { splitByShares } from '../../domain/scenarios';
import { useI18n, type I18n } from '../../i18n/react';
import { useContentDraft } from './content-draft';
import {
  FormSection,
  FormShell,
  GoalPicker,
  ItemCard,
  ItemList,
  MoneyField,
  PercentField,
  PersonSelect,
  Select,
  TextField,
  enumOptions,
  useFocusRequest,
  useTitleOf,
} from './fields';
import { itemKeys, removeAt, updateAt } from './lists';
import { fieldId, newItemId, type StageFormProps } from './types';

type Owner = ResourcesContent['owners'][number];
type BudgetLine = ResourcesContent['budget']['lines'][number];
type Tool = ResourcesContent['tools'][number];

const OWNER_FIELDS = ['personId', 'scope', 'kpi', 'targetFen', 'goalIds'] as const;
const LINE_FIELDS = ['module', 'amountFen', 'shareBp', 'scope', 'approvalFlow'] as const;
const TOOL_FIELDS = ['name', 'kind', 'usageRule'] as const;
const FULL_SHARE_BP = 10_000;

/** A share in basis points as a percentage, with decimals only when it has them (12.5%). */
function shareText(i18n: I18n, bp: number): string {
  return i18n.percent(bp / FULL_SHARE_BP, bp % 100 === 0 ? 0 : 2);
}

/** "40% + 30% + 10% + 20% = 100%" and the amounts against the total, so the lead sees the split. */
function BudgetSums({ budget }: { budget: ResourcesContent['budget'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { lines, totalFen } = budget;
  if (lines.length === 0) return null;
  const sumBp = lines.reduce((sum, line) => sum + line.shareBp, 0);
  const sumAmount = sumFen(lines.map((line) => line.amountFen));
  const sharesOk = sumBp === FULL_SHARE_BP;
  const amountsOk = sumAmount === totalFen;
  const terms = lines.map((line) => shareText(i18n, line.shareBp)).join(' + ');
  return (
    <div className="row small">
      <span>{t('form.resources.sharesSum', { terms, sum: shareText(i18n, sumBp) })}</span>
      <span className={sharesOk ? 'badge badge-green' : 'badge badge-amber'}>
        {sharesOk ? t('form.resources.addsUp') : t('form.resources.notFull')}
      </span>
      <span>
        {t('form.resources.amountsSum', {
          sum: i18n.money(sumAmount),
          total: i18n.money(totalFen),
        })}
      </span>
      <span className={amountsOk ? 'badge badge-green' : 'badge badge-amber'}>
        {amountsOk ? t('form.resources.addsUp') : t('form.resources.notTotal')}
      </span>
    </div>
  );
}

/**
 * 资源分配: owners with their KPI, the budget split into modules (shares in basis points,
 * amounts in fen) and the tools with their usage rules.
 */
export function ResourcesForm(props: StageFormProps<'resources'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const [content, update] = useContentDraft(props.value, props.onChange);
  const focus = useFocusRequest();
  const titleOf = useTitleOf();
  const { owners, budget, tools } = content;
  const { lines } = budget;

  const setOwners = (next: Owner[]) => update((c) => ({ ...c, owners: next }));
  const setOwner = (index: number, patch: Partial<Owner>) =>
    setOwners(updateAt(owners, index, (owner) => ({ ...owner, ...patch })));
  const setBudget = (patch: Partial<ResourcesContent['budget']>) =>
    update((c) => ({ ...c, budget: { ...c.budget, ...patch } }));
  const setLines = (next: BudgetLine[]) => setBudget({ lines: next });
  const setLine = (index: number, patch: Partial<BudgetLine>) =>
    setLines(updateAt(lines, index, (line) => ({ ...line, ...patch })));
  const setTools = (next: Tool[]) => update((c) => ({ ...c, tools: next }));
  const setTool = (index: number, patch: Partial<Tool>) =>
    setTools(updateAt(tools, index, (tool) => ({ ...tool, ...patch })));

  const personName = (personId: string) =>
    props.people.find((person) => person.id === personId)?.name ?? personId;

  const addOwner = () => {
    // Suggest someone who owns nothing yet; the lead changes it in the picker.
    const taken = new Set(owners.map((owner) => owner.personId));
    const person = props.people.find((p) => !taken.has(p.id)) ?? props.people[0];
    setOwners([
      ...owners,
      {
        id: newItemId('o'),
        personId: person?.id ?? '',
        scope: t('form.resources.newScope'),
        kpi: t('form.resources.newKpi'),
        targetFen: null,
        goalIds: [],
      },
    ]);
    focus(fieldId(['owners', owners.length, 'scope']));
  };

  const addLine = () => {
    // A new line takes what is left of the budget, so a split that added up still can.
    const usedBp = lines.reduce((sum, line) => sum + line.shareBp, 0);
    const usedFen = sumFen(lines.map((line) => line.amountFen));
    setLines([
      ...lines,
      {
        id: newItemId('b'),
        module: t('form.resources.newModule'),
        amountFen: Math.max(0, budget.totalFen - usedFen),
        shareBp: Math.max(0, FULL_SHARE_BP - usedBp),
        scope: '',
        approvalFlow: '',
      },
    ]);
    focus(fieldId(['budget', 'lines', lines.length, 'module']));
  };

  const splitAmounts = () => {
    const amounts = splitByShares(
      budget.totalFen,
      lines.map((line) => line.shareBp),
    );
    setLines(lines.map((line, i) => ({ ...line, amountFen: amounts[i] ?? line.amountFen })));
  };

  const addTool = () => {
    setTools([
      ...tools,
      { id: newItemId('tl'), name: t('form.resources.newTool'), kind: 'crm', usageRule: '' },
    ]);
    focus(fieldId(['tools', tools.length, 'name']));
  };

  const ownerKeys = itemKeys(owners);
  const lineKeys = itemKeys(lines);
  const toolKeys = itemKeys(tools);
  const toolKinds = enumOptions(i18n, 'toolKind', TOOL_KINDS);

  return (
    <FormShell
      stage="resources"
      problems={props.problems}
      readOnly={props.readOnly}
      period={props.period}
      handled={['owners', 'budget', 'tools']}
    >
      <ItemList
        path={['owners']}
        title={t('form.resources.owners')}
        count={owners.length}
        max={50}
        addLabel={t('form.resources.addOwner')}
        onAdd={addOwner}
      >
        {owners.map((owner, index) => {
          const path = ['owners', index] as const;
          const title = `${personName(owner.personId)} · ${titleOf(owner.scope)}`;
          return (
            <ItemCard
              key={ownerKeys[index]}
              path={path}
              label={t('form.resources.owner', { title })}
              heading={title}
              removeLabel={t('form.resources.removeOwner', { title })}
              onRemove={() => setOwners(removeAt(owners, index))}
              handled={OWNER_FIELDS}
            >
              <PersonSelect
                path={[...path, 'personId']}
                label={t('form.resources.person')}
                people={props.people}
                value={owner.personId}
                onChange={(personId) => setOwner(index, { personId })}
              />
              <TextField
                path={[...path, 'scope']}
                label={t('form.resources.scope')}
                value={owner.scope}
                maxLength={200}
                onChange={(scope) => setOwner(index, { scope })}
              />
              <TextField
                path={[...path, 'kpi']}
                label={t('form.resources.kpi')}
                value={owner.kpi}
                maxLength={200}
                onChange={(kpi) => setOwner(index, { kpi })}
              />
              <MoneyField
                path={[...path, 'targetFen']}
                label={t('form.resources.target')}
                nullable
                value={owner.targetFen}
                onChange={(targetFen) => setOwner(index, { targetFen })}
              />
              <GoalPicker
                path={[...path, 'goalIds']}
                goals={props.goals}
                value={owner.goalIds}
                onChange={(goalIds) => setOwner(index, { goalIds })}
              />
            </ItemCard>
          );
        })}
      </ItemList>

      <FormSection
        path={['budget']}
        title={t('form.resources.budget')}
        handled={['totalFen', 'lines']}
      >
        <div className="form-grid">
          <MoneyField
            path={['budget', 'totalFen']}
            label={t('form.resources.total')}
            value={budget.totalFen}
            onChange={(totalFen) => setBudget({ totalFen })}
          />
        </div>
        <ItemList
          path={['budget', 'lines']}
          title={t('form.resources.lines')}
          level={4}
          count={lines.length}
          max={30}
          addLabel={t('form.resources.addLine')}
          onAdd={addLine}
          summary={<BudgetSums budget={budget} />}
          actions={
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              disabled={lines.length === 0 || budget.totalFen <= 0}
              onClick={splitAmounts}
              title={t('form.resources.splitHint')}
            >
              {t('form.resources.split')}
            </button>
          }
        >
          {lines.map((line, index) => {
            const path = ['budget', 'lines', index] as const;
            const title = titleOf(line.module);
            return (
              <ItemCard
                key={lineKeys[index]}
                path={path}
                label={t('form.resources.line', { title })}
                heading={title}
                // Read-only, the share is a field below: said once.
                badge={
                  props.readOnly ? undefined : (
                    <span className="badge">{shareText(i18n, line.shareBp)}</span>
                  )
                }
                removeLabel={t('form.resources.removeLine', { title })}
                onRemove={() => setLines(removeAt(lines, index))}
                handled={LINE_FIELDS}
              >
                <TextField
                  path={[...path, 'module']}
                  label={t('form.resources.module')}
                  value={line.module}
                  saidElsewhere
                  maxLength={120}
                  onChange={(module) => setLine(index, { module })}
                />
                <MoneyField
                  path={[...path, 'amountFen']}
                  label={t('form.resources.amount')}
                  value={line.amountFen}
                  onChange={(amountFen) => setLine(index, { amountFen })}
                />
                <PercentField
                  path={[...path, 'shareBp']}
                  label={t('form.resources.share')}
                  stores="basisPoints"
                  value={line.shareBp}
                  onChange={(shareBp) => setLine(index, { shareBp })}
                />
                <TextField
                  path={[...path, 'approvalFlow']}
                  label={t('form.resources.approvalFlow')}
                  value={line.approvalFlow}
                  maxLength={200}
                  onChange={(approvalFlow) => setLine(index, { approvalFlow })}
                />
                <TextField
                  path={[...path, 'scope']}
                  label={t('form.resources.lineScope')}
                  value={line.scope}
                  maxLength={500}
                  wide
                  onChange={(scope) => setLine(index, { scope })}
                />
              </ItemCard>
            );
          })}
        </ItemList>
      </FormSection>

      <ItemList
        path={['tools']}
        title={t('form.resources.tools')}
        count={tools.length}
        max={20}
        addLabel={t('form.resources.addTool')}
        onAdd={addTool}
      >
        {tools.map((tool, index) => {
          const path = ['tools', index] as const;
          const title = titleOf(tool.name);
          return (
            <ItemCard
              key={toolKeys[index]}
              path={path}
              label={t('form.resources.tool', { title })}
              heading={title}
              removeLabel={t('form.resources.removeTool', { title })}
              onRemove={() => setTools(removeAt(tools, index))}
              handled={TOOL_FIELDS}
            >
              <TextField
                path={[...path, 'name']}
                label={t('form.resources.toolName')}
                value={tool.name}
                saidElsewhere
                maxLength={120}
                onChange={(name) => setTool(index, { name })}
              />
              <Select
                path={[...path, 'kind']}
                label={t('form.resources.toolKind')}
                value={tool.kind}
                options={toolKinds}
                onChange={(kind) => setTool(index, { kind })}
              />
              <TextField
                path={[...path, 'usageRule']}
                label={t('form.resources.usageRule')}
                value={tool.usageRule}
                maxLength={500}
                wide
                onChange={(usageRule) => setTool(index, { usageRule })}
              />
            </ItemCard>
          );
        })}
      </ItemList>
    </FormShell>
  );
}
