import { parseDecimal } from './domain/index.js';

const MAX_FRACTION_DIGITS = 6;
const SCALE = 10n ** BigInt(MAX_FRACTION_DIGITS);

/**
 * A percent rate as the API shows it (DESIGN §2): a decimal string with 2 to 6 fraction
 * digits, "0.6" → "0.60", "9.9" → "9.90", "12.345600" → "12.3456". Undefined for anything
 * the schedule module would not accept as a rate.
 */
export function normalizePercent(text: string): string | undefined {
  const value = parseDecimal(text, MAX_FRACTION_DIGITS);
  if (!value) return undefined;
  const scaled = (value.num * SCALE) / value.den; // exact: the denominator divides 10^6
  const sign = scaled < 0n ? '-' : '';
  const abs = scaled < 0n ? -scaled : scaled;
  const fraction = String(abs % SCALE)
    .padStart(MAX_FRACTION_DIGITS, '0')
    .replace(/0{1,4}$/, '');
  return `${sign}${abs / SCALE}.${fraction.padEnd(2, '0')}`;
}
