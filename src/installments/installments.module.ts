import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScoresModule } from '../scoring/scores.module.js';
import { ConsentsModule } from '../consents/consents.module.js';
import { WebhookPublisherModule } from '../webhooks/webhook-publisher.module.js';
import { CreditLine } from './credit-line.entity.js';
import { CreditLinesController } from './credit-lines.controller.js';
import { CreditLinesService } from './credit-lines.service.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { DEFAULT_INSTALLMENT_POLICY, INSTALLMENT_POLICY } from './installment-policy.js';
import { InstallmentQuote } from './installment-quote.entity.js';
import { InstallmentRepayment } from './installment-repayment.entity.js';
import { PlanClosingService } from './plan-closing.service.js';
import { PlanRepaymentsService } from './plan-repayments.service.js';
import { PlanServicingController } from './plan-servicing.controller.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';
import { QuotesController } from './quotes.controller.js';
import { QuotesService } from './quotes.service.js';

/**
 * Installment quotes, plans and credit lines (DESIGN §3 Installments, §5). The arithmetic is
 * the pure `domain/`; this module adds storage and the business rules around it:
 * - `overdue` is derived on every read (an unsettled installment due before today in
 *   Asia/Shanghai), never stored, so it needs no job and cannot go stale;
 * - overpayment is refused (422 `repayment_exceeds_balance`); early payoff is its own route
 *   and waives interest and fees of periods not yet started;
 * - a plan can be cancelled at no cost within `coolingOffDays` (7) if nothing was repaid;
 * - quotes without pricing use `defaultPricing` (fee_per_period 0.60 %) until tenants carry
 *   their own; the true APR may not exceed the legal cap (24 %).
 * `CreditLinesService` is exported so other products (a score's credit limit) can open lines.
 */
@Module({
  imports: [TypeOrmModule.forFeature([InstallmentQuote, CreditLine, InstallmentPlan, PlanInstallment, InstallmentRepayment]), ConsentsModule, ScoresModule, WebhookPublisherModule],
  controllers: [QuotesController, CreditLinesController, PlansController, PlanServicingController],
  providers: [
    { provide: INSTALLMENT_POLICY, useValue: DEFAULT_INSTALLMENT_POLICY },
    QuotesService,
    CreditLinesService,
    PlansService,
    PlanRepaymentsService,
    PlanClosingService,
  ],
  exports: [CreditLinesService],
})
export class InstallmentsModule {}
