/**
 * Early payoff quote: what settles a plan in full on a given date.
 *
 * Conventions (installment k covers the period (start_k, due_k], where start_1 is the plan's
 * start date and start_k = due_{k−1}):
 * - principal: all principal not yet paid;
 * - installments already due (due_k ≤ payoff date): their unpaid interest and fee in full;
 * - the current period (start_k < payoff date < due_k): interest accrues pro rata on actual
 *   days, round_half_up(scheduled interest_k × days elapsed / days in the period); its fee is
 *   due in full, because the period has started;
 * - periods not yet started (payoff date ≤ start_k): interest and fees are waived.
 *   Paying off on the start date therefore costs exactly the principal.
 * - interest or fees already paid beyond what is earned (an instalment paid ahead) are
 *   credited against the payoff amount; if the credit exceeds it, `refundDue` says how much
 *   goes back to the customer.
 * Late-payment charges are not part of this arithmetic.
 */
import { type CivilDate, daysBetween, parseIsoDate } from './due-dates.js';
import { type InstallmentBalance, orderedInstallments } from './installment-state.js';
import { roundHalfUp } from './rates.js';
import { ScheduleInputError } from './schedule-errors.js';

export interface PayoffPlan {
  /** `YYYY-MM-DD`, the start date the schedule was built from */
  readonly startDate: string;
  readonly installments: readonly InstallmentBalance[];
}

/** `due`: due date on or before the payoff date; `current`: period under way; `not_started`. */
export type PayoffPeriodStatus = 'due' | 'current' | 'not_started';

export interface PayoffLine {
  n: number;
  dueDate: string;
  status: PayoffPeriodStatus;
  /** unpaid principal */
  principal: number;
  /** earned and unpaid interest */
  interest: number;
  /** earned and unpaid fee */
  fee: number;
  /** principal + interest + fee */
  total: number;
  /** scheduled interest neither earned nor paid */
  interestWaived: number;
  /** scheduled fee neither earned nor paid */
  feeWaived: number;
  /** interest and fee paid ahead beyond what is earned, credited to the customer */
  unearnedPaid: number;
}

export interface PayoffQuote {
  payoffDate: string;
  principal: number;
  interest: number;
  fees: number;
  /** sum of `unearnedPaid` */
  credit: number;
  /** what the customer pays to close the plan: max(0, principal + interest + fees − credit) */
  total: number;
  /** what goes back to the customer when the credit exceeds the rest: max(0, credit − …) */
  refundDue: number;
  interestWaived: number;
  feesWaived: number;
  lines: PayoffLine[];
}

function parseStoredDate(text: string, what: string): CivilDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${what} is not a YYYY-MM-DD date: ${text}`);
  return date;
}

interface Earned {
  status: PayoffPeriodStatus;
  interest: number;
  fee: number;
}

function earnedBy(item: InstallmentBalance, periodStart: CivilDate, due: CivilDate, payoff: CivilDate): Earned {
  const elapsed = daysBetween(periodStart, payoff);
  const length = daysBetween(periodStart, due);
  if (elapsed >= length) return { status: 'due', interest: item.interest, fee: item.fee };
  if (elapsed <= 0) return { status: 'not_started', interest: 0, fee: 0 };
  const interest = Number(roundHalfUp(BigInt(item.interest) * BigInt(elapsed), BigInt(length)));
  return { status: 'current', interest, fee: item.fee };
}

export function quotePayoff(plan: PayoffPlan, payoffDate: string): PayoffQuote {
  const start = parseStoredDate(plan.startDate, 'plan start date');
  const payoff = parseIsoDate(payoffDate);
  if (!payoff || daysBetween(start, payoff) < 0) {
    throw new ScheduleInputError('payoffDate', 'date_invalid', `payoffDate must be a date YYYY-MM-DD on or after ${plan.startDate}.`);
  }

  let periodStart = start;
  const lines = orderedInstallments(plan.installments).map((item): PayoffLine => {
    const due = parseStoredDate(item.dueDate, `installment ${item.n} due date`);
    if (daysBetween(periodStart, due) <= 0) throw new RangeError(`installment ${item.n} is not due after the one before`);
    const earned = earnedBy(item, periodStart, due, payoff);
    periodStart = due;
    const principal = item.principal - item.principalPaid;
    const interest = Math.max(0, earned.interest - item.interestPaid);
    const fee = Math.max(0, earned.fee - item.feePaid);
    return {
      n: item.n,
      dueDate: item.dueDate,
      status: earned.status,
      principal,
      interest,
      fee,
      total: principal + interest + fee,
      interestWaived: item.interest - Math.max(earned.interest, item.interestPaid),
      feeWaived: item.fee - Math.max(earned.fee, item.feePaid),
      unearnedPaid: Math.max(0, item.interestPaid - earned.interest) + Math.max(0, item.feePaid - earned.fee),
    };
  });

  const sum = (pick: (line: PayoffLine) => number): number => lines.reduce((acc, line) => acc + pick(line), 0);
  const gross = sum((line) => line.total);
  const credit = sum((line) => line.unearnedPaid);
  return {
    payoffDate,
    principal: sum((line) => line.principal),
    interest: sum((line) => line.interest),
    fees: sum((line) => line.fee),
    credit,
    total: Math.max(0, gross - credit),
    refundDue: Math.max(0, credit - gross),
    interestWaived: sum((line) => line.interestWaived),
    feesWaived: sum((line) => line.feeWaived),
    lines,
  };
}
