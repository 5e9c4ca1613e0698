/**
 * Turns the lender products that may lend to an applicant into priced, ranked offers: the pure
 * eligibility rules pick the products, the installments schedule prices each at the requested
 * amount and term, and the ranking orders them by true APR.
 */
import { newId } from '../common/ids.js';
import { buildSchedule, ScheduleInputError, type SchedulePolicy } from '../installments/domain/index.js';
import { ineligibility, rankOffers, type ReferralAsk } from './domain/index.js';
import type { LenderProduct } from './lender-product.entity.js';
import { ReferralOffer } from './referral-offer.entity.js';

/** Offers shown per referral, best first. */
export const MAX_OFFERS = 10;

export interface CandidateProduct {
  product: LenderProduct;
  lenderName: string;
}

export function matchOffers(
  referralId: string,
  ask: ReferralAsk,
  candidates: readonly CandidateProduct[],
  startDate: string,
  schedulePolicy: Partial<SchedulePolicy>,
): ReferralOffer[] {
  const priced: ReferralOffer[] = [];
  for (const { product, lenderName } of candidates) {
    if (ineligibility(product, ask) !== undefined) continue;
    let schedule;
    try {
      schedule = buildSchedule({ amountMinor: ask.amountMinor, termMonths: ask.termMonths, startDate, pricing: product.pricing }, schedulePolicy);
    } catch (error) {
      // Checked at publication for the amount bounds; an amount between them that still cannot
      // be priced (or a cap lowered since) makes no offer rather than failing the referral.
      if (error instanceof ScheduleInputError) continue;
      throw error;
    }
    priced.push(
      Object.assign(new ReferralOffer(), {
        id: newId('off'),
        referralId,
        rank: 0,
        lenderTenantId: product.tenantId,
        lenderName,
        lenderProductId: product.id,
        productName: product.name,
        amount: ask.amountMinor,
        currency: product.currency,
        termMonths: ask.termMonths,
        pricing: product.pricing,
        installmentAmount: schedule.installmentAmount,
        totalInterest: schedule.totalInterest,
        totalFees: schedule.totalFees,
        totalRepayable: schedule.totalRepayable,
        aprPercent: schedule.aprPercent,
        referralFeePercent: product.referralFeePercent,
      }),
    );
  }
  return rankOffers(priced, MAX_OFFERS).map((offer, index) => Object.assign(offer, { rank: index + 1 }));
}
