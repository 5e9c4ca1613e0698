import { ConflictError, type FieldError, UnprocessableError } from '../common/errors/domain-error.js';
import type { ReferralStatus } from './domain/index.js';

export class ScoreSubjectMismatchError extends UnprocessableError {
  constructor(scoreId: string) {
    super('score_subject_mismatch', `Score ${scoreId} is of another person than this applicant.`, [{ field: 'scoreId', message: 'the score must be of applicant.idNumber' }]);
  }
}

export class ScoreRequiredError extends UnprocessableError {
  constructor(maxAgeDays: number) {
    super('score_required', `You have no score of this applicant from the last ${maxAgeDays} days: score them first (POST /v1/scores), then refer.`, [
      { field: 'scoreId', message: 'a recent score of this applicant is needed' },
    ]);
  }
}

export class ScoreStaleError extends UnprocessableError {
  constructor(scoreId: string, maxAgeDays: number) {
    super('score_stale', `Score ${scoreId} is more than ${maxAgeDays} days old; score the applicant again.`, [{ field: 'scoreId', message: `the score must be at most ${maxAgeDays} days old` }]);
  }
}

export class ProductMismatchError extends UnprocessableError {
  constructor(scoreId: string, scoreProduct: string) {
    super('product_mismatch', `Score ${scoreId} is a ${scoreProduct} score.`, [{ field: 'product', message: `product must be the score's: ${scoreProduct}` }]);
  }
}

export class LenderProductInvalidError extends UnprocessableError {
  constructor(errors: FieldError[]) {
    super('lender_product_invalid', errors[0]?.message ?? 'The product terms are inconsistent.', errors);
  }
}

/** The referral is not in the status the action needs (e.g. a decision on a referral not submitted). */
export class ReferralStateConflictError extends ConflictError {
  constructor(id: string, status: ReferralStatus, needed: ReferralStatus) {
    super(status === 'expired' ? 'referral_expired' : 'referral_state_conflict', status === 'expired'
      ? `Referral ${id} expired before an offer was accepted; refer the applicant again.`
      : `Referral ${id} is ${status}; this needs it to be ${needed}.`);
  }
}

export class OfferNotFoundError extends UnprocessableError {
  constructor(referralId: string, offerId: string) {
    super('offer_not_found', `Referral ${referralId} has no offer ${offerId}.`, [{ field: 'offerId', message: 'offerId must be one of the referral\'s offers' }]);
  }
}

export class OfferUnavailableError extends ConflictError {
  constructor(offerId: string) {
    super('offer_unavailable', `The lender no longer offers the product behind offer ${offerId} (paused, or the lender's account is suspended); choose another offer.`);
  }
}

export class AmountAboveLimitError extends UnprocessableError {
  constructor(field: string, limit: string, what: string) {
    super('amount_exceeds_limit', `${field} may be at most ${limit} (${what}).`, [{ field, message: `${field} must be at most ${limit}` }]);
  }
}

export class LenderProductLimitError extends ConflictError {
  constructor(limit: number) {
    super('lender_product_limit', `You have ${limit} active products, the most allowed; pause one before publishing another.`);
  }
}
