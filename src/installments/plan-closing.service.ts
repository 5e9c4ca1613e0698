import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import { CreditLinesService } from './credit-lines.service.js';
import { quotePayoff, type PayoffQuote } from './domain/index.js';
import type { PayoffRequestDto } from './dto/repayment.dto.js';
import { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { InstallmentRepayment } from './installment-repayment.entity.js';
import { CoolingOffExpiredError, PayoffAmountChangedError, PlanHasRepaymentsError } from './installment-errors.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { insertRows } from './insert-rows.js';
import { assertActive, assertPlanCurrency, findPlan, loadPlanView } from './plan-queries.js';
import { coolingOffEnd, type PlanView } from './plan.presenter.js';
import { outstandingOn, paidOn } from './plan-state.js';

export interface PayoffResult {
  quote: PayoffQuote;
  view: PlanView;
  /** the payoff repayment, when executed */
  repayment: InstallmentRepayment | null;
}

/**
 * The two ways a plan closes early. Early payoff (DESIGN §3) charges unpaid principal,
 * interest accrued to the payoff date (the current period pro rata by days) and the fees of
 * periods already started; interest and fees of periods not yet started are waived. That is
 * the fee-plan policy too: a fee is earned when its period starts. Cancelling inside the
 * cooling-off window costs nothing. Both release the plan's remaining credit.
 */
@Injectable()
export class PlanClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly creditLines: CreditLinesService,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  async payoff(principal: Principal, planId: string, input: PayoffRequestDto, now = new Date()): Promise<PayoffResult> {
    if (input.execute === false) {
      const view = await loadPlanView(this.dataSource.manager, await findPlan(this.dataSource.manager, principal, planId));
      assertActive(view.plan);
      assertPlanCurrency(view.plan, input.currency);
      return { quote: payoffQuote(view, now), view, repayment: null };
    }
    return this.dataSource.transaction(async (manager) => {
      const view = await loadPlanView(manager, await findPlan(manager, principal, planId, true));
      assertActive(view.plan);
      assertPlanCurrency(view.plan, input.currency);
      const quote = payoffQuote(view, now);
      if (input.amount !== undefined && parseMoney(input.amount) !== quote.total) throw new PayoffAmountChangedError(parseMoney(input.amount), quote.total);
      const installments = await this.settle(manager, view.installments, quote);
      const { plan } = view;
      await this.creditLines.release(manager, plan, plan.customerRef, quote.principal);
      Object.assign(plan, { status: 'paid_off' as const, paidOffAt: now, updatedAt: now });
      await manager.update(InstallmentPlan, { id: plan.id }, { status: plan.status, paidOffAt: now, updatedAt: now });
      const repayment = Object.assign(new InstallmentRepayment(), {
        id: newId('rep'),
        tenantId: plan.tenantId,
        planId: plan.id,
        kind: 'payoff' as const,
        amount: quote.total,
        currency: plan.currency,
        principal: quote.principal,
        interest: quote.interest,
        fees: quote.fees,
        interestWaived: quote.interestWaived,
        feesWaived: quote.feesWaived,
        refundDue: quote.refundDue,
        allocations: quote.lines
          .filter((line) => line.total > 0)
          .map((line) => ({ n: line.n, fee: line.fee, interest: line.interest, principal: line.principal, total: line.total, settled: true })),
        paidAt: now,
        createdAt: now,
      });
      await insertRows(manager, InstallmentRepayment, repayment);
      return { quote, view: { plan, installments }, repayment };
    });
  }

  /** Cancels a plan with no repayments inside the cooling-off window; cancelling again is a no-op. */
  async cancel(principal: Principal, planId: string, now = new Date()): Promise<PlanView> {
    return this.dataSource.transaction(async (manager) => {
      const view = await loadPlanView(manager, await findPlan(manager, principal, planId, true));
      const { plan } = view;
      if (plan.status === 'cancelled') return view;
      assertActive(plan);
      const windowEnd = coolingOffEnd(plan, this.policy.coolingOffDays);
      if (now.getTime() > windowEnd.getTime()) throw new CoolingOffExpiredError(plan.id, windowEnd);
      if (paidOn(view.installments).total > 0) throw new PlanHasRepaymentsError(plan.id);
      await this.creditLines.release(manager, plan, plan.customerRef, outstandingOn(plan.status, view.installments).principal);
      Object.assign(plan, { status: 'cancelled' as const, cancelledAt: now, updatedAt: now });
      await manager.update(InstallmentPlan, { id: plan.id }, { status: plan.status, cancelledAt: now, updatedAt: now });
      return view;
    });
  }

  /** Marks every installment paid as the payoff quote says, recording what was waived. */
  private async settle(manager: EntityManager, installments: PlanInstallment[], quote: PayoffQuote): Promise<PlanInstallment[]> {
    const lines = new Map(quote.lines.map((line) => [line.n, line]));
    for (const row of installments) {
      const line = lines.get(row.n);
      if (!line) continue;
      Object.assign(row, {
        principalPaid: row.principalPaid + line.principal,
        interestPaid: row.interestPaid + line.interest,
        feePaid: row.feePaid + line.fee,
        interestWaived: line.interestWaived,
        feeWaived: line.feeWaived,
      });
      await manager.update(
        PlanInstallment,
        { planId: row.planId, n: row.n },
        { principalPaid: row.principalPaid, interestPaid: row.interestPaid, feePaid: row.feePaid, interestWaived: row.interestWaived, feeWaived: row.feeWaived },
      );
    }
    return installments;
  }
}

/** Payoff as of today in Asia/Shanghai; before the plan starts, as of its start date (principal only). */
function payoffQuote({ plan, installments }: PlanView, now: Date): PayoffQuote {
  const today = chinaDate(now);
  return quotePayoff({ startDate: plan.startDate, installments }, today < plan.startDate ? plan.startDate : today);
}
