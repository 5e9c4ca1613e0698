/**
 * Whether a lender product may be offered to a referred applicant. Pure: the referral service
 * loads the candidate products and the applicant's score, and this decides.
 */

export type ApplicantProduct = 'consumer' | 'merchant';

/** What a lender product asks of an applicant (amounts in minor units). */
export interface EligibilityTerms {
  product: ApplicantProduct;
  currency: string;
  minCreditScore: number;
  maxCreditScore: number;
  /** null: the lender sets no fraud bound of its own */
  maxFraudScore: number | null;
  minAmount: number;
  maxAmount: number;
  termMonths: readonly number[];
  /** province-level codes where the lender may lend; empty: nationwide */
  regions: readonly string[];
}

/** The applicant and request, as the referral knows them. */
export interface ReferralAsk {
  product: ApplicantProduct;
  currency: string;
  creditScore: number;
  fraudScore: number;
  amountMinor: number;
  termMonths: number;
  /** where the applicant lives (province code) as the partner states it; null when not stated */
  residenceRegion: string | null;
}

export type Ineligibility = 'product' | 'currency' | 'credit_score' | 'fraud_score' | 'amount' | 'term' | 'region';

/** The first rule the ask fails, or undefined when the product may be offered. */
export function ineligibility(terms: EligibilityTerms, ask: ReferralAsk): Ineligibility | undefined {
  if (terms.product !== ask.product) return 'product';
  if (terms.currency !== ask.currency) return 'currency';
  if (ask.creditScore < terms.minCreditScore || ask.creditScore > terms.maxCreditScore) return 'credit_score';
  if (terms.maxFraudScore !== null && ask.fraudScore > terms.maxFraudScore) return 'fraud_score';
  if (ask.amountMinor < terms.minAmount || ask.amountMinor > terms.maxAmount) return 'amount';
  if (!terms.termMonths.includes(ask.termMonths)) return 'term';
  // A regional lender cannot lend to an applicant whose residence is unknown.
  if (terms.regions.length > 0 && (ask.residenceRegion === null || !terms.regions.includes(ask.residenceRegion))) return 'region';
  return undefined;
}

/**
 * Score outcomes that are never referred, whatever a lender would accept: an identity that does
 * not check out or a fraud score past the decline threshold. Passing such an applicant on would
 * hand a lender the fraud the score just caught.
 */
export const NEVER_REFERRED: ReadonlySet<string> = new Set(['identity_invalid', 'fraud_score_decline']);

export function isReferable(decisionReasons: readonly string[]): boolean {
  return !decisionReasons.some((reason) => NEVER_REFERRED.has(reason));
}
