import fc from 'fast-check';
import { auc, binCounts, gini, ks, psi, psiFromCounts, quantileCuts } from './metrics.js';

describe('AUC', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when everything ties', () => {
    expect(auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('matches a hand count of bad/good pairs, ties as one half', () => {
    // bads: 0.8, 0.4, 0.3; goods: 0.6, 0.4, 0.2, 0.1
    // pairs won by the bad: 0.8 beats 4; 0.4 beats 2 and ties 1; 0.3 beats 2 → 8.5 of 12
    expect(auc([0.8, 0.6, 0.4, 0.4, 0.3, 0.2, 0.1], [1, 0, 1, 0, 1, 0, 0])).toBeCloseTo(8.5 / 12, 12);
    expect(gini(8.5 / 12)).toBeCloseTo(5 / 12, 12);
  });

  it('equals the pairwise definition on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 }), (rows) => {
        const bads = rows.filter(([, y]) => y === 1);
        const goods = rows.filter(([, y]) => y === 0);
        fc.pre(bads.length > 0 && goods.length > 0);
        let wins = 0;
        for (const [b] of bads) for (const [g] of goods) wins += b > g ? 1 : b === g ? 0.5 : 0;
        expect(auc(rows.map(([s]) => s), rows.map(([, y]) => y))).toBeCloseTo(wins / (bads.length * goods.length), 12);
      }),
    );
  });

  it('needs both classes and 0/1 labels', () => {
    expect(() => auc([1, 2], [1, 1])).toThrow(RangeError);
    expect(() => auc([1, 2], [1, 2])).toThrow(RangeError);
    expect(() => auc([1], [1, 0])).toThrow(RangeError);
  });
});

describe('KS', () => {
  it('is the largest gap between the cumulative bad and good distributions', () => {
    // ascending risk: goods at 1, 2, 3; bads at 4, 5, 6 → complete separation
    expect(ks([1, 2, 3, 4, 5, 6], [0, 0, 0, 1, 1, 1])).toBe(1);
    // scores 1..4, labels 0 1 0 1: after 1 → |0 − 1/2| = 0.5; after 2 → 0; after 3 → 0.5; after 4 → 0
    expect(ks([1, 2, 3, 4], [0, 1, 0, 1])).toBe(0.5);
    expect(ks([7, 7, 7, 7], [0, 1, 0, 1])).toBe(0);
  });

  it('lies in [0, 1] and ignores a monotone transformation of the score', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 50 }), (rows) => {
        fc.pre(rows.some(([, y]) => y === 1) && rows.some(([, y]) => y === 0));
        const s = rows.map(([x]) => x);
        const y = rows.map(([, l]) => l);
        const k = ks(s, y);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(1);
        expect(ks(s.map((x) => Math.exp(x / 10)), y)).toBeCloseTo(k, 12);
        expect(auc(s.map((x) => 3 * x + 1), y)).toBeCloseTo(auc(s, y), 12);
      }),
    );
  });
});

describe('PSI', () => {
  it('is 0 for identical distributions', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (values) => {
        expect(psi(values, [...values].reverse())).toBe(0);
        const counts = binCounts(values, quantileCuts(values, 10));
        expect(psiFromCounts(counts, counts.map((c) => c * 3))).toBeCloseTo(0, 12);
      }),
    );
  });

  it('grows with the shift and matches Σ (a − e) ln(a / e)', () => {
    expect(psiFromCounts([50, 50], [60, 40])).toBeCloseTo(0.1 * Math.log(0.6 / 0.5) - 0.1 * Math.log(0.4 / 0.5), 12);
    const expected = Array.from({ length: 1000 }, (_, i) => i / 1000);
    expect(psi(expected, expected.map((v) => v + 0.05))).toBeLessThan(psi(expected, expected.map((v) => v + 0.2)));
    expect(psi(expected, expected.map((v) => v + 0.05))).toBeGreaterThan(0);
  });

  it('stays finite when a bin is empty on one side', () => {
    expect(Number.isFinite(psiFromCounts([10, 0, 10], [5, 5, 10]))).toBe(true);
  });

  it('cuts quantile bins without splitting ties', () => {
    expect(quantileCuts([1, 1, 1, 1, 2, 3, 4, 5], 4)).toEqual([2, 4]);
    expect(binCounts([1, 1, 1, 1, 2, 3, 4, 5], [2, 4])).toEqual([4, 2, 2]);
  });
});
