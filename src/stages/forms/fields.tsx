import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import type { Goal } from '../../domain/content';
import type { Problem } from '../../domain/gate';
import type { Person } from '../../domain/people';
import type { StageId } from '../../domain/stages';
import type { Period } from '../../domain/time';
import type { LabelGroup, MessageKey } from '../../i18n';
import { useI18n, type I18n } from '../../i18n/react';
import {
  formatNumeric,
  parseNumeric,
  typedMax,
  type NumericError,
  type NumericKind,
} from './numbers';
import { problemsAt, problemsAtOrEntry, problemsInside, type Path } from './problems';
import { fieldId } from './types';

/**
 * Shared building blocks of the seven stage forms. Every field takes its `path` in the stage
 * content: it becomes the input's id (`fieldId(path)`, so the readiness checklist can focus it),
 * and the gate problems at that path are shown under it and mark it `aria-invalid`.
 */

// Form context ---------------------------------------------------------------------------------

interface FormContextValue {
  problems: readonly Problem[];
  readOnly: boolean;
  period: Period;
}

const FormContext = createContext<FormContextValue | null>(null);

function useFormContext(): FormContextValue {
  const context = useContext(FormContext);
  if (context === null) throw new Error('Stage form fields must be rendered inside <FormShell>.');
  return context;
}

/**
 * Inputs holding text that was not taken (a figure out of range, not a number): the content
 * still has the value before it, so the editor must not submit as if the form said what it shows.
 */
export interface UnsavedInputs {
  report(id: string, path: Path, label: string, unsaved: boolean): void;
}
export const UnsavedInputsContext = createContext<UnsavedInputs | null>(null);

/** True when the form is shown read-only (approved or in review). */
export function useReadOnly(): boolean {
  return useFormContext().readOnly;
}

export interface FormShellProps {
  stage: StageId;
  problems: readonly Problem[];
  readOnly: boolean;
  period: Period;
  /** Top-level content keys the form renders; problems elsewhere are listed at the top. */
  handled: readonly string[];
  children: ReactNode;
}

/** The frame of a stage form: provides problems, read-only state and period to its fields. */
export function FormShell({
  stage,
  problems,
  readOnly,
  period,
  handled,
  children,
}: FormShellProps) {
  const i18n = useI18n();
  const context = useMemo(() => ({ problems, readOnly, period }), [problems, readOnly, period]);
  const general = problemsInside(problems, [], handled);
  return (
    <FormContext.Provider value={context}>
      <div role="form" aria-label={i18n.stage(stage)}>
        <ProblemMessages messages={general.map((p) => i18n.problem(p))} />
        {children}
      </div>
    </FormContext.Provider>
  );
}

// Messages -------------------------------------------------------------------------------------

/** Problem messages (and a field's own input error); renders nothing when there are none. */
export function ProblemMessages({
  id,
  messages,
  inField = false,
}: {
  id?: string;
  messages: readonly string[];
  inField?: boolean;
}) {
  if (messages.length === 0) return null;
  return (
    <div className={inField ? 'error' : 'error-text'} id={id}>
      {messages.map((message, i) => (
        <p key={i}>{message}</p>
      ))}
    </div>
  );
}

interface FieldState {
  id: string;
  errorId: string;
  hintId: string;
  messages: string[];
  readOnly: boolean;
  period: Period;
  i18n: I18n;
}

function useField(
  path: Path,
  match: 'exact' | 'entries' = 'exact',
  ownError: string | null = null,
): FieldState {
  const { problems, readOnly, period } = useFormContext();
  const i18n = useI18n();
  const id = fieldId(path);
  const found = match === 'exact' ? problemsAt(problems, path) : problemsAtOrEntry(problems, path);
  const messages = found.map((p) => i18n.problem(p));
  if (ownError !== null) messages.push(ownError);
  return { id, errorId: `${id}-error`, hintId: `${id}-hint`, messages, readOnly, period, i18n };
}

/** aria-invalid / aria-describedby for an input with these messages and optional hint. */
function describe(field: FieldState, hasHint: boolean) {
  const ids = [hasHint ? field.hintId : null, field.messages.length > 0 ? field.errorId : null];
  const describedBy = ids.filter((id) => id !== null).join(' ');
  return {
    'aria-invalid': field.messages.length > 0 ? true : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  } as const;
}

