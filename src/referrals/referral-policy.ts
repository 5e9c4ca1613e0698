/** Commercial limits of the referral product, in one place. */
export const REFERRAL_POLICY = Object.freeze({
  /** how long offers can be accepted */
  offerTtlMs: 7 * 24 * 3_600_000,
  /** how old a score may be to match lenders on */
  maxScoreAgeDays: 30,
  /** active products a lender may have per mode: bounds the matching work of every referral */
  maxActiveProducts: 100,
});
