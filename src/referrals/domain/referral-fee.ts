/**
 * The referral fee a lender owes the referring partner when a referral is funded: a percent of
 * the amount funded, in exact arithmetic, rounded half-up to the cent.
 */
import { multiplyRoundHalfUp, parseDecimal, percentToRatio } from '../../installments/domain/rates.js';

/** Most a fee may be, in percent of the funded amount. */
export const MAX_REFERRAL_FEE_PERCENT = 10;

/** The fee in minor units; `feePercent` is a decimal string of 0–10 with up to 6 fraction digits. */
export function referralFeeMinor(fundedMinor: number, feePercent: string): number {
  const rate = parseDecimal(feePercent, 6);
  if (!rate || rate.num < 0n) throw new RangeError(`fee percent ${feePercent} is not a non-negative decimal`);
  if (!Number.isSafeInteger(fundedMinor) || fundedMinor < 0) throw new RangeError(`funded amount ${fundedMinor} is not a non-negative whole number of minor units`);
  return Number(multiplyRoundHalfUp(BigInt(fundedMinor), percentToRatio(rate)));
}