function FieldFrame({
  field,
  label,
  hint,
  wide,
  children,
}: {
  field: FieldState;
  label: string;
  hint?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  const className = ['field', field.messages.length > 0 ? 'invalid' : '', wide ? 'wide' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className}>
      <label htmlFor={field.id}>{label}</label>
      {children}
      {hint !== undefined && hint !== null && (
        <span className="hint" id={field.hintId}>
          {hint}
        </span>
      )}
      <ProblemMessages id={field.errorId} messages={field.messages} inField />
    </div>
  );
}

/**
 * A field of a stage under review or approved: its label and what was submitted, as text. Form
 * controls would invite editing, and disabled ones read greyed out and are skipped by the
 * keyboard; an approver reads a plan. The value keeps the field's id, so a gate problem can still
 * point at it, and says plainly when nothing was filled in.
 */
function ReadField({
  field,
  label,
  value,
  hint,
  wide,
  multiline = false,
}: {
  field: FieldState;
  label: string;
  /** The value as people read it; null or blank when nothing was filled in. */
  value: string | null;
  hint?: ReactNode;
  wide?: boolean;
  multiline?: boolean;
}) {
  const empty = value === null || value.trim() === '';
  const hasHint = hint !== undefined && hint !== null;
  return (
    <ShownValue
      label={label}
      wide={wide}
      invalid={field.messages.length > 0}
      valueProps={{
        id: field.id,
        tabIndex: -1,
        className: ['read-value', multiline ? 'multiline' : '', empty ? 'muted' : '']
          .filter(Boolean)
          .join(' '),
        'aria-describedby': describe(field, hasHint)['aria-describedby'],
      }}
      after={
        <>
          {hasHint && (
            <span className="hint" id={field.hintId}>
              {hint}
            </span>
          )}
          <ProblemMessages id={field.errorId} messages={field.messages} inField />
        </>
      }
    >
      {empty ? field.i18n.t('form.notFilled') : value}
    </ShownValue>
  );
}

/**
 * A label and a value shown as text: a read-only field, or a figure a form works out (a target,
 * an attainment). Plain text in order, label first: a list of one item per field (a `<dl>` each)
 * made screen readers announce a hundred one-item lists on a plan.
 */
export function ShownValue({
  label,
  wide,
  invalid = false,
  valueProps,
  after,
  children,
}: {
  label: string;
  wide?: boolean;
  invalid?: boolean;
  valueProps?: HTMLAttributes<HTMLDivElement>;
  /** Under the value: its hint and problems. */
  after?: ReactNode;
  children: ReactNode;
}) {
  const className = ['field', 'read-field', invalid ? 'invalid' : '', wide ? 'wide' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className}>
      <span className="read-label">{label}</span>
      <div className="read-value" {...valueProps}>
        {children}
      </div>
      {after}
    </div>
  );
}

/** A submitted value already written out (a figure with its unit), read-only. */
export function ReadValue({
  path,
  label,
  value,
  hint,
  wide,
}: {
  path: Path;
  label: string;
  value: string | null;
  hint?: string;
  wide?: boolean;
}) {
  const field = useField(path);
  return <ReadField field={field} label={label} value={value} hint={hint} wide={wide} />;
}

// Text -----------------------------------------------------------------------------------------

interface TextProps {
  path: Path;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The schema's limit for this text. */
  maxLength: number;
  wide?: boolean;
  hint?: string;
}

export function TextField({
  path,
  label,
  value,
  onChange,
  maxLength,
  wide,
  hint,
  list,
  saidElsewhere = false,
}: TextProps & {
  list?: string;
  /**
   * What its item card already says when read-only (the text it is headed with, a unit its
   * figures carry): then shown once, not repeated as a field.
   */
  saidElsewhere?: boolean;
}) {
  const field = useField(path);
  if (field.readOnly) {
    if (saidElsewhere && value.trim() !== '' && field.messages.length === 0) return null;
    return <ReadField field={field} label={label} value={value} hint={hint} wide={wide} />;
  }
  return (
    <FieldFrame field={field} label={label} hint={hint} wide={wide}>
      <input
        id={field.id}
        type="text"
        value={value}
        maxLength={maxLength}
        list={list}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        {...describe(field, hint !== undefined)}
      />
    </FieldFrame>
  );
}

