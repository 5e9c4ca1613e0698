import fc from 'fast-check';
import { deriveCashflowFeatures, merchantCreditLimit, merchantFeatures } from './cashflow.js';
import { bureauFeatures, moneyToYuan, thinFileFeatures } from './features.js';
import {
  DEFAULT_APR_POLICY,
  DEFAULT_CONSUMER_LIMIT_POLICY,
  GRADES,
  aprForGrade,
  consumerCreditLimit,
  decideApplication,
  formatRatePercent,
  gradeFromScore,
  parseRatePercent,
  type AprPolicy,
  type Grade,
} from './pricing.js';
import { DEFAULT_SCALING } from './model-types.js';
import { probabilityOfBadFromScore } from './scaling.js';

const rank = (g: Grade): number => GRADES.indexOf(g);
const score = fc.integer({ min: 300, max: 900 });

describe('grades', () => {
  it('uses the documented cutoffs', () => {
    expect([900, 610, 609, 590, 589, 570, 569, 550, 549, 300].map((s) => gradeFromScore(s))).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E']);
  });

  it('each cutoff is one doubling of the odds: PD at A ≤ 1.4 %, B ≤ 2.8 %, C ≤ 5.4 %, D ≤ 10.2 %', () => {
    expect(probabilityOfBadFromScore(DEFAULT_SCALING, 610)).toBeLessThan(0.014);
    expect(probabilityOfBadFromScore(DEFAULT_SCALING, 590)).toBeLessThan(0.028);
    expect(probabilityOfBadFromScore(DEFAULT_SCALING, 570)).toBeLessThan(0.054);
    expect(probabilityOfBadFromScore(DEFAULT_SCALING, 550)).toBeLessThan(0.102);
  });

  it('a higher score never gets a worse grade', () => {
    fc.assert(
      fc.property(score, score, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(gradeFromScore(hi))).toBeLessThanOrEqual(rank(gradeFromScore(lo)));
      }),
    );
  });

  it('rejects cutoffs out of order', () => {
    expect(() => gradeFromScore(600, { A: 600, B: 600, C: 500, D: 400 })).toThrow(RangeError);
  });
});

describe('APR', () => {
  it('quotes the default grid as decimal strings, best grade 9.90 %', () => {
    expect(GRADES.map((g) => aprForGrade(g))).toEqual(['9.90', '12.90', '15.90', '19.90', '23.90']);
  });

  it('formats and parses percent strings exactly', () => {
    expect(parseRatePercent('13.04')).toBe(13_040_000);
    expect(parseRatePercent('9.9')).toBe(9_900_000);
    expect(formatRatePercent(9_900_000)).toBe('9.90');
    expect(formatRatePercent(13_045_600)).toBe('13.0456');
    expect(formatRatePercent(24_000_000)).toBe('24.00');
    for (const bad of ['', '1e2', '-1.00', '12.1234567', '1,5', '0012.00']) expect(() => parseRatePercent(bad)).toThrow(RangeError);
  });

  const rate = fc.integer({ min: 0, max: 40_000_000 }).map(formatRatePercent);
  const policy: fc.Arbitrary<AprPolicy> = fc
    .tuple(fc.array(fc.integer({ min: 0, max: 40_000_000 }), { minLength: 5, maxLength: 5 }), rate)
    .map(([rates, cap]) => {
      const sorted = [...rates].sort((a, b) => a - b).map(formatRatePercent);
      return { grid: { A: sorted[0], B: sorted[1], C: sorted[2], D: sorted[3], E: sorted[4] }, capPercent: cap };
    });

  it('never exceeds the cap and never falls as the grade worsens', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const aprs = GRADES.map((g) => parseRatePercent(aprForGrade(g, p)));
        for (let i = 0; i < aprs.length; i++) {
          expect(aprs[i]).toBeLessThanOrEqual(parseRatePercent(p.capPercent));
          if (i > 0) expect(aprs[i]).toBeGreaterThanOrEqual(aprs[i - 1]);
        }
      }),
    );
    expect(aprForGrade('E', { ...DEFAULT_APR_POLICY, grid: { ...DEFAULT_APR_POLICY.grid, E: '36.00' } })).toBe('24.00');
    expect(aprForGrade('E', { ...DEFAULT_APR_POLICY, capPercent: '18' })).toBe('18.00');
  });

  it('rejects a grid that is cheaper for a worse grade', () => {
    expect(() => aprForGrade('A', { ...DEFAULT_APR_POLICY, grid: { ...DEFAULT_APR_POLICY.grid, C: '11.00' } })).toThrow(RangeError);
  });
});

