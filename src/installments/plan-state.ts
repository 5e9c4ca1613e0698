/**
 * What a plan's installment rows say about it, as of a civil date (Asia/Shanghai): pure
 * functions so that status, balances and the next due installment are computed one way
 * for every response.
 */
import type { ScheduleLine } from './domain/index.js';
import type { PlanInstallment, StoredPlanStatus } from './installment-plan.entity.js';

export type PlanStatus = StoredPlanStatus | 'overdue';
export const PLAN_STATUSES: readonly PlanStatus[] = ['active', 'overdue', 'paid_off', 'cancelled'];

export type InstallmentStatus = 'pending' | 'overdue' | 'paid' | 'cancelled';
export const INSTALLMENT_STATUSES: readonly InstallmentStatus[] = ['pending', 'overdue', 'paid', 'cancelled'];

export interface Amounts {
  principal: number;
  interest: number;
  fees: number;
  total: number;
}

/** What is still owed on one installment, component by component (waived amounts are not owed). */
export function owedOn(item: PlanInstallment): Amounts {
  const principal = item.principal - item.principalPaid;
  const interest = item.interest - item.interestPaid - item.interestWaived;
  const fees = item.fee - item.feePaid - item.feeWaived;
  return { principal, interest, fees, total: principal + interest + fees };
}

export function isSettled(item: PlanInstallment): boolean {
  return owedOn(item).total === 0;
}

/** Past due means the due date is before today: paying on the due date is on time. */
export function installmentStatus(item: PlanInstallment, planStatus: StoredPlanStatus, today: string): InstallmentStatus {
  if (isSettled(item)) return 'paid';
  if (planStatus === 'cancelled') return 'cancelled';
  return item.dueDate < today ? 'overdue' : 'pending';
}

export function planStatus(stored: StoredPlanStatus, installments: readonly PlanInstallment[], today: string): PlanStatus {
  if (stored !== 'active') return stored;
  return installments.some((item) => installmentStatus(item, stored, today) === 'overdue') ? 'overdue' : 'active';
}

function sum(values: readonly Amounts[]): Amounts {
  return values.reduce(
    (acc, value) => ({ principal: acc.principal + value.principal, interest: acc.interest + value.interest, fees: acc.fees + value.fees, total: acc.total + value.total }),
    { principal: 0, interest: 0, fees: 0, total: 0 },
  );
}

/** Owed on the whole plan; a cancelled plan owes nothing. */
export function outstandingOn(stored: StoredPlanStatus, installments: readonly PlanInstallment[]): Amounts {
  if (stored === 'cancelled') return { principal: 0, interest: 0, fees: 0, total: 0 };
  return sum(installments.map(owedOn));
}

export function paidOn(installments: readonly PlanInstallment[]): Amounts {
  return sum(
    installments.map((item) => ({
      principal: item.principalPaid,
      interest: item.interestPaid,
      fees: item.feePaid,
      total: item.principalPaid + item.interestPaid + item.feePaid,
    })),
  );
}

/** The oldest installment not yet settled, with what it still needs. */
export function nextInstallment(stored: StoredPlanStatus, installments: readonly PlanInstallment[]): { item: PlanInstallment; owed: Amounts } | undefined {
  if (stored !== 'active') return undefined;
  const item = [...installments].sort((a, b) => a.n - b.n).find((candidate) => !isSettled(candidate));
  return item ? { item, owed: owedOn(item) } : undefined;
}

/** The plan's installments as the schedule module's lines (for the disclosure text). */
export function asScheduleLines(installments: readonly PlanInstallment[]): ScheduleLine[] {
  return [...installments]
    .sort((a, b) => a.n - b.n)
    .map((item) => ({
      n: item.n,
      dueDate: item.dueDate,
      principal: item.principal,
      interest: item.interest,
      fee: item.fee,
      total: item.principal + item.interest + item.fee,
      remainingBalance: item.remainingBalance,
    }));
}

/** SQL for "this plan has an installment past due and unsettled", over alias `plan`, parameter `:today`. */
export const OVERDUE_INSTALLMENT_SQL = `SELECT 1 FROM installment_plan_installments i WHERE i.plan_id = plan.id AND i.due_date < :today
  AND i.principal_paid + i.interest_paid + i.fee_paid + i.interest_waived + i.fee_waived < i.principal + i.interest + i.fee`;
