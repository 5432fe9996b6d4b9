import type { StageId } from '../domain/stages';
import { en, type Catalog } from './en';
import { zhCN } from './zh-CN';

/**
 * The app's i18n core: typed message lookup with `{param}` placeholders, locale detection and
 * cached Intl formatters. Plain TypeScript, no React: components get the locale from the app shell
 * and call these functions.
 */

export type { Catalog } from './en';

export type Locale = 'zh-CN' | 'en';
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

/** Each language's name in that language, for a language switcher (never translated). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  'zh-CN': '简体中文',
  en: 'English',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Dotted paths to every message: `'stage.research.name'`, `'problem.goals.notMeasurable'`. */
type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = LeafPaths<typeof en>;

/** Groups whose messages are direct labels of one value each: `labelOf(locale, 'role', 'finance')`. */
export type LabelGroup = {
  [G in keyof Catalog]: Catalog[G] extends Readonly<Record<string, string>> ? G : never;
}[keyof Catalog];

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * A catalog as a flat map from dotted key to message. Exported for tests and tooling; the app
 * should go through `translate`.
 */
export function flattenCatalog(catalog: Catalog): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (node: object, prefix: string): void => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat.set(prefix + key, value);
      else if (typeof value === 'object' && value !== null) walk(value, `${prefix}${key}.`);
    }
  };
  walk(catalog, '');
  return flat;
}

const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN };
const flattened: Partial<Record<Locale, ReadonlyMap<string, string>>> = {};
/** A locale's messages, flattened on first use: the app starts in one language. */
const messagesOf = (locale: Locale): ReadonlyMap<string, string> =>
  (flattened[locale] ??= flattenCatalog(CATALOGS[locale]));

/** Every message key, in catalog order. */
export function messageKeys(): readonly MessageKey[] {
  return [...messagesOf('en').keys()] as MessageKey[];
}

/** Narrows a key built at runtime ('problem.' + code, 'refusal.' + code) to a known message. */
export function hasMessage(key: string): key is MessageKey {
  return messagesOf('en').has(key);
}

const PLACEHOLDER = /\{(\w+)\}/g;
/**
 * `{count, plural, one {# point} other {# points}}`: the form the locale's plural rules pick for
 * the number, with every `#` in it standing for the number. English needs it; Chinese has one form
 * and writes `{count}`. Written exactly so (`, plural, one {…} other {…}`); a form may hold other
 * `{param}`s but no further braces.
 */
const PLURAL = /\{(\w+), plural, one \{((?:[^{}]|\{\w+\})*)\} other \{((?:[^{}]|\{\w+\})*)\}\}/g;

/** The `{param}` names a message uses (plural ones included), in order of first use. */
export function placeholdersOf(message: string): string[] {
  const names: string[] = [];
  // The forms may name other params: `{count, plural, one {# of {total}} other {…}}`.
  const plain = message.replace(PLURAL, (_block, name: string, one: string, other: string) => {
    names.push(name);
    return `${one} ${other}`;
  });
  for (const match of plain.matchAll(PLACEHOLDER)) names.push(match[1] ?? '');
  return [...new Set(names)];
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The message for `key` in `locale`, with `{name}` placeholders replaced by `params.name`.
 * Values are inserted as given: format numbers, dates and money first (or use `translateProblem`
 * / `translateRefusal`, which do). A missing param leaves `{name}` visible rather than a blank,
 * so the gap shows up in review instead of reading as a finished sentence.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = messagesOf(locale).get(key) ?? messagesOf('en').get(key) ?? key;
  const rules = memo(pluralRules, locale, () => new Intl.PluralRules(locale));
  const counted = template.replace(PLURAL, (block, name: string, one: string, other: string) => {
    if (!Object.hasOwn(params, name)) return block;
    const value = params[name];
    const form = rules.select(Number(value)) === 'one' ? one : other;
    return form.replaceAll('#', String(value));
  });
  return counted.replace(PLACEHOLDER, (placeholder, name: string, at: number, whole: string) => {
    if (!Object.hasOwn(params, name)) return placeholder;
    const value = isolated(String(params[name]));
    if (locale !== 'zh-CN') return value;
    // Chinese sets Latin words apart from the characters around them: "由 Zhou Qiang 批准".
    const before = HAN.test(whole[at - 1] ?? '') && LATIN_EDGE.test(value[0] ?? '') ? ' ' : '';
    const next = whole[at + placeholder.length] ?? '';
    const after = HAN.test(next) && LATIN_EDGE.test(value.at(-1) ?? '') ? ' ' : '';
    return `${before}${value}${after}`;
  });
}

