import { formatMoney } from '../common/money.js';
import type { PayoffQuote } from './domain/index.js';
import type { PayoffLineDto, RepaymentDto } from './dto/repayment.dto.js';
import type { InstallmentRepayment } from './installment-repayment.entity.js';

export function presentRepayment(repayment: InstallmentRepayment): RepaymentDto {
  return {
    id: repayment.id,
    planId: repayment.planId,
    kind: repayment.kind,
    amount: formatMoney(repayment.amount),
    currency: repayment.currency,
    allocation: {
      fees: formatMoney(repayment.fees),
      interest: formatMoney(repayment.interest),
      principal: formatMoney(repayment.principal),
      installments: repayment.allocations.map((item) => ({
        n: item.n,
        fee: formatMoney(item.fee),
        interest: formatMoney(item.interest),
        principal: formatMoney(item.principal),
        total: formatMoney(item.total),
        settled: item.settled,
      })),
    },
    creditRestored: formatMoney(repayment.principal),
    paidAt: repayment.paidAt.toISOString(),
    createdAt: repayment.createdAt.toISOString(),
  };
}

export function presentPayoffLines(quote: PayoffQuote): PayoffLineDto[] {
  return quote.lines.map((line) => ({
    n: line.n,
    dueDate: line.dueDate,
    status: line.status,
    principal: formatMoney(line.principal),
    interest: formatMoney(line.interest),
    fee: formatMoney(line.fee),
    total: formatMoney(line.total),
    interestWaived: formatMoney(line.interestWaived),
    feeWaived: formatMoney(line.feeWaived),
  }));
}
