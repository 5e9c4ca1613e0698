import fc from 'fast-check';
import { type InstallmentSchedule, buildSchedule, levelPayment } from './amortization.js';
import { daysInMonth, parseIsoDate } from './due-dates.js';
import { compareRatios, parseDecimal } from './rates.js';
import { ScheduleInputError } from './schedule-errors.js';
import type { ScheduleRequest, SchedulePricing } from './schedule-input.js';
import { percentArb, percentFromMicros, pricingArb, startDateArb, validRequestArb } from './test-arbitraries.js';

function percentOf(text: string) {
  const value = parseDecimal(text, 6);
  if (!value) throw new Error(`not a decimal: ${text}`);
  return value;
}

/**
 * Every invariant a schedule must satisfy, whatever its method, as a list of violations
 * (one expect per schedule keeps the property runs fast and the failure message precise).
 */
function violations(schedule: InstallmentSchedule, request: ScheduleRequest): string[] {
  const found: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) found.push(what);
  };
  const lines = schedule.schedule;
  check(lines.length === request.termMonths, 'one line per term');
  check(lines.reduce((sum, line) => sum + line.principal, 0) === request.amountMinor, 'principal parts sum to the principal');
  check(lines.at(-1)?.remainingBalance === 0, 'balance ends at exactly 0');

  let balance = request.amountMinor;
  let previousDue = request.startDate;
  lines.forEach((line, index) => {
    const at = `line ${line.n}`;
    check(line.n === index + 1, `${at}: numbered in order`);
    for (const amount of [line.principal, line.interest, line.fee, line.total, line.remainingBalance]) {
      check(Number.isSafeInteger(amount) && amount >= 0, `${at}: ${amount} is a non-negative safe integer`);
    }
    check(line.principal > 0, `${at}: principal part is positive`);
    check(line.total === line.principal + line.interest + line.fee, `${at}: total adds up`);
    balance -= line.principal;
    check(line.remainingBalance === balance, `${at}: remaining balance follows`);
    check(line.dueDate > previousDue, `${at}: due date strictly after the previous one`);
    previousDue = line.dueDate;
  });

  check(schedule.totalInterest === lines.reduce((sum, line) => sum + line.interest, 0), 'totalInterest');
  check(schedule.totalFees === lines.reduce((sum, line) => sum + line.fee, 0), 'totalFees');
  check(schedule.totalRepayable === request.amountMinor + schedule.totalInterest + schedule.totalFees, 'totalRepayable');

  const apr = percentOf(schedule.aprPercent);
  const ear = percentOf(schedule.effectiveAnnualRatePercent);
  check(compareRatios(ear, apr) >= 0, `EAR ${schedule.effectiveAnnualRatePercent} ≥ APR ${schedule.aprPercent}`);
  if (schedule.totalInterest + schedule.totalFees === 0) {
    check(schedule.aprPercent === '0.00' && schedule.effectiveAnnualRatePercent === '0.00', 'zero-cost plan discloses 0.00');
  } else {
    check(schedule.monthlyIrr > 0, 'a costly plan has a positive IRR');
    check(compareRatios(apr, { num: 0n, den: 1n }) >= 0, 'a costly plan has APR ≥ 0.00');
  }
  return found;
}

const withRate = (pricing: SchedulePricing, percent: string): SchedulePricing =>
  pricing.method === 'fee_per_period'
    ? { method: pricing.method, feeRatePerPeriodPercent: percent }
    : { method: pricing.method, annualRatePercent: percent };

