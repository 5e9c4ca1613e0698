import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type DataOwner, type Principal } from '../auth/principal.js';
import { ValidationFailedError } from '../common/errors/domain-error.js';
import type { Language } from '../common/http/language.js';
import { formatMoney, parseMoney } from '../common/money.js';
import { mapPage, type Page } from '../common/pagination/pagination.js';
import { ConsentsService } from '../consents/consents.service.js';
import { insertRows } from '../installments/insert-rows.js';
import { canTake, effectiveStatus, referralFeeMinor, transitionOf, type ReferralAction } from './domain/index.js';
import type { FundingDto, InboundReferralDto, InboundReferralListQueryDto, LenderDecisionDto } from './dto/inbound-referral.dto.js';
import { AmountAboveLimitError, ReferralStateConflictError } from './referral-errors.js';
import { ReferralEvents } from './referral-events.js';
import { ReferralFee } from './referral-fee.entity.js';
import { findReferral, listReferrals, loadInboundViews } from './referral-queries.js';
import { Referral } from './referral.entity.js';
import { type InboundReferralView, presentInboundReferral } from './referral.presenter.js';

/** The lender's side: referrals routed to it, its decision, and the funding that earns the referrer its fee. */
@Injectable()
export class InboundReferralsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ReferralEvents,
    private readonly consents: ConsentsService,
  ) {}

  async get(owner: DataOwner, id: string, language: Language, now = new Date()): Promise<InboundReferralDto> {
    return presentInboundReferral(await this.view(this.dataSource.manager, owner, id), language, now);
  }

  async list(owner: DataOwner, query: InboundReferralListQueryDto, language: Language, now = new Date()): Promise<Page<InboundReferralDto>> {
    const manager = this.dataSource.manager;
    const page = await listReferrals(manager, 'lender', owner, query.status, query, now);
    const views = await loadInboundViews(manager, page.data);
    return mapPage({ ...page, data: views }, (view) => presentInboundReferral(view, language, now));
  }

  /** Approve (up to the offer's amount, by default all of it) or decline a submitted referral. */
  async decide(principal: Principal, id: string, input: LenderDecisionDto, language: Language, now = new Date()): Promise<InboundReferralDto> {
    const view = await this.view(this.dataSource.manager, principal, id);
    const approving = input.decision === 'approved';
    if (approving && input.declineReason !== undefined) throw new ValidationFailedError([{ field: 'declineReason', message: 'declineReason is for a declined referral' }]);
    if (!approving && input.approvedAmount !== undefined) throw new ValidationFailedError([{ field: 'approvedAmount', message: 'approvedAmount is for an approved referral' }]);
    const action: ReferralAction = approving ? 'approve' : 'decline';
    this.assertCan(action, view.referral, now);
    const offer = view.offers.find((candidate) => candidate.id === view.referral.acceptedOfferId)!;
    let approvedAmount: number | null = null;
    if (approving) {
      approvedAmount = input.approvedAmount === undefined ? offer.amount : parseMoney(input.approvedAmount);
      if (approvedAmount <= 0) throw new ValidationFailedError([{ field: 'approvedAmount', message: 'approvedAmount must be more than 0.00' }]);
      if (approvedAmount > offer.amount) throw new AmountAboveLimitError('approvedAmount', formatMoney(offer.amount), "the offer's amount");
    }
    // Approving goes on processing what the applicant shared, so it needs the consent in force
    // (locked, so a revoke cannot slip in between); declining closes the matter and never does.
    const checkConsent = approving
      ? (manager: EntityManager) => this.consents.authorizeLocked(manager, { tenantId: view.referral.tenantId, mode: view.referral.mode }, view.referral.consentId, 'referral_sharing', now)
      : undefined;
    return this.transition(view, action, { decidedAt: now, approvedAmount, declineReason: approving ? null : (input.declineReason ?? null) }, language, now, checkConsent);
  }

  /**
   * Records the payout of an approved referral and, in the same transaction, the referral fee
   * owed to the referring partner (its attribution record): a percent of the amount funded,
   * at the rate the offer was made with.
   */
  async fund(principal: Principal, id: string, input: FundingDto, language: Language, now = new Date()): Promise<InboundReferralDto> {
    const view = await this.view(this.dataSource.manager, principal, id);
    this.assertCan('fund', view.referral, now);
    const approved = view.referral.approvedAmount!;
    const amount = input.amount === undefined ? approved : parseMoney(input.amount);
    if (amount <= 0) throw new ValidationFailedError([{ field: 'amount', message: 'amount must be more than 0.00' }]);
    if (amount > approved) throw new AmountAboveLimitError('amount', formatMoney(approved), 'the approved amount');
    const offer = view.offers.find((candidate) => candidate.id === view.referral.acceptedOfferId)!;
    view.fee = Object.assign(new ReferralFee(), {
      referralId: view.referral.id,
      referrerTenantId: view.referral.tenantId,
      lenderTenantId: principal.tenantId,
      mode: view.referral.mode,
      lenderProductId: offer.lenderProductId,
      fundedAmount: amount,
      feePercent: offer.referralFeePercent,
      fee: referralFeeMinor(amount, offer.referralFeePercent),
      currency: offer.currency,
      createdAt: now,
    });
    return this.transition(view, 'fund', { fundedAmount: amount, fundedAt: now }, language, now);
  }

  private async view(manager: EntityManager, owner: DataOwner, id: string): Promise<InboundReferralView> {
    const referral = await findReferral(manager, 'lender', owner, id);
    const [view] = await loadInboundViews(manager, [referral]);
    return view;
  }

  private assertCan(action: ReferralAction, referral: Referral, now: Date): void {
    const status = effectiveStatus(referral.status, referral.expiresAt, now);
    if (!canTake(action, status)) throw new ReferralStateConflictError(referral.id, status, transitionOf(action).from);
  }

  /**
   * Moves the referral on with a conditional UPDATE (a concurrent decision loses with a 409,
   * never overwrites), writes the fee if there is one, and tells the referrer.
   */
  private async transition(
    view: InboundReferralView,
    action: ReferralAction,
    changes: Partial<Referral>,
    language: Language,
    now: Date,
    precondition?: (manager: EntityManager) => Promise<unknown>,
  ): Promise<InboundReferralDto> {
    const { from, to } = transitionOf(action);
    const { referral } = view;
    const deliveries = await this.dataSource.transaction(async (manager) => {
      if (precondition) await precondition(manager);
      const updated = await manager
        .createQueryBuilder()
        .update(Referral)
        .set({ ...changes, status: to, updatedAt: now })
        .where({ id: referral.id, lenderTenantId: referral.lenderTenantId, mode: referral.mode, status: from })
        .execute();
      if (updated.affected !== 1) {
        const current = await manager.findOneByOrFail(Referral, { id: referral.id });
        throw new ReferralStateConflictError(referral.id, effectiveStatus(current.status, current.expiresAt, now), from);
      }
      if (view.fee) await insertRows(manager, ReferralFee, view.fee);
      Object.assign(referral, changes, { status: to, updatedAt: now });
      return this.events.statusChanged(manager, view, 'en', now);
    });
    this.events.dispatchSoon(deliveries);
    return presentInboundReferral(view, language, now);
  }
}
