/**
 * Acceptance vectors from ../shared/vectors/installments.json (worked schedules with their
 * sources). Read at run time, never copied into the repo; the suite skips cleanly when the
 * shared folder is not present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMoney, parseMoney } from '../../common/money.js';
import { type InstallmentSchedule, buildSchedule } from './amortization.js';
import { compareRatios, parseDecimal } from './rates.js';
import type { SchedulePricing } from './schedule-input.js';

interface VectorLine {
  n: number;
  due_date: string;
  principal: string;
  interest: string;
  fee: string;
  total: string;
  remaining_balance: string;
}

interface Vector {
  id: string;
  method: 'annuity' | 'equal_principal' | 'fee_per_period';
  principal: string;
  terms: number;
  start_date: string;
  annual_rate?: string;
  fee_rate_per_period?: string;
  expected: {
    level_installment?: string;
    principal_per_period?: string;
    fee_per_period?: string;
    installment_totals: string[];
    total_interest_or_fees: string;
    total_repayment: string;
    monthly_irr: string;
    apr_percent: string;
    effective_annual_rate_percent: string;
    schedule: VectorLine[];
  };
  regulatory_flags: Record<string, boolean>;
}

const vectorsPath = fileURLToPath(new URL('../../../../shared/vectors/installments.json', import.meta.url));
const present = existsSync(vectorsPath);
if (!present) console.warn(`installment vectors not found at ${vectorsPath}; skipping the vectors suite`);
const vectors: Vector[] = present ? (JSON.parse(readFileSync(vectorsPath, 'utf8')) as { vectors: Vector[] }).vectors : [];
const describeIfPresent = present ? describe : describe.skip;

/** The vectors give rates as fractions ("0.0999"); the API takes percent strings ("9.99"). */
function fractionToPercent(fraction: string): string {
  const [units = '0', decimals = ''] = fraction.split('.');
  const padded = decimals.padEnd(2, '0');
  const rest = padded.slice(2);
  return `${BigInt(units + padded.slice(0, 2)).toString()}${rest ? `.${rest}` : ''}`;
}

function pricingOf(vector: Vector): SchedulePricing {
  switch (vector.method) {
    case 'annuity':
      return { method: 'equal_installment', annualRatePercent: fractionToPercent(vector.annual_rate ?? '') };
    case 'equal_principal':
      return { method: 'equal_principal', annualRatePercent: fractionToPercent(vector.annual_rate ?? '') };
    case 'fee_per_period':
      return { method: 'fee_per_period', feeRatePerPeriodPercent: fractionToPercent(vector.fee_rate_per_period ?? '') };
  }
}

/** `apr_above_24` / `apr_above_example_judicial_cap_15.40` → the cap in percent. */
function capOf(flag: string): string {
  const match = /_(\d+(?:\.\d+)?)$/.exec(flag);
  if (!match?.[1]) throw new Error(`unrecognised regulatory flag ${flag}`);
  return match[1];
}

describeIfPresent('installment acceptance vectors', () => {
  it('has vectors to check', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
  });

  it('converts fraction rates to percent strings exactly', () => {
    expect(['0.12', '0.0999', '0.055', '0', '0.006', '0.24'].map(fractionToPercent)).toEqual([
      '12', '9.99', '5.5', '0', '0.6', '24',
    ]);
  });

  // describe.each refuses an empty table even under describe.skip, hence the fallback row.
  const table = vectors.length > 0 ? vectors : [undefined];
  describe.each(table.map((vector) => [vector?.id ?? 'no vectors', vector] as const))('%s', (_id, maybeVector) => {
    if (!maybeVector) return;
    const vector = maybeVector;
    const expected = vector.expected;
    let result: InstallmentSchedule;
    beforeAll(() => {
      result = buildSchedule({
        amountMinor: parseMoney(vector.principal),
        termMonths: vector.terms,
        startDate: vector.start_date,
        pricing: pricingOf(vector),
      });
    });

    it('reproduces every schedule line', () => {
      expect(
        result.schedule.map((line) => ({
          n: line.n,
          due_date: line.dueDate,
          principal: formatMoney(line.principal),
          interest: formatMoney(line.interest),
          fee: formatMoney(line.fee),
          total: formatMoney(line.total),
          remaining_balance: formatMoney(line.remainingBalance),
        })),
      ).toEqual(expected.schedule);
      expect(result.schedule.map((line) => formatMoney(line.total))).toEqual(expected.installment_totals);
    });

    it('reproduces the totals and the per-period amount', () => {
      expect(formatMoney(result.principal)).toBe(vector.principal);
      expect(formatMoney(result.totalInterest + result.totalFees)).toBe(expected.total_interest_or_fees);
      expect(formatMoney(result.totalRepayable)).toBe(expected.total_repayment);
      if (expected.level_installment !== undefined) {
        expect(formatMoney(result.installmentAmount)).toBe(expected.level_installment);
      }
      if (expected.principal_per_period !== undefined) {
        expect(formatMoney(result.schedule[0]?.principal ?? -1)).toBe(expected.principal_per_period);
      }
      if (expected.fee_per_period !== undefined) {
        expect(formatMoney(result.schedule[0]?.fee ?? -1)).toBe(expected.fee_per_period);
      }
    });

    it('discloses the exact APR and effective annual rate', () => {
      expect(result.aprPercent).toBe(expected.apr_percent);
      expect(result.effectiveAnnualRatePercent).toBe(expected.effective_annual_rate_percent);
      expect(Math.abs(result.monthlyIrr - Number(expected.monthly_irr))).toBeLessThan(1e-11);
    });

    it('agrees with the regulatory flags', () => {
      const apr = parseDecimal(result.aprPercent, 2);
      for (const [flag, above] of Object.entries(vector.regulatory_flags)) {
        const cap = parseDecimal(capOf(flag), 6);
        if (!apr || !cap) throw new Error('unparseable APR or cap');
        expect([flag, compareRatios(apr, cap) > 0]).toEqual([flag, above]);
      }
    });
  });
});