describe('buildSchedule', () => {
  it('keeps every invariant: principal sums up, balance ends at 0, nothing negative, EAR ≥ APR', () => {
    fc.assert(
      fc.property(validRequestArb, (request) => {
        expect(violations(buildSchedule(request), request)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('either makes a well-formed schedule or refuses it as schedule_invalid, for any amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 60 }),
        pricingArb(percentArb(0, 24), percentArb(0, 2)),
        (amountMinor, termMonths, pricing) => {
          const request = { amountMinor, termMonths, startDate: '2025-01-31', pricing };
          let schedule: InstallmentSchedule | undefined;
          try {
            schedule = buildSchedule(request);
          } catch (error) {
            expect(error).toBeInstanceOf(ScheduleInputError);
            expect(error).toMatchObject({ field: 'amount', code: 'schedule_invalid' });
            // refusals only ever happen below about n²/2 cents (probed exhaustively up to 50.00)
            expect(amountMinor).toBeLessThan(termMonths * termMonths);
          }
          if (schedule) expect(violations(schedule, request)).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the method-specific shape: level payments, equal principal parts, a constant fee', () => {
    fc.assert(
      fc.property(validRequestArb, (request) => {
        const { schedule, installmentAmount } = buildSchedule(request);
        const allButLast = schedule.slice(0, -1);
        const first = schedule.at(0);
        if (!first) throw new Error('empty schedule');
        const totals = allButLast.map((line) => line.total);
        const principals = allButLast.map((line) => line.principal);
        switch (request.pricing.method) {
          case 'equal_installment':
            expect(totals).toEqual(totals.map(() => installmentAmount));
            expect(schedule.filter((line) => line.fee !== 0)).toEqual([]);
            break;
          case 'equal_principal': {
            expect(installmentAmount).toBe(first.total);
            expect(principals).toEqual(principals.map(() => first.principal));
            const interests = schedule.map((line) => line.interest);
            expect(interests).toEqual([...interests].sort((a, b) => b - a));
            break;
          }
          case 'fee_per_period':
            expect(installmentAmount).toBe(first.total);
            expect(principals).toEqual(principals.map(() => first.principal));
            expect(schedule.filter((line) => line.interest !== 0 || line.fee !== first.fee)).toEqual([]);
            break;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('discloses 0.00 for every zero-cost plan', () => {
    fc.assert(
      fc.property(validRequestArb, (request) => {
        const free = buildSchedule({ ...request, pricing: withRate(request.pricing, '0') });
        expect(free.totalRepayable).toBe(request.amountMinor);
        expect([free.aprPercent, free.effectiveAnnualRatePercent]).toEqual(['0.00', '0.00']);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a costly plan a positive APR', () => {
    fc.assert(
      fc.property(validRequestArb, percentArb(1, 24), percentArb(0.1, 2), (request, rate, fee) => {
        const pricing = withRate(request.pricing, request.pricing.method === 'fee_per_period' ? fee : rate);
        const schedule = buildSchedule({ ...request, amountMinor: Math.max(request.amountMinor, 100_000 * request.termMonths), pricing });
        expect(schedule.totalInterest + schedule.totalFees).toBeGreaterThan(0);
        expect(compareRatios(percentOf(schedule.aprPercent), { num: 0n, den: 1n })).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the APR when equal-principal or fee pricing rises (every cash flow is monotone)', () => {
    fc.assert(
      fc.property(
        validRequestArb.filter((r) => r.pricing.method !== 'equal_installment'),
        fc.integer({ min: 0, max: 24_000_000 }),
        fc.integer({ min: 0, max: 24_000_000 }),
        (request, a, b) => {
          const scale = request.pricing.method === 'fee_per_period' ? 12 : 1; // fee cap 2 %, rate cap 24 %
          const low = Math.floor(Math.min(a, b) / scale);
          const high = Math.floor(Math.max(a, b) / scale);
          const cheap = buildSchedule({ ...request, pricing: withRate(request.pricing, percentFromMicros(low)) });
          const dear = buildSchedule({ ...request, pricing: withRate(request.pricing, percentFromMicros(high)) });
          expect(compareRatios(percentOf(cheap.aprPercent), percentOf(dear.aprPercent))).toBeLessThanOrEqual(0);
          expect(cheap.monthlyIrr).toBeLessThanOrEqual(dear.monthlyIrr);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never lowers the APR when the annuity rate rises, on principals of 1,000.00 or more', () => {
    // Unlike the other methods, an annuity's cash flows are not each monotone in the rate (the
    // rounded level payment moves the last one). On small principals that can lower the
    // 2-decimal APR a little (92.42 over 31 months: 16.126120 % discloses 16.14 but 16.131298 %
    // discloses 16.11 — see the next test),
    // so the property is stated where cent rounding is too small to matter.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 100_000, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 24_000_000 }),
        fc.integer({ min: 0, max: 24_000_000 }),
        (termMonths, amountMinor, a, b) => {
          const build = (micros: number) =>
            buildSchedule({
              amountMinor,
              termMonths,
              startDate: '2025-01-31',
              pricing: { method: 'equal_installment', annualRatePercent: percentFromMicros(micros) },
            });
          const cheap = build(Math.min(a, b));
          const dear = build(Math.max(a, b));
          expect(compareRatios(percentOf(cheap.aprPercent), percentOf(dear.aprPercent))).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lets cent rounding move the APR of a tiny annuity against its rate (why the property above needs 1,000.00+)', () => {
    const build = (annualRatePercent: string) =>
      buildSchedule({ amountMinor: 9242, termMonths: 31, startDate: '2025-01-31', pricing: { method: 'equal_installment', annualRatePercent } });
    expect([build('16.126120').aprPercent, build('16.131298').aprPercent]).toEqual(['16.14', '16.11']);
  });

  it('discloses the true APR of a fee plan, not the nominal 12 × fee', () => {
    const plan = buildSchedule({
      amountMinor: 600_000,
      termMonths: 12,
      startDate: '2026-12-01',
      pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' },
    });
    expect(plan).toMatchObject({ installmentAmount: 53_600, totalFees: 43_200, totalInterest: 0, aprPercent: '13.03' });
    expect(compareRatios(percentOf(plan.aprPercent), percentOf('7.20'))).toBe(1);
  });

  it('schedules due dates from the start date with month-end clamping', () => {
    const plan = buildSchedule({
      amountMinor: 300_000,
      termMonths: 3,
      startDate: '2024-01-31',
      pricing: { method: 'equal_principal', annualRatePercent: '12' },
    });
    expect(plan.schedule.map((line) => line.dueDate)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    for (const line of plan.schedule) {
      const due = parseIsoDate(line.dueDate);
      expect(due && due.day === Math.min(31, daysInMonth(due.year, due.month))).toBe(true);
    }
  });

  it('answers the quote example of the design (6000.00 over 3, 6 and 12 months at 0.60 %)', () => {
    const quote = [3, 6, 12].map((termMonths) =>
      buildSchedule({
        amountMinor: 600_000,
        termMonths,
        startDate: '2026-12-01',
        pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' },
      }),
    );
    expect(quote.map((option) => [option.termMonths, option.installmentAmount, option.totalFees, option.aprPercent])).toEqual([
      [3, 203_600, 10_800, '10.77'],
      [6, 103_600, 21_600, '12.24'],
      [12, 53_600, 43_200, '13.03'],
    ]);
  });
});

describe('levelPayment', () => {
  it('matches spreadsheet PMT rounded to the cent', () => {
    // =PMT(8%/12, 10, 10000) → 1037.03; =PMT(5.5%/12, 24, 5000) → 220.48
    expect(levelPayment(1_000_000n, { num: 1n, den: 150n }, 10)).toBe(103_703n);
    expect(levelPayment(500_000n, { num: 11n, den: 2400n }, 24)).toBe(22_048n);
    expect(levelPayment(100_000n, { num: 0n, den: 1n }, 12)).toBe(8333n);
  });
});

describe('start dates', () => {
  it('accepts any real date in range', () => {
    fc.assert(
      fc.property(startDateArb, (startDate) => {
        const plan = buildSchedule({ amountMinor: 100_000, termMonths: 2, startDate, pricing: { method: 'equal_principal', annualRatePercent: '10' } });
        expect(plan.startDate).toBe(startDate);
      }),
      { numRuns: 100 },
    );
  });
});
