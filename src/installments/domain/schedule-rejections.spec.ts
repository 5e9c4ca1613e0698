/** Inputs that cannot make a valid schedule are refused with the API field and a stable code. */
import { buildSchedule } from './amortization.js';
import { ScheduleInputError } from './schedule-errors.js';
import type { ScheduleRequest, SchedulePricing } from './schedule-input.js';
import type { SchedulePolicy } from './schedule-policy.js';

const base: ScheduleRequest = {
  amountMinor: 600_000,
  termMonths: 12,
  startDate: '2026-12-01',
  pricing: { method: 'equal_installment', annualRatePercent: '9.90' },
};

/** Runs buildSchedule on data as it may arrive from the wire (hence the loose type). */
function refusal(overrides: Record<string, unknown>, policy: Partial<SchedulePolicy> = {}): Pick<ScheduleInputError, 'field' | 'code'> {
  try {
    buildSchedule({ ...base, ...overrides }, policy);
  } catch (error) {
    if (!(error instanceof ScheduleInputError)) throw error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ScheduleInputError');
    expect(error.message.length).toBeGreaterThan(10);
    return { field: error.field, code: error.code };
  }
  throw new Error(`accepted ${JSON.stringify(overrides)}`);
}

const annual = (annualRatePercent: unknown) => ({ pricing: { method: 'equal_principal', annualRatePercent } });
const fee = (feeRatePerPeriodPercent: unknown) => ({ pricing: { method: 'fee_per_period', feeRatePerPeriodPercent } });

describe('schedule input rejections', () => {
  it.each([0, -100, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 1_000_000_000_000_000, '6000.00', null])(
    'refuses amount %p',
    (amountMinor) => {
      expect(refusal({ amountMinor })).toEqual({ field: 'amount', code: 'amount_invalid' });
    },
  );

  it('honours a policy maximum amount', () => {
    expect(refusal({ amountMinor: 500_001 }, { maxAmountMinor: 500_000 })).toEqual({ field: 'amount', code: 'amount_invalid' });
  });

  it.each([0, -1, 61, 120, 1.5, Number.NaN, '12', undefined])('refuses term %p', (termMonths) => {
    expect(refusal({ termMonths })).toEqual({ field: 'termMonths', code: 'term_out_of_range' });
  });

  it('names the field the caller uses for terms and honours its term range', () => {
    expect(refusal({ termMonths: 0 }, { termField: 'terms' })).toEqual({ field: 'terms', code: 'term_out_of_range' });
    expect(refusal({ termMonths: 24 }, { maxTermMonths: 12 })).toEqual({ field: 'termMonths', code: 'term_out_of_range' });
    expect(refusal({ termMonths: 2 }, { minTermMonths: 3 })).toEqual({ field: 'termMonths', code: 'term_out_of_range' });
  });

  it.each(['-0.01', '-24', '24.000001', '25', '100'])('refuses annual rate %p as out of range', (rate) => {
    expect(refusal(annual(rate))).toEqual({ field: 'pricing.annualRatePercent', code: 'rate_out_of_range' });
  });

  it.each(['', 'abc', '9.9%', '1e1', '9.1234567', ' 9.90', '9,90', '.5', 9.9, undefined])(
    'refuses annual rate %p as malformed',
    (rate) => {
      expect(refusal(annual(rate))).toEqual({ field: 'pricing.annualRatePercent', code: 'rate_invalid' });
    },
  );

  it('accepts the caps themselves, written any way', () => {
    for (const rate of ['24', '24.0', '24.000000', '0', '0.000001']) {
      expect(buildSchedule({ ...base, pricing: { method: 'equal_installment', annualRatePercent: rate } }).termMonths).toBe(12);
    }
    expect(buildSchedule({ ...base, pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '2.00' } }).totalFees).toBe(144_000);
  });

  it.each(['-0.10', '2.000001', '3'])('refuses fee %p as out of range', (rate) => {
    expect(refusal(fee(rate))).toEqual({ field: 'pricing.feeRatePerPeriodPercent', code: 'rate_out_of_range' });
  });

  it('refuses a fee plan priced with an annual rate (the fee field is missing)', () => {
    expect(refusal({ pricing: { method: 'fee_per_period', annualRatePercent: '9.90' } })).toEqual({
      field: 'pricing.feeRatePerPeriodPercent',
      code: 'rate_invalid',
    });
  });

  it('applies policy caps (e.g. a judicial cap of 4 × LPR = 15.40 %)', () => {
    expect(refusal(annual('15.41'), { maxAnnualRatePercent: '15.40' })).toEqual({
      field: 'pricing.annualRatePercent',
      code: 'rate_out_of_range',
    });
    expect(refusal(fee('1.01'), { maxFeeRatePerPeriodPercent: '1' })).toEqual({
      field: 'pricing.feeRatePerPeriodPercent',
      code: 'rate_out_of_range',
    });
  });

  it('refuses a fee plan whose true APR is above an APR cap, and only when one is set', () => {
    const pricey: SchedulePricing = { method: 'fee_per_period', feeRatePerPeriodPercent: '1.50' };
    expect(buildSchedule({ ...base, pricing: pricey }).aprPercent).toBe('31.72');
    expect(refusal({ pricing: pricey }, { maxAprPercent: '24.00' })).toEqual({
      field: 'pricing.feeRatePerPeriodPercent',
      code: 'apr_above_cap',
    });
    expect(buildSchedule(base, { maxAprPercent: '24.00' }).aprPercent).toBe('9.90');
  });

  it.each([undefined, null, 'balloon', 'EQUAL_INSTALLMENT'])('refuses method %p', (method) => {
    expect(refusal({ pricing: { method, annualRatePercent: '9.90' } })).toEqual({ field: 'pricing.method', code: 'method_invalid' });
  });

  it('refuses a missing pricing object as an unknown method', () => {
    expect(refusal({ pricing: undefined })).toEqual({ field: 'pricing.method', code: 'method_invalid' });
  });

  it.each(['2025-02-29', '2025-13-01', '2025/01/01', '2025-1-1', '1899-12-31', '9901-01-01', '', 'today', 20250101])(
    'refuses start date %p',
    (startDate) => {
      expect(refusal({ startDate })).toEqual({ field: 'startDate', code: 'date_invalid' });
    },
  );

  it.each([
    ['equal_installment', 2, 3],
    ['equal_principal', 3, 4],
    ['fee_per_period', 1, 2],
    ['equal_principal', 100, 60],
    ['equal_installment', 48, 9],
  ] as const)('refuses %s of %i cents over %i months rather than make a zero or negative part', (method, amountMinor, termMonths) => {
    const pricing = method === 'fee_per_period' ? { method, feeRatePerPeriodPercent: '1' } : { method, annualRatePercent: '12' };
    expect(refusal({ amountMinor, termMonths, pricing })).toEqual({ field: 'amount', code: 'schedule_invalid' });
  });

  it('accepts the smallest amounts that do split', () => {
    const plan = buildSchedule({ ...base, amountMinor: 1, termMonths: 1 });
    expect(plan.schedule.map((line) => line.principal)).toEqual([1]);
    expect(buildSchedule({ ...base, amountMinor: 3, termMonths: 3 }).schedule.map((line) => line.principal)).toEqual([1, 1, 1]);
  });
});
