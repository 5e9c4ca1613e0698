/**
 * Exact rational arithmetic for rates. Rates arrive as decimal strings ("9.90", "0.60") and
 * are kept as bigint ratios so that `balance × rate` can be rounded half-up without binary
 * floating point ever touching money.
 */

/** An exact rational number `num / den`, always normalised (den > 0, lowest terms). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** Most fraction digits a percent rate may carry ("9.123456"). */
export const RATE_FRACTION_DIGITS = 6;

/** sign, integer digits, and the fraction with its point (an always-present, maybe empty group) */
const DECIMAL = /^(-?)(\d+)((?:\.\d+)?)$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('ratio with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO: Ratio = { num: 0n, den: 1n };

/**
 * Parses a plain decimal string ("9.90", "-1", "0.006") exactly. Returns undefined for
 * anything else (exponents, spaces, "1.", ".5", "+1") or for more than `maxFractionDigits`
 * fraction digits.
 */
export function parseDecimal(text: string, maxFractionDigits: number): Ratio | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, units, pointAndFraction] = match;
  const negative = sign === '-';
  const fraction = pointAndFraction.slice(1);
  if (fraction.length > maxFractionDigits) return undefined;
  const magnitude = BigInt(units + fraction);
  return ratio(negative ? -magnitude : magnitude, 10n ** BigInt(fraction.length));
}

/** "9.90" (percent) → 0.099 as an exact ratio. */
export function percentToRatio(percent: Ratio): Ratio {
  return ratio(percent.num, percent.den * 100n);
}

export function divideByInteger(value: Ratio, divisor: number): Ratio {
  return ratio(value.num, value.den * BigInt(divisor));
}

export function compareRatios(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Rounds `num / den` to an integer, half-up in the financial sense (ties away from zero,
 * like Java's ROUND_HALF_UP), exactly.
 */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('division by zero');
  if (den < 0n) return roundHalfUp(-num, -den);
  if (num < 0n) return -roundHalfUp(-num, den);
  return (2n * num + den) / (2n * den);
}

/** `amountMinor × rate`, rounded half-up to the minor unit (cent), computed exactly. */
export function multiplyRoundHalfUp(amountMinor: bigint, rate: Ratio): bigint {
  return roundHalfUp(amountMinor * rate.num, rate.den);
}

/** Formats an integer count of hundredths as a decimal string with two places: 1304n → "13.04". */
export function formatHundredths(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
