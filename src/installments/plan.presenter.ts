import type { Language } from '../common/http/language.js';
import { formatMoney } from '../common/money.js';
import { disclosureText } from './disclosure.js';
import type { AmountsDto, PlanDto, PlanInstallmentDto } from './dto/plan.dto.js';
import type { InstallmentPlan, PlanInstallment } from './installment-plan.entity.js';
import { type Amounts, asScheduleLines, installmentStatus, nextInstallment, outstandingOn, owedOn, paidOn, planStatus } from './plan-state.js';
import { rateOf } from './quote.presenter.js';

/** A plan with its installment rows: what every plan response is built from. */
export interface PlanView {
  plan: InstallmentPlan;
  installments: PlanInstallment[];
}

export interface PresentContext {
  language: Language;
  /** today in Asia/Shanghai, `YYYY-MM-DD`: decides `overdue` */
  today: string;
  coolingOffDays: number;
}

function presentAmounts(amounts: Amounts): AmountsDto {
  return {
    principal: formatMoney(amounts.principal),
    interest: formatMoney(amounts.interest),
    fees: formatMoney(amounts.fees),
    total: formatMoney(amounts.total),
  };
}

function presentInstallment(item: PlanInstallment, plan: InstallmentPlan, today: string): PlanInstallmentDto {
  return {
    n: item.n,
    dueDate: item.dueDate,
    principal: formatMoney(item.principal),
    interest: formatMoney(item.interest),
    fee: formatMoney(item.fee),
    total: formatMoney(item.principal + item.interest + item.fee),
    remainingBalance: formatMoney(item.remainingBalance),
    principalPaid: formatMoney(item.principalPaid),
    interestPaid: formatMoney(item.interestPaid),
    feePaid: formatMoney(item.feePaid),
    interestWaived: formatMoney(item.interestWaived),
    feeWaived: formatMoney(item.feeWaived),
    amountDue: formatMoney(plan.status === 'cancelled' ? 0 : owedOn(item).total),
    status: installmentStatus(item, plan.status, today),
  };
}

export function coolingOffEnd(plan: InstallmentPlan, coolingOffDays: number): Date {
  return new Date(plan.createdAt.getTime() + coolingOffDays * 86_400_000);
}

export function presentPlan({ plan, installments }: PlanView, context: PresentContext): PlanDto {
  const ordered = [...installments].sort((a, b) => a.n - b.n);
  const next = nextInstallment(plan.status, ordered);
  const disclosure = disclosureText(
    {
      termMonths: plan.termMonths,
      method: plan.method,
      installmentAmount: plan.installmentAmount,
      totalInterest: plan.totalInterest,
      totalFees: plan.totalFees,
      totalRepayable: plan.totalRepayable,
      aprPercent: plan.aprPercent,
      effectiveAnnualRatePercent: plan.effectiveAnnualRatePercent,
      schedule: asScheduleLines(ordered),
    },
    plan.currency,
    context.language,
  );
  return {
    id: plan.id,
    status: planStatus(plan.status, ordered, context.today),
    customerRef: plan.customerRef,
    quoteId: plan.quoteId,
    consentId: plan.consentId,
    currency: plan.currency,
    method: plan.method,
    ...rateOf(plan.pricing),
    termMonths: plan.termMonths,
    principal: formatMoney(plan.principal),
    installmentAmount: formatMoney(plan.installmentAmount),
    totalInterest: formatMoney(plan.totalInterest),
    totalFees: formatMoney(plan.totalFees),
    totalRepayable: formatMoney(plan.totalRepayable),
    aprPercent: plan.aprPercent,
    effectiveAnnualRatePercent: plan.effectiveAnnualRatePercent,
    startDate: plan.startDate,
    disclosure,
    paid: presentAmounts(paidOn(ordered)),
    outstanding: presentAmounts(outstandingOn(plan.status, ordered)),
    nextInstallment: next ? { n: next.item.n, dueDate: next.item.dueDate, amountDue: formatMoney(next.owed.total) } : null,
    schedule: ordered.map((item) => presentInstallment(item, plan, context.today)),
    coolingOffEndsAt: coolingOffEnd(plan, context.coolingOffDays).toISOString(),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    paidOffAt: plan.paidOffAt ? plan.paidOffAt.toISOString() : null,
    cancelledAt: plan.cancelledAt ? plan.cancelledAt.toISOString() : null,
  };
}