export function TextArea({
  path,
  label,
  value,
  onChange,
  maxLength,
  wide = true,
  hint,
  rows = 2,
}: TextProps & { rows?: number }) {
  const field = useField(path);
  if (field.readOnly) {
    return (
      <ReadField field={field} label={label} value={value} hint={hint} wide={wide} multiline />
    );
  }
  return (
    <FieldFrame field={field} label={label} hint={hint} wide={wide}>
      <textarea
        id={field.id}
        value={value}
        maxLength={maxLength}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
        {...describe(field, hint !== undefined)}
      />
    </FieldFrame>
  );
}

// Numbers --------------------------------------------------------------------------------------

/** Nullable numbers map an empty input to null; the others to 0, so they stay numbers. */
type NumericValueProps =
  | { nullable: true; value: number | null; onChange(value: number | null): void }
  | { nullable?: false; value: number; onChange(value: number): void };

type NumericFieldProps = NumericValueProps & {
  path: Path;
  label: string;
  wide?: boolean;
  hint?: string;
};

const NUMERIC_ERROR_KEYS: Readonly<Record<NumericError, MessageKey>> = {
  number: 'form.error.number',
  money: 'form.error.money',
  percent: 'form.error.percent',
  range: 'form.error.range',
  negative: 'form.error.negative',
};

/**
 * A text input for a figure, converting between what is typed and what is stored (see
 * numbers.ts). It keeps the typed text while it still means the stored value, so "1." or
 * "12.50" are not rewritten under the cursor; text that is not a valid figure is flagged and
 * not reported.
 */