/** A Chinese character, and a Latin letter at the edge of a value set among them. */
const HAN = /\p{Script=Han}/u;
const LATIN_EDGE = /[A-Za-z]/;

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…) and the marks that steer text. */
const STEERING =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
/** Embeddings, overrides and isolates: typed ones could close the isolate around them early. */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text people typed, set inside a sentence: isolated (FSI … PDI) when it holds right-to-left letters
 * or direction marks, so it cannot turn the sentence around it ("Run “…‮” created" read "detaerc"),
 * its own embedding and isolate controls dropped so none closes the isolate early. Other text is
 * left as it is.
 */
function isolated(text: string): string {
  return STEERING.test(text) ? `\u2068${text.replace(DIRECTION_CONTROLS, '')}\u2069` : text;
}

/** The label of one enumeration value; an unknown value is shown as itself, not hidden. */
export function labelOf(locale: Locale, group: LabelGroup, value: string): string {
  const key = `${group}.${value}`;
  // The locale's own catalog (both have the same keys, a test checks): no English one to build.
  return messagesOf(locale).has(key) ? translate(locale, key as MessageKey) : value;
}

export function stageName(locale: Locale, stage: StageId): string {
  return translate(locale, `stage.${stage}.name`);
}

// Locale detection ------------------------------------------------------------------------------

/**
 * The locale for a browser's preferred languages (`navigator.languages`, most preferred first):
 * the first one we support wins. Every Chinese tag (zh, zh-CN, zh-Hans, zh-TW, zh-HK…) maps to
 * zh-CN, the only Chinese catalog: Simplified reads better than English for Traditional readers.
 * With no supported language the app speaks English.
 */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

// Formatters ------------------------------------------------------------------------------------

// Intl constructors are slow next to `format`; lists and boards format thousands of values.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const numberFormat = (locale: Locale, name: string, options: Intl.NumberFormatOptions) =>
  memo(numberFormats, `${locale}|${name}`, () => new Intl.NumberFormat(locale, options));

/** Intl throws a RangeError on an invalid date; stored data may hold one, so show it as it is. */
function formatMoment(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/**
 * A calendar date: 2024年9月30日 / Sep 30, 2024. `isoDate` is `YYYY-MM-DD` (for a timestamp, pass
 * the reader's day of it, `localDateOf` in src/domain/time.ts). Formatted in UTC so the date
 * never shifts by a day in the viewer's time zone.
 */
export function formatDate(locale: Locale, isoDate: string): string {
  const format = memo(
    dateFormats,
    `${locale}|date`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: locale === 'zh-CN' ? 'long' : 'medium',
        timeZone: 'UTC',
      }),
  );
  return formatMoment(format, isoDate);
}

/**
 * A moment: 2024年9月30日 16:30 / Sep 30, 2024, 4:30 PM, in the viewer's time zone unless
 * `timeZone` (an IANA name) is given; tests pass one to stay deterministic.
 */
