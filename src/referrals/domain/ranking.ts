/**
 * The order offers are shown in: cheapest credit first. The true APR compares offers of any
 * pricing method; equal APRs fall back to what the applicant repays in total, then to the
 * product id so the order is stable. Each lender makes at most one offer (its cheapest), so no
 * lender can fill the list by publishing many products.
 */
import { compareRatios, parseDecimal } from '../../installments/domain/index.js';

export interface RankedCandidate {
  lenderTenantId: string;
  lenderProductId: string;
  /** true APR, percent with 2 decimals ("13.04") */
  aprPercent: string;
  /** minor units */
  totalRepayable: number;
}

export function compareOffers(a: RankedCandidate, b: RankedCandidate): number {
  const byApr = compareRatios(parseDecimal(a.aprPercent, 6)!, parseDecimal(b.aprPercent, 6)!);
  if (byApr !== 0) return byApr;
  if (a.totalRepayable !== b.totalRepayable) return a.totalRepayable < b.totalRepayable ? -1 : 1;
  return a.lenderProductId < b.lenderProductId ? -1 : a.lenderProductId > b.lenderProductId ? 1 : 0;
}

/** The best `limit` candidates, best first, one per lender. */
export function rankOffers<T extends RankedCandidate>(candidates: readonly T[], limit: number): T[] {
  const seen = new Set<string>();
  const ranked: T[] = [];
  for (const candidate of [...candidates].sort(compareOffers)) {
    if (ranked.length >= limit) break;
    if (seen.has(candidate.lenderTenantId)) continue;
    seen.add(candidate.lenderTenantId);
    ranked.push(candidate);
  }
  return ranked;
}
