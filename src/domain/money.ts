/**
 * Money is kept as integer minor units (fen for CNY) so sums are exact; floats never hold money.
 */
export type Fen = number;

/** ¥ amount in yuan (may have up to 2 decimals) → integer fen. Throws on more precision than fen. */
export function yuanToFen(yuan: number): Fen {
  const fen = Math.round(yuan * 100);
  // Relative tolerance: binary floats cannot hold 0.01 exactly, and the error grows with the amount.
  if (Math.abs(fen - yuan * 100) > Math.max(1e-6, Math.abs(yuan) * 1e-12)) {
    throw new RangeError(`¥${yuan} has more precision than 1 fen`);
  }
  return fen;
}

/** Wan (万, 10,000 yuan), the unit Chinese plans use: 150万 → fen. */
export function wanToFen(wan: number): Fen {
  return yuanToFen(wan * 10_000);
}

export function sumFen(amounts: readonly Fen[]): Fen {
  return amounts.reduce((a, b) => a + b, 0);
}