function NumericField(props: NumericFieldProps & { kind: NumericKind; decoratedLabel: string }) {
  const { kind, value, nullable = false } = props;
  const [text, setText] = useState(() => formatNumeric(kind, value));
  const [shown, setShown] = useState<number | null>(value);
  const [error, setError] = useState<NumericError | null>(null);
  const i18n = useI18n();
  const meaning = (typed: string): number | null | undefined => {
    const parsed = parseNumeric(kind, typed);
    if (!parsed.ok) return undefined;
    return parsed.value ?? (nullable ? null : 0);
  };
  if (value !== shown) {
    // The value changed from outside (or the parent refused ours): show it unless the typed
    // text already means it.
    setShown(value);
    setError(null);
    if (meaning(text) !== value) setText(formatNumeric(kind, value));
  }
  const ownError =
    error === null ? null : i18n.t(NUMERIC_ERROR_KEYS[error], { max: i18n.number(typedMax(kind)) });
  const field = useField(props.path, 'exact', ownError);
  const hint = props.hint ?? (kind === 'money' && value !== null ? i18n.money(value) : undefined);
  const unsavedInputs = useContext(UnsavedInputsContext);
  const unsaved = error !== null;
  const { path, decoratedLabel } = props;
  useEffect(() => {
    if (!unsavedInputs || !unsaved) return;
    unsavedInputs.report(field.id, path, decoratedLabel, true);
    return () => unsavedInputs.report(field.id, path, decoratedLabel, false);
    // The path is a fresh array at each render; the id stands for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unsavedInputs, unsaved, field.id, decoratedLabel]);

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const typed = e.target.value;
    setText(typed);
    const parsed = parseNumeric(kind, typed);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (props.nullable) {
      setShown(parsed.value);
      if (parsed.value !== props.value) props.onChange(parsed.value);
    } else {
      const next = parsed.value ?? 0;
      setShown(next);
      if (next !== props.value) props.onChange(next);
    }
  };

  if (field.readOnly) {
    // Read as a figure, not as typed: ¥1,500,000.00 rather than 1500000 under "Amount (¥)".
    return (
      <ReadField
        field={field}
        label={props.label}
        value={value === null ? null : readableNumeric(i18n, kind, value)}
        hint={props.hint}
        wide={props.wide}
      />
    );
  }
  return (
    <FieldFrame field={field} label={props.decoratedLabel} hint={hint} wide={props.wide}>
      <input
        id={field.id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        onChange={onChange}
        onBlur={() => {
          if (error === null) setText(formatNumeric(kind, value));
        }}
        {...describe(field, hint !== undefined)}
      />
    </FieldFrame>
  );
}

/** A stored figure as people read it: money with its symbol, percentages with "%". */
function readableNumeric(i18n: I18n, kind: NumericKind, value: number): string {
  if (kind === 'money') return i18n.moneyPlain(value);
  if (kind === 'number') return i18n.number(value);
  // The percent as typed (basis points and fractions converted), grouped for the reader.
  return `${i18n.number(Number(formatNumeric(kind, value)))}%`;
}

/** A plain figure in the field's own unit (a count, a rate). */
export function NumberField(props: NumericFieldProps) {
  return <NumericField {...props} kind="number" decoratedLabel={props.label} />;
}

/** An amount typed in yuan (元, up to 2 decimals) and stored in integer fen. */
export function MoneyField(props: NumericFieldProps) {
  const { t } = useI18n();
  return (
    <NumericField
      {...props}
      kind="money"
      decoratedLabel={t('form.inYuan', { label: props.label })}
    />
  );
}

/**
 * A percentage typed as percent. `stores` says what the content keeps: basis points
 * (budget shares: 40 → 4000), the percent itself (market share: 0-100), or a fraction
 * (KPI thresholds: 95 → 0.95).
 */
export function PercentField(
  props: NumericFieldProps & { stores: 'basisPoints' | 'percent' | 'fraction' },
) {
  const { t } = useI18n();
  const { stores, ...rest } = props;
  return (
    <NumericField
      {...rest}
      kind={stores}
      decoratedLabel={t('form.inPercent', { label: props.label })}
    />
  );
}

// Dates ----------------------------------------------------------------------------------------

type DateValueProps =
  | { nullable: true; value: string | null; onChange(value: string | null): void }
  | { nullable?: false; value: string; onChange(value: string): void };

/** A calendar date (ISO `YYYY-MM-DD`), limited to the run's period. */
export function DateField(props: DateValueProps & { path: Path; label: string }) {
  const field = useField(props.path);
  if (field.readOnly) {
    const date = props.value === null || props.value === '' ? null : field.i18n.date(props.value);
    return <ReadField field={field} label={props.label} value={date} />;
  }
  return (
    <FieldFrame field={field} label={props.label}>
      <input
        id={field.id}
        type="date"
        value={props.value ?? ''}
        min={field.period.start}
        max={field.period.end}
        onChange={(e) => {
          const date = e.target.value;
          if (props.nullable) props.onChange(date === '' ? null : date);
          // A required date cannot be emptied: keep the last one rather than store "".
          else if (date !== '') props.onChange(date);
        }}
        {...describe(field, false)}
      />
    </FieldFrame>
  );
}

// Choices --------------------------------------------------------------------------------------

export interface SelectOption<V extends string> {
  value: V;
  label: string;
  /** Options with a group are shown under an <optgroup> of that label. */
  group?: string;
}

type SelectValueProps<V extends string> =
  | { nullable: true; value: V | null; onChange(value: V | null): void; noneLabel?: string }
  | { nullable?: false; value: V; onChange(value: V): void };

function optionGroups<V extends string>(options: readonly SelectOption<V>[]) {
  const groups: { label: string | undefined; options: SelectOption<V>[] }[] = [];
  for (const option of options) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.label === option.group) last.options.push(option);
    else groups.push({ label: option.group, options: [option] });
  }
  return groups;
}

/**
 * A drop-down. A stored value that is not among the options (a deleted goal, a person who left)
 * stays selected and is shown as unknown, so the person sees it and can choose again.
 */
