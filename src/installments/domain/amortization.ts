/**
 * Installment schedules (等额本息 equal_installment, 等额本金 equal_principal, fee_per_period)
 * in integer minor units. All money arithmetic is exact bigint with half-up rounding to the
 * cent; the last installment absorbs every rounding remainder, so the principal parts always
 * sum to the principal and the balance ends at exactly zero.
 */
import { computeApr } from './apr.js';
import { dueDates } from './due-dates.js';
import { type Ratio, compareRatios, multiplyRoundHalfUp, parseDecimal, roundHalfUp } from './rates.js';
import { ScheduleInputError } from './schedule-errors.js';
import { type InstallmentMethod, type ScheduleRequest, type ValidatedScheduleRequest, validateScheduleRequest } from './schedule-input.js';
import { DEFAULT_SCHEDULE_POLICY, type SchedulePolicy } from './schedule-policy.js';

export interface ScheduleLine {
  /** 1-based installment number */
  n: number;
  /** `YYYY-MM-DD` */
  dueDate: string;
  principal: number;
  interest: number;
  fee: number;
  /** principal + interest + fee */
  total: number;
  /** principal still owed after this installment is paid */
  remainingBalance: number;
}

export interface InstallmentSchedule {
  method: InstallmentMethod;
  termMonths: number;
  startDate: string;
  principal: number;
  /** the level payment (equal_installment) or the first installment's total (other methods) */
  installmentAmount: number;
  totalInterest: number;
  totalFees: number;
  totalRepayable: number;
  /** true APR of the rounded cash flows, percent, 2 decimals half-up ("13.03") */
  aprPercent: string;
  /** (1 + monthly IRR)^12 − 1, percent, 2 decimals half-up ("13.84") */
  effectiveAnnualRatePercent: string;
  /** monthly IRR as a float, for diagnostics only (the strings above are the disclosure) */
  monthlyIrr: number;
  schedule: ScheduleLine[];
}

interface Part {
  principal: bigint;
  interest: bigint;
  fee: bigint;
}

/**
 * The annuity payment P·r·(1+r)^n / ((1+r)^n − 1) for r = a/b, computed as the exact ratio
 * P·a·(a+b)^n / (b·((a+b)^n − b^n)) and rounded half-up to the cent; P / n when r = 0.
 */
export function levelPayment(principal: bigint, monthlyRate: Ratio, termMonths: number): bigint {
  const n = BigInt(termMonths);
  if (monthlyRate.num === 0n) return roundHalfUp(principal, n);
  const { num: a, den: b } = monthlyRate;
  const growth = (a + b) ** n;
  return roundHalfUp(principal * a * growth, b * (growth - b ** n));
}

function tooSmall(request: ValidatedScheduleRequest): ScheduleInputError {
  return new ScheduleInputError(
    'amount',
    'schedule_invalid',
    `amount ${request.principal} cents cannot be repaid over ${request.termMonths} months without an installment whose principal part is zero or negative.`,
  );
}

/** Level payment; interest on the running balance; the last period clears the balance. */
function equalInstallmentParts(request: ValidatedScheduleRequest, payment: bigint): Part[] {
  const parts: Part[] = [];
  let balance = request.principal;
  for (let k = 1; k <= request.termMonths; k++) {
    const interest = multiplyRoundHalfUp(balance, request.monthlyRate);
    const principal = k < request.termMonths ? payment - interest : balance;
    if (principal <= 0n || principal > balance) throw tooSmall(request);
    balance -= principal;
    parts.push({ principal, interest, fee: 0n });
  }
  return parts;
}

/**
 * Principal parts of P / n rounded half-up, the last taking the rest. Interest on the running
 * balance (equal_principal; zero for fee plans) and the fee on the original principal.
 */