describe('consumer credit limit', () => {
  it('runs from 5,000 CNY to 100,000 CNY in 1,000 CNY steps', () => {
    expect(consumerCreditLimit(300)).toBe(500_000);
    expect(consumerCreditLimit(550)).toBe(500_000);
    expect(consumerCreditLimit(600)).toBe(3_200_000);
    expect(consumerCreditLimit(610)).toBe(4_700_000);
    expect(consumerCreditLimit(620)).toBe(6_800_000);
    expect(consumerCreditLimit(630)).toBe(10_000_000);
    expect(consumerCreditLimit(900)).toBe(10_000_000);
  });

  it('stays within bounds, in integer minor units, non-decreasing in the score', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.option(fc.integer({ min: 0, max: 10_000_000 })), (a, b, income) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const opts = { monthlyIncomeMinor: income };
        const l = consumerCreditLimit(lo, opts);
        const h = consumerCreditLimit(hi, opts);
        for (const x of [l, h]) {
          expect(Number.isSafeInteger(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(DEFAULT_CONSUMER_LIMIT_POLICY.minMinor);
          expect(x).toBeLessThanOrEqual(DEFAULT_CONSUMER_LIMIT_POLICY.maxMinor);
        }
        expect(h).toBeGreaterThanOrEqual(l);
      }),
    );
  });

  it('is capped at 6 months of a known income, never below the floor', () => {
    expect(consumerCreditLimit(640, { monthlyIncomeMinor: 1_200_000 })).toBe(7_200_000);
    expect(consumerCreditLimit(640, { monthlyIncomeMinor: 50_000 })).toBe(500_000);
    expect(consumerCreditLimit(640, { monthlyIncomeMinor: null })).toBe(10_000_000);
  });
});

describe('decision', () => {
  it('approves A–C with a low fraud score, reviews D, declines E', () => {
    expect(decideApplication({ creditScore: 620, fraudScore: 85 })).toEqual({ decision: 'approve', grade: 'A', reasons: [] });
    expect(decideApplication({ creditScore: 575, fraudScore: 0 }).decision).toBe('approve');
    expect(decideApplication({ creditScore: 555, fraudScore: 0 })).toEqual({ decision: 'review', grade: 'D', reasons: ['credit_score_review'] });
    expect(decideApplication({ creditScore: 549, fraudScore: 0 })).toEqual({ decision: 'decline', grade: 'E', reasons: ['credit_score_decline'] });
  });

  it('declines on fraud ≥ 700 or an invalid identity whatever the score; reviews fraud ≥ 400', () => {
    expect(decideApplication({ creditScore: 700, fraudScore: 700 })).toEqual({ decision: 'decline', grade: 'A', reasons: ['fraud_score_decline'] });
    expect(decideApplication({ creditScore: 700, fraudScore: 0, identityValid: false }).reasons).toEqual(['identity_invalid']);
    expect(decideApplication({ creditScore: 700, fraudScore: 400 })).toEqual({ decision: 'review', grade: 'A', reasons: ['fraud_score_review'] });
    expect(decideApplication({ creditScore: 560, fraudScore: 450 }).reasons).toEqual(['fraud_score_review', 'credit_score_review']);
  });

  it('is monotone: a better score or a lower fraud score never worsens the decision', () => {
    const order = { approve: 0, review: 1, decline: 2 } as const;
    fc.assert(
      fc.property(score, score, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (s1, s2, f1, f2, idOk) => {
        const better = decideApplication({ creditScore: Math.max(s1, s2), fraudScore: Math.min(f1, f2), identityValid: idOk });
        const worse = decideApplication({ creditScore: Math.min(s1, s2), fraudScore: Math.max(f1, f2), identityValid: idOk });
        expect(order[better.decision]).toBeLessThanOrEqual(order[worse.decision]);
      }),
    );
  });
});