export function Select<V extends string>(
  props: SelectValueProps<V> & {
    path: Path;
    label: string;
    options: readonly SelectOption<V>[];
    wide?: boolean;
  },
) {
  const field = useField(props.path);
  const { t } = field.i18n;
  const { value, options } = props;
  const known = value !== null && options.some((o) => o.value === value);
  // Keyed by position too: a draft may hold two goals with the same id (a gate problem).
  if (field.readOnly) {
    const chosen =
      value === null || value === ''
        ? props.nullable
          ? (props.noneLabel ?? t('ui.common.none'))
          : null
        : known
          ? (options.find((o) => o.value === value)?.label ?? value)
          : t('form.unknownRef', { id: value });
    return <ReadField field={field} label={props.label} value={chosen} wide={props.wide} />;
  }
  const renderOption = (o: SelectOption<V>, i: number) => (
    <option key={`${o.value}-${i}`} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <FieldFrame field={field} label={props.label} wide={props.wide}>
      <select
        id={field.id}
        value={value ?? ''}
        onChange={(e) => {
          const chosen = e.target.value;
          if (props.nullable) {
            // Every non-empty option value is one of `options` or the stored value: a V.
            props.onChange(chosen === '' ? null : (chosen as V));
          } else if (chosen !== '') {
            props.onChange(chosen as V);
          }
        }}
        {...describe(field, false)}
      >
        {props.nullable ? (
          <option value="">{props.noneLabel ?? t('form.none')}</option>
        ) : (
          value === '' && (
            <option value="" disabled>
              {t('form.choose')}
            </option>
          )
        )}
        {value !== null && value !== '' && !known && (
          <option value={value}>{t('form.unknownRef', { id: value })}</option>
        )}
        {optionGroups(options).map((group, i) =>
          group.label === undefined ? (
            group.options.map(renderOption)
          ) : (
            <optgroup key={`${group.label}-${i}`} label={group.label}>
              {group.options.map(renderOption)}
            </optgroup>
          ),
        )}
      </select>
    </FieldFrame>
  );
}

/** Options for an enumeration, labelled from the catalog group of the same values. */
export function enumOptions<V extends string>(
  i18n: I18n,
  group: LabelGroup,
  values: readonly V[],
): SelectOption<V>[] {
  return values.map((value) => ({ value, label: i18n.label(group, value) }));
}

/** A person from the team, shown with their roles. */
export function PersonSelect(
  props: SelectValueProps<string> & {
    path: Path;
    label: string;
    people: readonly Person[];
  },
) {
  const i18n = useI18n();
  const { people, ...rest } = props;
  const options = people.map((person) => ({
    value: person.id,
    label: `${person.name} · ${person.roles.map((role) => i18n.label('role', role)).join(' / ')}`,
  }));
  return <Select {...rest} options={options} />;
}

