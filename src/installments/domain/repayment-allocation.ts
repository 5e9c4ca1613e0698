/**
 * Repayment allocation: a payment settles the oldest unpaid installment first, and within an
 * installment fees first, then interest, then principal (the order of DESIGN §5, which keeps
 * the lender's cost of carry paid before the principal balance falls). Money left after
 * every installment is settled is returned as `unallocated` for the caller to refund or hold.
 */
import { type InstallmentBalance, orderedInstallments } from './installment-state.js';
import { ScheduleInputError } from './schedule-errors.js';

export interface InstallmentAllocation {
  n: number;
  fee: number;
  interest: number;
  principal: number;
  /** fee + interest + principal */
  total: number;
  /** whether the installment is now fully paid */
  settled: boolean;
}

export interface RepaymentAllocation {
  /** one entry per installment that received money, oldest first */
  allocations: InstallmentAllocation[];
  /** money that found nothing left to pay */
  unallocated: number;
  /** the installments after the payment */
  installments: InstallmentBalance[];
}

export function allocateRepayment(installments: readonly InstallmentBalance[], amountMinor: number): RepaymentAllocation {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new ScheduleInputError('amount', 'amount_invalid', 'amount must be a positive whole number of cents.');
  }
  let left = amountMinor;
  const take = (owed: number): number => {
    const paid = Math.min(owed, left);
    left -= paid;
    return paid;
  };

  const allocations: InstallmentAllocation[] = [];
  const after = orderedInstallments(installments).map((item) => {
    const fee = take(item.fee - item.feePaid);
    const interest = take(item.interest - item.interestPaid);
    const principal = take(item.principal - item.principalPaid);
    const next: InstallmentBalance = {
      ...item,
      feePaid: item.feePaid + fee,
      interestPaid: item.interestPaid + interest,
      principalPaid: item.principalPaid + principal,
    };
    const total = fee + interest + principal;
    if (total > 0) {
      allocations.push({ n: item.n, fee, interest, principal, total, settled: isSettled(next) });
    }
    return next;
  });
  return { allocations, unallocated: left, installments: after };
}

export function isSettled(item: InstallmentBalance): boolean {
  return item.feePaid === item.fee && item.interestPaid === item.interest && item.principalPaid === item.principal;
}