export function formatDateTime(locale: Locale, isoTimestamp: string, timeZone?: string): string {
  const format = memo(
    dateFormats,
    `${locale}|dateTime|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone === undefined ? {} : { timeZone }),
      }),
  );
  return formatMoment(format, isoTimestamp);
}

/** A plain number with the locale's grouping and at most two decimals: 1,500,000. */
export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(locale, 'number', { maximumFractionDigits: 2 }).format(n);
}

/** A fraction as a percentage, as KPI math keeps rates: 1.2 → 120%, with `digits` decimals. */
export function formatPercent(locale: Locale, fraction: number, digits = 0): string {
  const d = Math.min(20, Math.max(0, Math.trunc(digits)));
  return numberFormat(locale, `percent${d}`, {
    style: 'percent',
    minimumFractionDigits: d,
    maximumFractionDigits: d,
  }).format(fraction);
}

/** Integer fen as an exact CNY amount: 150000000 → ¥1,500,000.00 (both locales). */
export function formatMoney(locale: Locale, fen: number): string {
  return numberFormat(locale, 'money', {
    style: 'currency',
    currency: 'CNY',
    // 'narrowSymbol' keeps "¥" in English too, where the default symbol is "CN¥".
    currencyDisplay: 'narrowSymbol',
  }).format(fen / 100);
}

/**
 * Integer fen as an exact CNY amount to read in a plan: whole yuan without ".00"
 * (¥1,500,000), fen when there are any (¥1,234.50); in zh-CN an amount of 1万 or more also in
 * 万, as Chinese plans count, when that is exact to 0.01万: ¥13,678,000（1,367.8万）.
 */
export function formatMoneyPlain(locale: Locale, fen: number): string {
  if (!Number.isInteger(fen) || fen % 100 !== 0) return formatMoney(locale, fen);
  const yuan = fen / 100;
  const exact = numberFormat(locale, 'moneyWhole', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  }).format(yuan);
  if (locale !== 'zh-CN' || Math.abs(yuan) < 10_000 || yuan % 100 !== 0) return exact;
  return `${exact}（${formatNumber(locale, yuan / 10_000)}万）`;
}

/**
 * Integer fen as a short CNY amount for boards and cards, the way each language counts big
 * numbers: zh-CN ¥150万 / ¥1.8亿, en ¥1.5M. Rounded to one decimal: never use it where the
 * exact amount matters (gate problems, budgets being edited); use `formatMoney` there.
 */
export function formatMoneyCompact(locale: Locale, fen: number): string {
  return numberFormat(locale, 'moneyCompact', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(fen / 100);
}

/** "A, B, or C" / "A、B或C". */
export function formatList(
  locale: Locale,
  items: readonly string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  const format = memo(
    listFormats,
    `${locale}|${type}`,
    () => new Intl.ListFormat(locale, { style: 'long', type }),
  );
  if (locale !== 'zh-CN') return format.format(items);
  // "Zhou Qiang 和 Wang Min": the joining characters set apart from Latin words beside them.
  const parts = format.formatToParts(items);
  return parts
    .map((part, i) => {
      if (part.type !== 'literal' || !HAN.test(part.value)) return part.value;
      const before = LATIN_EDGE.test(parts[i - 1]?.value.at(-1) ?? '') ? ' ' : '';
      const after = LATIN_EDGE.test(parts[i + 1]?.value[0] ?? '') ? ' ' : '';
      return `${before}${part.value}${after}`;
    })
    .join('');
}

/**
 * Builds the formatters every page uses. The first Intl formatter of a page loads the locale's
 * data (~25 ms here); done while the app waits for its database, it is off the first paint.
 */
export function warmFormats(locale: Locale): void {
  formatNumber(locale, 0);
  formatPercent(locale, 0);
  formatDate(locale, '2026-01-01');
}

// Engine messages -------------------------------------------------------------------------------

/** A gate problem as src/domain/gate.ts makes it (`code` optional for the fallback message). */
export interface ProblemMessage {
  code?: string;
  messageKey: string;
  params: MessageParams;
}

/** A refusal as machines/run-rules.ts and the engine make it. */
export interface RefusalMessage {
  code?: string;
  messageKey: string;
  params: MessageParams;
  /** Roles allowed to act; fills `{roles}` (translated, joined with "or") unless params has it. */
  missingRoles?: readonly string[];
}

const DATE_PARAMS: ReadonlySet<string> = new Set([
  'date',
  'deadline',
  'start',
  'end',
  'dependencyEnd',
]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Params naming a domain value, shown with its label: `{ p: 'price' }` → "Price strategy". */
const LABELLED_PARAMS: ReadonlyMap<string, (value: string) => string> = new Map([
  ['stage', (value: string) => `stage.${value}.name`],
  ['decision', (value: string) => `decision.${value}`],
  ['p', (value: string) => `strategyP.${value}`],
  ['dimension', (value: string) => `goalDimension.${value}`],
  ['field', (value: string) => `field.${value}`],
  ['severity', (value: string) => `riskSeverity.${value}`],
]);

/** Params that hold integer fen, by message. */
function moneyParams(messageKey: string, params: MessageParams): readonly string[] {
  switch (messageKey) {
    case 'problem.budget.amountsNotTotal':
      return ['sum', 'total'];
    case 'problem.budget.amountNotMatchingShare':
      return ['amount', 'expected'];
    case 'problem.goals.subGoalsDontAddUp':
      // Sums of money goals are fen: show them as money.
      return params['unit'] === 'CNY' ? ['sum', 'target'] : [];
    case 'problem.results.differsFromKpi':
      return params['unit'] === 'CNY' ? ['measured'] : [];
    default:
      return [];
  }
}

/**
 * Engine params made readable: ids of stages, decisions and enumerations become labels, ISO dates
 * become dates, fen become money, basis points (`…Bp`) become percentages, numbers get grouping.
 * Anything else (titles, ids the person typed) is shown as it is.
 */
function localizeParams(locale: Locale, messageKey: string, params: MessageParams): MessageParams {
  const money = moneyParams(messageKey, params);
  const localize = (name: string, value: string | number): string | number => {
    const labelKey = LABELLED_PARAMS.get(name)?.(String(value));
    if (labelKey !== undefined && hasMessage(labelKey)) return translate(locale, labelKey);
    if (typeof value === 'string') {
      return DATE_PARAMS.has(name) && ISO_DATE.test(value) ? formatDate(locale, value) : value;
    }
    if (money.includes(name)) return formatMoney(locale, value);
    if (name.endsWith('Bp'))
      return formatPercent(locale, value / 10_000, value % 100 === 0 ? 0 : 2);
    return formatNumber(locale, value);
  };
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, localize(name, value)]),
  );
}

/**
 * The message for a gate problem, with its params localized (dates, money, labels). A problem
 * code without a message (an engine newer than the catalog) gets a generic message naming the
 * code instead of failing; test/i18n makes sure every known code has its own.
 */
export function translateProblem(locale: Locale, problem: ProblemMessage): string {
  const { messageKey } = problem;
  if (!hasMessage(messageKey)) {
    const code = problem.code ?? messageKey.replace(/^problem\./, '');
    return translate(locale, 'problem.unknown', { code });
  }
  return translate(locale, messageKey, localizeParams(locale, messageKey, problem.params));
}

/**
 * The message for a refused event, with params localized as in `translateProblem`, and
 * `{roles}` filled from `missingRoles` ("Sales director or Marketing head"). The gate problems
 * of a `notReady` refusal are separate: show each with `translateProblem`.
 */
export function translateRefusal(locale: Locale, refusal: RefusalMessage): string {
  const { messageKey } = refusal;
  if (!hasMessage(messageKey)) {
    const code = refusal.code ?? messageKey.replace(/^refusal\./, '');
    return translate(locale, 'refusal.unknown', { code });
  }
  const roles = (refusal.missingRoles ?? []).map((role) => labelOf(locale, 'role', role));
  const params = {
    ...(roles.length > 0 ? { roles: formatList(locale, roles, 'disjunction') } : {}),
    ...localizeParams(locale, messageKey, refusal.params),
  };
  return translate(locale, messageKey, params);
}