export function CheckboxField({
  path,
  label,
  checked,
  onChange,
}: {
  path: Path;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const field = useField(path);
  if (field.readOnly) {
    const { t } = field.i18n;
    return <ReadField field={field} label={label} value={checked ? t('form.yes') : t('form.no')} />;
  }
  return (
    <div className={field.messages.length > 0 ? 'field invalid' : 'field'}>
      <div className="checkbox-row">
        <label htmlFor={field.id}>
          <input
            id={field.id}
            type="checkbox"
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            {...describe(field, false)}
          />
          {label}
        </label>
      </div>
      <ProblemMessages id={field.errorId} messages={field.messages} inField />
    </div>
  );
}

/**
 * Several values picked with checkboxes (goal links, task dependencies, departments). Chosen
 * values that are not among the options stay listed, checked, as unknown, so a broken link can
 * be seen and unticked. Problems at the field or at one of its entries are shown here.
 */
export function CheckboxGroup<V extends string>({
  path,
  label,
  options,
  value,
  onChange,
  max,
  emptyText,
  unknownLabel,
}: {
  path: Path;
  label: string;
  options: readonly SelectOption<V>[];
  value: readonly V[];
  onChange(value: V[]): void;
  /** The schema's limit on entries; further boxes are disabled once it is reached. */
  max: number;
  emptyText?: string;
  unknownLabel?: (value: V) => string;
}) {
  const field = useField(path, 'entries');
  const { t } = field.i18n;
  const base = useId();
  const listed = new Set(options.map((o) => o.value));
  const all: SelectOption<V>[] = [
    ...options,
    ...[...new Set(value)]
      .filter((v) => !listed.has(v))
      .map((v) => ({ value: v, label: unknownLabel?.(v) ?? t('form.unknownRef', { id: v }) })),
  ];
  const full = value.length >= max;
  const className = ['field', 'wide', field.messages.length > 0 ? 'invalid' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset className={className} id={field.id} tabIndex={-1} {...describe(field, false)}>
      <legend className="field-legend">{label}</legend>
      {field.readOnly ? (
        // Read only (a stage in review): what was chosen, as a list. Greyed-out disabled boxes,
        // ticked or not, looked alike, and the choice is what an approver reviews.
        value.length === 0 ? (
          <p className="read-value muted">{t('form.noneChosen')}</p>
        ) : (
          <ul className="chosen-list">
            {all
              .filter((option) => value.includes(option.value))
              .map((option) => (
                <li key={option.value}>{option.label}</li>
              ))}
          </ul>
        )
      ) : all.length === 0 ? (
        <p className="muted small">{emptyText ?? t('form.noOptions')}</p>
      ) : (
        <div className="checkbox-list">
          {all.map((option, k) => {
            const index = value.indexOf(option.value);
            // A ticked entry carries its own path, so a problem about entry 2 can focus it.
            const id = index >= 0 ? fieldId([...path, index]) : `${base}-${k}`;
            return (
              <label key={`${option.value}-${k}`} htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={index >= 0}
                  disabled={index < 0 && full}
                  onChange={(e) => {
                    const others = value.filter((v) => v !== option.value);
                    onChange(e.target.checked ? [...others, option.value] : others);
                  }}
                />
                {option.label}
              </label>
            );
          })}
        </div>
      )}
      <ProblemMessages id={field.errorId} messages={field.messages} inField />
    </fieldset>
  );
}

/** Links to goals (strategy items, owners): one checkbox per goal. */
export function GoalPicker({
  path,
  goals,
  value,
  onChange,
  label,
}: {
  path: Path;
  goals: readonly Goal[];
  value: readonly string[];
  onChange(value: string[]): void;
  label?: string;
}) {
  const { t } = useI18n();
  return (
    <CheckboxGroup
      path={path}
      label={label ?? t('form.goalLinks')}
      options={goals.map((goal) => ({ value: goal.id, label: goal.title }))}
      value={value}
      onChange={onChange}
      max={20}
      emptyText={t('form.noGoals')}
      unknownLabel={(id) => t('form.unknownGoal', { id })}
    />
  );
}

// Lists ----------------------------------------------------------------------------------------

/**
 * A list in the content (goals, budget lines, notes): heading, problems about the list itself,
 * its items, and an Add button (hidden when read-only, disabled at the schema's limit). The
 * container has the list's `fieldId` and can take focus, for problems like "add at least one".
 */
export function ItemList({
  path,
  title,
  count,
  max,
  addLabel,
  onAdd,
  actions,
  summary,
  level = 3,
  name,
  children,
}: {
  path: Path;
  title: string;
  /** The section's name when its heading repeats in every item ("Sources" of each need). */
  name?: string;
  count: number;
  max: number;
  addLabel: string;
  onAdd(): void;
  /** Extra buttons next to Add (e.g. "Split by shares"); hidden when read-only. */
  actions?: ReactNode;
  /** Shown under the heading (sums, hints). */
  summary?: ReactNode;
  level?: 3 | 4;
  children: ReactNode;
}) {
  const { problems, readOnly } = useFormContext();
  const i18n = useI18n();
  const id = fieldId(path);
  const headingId = `${id}-heading`;
  const errorId = `${id}-error`;
  const indices = Array.from({ length: count }, (_, i) => i);
  const messages = problemsInside(problems, path, indices).map((p) => i18n.problem(p));
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <ListLevelContext.Provider value={level}>
      <section
        className="section"
        id={id}
        tabIndex={-1}
        aria-labelledby={name === undefined ? headingId : undefined}
        aria-label={name}
        aria-describedby={messages.length > 0 ? errorId : undefined}
      >
        <div className="section-head">
          <Heading id={headingId}>{title}</Heading>
          {!readOnly && actions}
          {!readOnly && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={onAdd}
              disabled={count >= max}
              title={count >= max ? i18n.t('form.listFull', { max }) : undefined}
            >
              {addLabel}
            </button>
          )}
        </div>
        {summary}
        <ProblemMessages id={errorId} messages={messages} />
        {count === 0 && (
          <p className="muted small">{i18n.t(readOnly ? 'form.noneListed' : 'form.emptyList')}</p>
        )}
        {children}
      </section>
    </ListLevelContext.Provider>
  );
}

