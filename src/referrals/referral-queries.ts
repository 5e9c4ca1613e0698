/**
 * Loading referrals for the two sides that may see one: the referring partner (`tenantId`)
 * and, once an offer is accepted, the lender it went to (`lenderTenantId`). Each side's
 * filter is its tenant and mode; anything else answers 404.
 */
import { type EntityManager, In } from 'typeorm';
import { type DataOwner, ownerFilter } from '../auth/principal.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { paginate, type Page, type PaginationQueryDto } from '../common/pagination/pagination.js';
import { Consent } from '../consents/consent.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import type { ReferralStatus } from './domain/index.js';
import { ReferralFee } from './referral-fee.entity.js';
import { ReferralOffer } from './referral-offer.entity.js';
import { Referral } from './referral.entity.js';
import type { InboundReferralView, ReferralView } from './referral.presenter.js';

export type ReferralSide = 'referrer' | 'lender';

function sideFilter(side: ReferralSide, owner: DataOwner) {
  return side === 'referrer' ? ownerFilter(owner) : { lenderTenantId: owner.tenantId, mode: owner.mode };
}

export async function findReferral(manager: EntityManager, side: ReferralSide, owner: DataOwner, id: string): Promise<Referral> {
  const referral = await manager.findOneBy(Referral, { id, ...sideFilter(side, owner) });
  if (!referral) throw new NotFoundError(side === 'referrer' ? 'referral' : 'inbound referral', id);
  return referral;
}

export async function loadViews(manager: EntityManager, referrals: Referral[]): Promise<ReferralView[]> {
  if (referrals.length === 0) return [];
  const ids = referrals.map((r) => r.id);
  const [offers, fees] = await Promise.all([
    manager.find(ReferralOffer, { where: { referralId: In(ids) }, order: { rank: 'ASC' } }),
    manager.findBy(ReferralFee, { referralId: In(ids) }),
  ]);
  return referrals.map((referral) => ({
    referral,
    offers: offers.filter((offer) => offer.referralId === referral.id),
    fee: fees.find((fee) => fee.referralId === referral.id) ?? null,
  }));
}

export async function loadView(manager: EntityManager, referral: Referral): Promise<ReferralView> {
  return (await loadViews(manager, [referral]))[0];
}

/** The lender's views of `referrals`. */
export async function loadInboundViews(manager: EntityManager, referrals: Referral[]): Promise<InboundReferralView[]> {
  return withParties(manager, await loadViews(manager, referrals));
}

/** What the lender's view adds to a referral's: the referrer's name, and the consent behind the sharing. */
export async function withParties(manager: EntityManager, views: ReferralView[]): Promise<InboundReferralView[]> {
  if (views.length === 0) return [];
  const [tenants, consents] = await Promise.all([
    manager.findBy(Tenant, { id: In([...new Set(views.map((v) => v.referral.tenantId))]) }),
    manager.findBy(Consent, { id: In(views.map((v) => v.referral.consentId)) }),
  ]);
  return views.map((view) => ({
    ...view,
    referrerName: tenants.find((t) => t.id === view.referral.tenantId)?.name ?? '',
    consent: consents.find((c) => c.id === view.referral.consentId)!,
  }));
}

/**
 * A side's referrals, newest first. `expired` is derived until the expiry job stores it, so
 * filtering on it (or on `offered`) compares `expiresAt` with now. A lender never sees a referral before it is submitted.
 */
export function listReferrals(manager: EntityManager, side: ReferralSide, owner: DataOwner, status: ReferralStatus | undefined, page: PaginationQueryDto, now = new Date()): Promise<Page<Referral>> {
  const query = manager.createQueryBuilder(Referral, 'referral').where(sideFilter(side, owner));
  if (status === 'expired') query.andWhere("(referral.status = 'expired' OR (referral.status = 'offered' AND referral.expires_at <= :now))", { now });
  else if (status === 'offered') query.andWhere("referral.status = 'offered' AND referral.expires_at > :now", { now });
  else if (status) query.andWhere('referral.status = :status', { status });
  return paginate(query, page);
}
