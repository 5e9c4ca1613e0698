/** fast-check generators shared by the installment specs (test-only helper). */
import fc from 'fast-check';
import type { ScheduleRequest, SchedulePricing } from './schedule-input.js';

/** A percent string with up to 6 fraction digits from an integer count of millionths of a percent. */
export function percentFromMicros(micros: number): string {
  return `${Math.trunc(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Percent strings in [minPercent, maxPercent], with up to 6 fraction digits. */
export const percentArb = (minPercent: number, maxPercent: number): fc.Arbitrary<string> =>
  fc.integer({ min: minPercent * 1_000_000, max: maxPercent * 1_000_000 }).map(percentFromMicros);

export const startDateArb: fc.Arbitrary<string> = fc
  .record({ year: fc.integer({ min: 2000, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => {
    const last = new Array<number>(31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1] ?? 28;
    return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
  });

export function pricingArb(rate: fc.Arbitrary<string>, fee: fc.Arbitrary<string>): fc.Arbitrary<SchedulePricing> {
  return fc.oneof(
    rate.map((annualRatePercent): SchedulePricing => ({ method: 'equal_installment', annualRatePercent })),
    rate.map((annualRatePercent): SchedulePricing => ({ method: 'equal_principal', annualRatePercent })),
    fee.map((feeRatePerPeriodPercent): SchedulePricing => ({ method: 'fee_per_period', feeRatePerPeriodPercent })),
  );
}

/** Requests that always make a schedule: at least 1.00 CNY of principal per term. */
export const validRequestArb: fc.Arbitrary<ScheduleRequest> = fc
  .record({
    termMonths: fc.integer({ min: 1, max: 60 }),
    perTerm: fc.integer({ min: 100, max: 10_000_000_000 }),
    startDate: startDateArb,
    pricing: pricingArb(percentArb(0, 24), percentArb(0, 2)),
  })
  .map(({ termMonths, perTerm, startDate, pricing }) => ({
    amountMinor: termMonths * perTerm,
    termMonths,
    startDate,
    pricing,
  }));
