import fc from 'fast-check';
import { computeApr } from './apr.js';

const DISCLOSED = /^-?\d+\.\d{2}$/;

describe('computeApr', () => {
  it('finds an exact one-period rate: 1000 → 1020 is 2 % a month', () => {
    expect(computeApr(100_000, [102_000])).toEqual({
      monthlyRate: expect.closeTo(0.02, 15) as number,
      aprPercent: '24.00',
      effectiveAnnualRatePercent: '26.82',
    });
  });

  it('discloses a zero-cost plan as exactly 0.00', () => {
    expect(computeApr(299_900, [49_983, 49_983, 49_983, 49_983, 49_983, 49_985])).toEqual({
      monthlyRate: 0,
      aprPercent: '0.00',
      effectiveAnnualRatePercent: '0.00',
    });
  });

  it('rounds a rate exactly on a .xx5 boundary up, where floats cannot tell', () => {
    // i = 2401/240000 exactly, so APR = 12.005 % exactly → "12.01"
    expect(computeApr(240_000, [242_401]).aprPercent).toBe('12.01');
    // i = 0.01000375 → APR 12.0045 % → "12.00"
    expect(computeApr(2_400_000, [2_424_009]).aprPercent).toBe('12.00');
    // the same boundary over several periods: 120.05 % a year → i = 0.100041666…
    expect(computeApr(2_400_000, [2_640_100]).aprPercent).toBe('120.05');
  });

  it('solves deferred and uneven payments', () => {
    const result = computeApr(100_000, [0, 0, 121_000]);
    expect(result.monthlyRate).toBeCloseTo(Math.cbrt(1.21) - 1, 12);
    expect(result.aprPercent).toBe('78.72'); // 12 × 6.5602… %
  });

  it('handles a loss-making cash flow with a negative rate', () => {
    expect(computeApr(100_000, [99_000])).toMatchObject({ aprPercent: '-12.00', effectiveAnnualRatePercent: '-11.36' });
  });

  it('survives extreme but valid inputs without NaN', () => {
    expect(computeApr(1, [1_000_000_000_000_000]).aprPercent).toBe('1199999999999998800.00');
    expect(computeApr(1_000_000_000_000_000, [1])).toMatchObject({ aprPercent: '-1200.00', effectiveAnnualRatePercent: '-100.00' });
  });

  it('rejects cash flows that have no rate of return', () => {
    expect(() => computeApr(0, [100])).toThrow(RangeError);
    expect(() => computeApr(100, [])).toThrow(RangeError);
    expect(() => computeApr(100, [0, 0])).toThrow(RangeError);
    expect(() => computeApr(100, [-1, 200])).toThrow(RangeError);
    expect(() => computeApr(100, [1.5])).toThrow(RangeError);
  });

  it('always returns disclosable strings, EAR ≥ APR for positive rates, and a root of the NPV', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 60 }),
        (advance, payments) => {
          fc.pre(payments.some((p) => p > 0));
          const result = computeApr(advance, payments);
          expect(result.aprPercent).toMatch(DISCLOSED);
          expect(result.effectiveAnnualRatePercent).toMatch(DISCLOSED);
          expect(Number.isFinite(result.monthlyRate)).toBe(true);
          const paid = payments.reduce((a, b) => a + b, 0);
          expect(Math.sign(result.monthlyRate)).toBe(Math.sign(paid - advance));
          if (paid >= advance) {
            expect(Number(result.effectiveAnnualRatePercent)).toBeGreaterThanOrEqual(Number(result.aprPercent));
          }
        },
      ),
    );
  });

  it('is deterministic', () => {
    const flows = [53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600, 53_600];
    expect(computeApr(600_000, flows)).toEqual(computeApr(600_000, flows));
    expect(computeApr(600_000, flows).aprPercent).toBe('13.03');
  });
});