/** The heading level of the list an item card is in (see ItemList's `level`). */
const ListLevelContext = createContext<3 | 4>(3);

/**
 * One item of a list: a card with the item's `fieldId` (focusable for problems about the item),
 * a heading, a Remove button named after the item, and problems about the item that no field
 * shows (`handled` lists the keys its fields cover).
 */
export function ItemCard({
  path,
  label,
  heading,
  removeLabel,
  onRemove,
  handled,
  actions,
  badge,
  indent = 0,
  confirmRemove,
  children,
}: {
  path: Path;
  /** The group's accessible name, e.g. "Goal “Sales +30%”". */
  label: string;
  heading: ReactNode;
  /** Items that cannot be removed (evaluation results, one per goal) leave these out. */
  removeLabel?: string;
  onRemove?(): void;
  handled: readonly string[];
  /** Buttons in the head; hidden when read-only. */
  actions?: ReactNode;
  /** Status shown in the head, read-only or not. */
  badge?: ReactNode;
  /** Depth in a tree (sub-goals), shown as indentation. */
  indent?: number;
  /** When removing does more than remove this item, what it does: asked before removing. */
  confirmRemove?: string;
  children: ReactNode;
}) {
  const { problems, readOnly } = useFormContext();
  const i18n = useI18n();
  const id = fieldId(path);
  // A level below its list's heading, so a screen reader can move from item to item.
  const CardHeading = useContext(ListLevelContext) === 3 ? 'h4' : 'h5';
  const [asking, setAsking] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const keep = () => {
    setAsking(false);
    requestAnimationFrame(() => removeButton.current?.focus());
  };
  const remove = () => {
    setAsking(false);
    onRemove?.();
    // The button goes away with the item: keep focus in the list rather than lose it.
    document.getElementById(fieldId(path.slice(0, -1)))?.focus();
  };
  const messages = problemsInside(problems, path, handled).map((p) => i18n.problem(p));
  return (
    <div
      className="item-card"
      role="group"
      aria-label={label}
      id={id}
      tabIndex={-1}
      aria-describedby={messages.length > 0 ? `${id}-error` : undefined}
      style={indent > 0 ? { marginLeft: indent * 20 } : undefined}
    >
      <div className="item-card-head">
        <CardHeading className="item-card-title">{heading}</CardHeading>
        {badge}
        {!readOnly && actions}
        {!readOnly && onRemove !== undefined && (
          <button
            type="button"
            className="btn btn-sm btn-ghost btn-danger"
            aria-label={removeLabel}
            ref={removeButton}
            aria-expanded={confirmRemove !== undefined ? asking : undefined}
            onClick={() => (confirmRemove !== undefined ? setAsking(true) : remove())}
          >
            {i18n.t('form.removeItem')}
          </button>
        )}
      </div>
      {asking && confirmRemove !== undefined && (
        <div
          className="banner banner-amber row"
          role="alertdialog"
          aria-label={removeLabel}
          onKeyDown={(event) => {
            // Escape keeps the item; it does not close the whole panel.
            if (event.key !== 'Escape') return;
            event.preventDefault();
            keep();
          }}
        >
          <span style={{ flex: 1 }}>{confirmRemove}</span>
          <button type="button" className="btn btn-sm btn-danger" onClick={remove}>
            {i18n.t('form.removeConfirm')}
          </button>
          {/* The safe answer has focus. */}
          <button type="button" className="btn btn-sm" autoFocus onClick={keep}>
            {i18n.t('form.removeCancel')}
          </button>
        </div>
      )}
      <ProblemMessages id={`${id}-error`} messages={messages} />
      <div className="form-grid">{children}</div>
    </div>
  );
}

