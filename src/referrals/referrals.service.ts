import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { type FieldError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import type { Language } from '../common/http/language.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { mapPage, type Page } from '../common/pagination/pagination.js';
import { ConsentsService } from '../consents/consents.service.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import { provinceRegion } from '../identity/domain/regions.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from '../installments/installment-policy.js';
import { insertRows } from '../installments/insert-rows.js';
import { UsageRecorder } from '../metering/usage-recorder.service.js';
import { ScoreDecision } from '../scoring/score-decision.entity.js';
import { canTake, effectiveStatus, isReferable, type ReferralAsk } from './domain/index.js';
import type { CreateReferralDto, ReferralDto, ReferralListQueryDto } from './dto/referral.dto.js';
import { LenderProduct } from './lender-product.entity.js';
import { type CandidateProduct, matchOffers } from './offer-matching.js';
import { OfferNotFoundError, OfferUnavailableError, ProductMismatchError, ReferralStateConflictError, ScoreRequiredError, ScoreStaleError, ScoreSubjectMismatchError } from './referral-errors.js';
import { ReferralEvents } from './referral-events.js';
import { REFERRAL_POLICY } from './referral-policy.js';
import { findReferral, listReferrals, loadView, loadViews } from './referral-queries.js';
import { ReferralOffer } from './referral-offer.entity.js';
import { Referral } from './referral.entity.js';
import { presentReferral } from './referral.presenter.js';

const DAY_MS = 24 * 3_600_000;

/** The referring partner's side: refer an applicant, see the offers, accept one. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INSTALLMENT_POLICY) private readonly installmentPolicy: InstallmentPolicy,
    private readonly consents: ConsentsService,
    private readonly usage: UsageRecorder,
    private readonly events: ReferralEvents,
  ) {}

  /**
   * Matches the applicant's score against every active lender product of this mode and stores
   * the referral with its ranked offers. The referral, its offers, the consent use and the
   * billable usage event are one transaction.
   */
  async create(principal: Principal, input: CreateReferralDto, language: Language, now = new Date()): Promise<ReferralDto> {
    const errors: FieldError[] = [];
    const subject = this.consents.subjectKeys(
      { idNumber: input.applicant.idNumber, phone: input.applicant.phone, customerRef: input.applicant.customerRef },
      now,
      errors,
      'applicant',
    );
    const region = input.applicant.residenceRegion;
    if (region !== undefined && !provinceRegion(region)) errors.push({ field: 'applicant.residenceRegion', message: `${region} is not a province-level region code` });
    if (parseMoney(input.request.amount) === 0) errors.push({ field: 'request.amount', message: 'amount must be more than 0.00' });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const currency = input.request.currency;

    const score = await this.scoreFor(principal, input, subject.idNumberHash!, now);

    const referral = Object.assign(new Referral(), {
      id: newId('ref'),
      tenantId: principal.tenantId,
      mode: principal.mode,
      apiKeyId: principal.keyId,
      consentId: input.consentId,
      scoreId: score.id,
      product: score.product,
      idNumberHash: score.idNumberHash,
      customerRef: input.applicant.customerRef ?? null,
      residenceRegion: input.applicant.residenceRegion ?? null,
      amount: parseMoney(input.request.amount),
      currency,
      termMonths: input.request.termMonths,
      purpose: input.request.purpose ?? null,
      score: {
        creditScore: score.creditScore,
        fraudScore: score.fraudScore,
        grade: score.grade,
        decision: score.decision,
        modelVersion: score.modelVersion,
        reasons: score.reasons,
      },
      status: 'offered' as const,
      expiresAt: new Date(now.getTime() + REFERRAL_POLICY.offerTtlMs),
      acceptedOfferId: null,
      lenderTenantId: null,
      submittedAt: null,
      decidedAt: null,
      approvedAmount: null,
      declineReason: null,
      fundedAmount: null,
      fundedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const ask: ReferralAsk = {
      product: referral.product,
      currency,
      creditScore: score.creditScore,
      fraudScore: score.fraudScore,
      amountMinor: referral.amount,
      termMonths: referral.termMonths,
      residenceRegion: referral.residenceRegion,
    };

    const offers = await this.dataSource.transaction(async (manager) => {
      // Under a share lock, before any matching: a revoke committing meanwhile waits for this referral.
      const consent = await this.consents.authorizeLocked(manager, principal, input.consentId, 'referral_sharing', now, subject);
      const candidates = isReferable(score.decisionReasons) ? await this.candidates(manager, principal, ask) : [];
      const offers = matchOffers(referral.id, ask, candidates, chinaDate(now), this.installmentPolicy.schedule);
      await insertRows(manager, Referral, referral);
      if (offers.length > 0) await insertRows(manager, ReferralOffer, offers);
      await this.consents.recordUse(manager, consent, 'referral_sharing', referral.id, now);
      await this.usage.recordBillable(manager, {
        tenantId: principal.tenantId,
        mode: principal.mode,
        apiKeyId: principal.keyId,
        product: 'referrals',
        route: 'POST /v1/referrals',
        units: 1,
        resourceId: referral.id,
        isCall: true,
        occurredAt: now,
      });
      return offers;
    });
    return presentReferral({ referral, offers, fee: null }, language, now);
  }

  async get(owner: DataOwner, id: string, language: Language, now = new Date()): Promise<ReferralDto> {
    const manager = this.dataSource.manager;
    return presentReferral(await loadView(manager, await findReferral(manager, 'referrer', owner, id)), language, now);
  }

  async list(owner: DataOwner, query: ReferralListQueryDto, language: Language, now = new Date()): Promise<Page<ReferralDto>> {
    const manager = this.dataSource.manager;
    const page = await listReferrals(manager, 'referrer', owner, query.status, query, now);
    const views = await loadViews(manager, page.data);
    return mapPage({ ...page, data: views }, (view) => presentReferral(view, language, now));
  }

  /**
   * The applicant takes one offer: the referral goes to that lender (`submitted`), which is
   * told by a `referral.submitted` event; the consent must still authorise sharing. The
   * conditional UPDATE makes a second accept (of any offer) a 409, never a second lender.
   */
  async accept(principal: Principal, id: string, offerId: string, language: Language, now = new Date()): Promise<ReferralDto> {
    const view = await loadView(this.dataSource.manager, await findReferral(this.dataSource.manager, 'referrer', principal, id));
    const { referral } = view;
    const status = effectiveStatus(referral.status, referral.expiresAt, now);
    if (!canTake('accept', status)) throw new ReferralStateConflictError(id, status, 'offered');
    const offer = view.offers.find((candidate) => candidate.id === offerId);
    if (!offer) throw new OfferNotFoundError(id, offerId);
    const deliveries = await this.dataSource.transaction(async (manager) => {
      // These locks make a concurrent revoke, pause or suspension wait for this accept, never overtake it.
      const consent = await this.consents.authorizeLocked(manager, principal, referral.consentId, 'referral_sharing', now);
      const live: { status: string }[] = await manager.query(
        `SELECT p.status FROM lender_products p JOIN tenants t ON t.id = p.tenant_id
          WHERE p.id = $1 AND p.status = 'active' AND t.status = 'active' FOR SHARE OF p, t`,
        [offer.lenderProductId],
      );
      if (live.length === 0) throw new OfferUnavailableError(offerId);
      const updated = await manager
        .createQueryBuilder()
        .update(Referral)
        .set({ status: 'submitted', acceptedOfferId: offer.id, lenderTenantId: offer.lenderTenantId, submittedAt: now, updatedAt: now })
        .where({ id, ...ownerFilter(principal), status: 'offered' })
        .andWhere('expires_at > :now', { now })
        .execute();
      if (updated.affected !== 1) await this.conflict(manager, principal, id, now);
      Object.assign(referral, { status: 'submitted', acceptedOfferId: offer.id, lenderTenantId: offer.lenderTenantId, submittedAt: now, updatedAt: now });
      // The sharing itself is a use of the consent: the offer names the lender the data went to.
      await this.consents.recordUse(manager, consent, 'referral_sharing', offer.id, now);
      return this.events.submitted(manager, view, language, now);
    });
    this.events.dispatchSoon(deliveries);
    return presentReferral(view, language, now);
  }

  /** A score of this tenant and mode, of this applicant, recent enough to match lenders on: the one named, or the latest. */
  private async scoreFor(owner: DataOwner, input: CreateReferralDto, idNumberHash: string, now: Date): Promise<ScoreDecision> {
    const oldest = new Date(now.getTime() - REFERRAL_POLICY.maxScoreAgeDays * DAY_MS);
    const manager = this.dataSource.manager;
    let score: ScoreDecision | null;
    if (input.scoreId === undefined) {
      // The (tenant, mode, id_number_hash, id) index: ids sort by time, so this reads one row.
      const product = input.product === undefined ? {} : { product: input.product };
      score = await manager.findOne(ScoreDecision, { where: { ...ownerFilter(owner), idNumberHash, ...product }, order: { id: 'DESC' } });
      if (!score || score.createdAt.getTime() < oldest.getTime()) throw new ScoreRequiredError(REFERRAL_POLICY.maxScoreAgeDays);
    } else {
      score = await manager.findOneBy(ScoreDecision, { id: input.scoreId, ...ownerFilter(owner) });
      if (!score) throw new NotFoundError('score', input.scoreId);
      if (score.idNumberHash !== idNumberHash) throw new ScoreSubjectMismatchError(score.id);
      if (score.createdAt.getTime() < oldest.getTime()) throw new ScoreStaleError(score.id, REFERRAL_POLICY.maxScoreAgeDays);
    }
    if (input.product !== undefined && input.product !== score.product) throw new ProductMismatchError(score.id, score.product);
    return score;
  }

  /**
   * Active products of this mode, from lenders whose account is active, that may lend to this
   * ask. The SQL narrows by the indexed and cheap bounds so matching stays small as lenders
   * publish more; `ineligibility` (pure, unit-tested) still decides each product.
   */
  private async candidates(manager: EntityManager, owner: DataOwner, ask: ReferralAsk): Promise<CandidateProduct[]> {
    const rows = await manager
      .createQueryBuilder(LenderProduct, 'product')
      .innerJoin('tenants', 'lender', 'lender.id = product.tenant_id')
      .addSelect('lender.name', 'lender_name')
      .where({ mode: owner.mode, product: ask.product, status: 'active', currency: ask.currency })
      .andWhere("lender.status = 'active'")
      // Never its own products: a partner cannot earn a referral fee from itself.
      .andWhere('product.tenant_id <> :referrer', { referrer: owner.tenantId })
      .andWhere(':score BETWEEN product.min_credit_score AND product.max_credit_score', { score: ask.creditScore })
      .andWhere('(product.max_fraud_score IS NULL OR product.max_fraud_score >= :fraud)', { fraud: ask.fraudScore })
      .andWhere(':amount BETWEEN product.min_amount AND product.max_amount', { amount: ask.amountMinor })
      .andWhere(':term = ANY(product.term_months)', { term: ask.termMonths })
      .andWhere('(cardinality(product.regions) = 0 OR :region = ANY(product.regions))', { region: ask.residenceRegion })
      .getRawAndEntities<{ product_id: string; lender_name: string }>();
    const lenderNames = new Map(rows.raw.map((row) => [row.product_id, row.lender_name]));
    return rows.entities.map((entity) => ({ product: entity, lenderName: lenderNames.get(entity.id) ?? '' }));
  }

  /** Why the conditional UPDATE matched nothing: the referral changed since it was read. */
  private async conflict(manager: EntityManager, owner: DataOwner, id: string, now: Date): Promise<never> {
    const current = await findReferral(manager, 'referrer', owner, id);
    throw new ReferralStateConflictError(id, effectiveStatus(current.status, current.expiresAt, now), 'offered');
  }
}