function equalPrincipalParts(request: ValidatedScheduleRequest): Part[] {
  const n = BigInt(request.termMonths);
  const part = roundHalfUp(request.principal, n);
  const last = request.principal - part * (n - 1n);
  if (part <= 0n || last <= 0n) throw tooSmall(request);
  const fee = multiplyRoundHalfUp(request.principal, request.feeRate);
  const parts: Part[] = [];
  let balance = request.principal;
  for (let k = 1; k <= request.termMonths; k++) {
    const principal = k < request.termMonths ? part : last;
    const interest = multiplyRoundHalfUp(balance, request.monthlyRate);
    balance -= principal;
    parts.push({ principal, interest, fee });
  }
  return parts;
}

function toSafeNumber(value: bigint): number {
  const result = Number(value);
  // Unreachable under the amount and rate caps; guards a policy configured past them.
  if (!Number.isSafeInteger(result)) {
    throw new ScheduleInputError('amount', 'amount_invalid', 'amount is too large for this schedule.');
  }
  return result;
}

function assertAprWithinCap(aprPercent: string, request: ValidatedScheduleRequest, policy: SchedulePolicy): void {
  if (policy.maxAprPercent === undefined) return;
  const cap = parseDecimal(policy.maxAprPercent, 6);
  const apr = parseDecimal(aprPercent, 2);
  if (!cap || !apr) throw new RangeError(`policy maxAprPercent is not a decimal string: ${policy.maxAprPercent}`);
  if (compareRatios(apr, cap) > 0) {
    throw new ScheduleInputError(
      request.rateField,
      'apr_above_cap',
      `this pricing gives a true APR of ${aprPercent} %, above the cap of ${policy.maxAprPercent} %.`,
    );
  }
}

/**
 * Builds the full schedule with totals and the true APR, or throws ScheduleInputError for
 * inputs that cannot make a valid schedule (they are never rounded into one).
 */
export function buildSchedule(request: ScheduleRequest, policyOverrides: Partial<SchedulePolicy> = {}): InstallmentSchedule {
  const policy: SchedulePolicy = { ...DEFAULT_SCHEDULE_POLICY, ...policyOverrides };
  const valid = validateScheduleRequest(request, policy);

  let parts: Part[];
  let level: bigint | undefined;
  switch (valid.method) {
    case 'equal_installment':
      level = levelPayment(valid.principal, valid.monthlyRate, valid.termMonths);
      parts = equalInstallmentParts(valid, level);
      break;
    case 'equal_principal':
    case 'fee_per_period':
      parts = equalPrincipalParts(valid);
      break;
    default: {
      const unreachable: never = valid.method;
      throw new Error(`unhandled method ${String(unreachable)}`);
    }
  }

  const dates = dueDates(valid.start, valid.termMonths);
  let balance = valid.principal;
  const schedule: ScheduleLine[] = parts.map((part, index) => {
    balance -= part.principal;
    return {
      n: index + 1,
      dueDate: dates[index] ?? '',
      principal: toSafeNumber(part.principal),
      interest: toSafeNumber(part.interest),
      fee: toSafeNumber(part.fee),
      total: toSafeNumber(part.principal + part.interest + part.fee),
      remainingBalance: toSafeNumber(balance),
    };
  });

  const sum = (pick: (line: ScheduleLine) => number): number => schedule.reduce((acc, line) => acc + pick(line), 0);
  const principal = toSafeNumber(valid.principal);
  const totalRepayable = sum((line) => line.total);
  const apr = computeApr(principal, schedule.map((line) => line.total));
  assertAprWithinCap(apr.aprPercent, valid, policy);

  return {
    method: valid.method,
    termMonths: valid.termMonths,
    startDate: request.startDate,
    principal,
    installmentAmount: level === undefined ? (schedule[0]?.total ?? 0) : toSafeNumber(level),
    totalInterest: sum((line) => line.interest),
    totalFees: sum((line) => line.fee),
    totalRepayable,
    aprPercent: apr.aprPercent,
    effectiveAnnualRatePercent: apr.effectiveAnnualRatePercent,
    monthlyIrr: apr.monthlyRate,
    schedule,
  };
}
