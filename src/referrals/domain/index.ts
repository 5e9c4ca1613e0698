/** The referral marketplace's pure rules: eligibility, ranking, lifecycle and fees. No Nest, no database. */
export { ineligibility, isReferable, NEVER_REFERRED, type ApplicantProduct, type EligibilityTerms, type Ineligibility, type ReferralAsk } from './eligibility.js';
export { compareOffers, rankOffers, type RankedCandidate } from './ranking.js';
export { MAX_REFERRAL_FEE_PERCENT, referralFeeMinor } from './referral-fee.js';
export { canTake, effectiveStatus, REFERRAL_STATUSES, transitionOf, type ReferralAction, type ReferralStatus } from './referral-state.js';
