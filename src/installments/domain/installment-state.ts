/**
 * What is owed and paid on each installment of an open plan: the input of repayment
 * allocation and payoff quotes. Amounts are integer minor units.
 */
import type { ScheduleLine } from './amortization.js';

export interface InstallmentBalance {
  readonly n: number;
  /** `YYYY-MM-DD` */
  readonly dueDate: string;
  /** scheduled amounts */
  readonly principal: number;
  readonly interest: number;
  readonly fee: number;
  /** amounts already paid against each component */
  readonly principalPaid: number;
  readonly interestPaid: number;
  readonly feePaid: number;
}

/** The state of a freshly opened plan: every scheduled amount owed, nothing paid. */
export function openingBalances(schedule: readonly ScheduleLine[]): InstallmentBalance[] {
  return schedule.map((line) => ({
    n: line.n,
    dueDate: line.dueDate,
    principal: line.principal,
    interest: line.interest,
    fee: line.fee,
    principalPaid: 0,
    interestPaid: 0,
    feePaid: 0,
  }));
}

function assertAmount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}

/**
 * Checks stored state (a corrupt row is a programming/data error, hence RangeError, not a
 * client error) and returns the installments ordered by number.
 */
export function orderedInstallments(installments: readonly InstallmentBalance[]): InstallmentBalance[] {
  const ordered = [...installments].sort((a, b) => a.n - b.n);
  ordered.forEach((item, index) => {
    if (item.n !== index + 1) throw new RangeError(`installments must be numbered 1..${ordered.length}`);
    for (const [owed, paid, name] of [
      [item.principal, item.principalPaid, 'principal'],
      [item.interest, item.interestPaid, 'interest'],
      [item.fee, item.feePaid, 'fee'],
    ] as const) {
      assertAmount(owed, `installment ${item.n} ${name}`);
      assertAmount(paid, `installment ${item.n} ${name} paid`);
      if (paid > owed) throw new RangeError(`installment ${item.n} has more ${name} paid than owed`);
    }
  });
  return ordered;
}
