/**
 * The order offers are shown in: cheapest credit first. The true APR compares offers of any
 * pricing method; equal APRs fall back to what the applicant repays in total, then to the
 * product id so the order is stable.
 */
import { compareRatios, parseDecimal } from '../../installments/domain/index.js';

export interface RankedCandidate {
  lenderProductId: string;
  /** true APR, percent with 2 decimals ("13.04") */
  aprPercent: string;
  totalRepayableMinor: number;
}

export function compareOffers(a: RankedCandidate, b: RankedCandidate): number {
  const byApr = compareRatios(parseDecimal(a.aprPercent, 6)!, parseDecimal(b.aprPercent, 6)!);
  if (byApr !== 0) return byApr;
  if (a.totalRepayableMinor !== b.totalRepayableMinor) return a.totalRepayableMinor < b.totalRepayableMinor ? -1 : 1;
  return a.lenderProductId < b.lenderProductId ? -1 : a.lenderProductId > b.lenderProductId ? 1 : 0;
}

/** The best `limit` candidates, best first. */
export function rankOffers<T extends RankedCandidate>(candidates: readonly T[], limit: number): T[] {
  return [...candidates].sort(compareOffers).slice(0, limit);
}
