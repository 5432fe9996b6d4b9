import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  type Locale,
  type MessageKey,
  type MessageParams,
  detectLocale,
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatMoneyPlain,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  isLocale,
  labelOf,
  stageName,
  translate,
  translateProblem,
  translateRefusal,
  warmFormats,
  type LabelGroup,
  type ProblemMessage,
  type RefusalMessage,
} from './index';
import type { StageId } from '../domain/stages';

/** Everything a component needs to speak the person's language. */
export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  label(group: LabelGroup, value: string): string;
  stage(stage: StageId): string;
  problem(problem: ProblemMessage): string;
  refusal(refusal: RefusalMessage): string;
  date(isoDate: string): string;
  dateTime(isoTimestamp: string): string;
  number(n: number): string;
  percent(fraction: number, digits?: number): string;
  money(fen: number): string;
  /** An exact amount to read in a plan (see formatMoneyPlain). */
  moneyPlain(fen: number): string;
  moneyCompact(fen: number): string;
  /** "A, B and C" / "A、B和C"; `or` for alternatives. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /** Whole sentences one after another: a space between them in English, none in Chinese. */
  sentences(parts: readonly (string | null | false | undefined)[]): string;
}

export const LOCALE_STORAGE_KEY = 'strategy-board.locale';

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void = () => {}): I18n {
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    sentences: (parts) => parts.filter(Boolean).join(locale === 'zh-CN' ? '' : ' '),
    label: (group, value) => labelOf(locale, group, value),
    stage: (stage) => stageName(locale, stage),
    problem: (p) => translateProblem(locale, p),
    refusal: (r) => translateRefusal(locale, r),
    date: (d) => formatDate(locale, d),
    dateTime: (d) => formatDateTime(locale, d),
    number: (n) => formatNumber(locale, n),
    percent: (f, digits) => formatPercent(locale, f, digits),
    money: (fen) => formatMoney(locale, fen),
    moneyPlain: (fen) => formatMoneyPlain(locale, fen),
    moneyCompact: (fen) => formatMoneyCompact(locale, fen),
    list: (items, type) => formatList(locale, items, type),
  };
}

const I18nContext = createContext<I18n>(makeI18n('en'));

/** The remembered choice, else the browser's languages. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode); fall back to the browser's language.
  }
  return detectLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
}

export function I18nProvider({
  children,
  locale: fixed,
}: {
  children: ReactNode;
  locale?: Locale;
}) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but the switch still applies to this session.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  useEffect(() => {
    // Right after the first render: the page is then waiting for its data.
    const timer = setTimeout(() => warmFormats(locale), 0);
    return () => clearTimeout(timer);
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
