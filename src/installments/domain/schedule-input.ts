/**
 * Validation of a schedule request into exact, checked values. Everything that is wrong with
 * the input is reported here as a ScheduleInputError naming the API field, before any
 * arithmetic runs.
 */
import { type CivilDate, parseIsoDate } from './due-dates.js';
import {
  RATE_FRACTION_DIGITS,
  type Ratio,
  ZERO,
  compareRatios,
  divideByInteger,
  parseDecimal,
  percentToRatio,
} from './rates.js';
import { ScheduleInputError } from './schedule-errors.js';
import type { SchedulePolicy } from './schedule-policy.js';

export type InstallmentMethod = 'equal_installment' | 'equal_principal' | 'fee_per_period';

export const INSTALLMENT_METHODS: readonly InstallmentMethod[] = ['equal_installment', 'equal_principal', 'fee_per_period'];

/** Pricing as the API receives it: percent decimal strings. */
export type SchedulePricing =
  | { readonly method: 'equal_installment' | 'equal_principal'; readonly annualRatePercent: string }
  | { readonly method: 'fee_per_period'; readonly feeRatePerPeriodPercent: string };

export interface ScheduleRequest {
  /** principal in minor units (fen) */
  readonly amountMinor: number;
  readonly termMonths: number;
  /** `YYYY-MM-DD`; installment k is due start + k months */
  readonly startDate: string;
  readonly pricing: SchedulePricing;
}

/** A request after validation: exact rates, parsed date. */
export interface ValidatedScheduleRequest {
  readonly method: InstallmentMethod;
  readonly principal: bigint;
  readonly termMonths: number;
  readonly start: CivilDate;
  /** monthly interest rate as a fraction (annual / 12); zero for fee plans */
  readonly monthlyRate: Ratio;
  /** fee per period as a fraction of the original principal; zero for interest plans */
  readonly feeRate: Ratio;
  /** the API field that carries the price, for errors found later (APR cap) */
  readonly rateField: string;
}

/** Start years we accept: far enough either side of today, and 60 months later is still 4-digit. */
const MIN_START_YEAR = 1900;
const MAX_START_YEAR = 9900;

const RATE_FIELD = {
  annual: 'pricing.annualRatePercent',
  fee: 'pricing.feeRatePerPeriodPercent',
} as const;

function parsePercentInRange(text: unknown, field: string, capPercent: string): Ratio {
  const percent = typeof text === 'string' ? parseDecimal(text, RATE_FRACTION_DIGITS) : undefined;
  if (!percent) {
    throw new ScheduleInputError(
      field,
      'rate_invalid',
      `${field} must be a decimal string with at most ${RATE_FRACTION_DIGITS} fraction digits, e.g. "9.90".`,
    );
  }
  const cap = parseDecimal(capPercent, RATE_FRACTION_DIGITS);
  if (!cap) throw new RangeError(`policy cap is not a decimal string: ${capPercent}`);
  if (compareRatios(percent, ZERO) < 0 || compareRatios(percent, cap) > 0) {
    throw new ScheduleInputError(field, 'rate_out_of_range', `${field} must be between 0 and ${capPercent} (percent).`);
  }
  return percentToRatio(percent);
}

function validateAmount(amountMinor: unknown, policy: SchedulePolicy): bigint {
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new ScheduleInputError('amount', 'amount_invalid', 'amount must be a positive whole number of cents.');
  }
  if (amountMinor > policy.maxAmountMinor) {
    throw new ScheduleInputError('amount', 'amount_invalid', `amount must not exceed ${policy.maxAmountMinor} cents.`);
  }
  return BigInt(amountMinor);
}

function validateTerms(termMonths: unknown, policy: SchedulePolicy): number {
  if (
    typeof termMonths !== 'number' ||
    !Number.isInteger(termMonths) ||
    termMonths < policy.minTermMonths ||
    termMonths > policy.maxTermMonths
  ) {
    throw new ScheduleInputError(
      policy.termField,
      'term_out_of_range',
      `${policy.termField} must be a whole number of months from ${policy.minTermMonths} to ${policy.maxTermMonths}.`,
    );
  }
  return termMonths;
}

export function validateStartDate(startDate: unknown, field = 'startDate'): CivilDate {
  const start = typeof startDate === 'string' ? parseIsoDate(startDate) : undefined;
  if (!start || start.year < MIN_START_YEAR || start.year > MAX_START_YEAR) {
    throw new ScheduleInputError(field, 'date_invalid', `${field} must be a calendar date YYYY-MM-DD.`);
  }
  return start;
}

export function validateScheduleRequest(request: ScheduleRequest, policy: SchedulePolicy): ValidatedScheduleRequest {
  const principal = validateAmount(request.amountMinor, policy);
  const termMonths = validateTerms(request.termMonths, policy);
  const start = validateStartDate(request.startDate);
  // The type says pricing is always a known method; data from the wire may still lie.
  const pricing = request.pricing as SchedulePricing | undefined;
  const method: unknown = pricing?.method;
  switch (method) {
    case 'equal_installment':
    case 'equal_principal': {
      const annual = parsePercentInRange(
        (pricing as { annualRatePercent?: unknown }).annualRatePercent,
        RATE_FIELD.annual,
        policy.maxAnnualRatePercent,
      );
      return {
        method,
        principal,
        termMonths,
        start,
        monthlyRate: divideByInteger(annual, 12),
        feeRate: ZERO,
        rateField: RATE_FIELD.annual,
      };
    }
    case 'fee_per_period': {
      const fee = parsePercentInRange(
        (pricing as { feeRatePerPeriodPercent?: unknown }).feeRatePerPeriodPercent,
        RATE_FIELD.fee,
        policy.maxFeeRatePerPeriodPercent,
      );
      return { method, principal, termMonths, start, monthlyRate: ZERO, feeRate: fee, rateField: RATE_FIELD.fee };
    }
    default:
      throw new ScheduleInputError(
        'pricing.method',
        'method_invalid',
        `pricing.method must be one of ${INSTALLMENT_METHODS.join(', ')}.`,
      );
  }
}
