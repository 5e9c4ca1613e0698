import type { Features } from './model-types.js';

/**
 * Merchant cash-flow features and the merchant credit limit. Revenues are integer minor units
 * (fen), oldest month first (the last element is the most recent complete month).
 */

export interface CashflowFeatures {
  /** Mean monthly revenue, in yuan (a plain number for the scorecard). */
  avgMonthlyRevenue: number | null;
  /** Mean monthly revenue in minor units (integer, rounded half up), for the limit. */
  averageMonthlyRevenueMinor: number | null;
  /**
   * Least-squares slope of revenue over the months, divided by the mean: the fractional change
   * per month (0.02 = growing 2 % of the average a month). null with fewer than 3 months.
   */
  revenueTrend: number | null;
  /** Coefficient of variation (population standard deviation / mean). null with fewer than 2 months. */
  revenueVolatility: number | null;
  monthsTrading: number | null;
  /** Lower-cased, trimmed sector code; null when blank. */
  sector: string | null;
  /** Months of revenue history supplied. */
  monthsObserved: number;
  /** Months with zero revenue. */
  zeroRevenueMonths: number;
}

/**
 * @param monthlyRevenueMinor revenue per month in minor units, oldest first (non-negative integers)
 * @param monthsTrading how long the business has traded (may exceed the history supplied)
 * @param sector sector code, e.g. `grocery`
 */
export function deriveCashflowFeatures(
  monthlyRevenueMinor: readonly number[],
  monthsTrading: number | null | undefined,
  sector: string | null | undefined,
): CashflowFeatures {
  for (const v of monthlyRevenueMinor) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`monthly revenue must be a non-negative integer of minor units: ${v}`);
  }
  if (monthsTrading !== null && monthsTrading !== undefined && !(Number.isFinite(monthsTrading) && monthsTrading >= 0)) {
    throw new RangeError(`monthsTrading must be a non-negative number: ${monthsTrading}`);
  }
  const n = monthlyRevenueMinor.length;
  const sectorKey = sector?.trim().toLowerCase() || null;
  const months = monthsTrading ?? null;
  const zeroRevenueMonths = monthlyRevenueMinor.filter((v) => v === 0).length;
  if (n === 0) {
    return {
      avgMonthlyRevenue: null,
      averageMonthlyRevenueMinor: null,
      revenueTrend: null,
      revenueVolatility: null,
      monthsTrading: months,
      sector: sectorKey,
      monthsObserved: 0,
      zeroRevenueMonths,
    };
  }
  let total = 0;
  for (const v of monthlyRevenueMinor) total += v;
  const mean = total / n;
  let ss = 0;
  for (const v of monthlyRevenueMinor) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  let trend: number | null = null;
  if (n >= 3 && mean > 0) {
    const tMean = (n - 1) / 2;
    let num = 0;
    let den = 0;
    monthlyRevenueMinor.forEach((v, t) => {
      num += (t - tMean) * (v - mean);
      den += (t - tMean) ** 2;
    });
    trend = num / den / mean;
  }
  return {
    avgMonthlyRevenue: mean / 100,
    averageMonthlyRevenueMinor: Math.round(mean),
    revenueTrend: trend,
    revenueVolatility: n >= 2 && mean > 0 ? sd / mean : null,
    monthsTrading: months,
    sector: sectorKey,
    monthsObserved: n,
    zeroRevenueMonths,
  };
}

/** The features record the merchant-cashflow scorecard reads. */
export function merchantFeatures(cf: CashflowFeatures): Features {
  return {
    avgMonthlyRevenue: cf.avgMonthlyRevenue,
    revenueTrend: cf.revenueTrend,
    revenueVolatility: cf.revenueVolatility,
    monthsTrading: cf.monthsTrading,
    sector: cf.sector,
  };
}

export interface MerchantLimitPolicy {
  /** Months of average revenue lent to a stable, established, non-declining business. */
  revenueMultiple: number;
  /** Coefficient of variation up to which the history counts as fully stable. */
  stableVolatility: number;
  /** Each 0.1 of volatility above stableVolatility removes this share of the limit … */
  volatilityPenaltyPer10pct: number;
  /** … down to this floor of the stability factor. */
  minStabilityFactor: number;
  /** Tenure factors: under 6 months, under 12 months, 12 months and more. */
  tenureFactors: readonly [number, number, number];
  /** A trend below this (fraction per month) counts as declining … */
  decliningTrend: number;
  /** … and multiplies the limit by this. */
  decliningFactor: number;
  /** Limits below this are not offered (0 is returned). */
  minMinor: number;
  maxMinor: number;
  /** Rounded down to this step. */
  stepMinor: number;
}

export const DEFAULT_MERCHANT_LIMIT_POLICY: MerchantLimitPolicy = Object.freeze<MerchantLimitPolicy>({
  revenueMultiple: 2,
  stableVolatility: 0.15,
  volatilityPenaltyPer10pct: 0.15,
  minStabilityFactor: 0.3,
  tenureFactors: [0.5, 0.75, 1],
  decliningTrend: -0.03,
  decliningFactor: 0.8,
  minMinor: 500_000,
  maxMinor: 100_000_000,
  stepMinor: 100_000,
});

export interface MerchantLimitBreakdown {
  /** The limit in minor units (0 = no line offered). */
  limitMinor: number;
  stabilityFactor: number;
  tenureFactor: number;
  trendFactor: number;
}

/**
 * Merchant credit limit from revenue and its stability:
 *
 *   limit = average monthly revenue × 2 (months) × stability × tenure × trend
 *
 * stability = 1 up to a coefficient of variation of 0.15, then −0.15 per 0.1 of CV (floor 0.3);
 * tenure = 0.5 under 6 months trading, 0.75 under 12, 1 from 12; trend = 0.8 when revenue falls
 * by more than 3 % of its average a month. Rounded down to 1,000 CNY, at most 1,000,000 CNY;
 * below 5,000 CNY no line is offered (0). A shop with 30–50k CNY a month and a stable history
 * gets 60–100k, about 80k at 40k a month.
 */
export function merchantCreditLimit(cf: CashflowFeatures, policy: MerchantLimitPolicy = DEFAULT_MERCHANT_LIMIT_POLICY): MerchantLimitBreakdown {
  const avg = cf.averageMonthlyRevenueMinor;
  const cv = cf.revenueVolatility;
  const stabilityFactor =
    cv === null
      ? policy.minStabilityFactor
      : Math.max(policy.minStabilityFactor, Math.min(1, 1 - (Math.max(0, cv - policy.stableVolatility) / 0.1) * policy.volatilityPenaltyPer10pct));
  const months = cf.monthsTrading ?? cf.monthsObserved;
  const tenureFactor = months < 6 ? policy.tenureFactors[0] : months < 12 ? policy.tenureFactors[1] : policy.tenureFactors[2];
  const trendFactor = cf.revenueTrend !== null && cf.revenueTrend < policy.decliningTrend ? policy.decliningFactor : 1;
  if (avg === null || avg <= 0) return { limitMinor: 0, stabilityFactor, tenureFactor, trendFactor };
  const raw = avg * policy.revenueMultiple * stabilityFactor * tenureFactor * trendFactor;
  const stepped = Math.floor(Math.min(raw, policy.maxMinor) / policy.stepMinor) * policy.stepMinor;
  return { limitMinor: stepped < policy.minMinor ? 0 : stepped, stabilityFactor, tenureFactor, trendFactor };
}
