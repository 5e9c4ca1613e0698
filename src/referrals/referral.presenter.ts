import type { Language } from '../common/http/language.js';
import { formatMoney } from '../common/money.js';
import type { Consent } from '../consents/consent.entity.js';
import { effectiveStatus } from './domain/index.js';
import type { InboundReferralDto } from './dto/inbound-referral.dto.js';
import type { LenderDecisionViewDto, OfferDto, ReferralDto, ReferralFeeViewDto, ReferralScoreDto } from './dto/referral.dto.js';
import type { ReferralFee } from './referral-fee.entity.js';
import type { ReferralOffer } from './referral-offer.entity.js';
import type { Referral } from './referral.entity.js';

/** A referral with its offers and, once funded, its fee: what both sides' views are made of. */
export interface ReferralView {
  referral: Referral;
  offers: ReferralOffer[];
  fee: ReferralFee | null;
}

/** What a lender sees beyond that: who referred, and the consent that lets it see anything. */
export interface InboundReferralView extends ReferralView {
  referrerName: string;
  consent: Consent;
}

export function presentReferral(view: ReferralView, language: Language, now = new Date()): ReferralDto {
  const { referral } = view;
  return {
    id: referral.id,
    status: effectiveStatus(referral.status, referral.expiresAt, now),
    consentId: referral.consentId,
    product: referral.product,
    customerRef: referral.customerRef,
    residenceRegion: referral.residenceRegion,
    currency: referral.currency,
    request: presentRequest(referral),
    score: presentScoreSnapshot(referral, language),
    offers: view.offers.map(presentOffer),
    acceptedOfferId: referral.acceptedOfferId,
    lenderDecision: presentDecision(referral),
    funding: referral.fundedAt && referral.fundedAmount !== null ? { amount: formatMoney(referral.fundedAmount), fundedAt: referral.fundedAt.toISOString() } : null,
    referralFee: presentFee(view.fee),
    expiresAt: referral.expiresAt.toISOString(),
    submittedAt: referral.submittedAt?.toISOString() ?? null,
    createdAt: referral.createdAt.toISOString(),
    updatedAt: referral.updatedAt.toISOString(),
  };
}

/**
 * The lender's view: only what the applicant consented to share for the offer it accepted.
 * No identifier of the applicant at all, and no other lender's offer.
 */
export function presentInboundReferral(view: InboundReferralView, language: Language, now = new Date()): InboundReferralDto {
  const full = presentReferral(view, language, now);
  const { referral, consent } = view;
  const accepted = view.offers.find((offer) => offer.id === referral.acceptedOfferId);
  if (!accepted || !referral.submittedAt) throw new Error(`referral ${referral.id} reached a lender without an accepted offer`);
  return {
    id: referral.id,
    status: full.status,
    referrer: { id: referral.tenantId, name: view.referrerName },
    product: referral.product,
    residenceRegion: referral.residenceRegion,
    currency: referral.currency,
    request: full.request,
    score: full.score,
    offer: presentOffer(accepted),
    consent: {
      id: consent.id,
      purposes: consent.purposes,
      expiresAt: consent.expiresAt.toISOString(),
      channel: consent.evidence.channel,
      noticeVersion: consent.evidence.noticeVersion,
      capturedAt: consent.evidence.capturedAt,
      status: consentStatus(consent, now),
      revokedAt: consent.revokedAt?.toISOString() ?? null,
    },
    lenderDecision: full.lenderDecision,
    funding: full.funding,
    referralFee: full.referralFee,
    submittedAt: referral.submittedAt.toISOString(),
    updatedAt: full.updatedAt,
  };
}

function consentStatus(consent: Consent, now: Date): 'authorised' | 'revoked' | 'expired' {
  if (consent.status === 'revoked') return 'revoked';
  return consent.expiresAt.getTime() <= now.getTime() ? 'expired' : 'authorised';
}

function presentRequest(referral: Referral): ReferralDto['request'] {
  return { amount: formatMoney(referral.amount), termMonths: referral.termMonths, purpose: referral.purpose };
}

function presentScoreSnapshot(referral: Referral, language: Language): ReferralScoreDto {
  const score = referral.score;
  return {
    id: referral.scoreId,
    creditScore: score.creditScore,
    fraudScore: score.fraudScore,
    grade: score.grade,
    modelVersion: score.modelVersion,
    reasons: score.reasons.map((reason) => ({ code: reason.code, text: reason.text[language] })),
  };
}

function presentOffer(offer: ReferralOffer): OfferDto {
  return {
    id: offer.id,
    rank: offer.rank,
    lender: { id: offer.lenderTenantId, name: offer.lenderName },
    lenderProductId: offer.lenderProductId,
    productName: offer.productName,
    amount: formatMoney(offer.amount),
    termMonths: offer.termMonths,
    pricing: offer.pricing,
    installmentAmount: formatMoney(offer.installmentAmount),
    totalInterest: formatMoney(offer.totalInterest),
    totalFees: formatMoney(offer.totalFees),
    totalRepayable: formatMoney(offer.totalRepayable),
    aprPercent: offer.aprPercent,
  };
}

function presentDecision(referral: Referral): LenderDecisionViewDto | null {
  if (!referral.decidedAt) return null;
  return {
    // An approval always records the amount approved; a decline never does.
    decision: referral.approvedAmount !== null ? 'approved' : 'declined',
    approvedAmount: referral.approvedAmount === null ? null : formatMoney(referral.approvedAmount),
    declineReason: referral.declineReason,
    decidedAt: referral.decidedAt.toISOString(),
  };
}

function presentFee(fee: ReferralFee | null): ReferralFeeViewDto | null {
  return fee ? { amount: formatMoney(fee.fee), feePercent: fee.feePercent } : null;
}
