/**
 * Turns a quote request into one option per term with the pure schedule module, collecting
 * every input problem (so one 422 names all the fields at fault) instead of stopping at the first.
 */
import { buildSchedule, ScheduleInputError, type SchedulePolicy, type SchedulePricing } from './domain/index.js';
import type { QuoteOption, QuotePricing } from './installment-quote.entity.js';
import { RateNotApplicableError, ScheduleRejectedError } from './installment-errors.js';
import { normalizePercent } from './percent-format.js';

export interface QuotePricingInput {
  method: SchedulePricing['method'];
  annualRatePercent?: string;
  feeRatePerPeriodPercent?: string;
}

/** The pricing a quote uses: the request's, checked for a rate that does not belong to its method, or the default. */
export function resolvePricing(input: QuotePricingInput | undefined, fallback: SchedulePricing): SchedulePricing {
  if (!input) return fallback;
  if (input.method === 'fee_per_period') {
    if (input.annualRatePercent !== undefined) throw new RateNotApplicableError('pricing.annualRatePercent', input.method);
    // A missing rate is left to the schedule module, which names the field it needs.
    return { method: input.method, feeRatePerPeriodPercent: input.feeRatePerPeriodPercent ?? '' };
  }
  if (input.feeRatePerPeriodPercent !== undefined) throw new RateNotApplicableError('pricing.feeRatePerPeriodPercent', input.method);
  return { method: input.method, annualRatePercent: input.annualRatePercent ?? '' };
}

/** The pricing as stored and shown, its rate normalised ("0.6" → "0.60"); call after the schedules validated it. */
export function normalizedPricing(pricing: SchedulePricing): QuotePricing {
  if (pricing.method === 'fee_per_period') {
    return { method: pricing.method, feeRatePerPeriodPercent: normalizePercent(pricing.feeRatePerPeriodPercent) ?? pricing.feeRatePerPeriodPercent };
  }
  return { method: pricing.method, annualRatePercent: normalizePercent(pricing.annualRatePercent) ?? pricing.annualRatePercent };
}

export function buildQuoteOptions(
  amountMinor: number,
  terms: readonly number[],
  startDate: string,
  pricing: SchedulePricing,
  policy: Partial<SchedulePolicy>,
): QuoteOption[] {
  const options: QuoteOption[] = [];
  const errors: ScheduleInputError[] = [];
  for (const termMonths of terms) {
    try {
      const schedule = buildSchedule({ amountMinor, termMonths, startDate, pricing }, { ...policy, termField: 'terms' });
      options.push({
        termMonths: schedule.termMonths,
        method: schedule.method,
        installmentAmount: schedule.installmentAmount,
        totalInterest: schedule.totalInterest,
        totalFees: schedule.totalFees,
        totalRepayable: schedule.totalRepayable,
        aprPercent: schedule.aprPercent,
        effectiveAnnualRatePercent: schedule.effectiveAnnualRatePercent,
        schedule: schedule.schedule,
      });
    } catch (error) {
      if (!(error instanceof ScheduleInputError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new ScheduleRejectedError(errors);
  return options;
}