/**
 * A part of the content that is an object rather than a list (own resources, the budget): a
 * focusable section with the problems about it that no field inside shows.
 */
export function FormSection({
  path,
  title,
  handled,
  children,
}: {
  path: Path;
  title: string;
  handled: readonly (string | number)[];
  children: ReactNode;
}) {
  const { problems } = useFormContext();
  const i18n = useI18n();
  const id = fieldId(path);
  const messages = problemsInside(problems, path, handled).map((p) => i18n.problem(p));
  return (
    <section
      className="section"
      id={id}
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      aria-describedby={messages.length > 0 ? `${id}-error` : undefined}
    >
      <div className="section-head">
        <h3 id={`${id}-heading`}>{title}</h3>
      </div>
      <ProblemMessages id={`${id}-error`} messages={messages} />
      {children}
    </section>
  );
}

/** Problems at exactly `path`, for a group of fields without an input of its own (thresholds). */
export function PathProblems({ path }: { path: Path }) {
  const { problems } = useFormContext();
  const i18n = useI18n();
  return (
    <ProblemMessages
      id={`${fieldId(path)}-error`}
      messages={problemsAt(problems, path).map((p) => i18n.problem(p))}
    />
  );
}

/**
 * Moves focus to an element by id after the next render: the first field of an item just added,
 * with its default text selected so typing replaces it.
 */
export function useFocusRequest(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useEffect(() => {
    if (target === null) return;
    const element = document.getElementById(target.id);
    if (element === null) return;
    element.focus();
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
      element.select();
    }
  }, [target]);
  // A fresh object each time, so asking for the same id twice focuses it twice.
  return useCallback((id: string) => setTarget({ id }), []);
}

/** The text to show for an item's title, or "Untitled" while it is blank. */
export function useTitleOf(): (title: string) => string {
  const { t } = useI18n();
  return (title) => (title.trim() === '' ? t('form.untitled') : title);
}

// Figures in a goal's unit ---------------------------------------------------------------------

/** The unit that makes a figure money: its values are integer fen (GoalSchema). */
export const MONEY_UNIT = 'CNY';

/**
 * A target, baseline or actual in a goal's or KPI's unit: a MoneyField (yuan ↔ fen) for "CNY",
 * else a NumberField. Changing the unit swaps the input but never rescales the stored number.
 */
export function FigureField({
  unit,
  ...props
}: {
  unit: string;
  path: Path;
  label: string;
  value: number | null;
  /** Shown under the input; for money it replaces the amount written out. */
  hint?: string;
  onChange(value: number | null): void;
}) {
  const i18n = useI18n();
  if (useReadOnly()) {
    const { value, path, label, hint } = props;
    const text = value === null ? null : readableFigure(i18n, value, unit);
    return <ReadValue path={path} label={label} value={text} hint={hint} />;
  }
  return unit === MONEY_UNIT ? (
    <MoneyField key="money" {...props} nullable />
  ) : (
    <NumberField key="number" {...props} nullable />
  );
}

/** A figure as text: money for "CNY", else the number and its unit ("40 %", "500 customers"). */
export function formatFigure(i18n: I18n, value: number, unit: string): string {
  if (unit === MONEY_UNIT) return i18n.money(value);
  const number = i18n.number(value);
  if (unit === '') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** A figure to read in a plan: as `formatFigure`, money without ".00" (and in 万 in Chinese). */
export function readableFigure(i18n: I18n, value: number, unit: string): string {
  return unit === MONEY_UNIT ? i18n.moneyPlain(value) : formatFigure(i18n, value, unit);
}

/** Suggestions for a unit input: money, percent and common count nouns in the reader's language. */
export function UnitSuggestions({ id }: { id: string }) {
  const { t } = useI18n();
  const counts: MessageKey[] = [
    'form.units.customers',
    'form.units.contracts',
    'form.units.leads',
    'form.units.days',
  ];
  return (
    <datalist id={id}>
      <option value={MONEY_UNIT}>{t('form.units.cny')}</option>
      <option value="%">{t('form.units.percent')}</option>
      {counts.map((key) => (
        <option key={key} value={t(key)} />
      ))}
    </datalist>
  );
}