describe('merchant cash flow', () => {
  it('derives level, trend and volatility (oldest month first)', () => {
    const cf = deriveCashflowFeatures([4_200_000, 3_900_000, 4_500_000], 30, ' Grocery ');
    expect(cf.avgMonthlyRevenue).toBe(42_000);
    expect(cf.averageMonthlyRevenueMinor).toBe(4_200_000);
    expect(cf.revenueTrend).toBeCloseTo(1_500 / 42_000, 12); // slope 1,500 CNY a month
    expect(cf.revenueVolatility).toBeCloseTo(Math.sqrt(6_000_000) / 42_000, 12);
    expect(cf).toMatchObject({ monthsTrading: 30, sector: 'grocery', monthsObserved: 3, zeroRevenueMonths: 0 });
    expect(merchantFeatures(cf)).toEqual({ avgMonthlyRevenue: 42_000, revenueTrend: cf.revenueTrend, revenueVolatility: cf.revenueVolatility, monthsTrading: 30, sector: 'grocery' });
  });

  it('a steady decline has a negative trend of the right size; a flat history has none', () => {
    const falling = deriveCashflowFeatures([5_000_000, 4_000_000, 3_000_000, 2_000_000], 24, 'apparel');
    expect(falling.revenueTrend).toBeCloseTo(-1_000_000 / 3_500_000, 12);
    const flat = deriveCashflowFeatures(Array(12).fill(3_000_000), 24, 'grocery');
    expect(flat.revenueTrend).toBe(0);
    expect(flat.revenueVolatility).toBe(0);
  });

  it('leaves trend and volatility missing when the history is too short or empty', () => {
    expect(deriveCashflowFeatures([3_000_000], 2, null)).toMatchObject({ revenueTrend: null, revenueVolatility: null, sector: null, avgMonthlyRevenue: 30_000 });
    expect(deriveCashflowFeatures([3_000_000, 3_300_000], 2, '')).toMatchObject({ revenueTrend: null, sector: null });
    expect(deriveCashflowFeatures([], null, 'grocery')).toMatchObject({ avgMonthlyRevenue: null, averageMonthlyRevenueMinor: null, monthsObserved: 0 });
    expect(deriveCashflowFeatures([0, 0, 0], 12, 'grocery')).toMatchObject({ revenueTrend: null, revenueVolatility: null, zeroRevenueMonths: 3 });
    expect(() => deriveCashflowFeatures([1.5], 3, 'x')).toThrow(RangeError);
    expect(() => deriveCashflowFeatures([-1], 3, 'x')).toThrow(RangeError);
  });

  it('gives a stable shop with 30–50k CNY a month about 80k', () => {
    const limit = (monthly: number[], months = 30): number => merchantCreditLimit(deriveCashflowFeatures(monthly, months, 'grocery')).limitMinor;
    expect(limit(Array(12).fill(4_000_000))).toBe(8_000_000);
    expect(limit([4_200_000, 3_900_000, 4_500_000])).toBe(8_400_000);
    expect(limit(Array(6).fill(3_000_000))).toBe(6_000_000);
    expect(limit(Array(6).fill(5_000_000))).toBe(10_000_000);
  });

  it('cuts the limit for volatility, short tenure and decline; offers none below 5,000 CNY', () => {
    const volatile = merchantCreditLimit(deriveCashflowFeatures([2_000_000, 6_000_000, 2_000_000, 6_000_000], 30, 'x'));
    expect(volatile.stabilityFactor).toBeCloseTo(0.475, 12); // CV 0.5: 1 − 3.5 × 0.15
    expect(volatile.limitMinor).toBe(3_800_000);
    expect(merchantCreditLimit(deriveCashflowFeatures(Array(6).fill(4_000_000), 4, 'x')).limitMinor).toBe(4_000_000);
    expect(merchantCreditLimit(deriveCashflowFeatures(Array(6).fill(4_000_000), 8, 'x')).limitMinor).toBe(6_000_000);
    expect(merchantCreditLimit(deriveCashflowFeatures([5_000_000, 4_500_000, 4_000_000, 3_500_000], 30, 'x')).trendFactor).toBe(0.8);
    expect(merchantCreditLimit(deriveCashflowFeatures([200_000, 200_000], 30, 'x')).limitMinor).toBe(0);
    expect(merchantCreditLimit(deriveCashflowFeatures([], 30, 'x')).limitMinor).toBe(0);
  });

  it('more revenue with the same pattern never lowers the limit; limits are whole 1,000 CNY within bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 24 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 2, max: 5 }), (rev, months, k) => {
        const base = merchantCreditLimit(deriveCashflowFeatures(rev, months, 'x')).limitMinor;
        const scaled = merchantCreditLimit(deriveCashflowFeatures(rev.map((v) => v * k), months, 'x')).limitMinor;
        expect(scaled).toBeGreaterThanOrEqual(base);
        for (const l of [base, scaled]) {
          expect(l % 100_000).toBe(0);
          expect(l === 0 || (l >= 500_000 && l <= 100_000_000)).toBe(true);
        }
      }),
    );
  });
});

describe('feature records', () => {
  it('maps the bureau section, money strings in yuan', () => {
    expect(bureauFeatures({ revolvingUtilization: 0.35, pastDue30to59: 0, debtRatio: 0.3, monthlyIncome: '12000.00' })).toEqual({
      revolvingUtilization: 0.35,
      pastDue30to59: 0,
      pastDue60to89: null,
      pastDue90Plus: null,
      debtRatio: 0.3,
      monthlyIncome: 12_000,
      openCreditLines: null,
      realEstateLoans: null,
      dependents: null,
    });
    expect(moneyToYuan('12000.5')).toBe(12_000.5);
    expect(moneyToYuan('12,000.00')).toBeNull();
    expect(moneyToYuan(undefined)).toBeNull();
  });

  it('maps behaviour and identity, identity.verified → identityVerified', () => {
    expect(thinFileFeatures({ accountAgeMonths: 36, spend12m: '24000.00' }, { verified: true, phoneTenureMonths: 48 })).toEqual({
      accountAgeMonths: 36,
      orders12m: null,
      spend12m: 24_000,
      returnRate: null,
      onTimeInstallments: null,
      lateInstallments: null,
      identityVerified: true,
      livenessPassed: null,
      phoneTenureMonths: 48,
    });
    expect(Object.values(thinFileFeatures(undefined, undefined)).every((v) => v === null)).toBe(true);
  });
});
