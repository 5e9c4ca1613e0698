import fc from 'fast-check';
import { DEFAULT_BINNING, binCategorical, binIndexes, binNumeric, woeTransform } from './binning.js';
import { parseCsv, parseCsvLine, parseHoldoutIndex } from './csv.js';
import { choleskySolve, fitLogistic } from './logistic.js';

/** Deterministic pseudo-random numbers for synthetic data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

describe('numeric binning', () => {
  it('finds a monotone bad rate for a monotone risk, with WOE falling as risk rises', () => {
    const next = rng(7);
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = next() * 10;
      y[i] = next() < sigmoid(-3 + 0.4 * x[i]) ? 1 : 0;
    }
    const b = binNumeric(x, y);
    expect(b.shape).toBe('increasing');
    expect(b.bins.length).toBeGreaterThanOrEqual(4);
    expect(b.bins.length).toBeLessThanOrEqual(DEFAULT_BINNING.maxBins);
    for (let i = 1; i < b.bins.length; i++) expect(b.bins[i].woe).toBeLessThanOrEqual(b.bins[i - 1].woe);
    expect(b.cuts).toEqual([...b.cuts].sort((p, q) => p - q));
    expect(b.bins.reduce((s, bin) => s + bin.count, 0)).toBe(n);
    expect(b.iv).toBeGreaterThan(0.3);
  });

  it('keeps a U-shaped risk single-peaked in auto mode and monotone when asked', () => {
    const next = rng(11);
    const n = 30_000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = next() * 10;
      y[i] = next() < sigmoid(-3.5 + 0.25 * (x[i] - 5) ** 2) ? 1 : 0;
    }
    const auto = binNumeric(x, y, { ...DEFAULT_BINNING, shape: 'auto' });
    expect(auto.shape).toBe('valley');
    const monotone = binNumeric(x, y, { ...DEFAULT_BINNING, shape: 'monotone' });
    expect(['increasing', 'decreasing']).toContain(monotone.shape);
    expect(auto.iv).toBeGreaterThan(monotone.iv);
  });

  it('gives missing values their own WOE when there are enough, neutral 0 otherwise', () => {
    const n = 2_000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i % 10 === 0 ? Number.NaN : i % 7;
      y[i] = i % 10 === 0 ? (i % 20 === 0 ? 1 : 0) : i % 5 === 0 ? 1 : 0;
    }
    const b = binNumeric(x, y);
    expect(b.missing.count).toBe(200);
    expect(b.missing.badRate).toBe(0.5);
    expect(b.missing.woe).toBeLessThan(0);
    const few = binNumeric(x, y, { ...DEFAULT_BINNING, minMissingCount: 500 });
    expect(few.missing.woe).toBe(0);
    expect(binIndexes(b, Float64Array.from([Number.NaN, -1e9, 1e9]))[0]).toBe(-1);
  });

  it('respects the minimum bin size and gives every bin both classes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { minLength: 200, maxLength: 400 }), (rows) => {
        fc.pre(rows.filter(([, bad]) => bad).length >= 20 && rows.filter(([, bad]) => !bad).length >= 20);
        const x = Float64Array.from(rows.map(([v]) => v));
        const y = Uint8Array.from(rows.map(([, bad]) => (bad ? 1 : 0)));
        const b = binNumeric(x, y, { ...DEFAULT_BINNING, minBinShare: 0.1, minBadsPerBin: 3 });
        if (b.bins.length > 1) {
          for (const bin of b.bins) {
            expect(bin.count).toBeGreaterThanOrEqual(Math.ceil(0.1 * rows.length));
            expect(bin.bads).toBeGreaterThanOrEqual(3);
            expect(bin.goods).toBeGreaterThanOrEqual(3);
          }
        }
        const woe = woeTransform(b, x);
        expect(woe.every((w) => Number.isFinite(w))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('categorical binning', () => {
  it('orders categories by risk and merges small ones; unseen values score as missing', () => {
    const values: string[] = [];
    const y: number[] = [];
    const add = (cat: string, count: number, bads: number): void => {
      for (let i = 0; i < count; i++) {
        values.push(cat);
        y.push(i < bads ? 1 : 0);
      }
    };
    add('A', 400, 20);
    add('B', 400, 100);
    add('C', 400, 200);
    add('rare', 5, 4);
    const b = binCategorical(values, Uint8Array.from(y), { ...DEFAULT_BINNING, minBinShare: 0.05 });
    expect(b.groups.flat().sort()).toEqual(['A', 'B', 'C', 'rare']);
    expect(b.groups.find((g) => g.includes('rare'))).toContain('C');
    for (let i = 1; i < b.bins.length; i++) expect(b.bins[i].woe).toBeLessThanOrEqual(b.bins[i - 1].woe);
    const w = woeTransform(b, ['A', 'unseen', null]);
    expect(w[0]).toBeGreaterThan(0);
    expect(w[1]).toBe(b.missing.woe);
    expect(w[2]).toBe(b.missing.woe);
  });
});

describe('logistic regression', () => {
  it('recovers the coefficients of simulated data', () => {
    const next = rng(3);
    const n = 40_000;
    const x1 = new Float64Array(n);
    const x2 = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x1[i] = next() * 4 - 2;
      x2[i] = next() * 4 - 2;
      y[i] = next() < sigmoid(-1 + 1.5 * x1[i] - 0.8 * x2[i]) ? 1 : 0;
    }
    const fit = fitLogistic([x1, x2], y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-1, 1);
    expect(fit.coefficients[0]).toBeCloseTo(1.5, 1);
    expect(fit.coefficients[1]).toBeCloseTo(-0.8, 1);
  });

  it('shrinks coefficients with a larger L2 penalty', () => {
    const next = rng(5);
    const n = 2_000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = next() * 2 - 1;
      y[i] = next() < sigmoid(2 * x[i]) ? 1 : 0;
    }
    const loose = fitLogistic([x], y, { l2: 0 });
    const tight = fitLogistic([x], y, { l2: 500 });
    expect(Math.abs(tight.coefficients[0])).toBeLessThan(Math.abs(loose.coefficients[0]));
  });

  it('solves a symmetric positive-definite system', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    const x = choleskySolve(a, Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
    expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(RangeError);
  });
});

describe('CSV', () => {
  it('parses a header, CRLF, quotes with commas and doubled quotes, and skips blank lines', () => {
    const t = parseCsv('\uFEFFa,b,c\r\n1,"x, y",3\r\n\r\n"4","say ""hi""",NA\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', '3'],
      ['4', 'say "hi"', 'NA'],
    ]);
    expect(parseCsvLine('a,,b')).toEqual(['a', '', 'b']);
  });

  it('rejects ragged rows and unterminated quotes', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/line 2 has 3 fields/);
    expect(() => parseCsvLine('"abc,d')).toThrow(SyntaxError);
    expect(() => parseCsv('')).toThrow(SyntaxError);
  });

  it('reads holdout indexes: 0-based data rows, one per line', () => {
    expect([...parseHoldoutIndex('0\n3\n\n7\n', 8)]).toEqual([0, 3, 7]);
    expect(() => parseHoldoutIndex('8\n', 8)).toThrow(RangeError);
    expect(() => parseHoldoutIndex('1.5\n', 8)).toThrow(SyntaxError);
  });
});
