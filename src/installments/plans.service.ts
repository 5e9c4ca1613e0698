import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DataOwner, Principal } from '../auth/principal.js';
import { newId } from '../common/ids.js';
import type { Page } from '../common/pagination/pagination.js';
import { ConsentRequiredError } from '../consents/consent-errors.js';
import { ConsentsService } from '../consents/consents.service.js';
import { UsageRecorder } from '../metering/usage-recorder.service.js';
import { WebhookPublisher } from '../webhooks/webhook-publisher.service.js';
import { CreditLinesService } from './credit-lines.service.js';
import type { CreatePlanDto, PlanDto, PlanListQueryDto } from './dto/plan.dto.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { QuoteExpiredError, TermNotQuotedError } from './installment-errors.js';
import type { InstallmentQuote, QuoteOption } from './installment-quote.entity.js';
import { insertRows } from './insert-rows.js';
import { findPlan, listPlans, loadPlanView } from './plan-queries.js';
import { type PlanView, presentPlan, type PresentContext } from './plan.presenter.js';
import { QuotesService } from './quotes.service.js';

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quotes: QuotesService,
    private readonly creditLines: CreditLinesService,
    private readonly consents: ConsentsService,
    private readonly usage: UsageRecorder,
    private readonly webhooks: WebhookPublisher,
  ) {}

  /**
   * Opens a plan from a quote option. The credit draw, the plan, its installments, the
   * consent use, the billable usage event and the `installment_plan.created` webhook event are
   * one transaction: a failure anywhere leaves no trace, and the draw's conditional UPDATE
   * makes concurrent plans on one line queue rather than overdraw it. Returns the plan as
   * presented in `context`, which is also the event's `data` (the resource as GET returns it).
   */
  async open(principal: Principal, input: CreatePlanDto, context: PresentContext, now = new Date()): Promise<PlanDto> {
    const tenantId = principal.tenantId;
    const quote = await this.quotes.get(principal, input.quoteId);
    if (quote.expiresAt.getTime() <= now.getTime()) throw new QuoteExpiredError(quote.id);
    const option = quote.options.find((candidate) => candidate.termMonths === input.termMonths);
    if (!option) throw new TermNotQuotedError(quote.id, input.termMonths, quote.options.map((candidate) => candidate.termMonths));
    if (input.consentId === undefined) throw new ConsentRequiredError('Opening a plan needs a consent with purpose installment_plan naming the customer: send its id as consentId.');
    const consent = await this.consents.authorize(principal, input.consentId, 'installment_plan', { customerRef: quote.customerRef }, now);

    const plan = this.planFrom(quote, option, consent.id, now);
    const installments = option.schedule.map((line) =>
      Object.assign(new PlanInstallment(), {
        planId: plan.id,
        n: line.n,
        dueDate: line.dueDate,
        principal: line.principal,
        interest: line.interest,
        fee: line.fee,
        remainingBalance: line.remainingBalance,
        principalPaid: 0,
        interestPaid: 0,
        feePaid: 0,
        interestWaived: 0,
        feeWaived: 0,
      }),
    );
    const presented = presentPlan({ plan, installments }, context);
    const deliveries = await this.dataSource.transaction(async (manager) => {
      await this.creditLines.draw(manager, principal, quote.customerRef, quote.currency, quote.amount);
      await insertRows(manager, InstallmentPlan, plan);
      await insertRows(manager, PlanInstallment, installments);
      await this.consents.recordUse(manager, consent, 'installment_plan', plan.id, now);
      await this.usage.recordBillable(manager, {
        tenantId,
        mode: principal.mode,
        apiKeyId: principal.keyId,
        product: 'installments',
        route: 'POST /v1/installment-plans',
        units: 1,
        resourceId: plan.id,
        isCall: true,
        occurredAt: now,
      });
      return this.webhooks.record(manager, { tenantId, mode: principal.mode, type: 'installment_plan.created', subjectId: plan.id, data: presented }, now);
    });
    this.webhooks.dispatchSoon(deliveries);
    return presented;
  }

  async get(owner: DataOwner, id: string): Promise<PlanView> {
    return loadPlanView(this.dataSource.manager, await findPlan(this.dataSource.manager, owner, id));
  }

  list(owner: DataOwner, query: PlanListQueryDto, today: string): Promise<Page<PlanView>> {
    return listPlans(this.dataSource.manager, owner, { customerRef: query.customerRef, status: query.status, today }, query);
  }

  private planFrom(quote: InstallmentQuote, option: QuoteOption, consentId: string, now: Date): InstallmentPlan {
    return Object.assign(new InstallmentPlan(), {
      id: newId('pln'),
      tenantId: quote.tenantId,
      mode: quote.mode,
      customerRef: quote.customerRef,
      quoteId: quote.id,
      consentId,
      status: 'active' as const,
      currency: quote.currency,
      method: option.method,
      termMonths: option.termMonths,
      pricing: quote.pricing,
      principal: quote.amount,
      installmentAmount: option.installmentAmount,
      totalInterest: option.totalInterest,
      totalFees: option.totalFees,
      totalRepayable: option.totalRepayable,
      aprPercent: option.aprPercent,
      effectiveAnnualRatePercent: option.effectiveAnnualRatePercent,
      startDate: quote.startDate,
      createdAt: now,
      updatedAt: now,
      paidOffAt: null,
      cancelledAt: null,
    });
  }
}
