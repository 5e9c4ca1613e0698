/**
 * Money is integer minor units (fen) inside and a decimal string with exactly two fraction
 * digits outside. No binary floating point touches an amount.
 */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,12})\.\d{2}$/;

export function parseMoney(text: string): number {
  if (!MONEY_PATTERN.test(text)) throw new RangeError(`not a money string: ${text}`);
  const [units, cents] = text.split('.') as [string, string];
  return Number(units) * 100 + Number(cents);
}

export function formatMoney(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
