import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsentsModule } from '../consents/consents.module.js';
import { DEFAULT_INSTALLMENT_POLICY, INSTALLMENT_POLICY } from '../installments/installment-policy.js';
import { ScoreDecision } from '../scoring/score-decision.entity.js';
import { WebhookPublisherModule } from '../webhooks/webhook-publisher.module.js';
import { InboundReferralsController } from './inbound-referrals.controller.js';
import { InboundReferralsService } from './inbound-referrals.service.js';
import { LenderProductsController } from './lender-products.controller.js';
import { LenderProductsService } from './lender-products.service.js';
import { ReferralEvents } from './referral-events.js';
import { ReferralExpiryScheduler, ReferralsProcessor } from './referral-expiry.processor.js';
import { ReferralExpiry } from './referral-expiry.service.js';
import { REFERRAL_ENTITIES } from './referral.entities.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

/**
 * Referrals (DESIGN §3): lenders publish products, referring partners send applicants and get
 * ranked offers, the applicant accepts one, the lender decides and funds, and a funded
 * referral earns the referrer its fee. The rules are the pure `domain/`; offers are priced by
 * the installments schedule, so an offer's APR is disclosed exactly as a quote's.
 */
@Module({})
export class ReferralsModule {
  /** `http`: the partner API; `workers`: the expiry job. */
  static register(options: { http: boolean; workers: boolean }): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [TypeOrmModule.forFeature([...REFERRAL_ENTITIES, ScoreDecision]), WebhookPublisherModule, ...(options.http ? [ConsentsModule] : [])],
      controllers: options.http ? [LenderProductsController, ReferralsController, InboundReferralsController] : [],
      providers: [
        ReferralEvents,
        ReferralExpiry,
        ...(options.http ? [{ provide: INSTALLMENT_POLICY, useValue: DEFAULT_INSTALLMENT_POLICY }, LenderProductsService, ReferralsService, InboundReferralsService] : []),
        ...(options.workers ? [ReferralsProcessor, ReferralExpiryScheduler] : []),
      ],
    };
  }
}
