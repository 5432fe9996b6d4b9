import { yuanToFen } from '../../domain/money';

/**
 * How the numeric inputs read and show figures. People type what they see (yuan, percent); the
 * content stores what the domain computes with (integer fen, basis points, fractions).
 *
 * - `number`: a plain figure (a count, a rate in the goal's unit), stored as typed.
 * - `money`: yuan with at most two decimals ↔ integer fen.
 * - `basisPoints`: percent with at most two decimals ↔ basis points (40 → 4000).
 * - `percent`: percent ↔ the same number, for fields that store 0-100 (market share).
 * - `fraction`: percent ↔ fraction, as KPI thresholds are kept (95 → 0.95).
 */
export type NumericKind = 'number' | 'money' | 'basisPoints' | 'percent' | 'fraction';

/** Why typed text is not accepted; each has a message under `form.error`. */
export type NumericError = 'number' | 'money' | 'percent' | 'range' | 'negative';

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; error: NumericError };

/** The stored-value limits of each kind, from the content schemas. */
export const NUMERIC_MAX: Readonly<Record<NumericKind, number>> = {
  number: 1e13,
  money: 1e13,
  basisPoints: 10_000,
  percent: 100,
  fraction: 10,
};

const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Grouping separators, spaces and the unit sign are noise people paste in; drop them. */
function clean(text: string): string {
  return text
    .replace(/[\s,，_]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/[%％]$/, '');
}

/** Drops float noise from scaling (0.57 × 100 = 56.99999999999999). */
const tidy = (n: number): number => Number(n.toPrecision(12));

/**
 * The stored value for typed `text`: `{ ok: true, value: null }` for an empty field (the caller
 * decides whether that means null or 0), else the value in storage units, or why it is refused.
 */
export function parseNumeric(kind: NumericKind, text: string): ParsedNumber {
  const cleaned = clean(text);
  if (cleaned === '') return { ok: true, value: null };
  // Every figure here is a count, an amount or a share: say so rather than "enter a number".
  if (/^[-−﹣－]/.test(cleaned) && DECIMAL.test(cleaned.slice(1))) {
    return { ok: false, error: 'negative' };
  }
  if (!DECIMAL.test(cleaned)) {
    return {
      ok: false,
      error: kind === 'money' ? 'money' : kind === 'number' ? 'number' : 'percent',
    };
  }
  const typed = Number(cleaned);
  let value: number;
  switch (kind) {
    case 'number':
    case 'percent':
      value = typed;
      break;
    case 'money':
      try {
        value = yuanToFen(typed);
      } catch {
        return { ok: false, error: 'money' };
      }
      break;
    case 'basisPoints': {
      const bp = typed * 100;
      if (Math.abs(bp - Math.round(bp)) > 1e-6) return { ok: false, error: 'percent' };
      value = Math.round(bp);
      break;
    }
    case 'fraction':
      value = tidy(typed / 100);
      break;
  }
  if (!Number.isFinite(value) || value > NUMERIC_MAX[kind]) return { ok: false, error: 'range' };
  return { ok: true, value };
}

/** The text an input shows for a stored value (no grouping, so it can be edited as typed). */
export function formatNumeric(kind: NumericKind, value: number | null): string {
  if (value === null) return '';
  switch (kind) {
    case 'number':
    case 'percent':
      return String(value);
    case 'money':
      // Whole yuan stay short ("1500000"); fen show both decimals ("1234.50"). A stored amount
      // finer than a fen (bad data) is shown as it is so the person sees what to fix.
      if (!Number.isInteger(value)) return String(value / 100);
      return value % 100 === 0 ? String(value / 100) : (value / 100).toFixed(2);
    case 'basisPoints':
      return String(value / 100);
    case 'fraction':
      return String(tidy(value * 100));
  }
}

/** The largest value a person can type for a kind, in the units they type (for messages). */
export function typedMax(kind: NumericKind): number {
  switch (kind) {
    case 'money':
      return NUMERIC_MAX.money / 100;
    case 'basisPoints':
      return 100;
    case 'fraction':
      return 1000;
    default:
      return NUMERIC_MAX[kind];
  }
}
