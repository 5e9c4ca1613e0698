import fc from 'fast-check';
import { deriveCashflowFeatures, merchantCreditLimit, merchantFeatures } from '../engine/cashflow.js';
import { bureauFeatures, thinFileFeatures } from '../engine/features.js';
import type { Characteristic } from '../engine/model-types.js';
import { decideApplication, gradeFromScore } from '../engine/pricing.js';
import { PROTECTED_ATTRIBUTES, isProtectedAttribute } from '../engine/protected-attributes.js';
import { evaluateScorecard } from '../engine/scorecard.js';
import { CONSUMER_BUREAU, CONSUMER_THIN_FILE, MERCHANT_CASHFLOW, SHIPPED_MODELS, loadShippedModels } from './index.js';

const registry = loadShippedModels();
const bureau = registry.resolve(CONSUMER_BUREAU);
const thin = registry.resolve(CONSUMER_THIN_FILE);
const merchant = registry.resolve(MERCHANT_CASHFLOW);

/** DESIGN §3 example request sections. */
const designBureau = {
  revolvingUtilization: 0.35,
  pastDue30to59: 0,
  pastDue60to89: 0,
  pastDue90Plus: 0,
  debtRatio: 0.3,
  monthlyIncome: '12000.00',
  openCreditLines: 5,
  realEstateLoans: 1,
  dependents: 1,
};
const designBehaviour = { accountAgeMonths: 36, orders12m: 48, spend12m: '24000.00', returnRate: 0.05, onTimeInstallments: 10, lateInstallments: 0 };
const designIdentity = { verified: true, livenessPassed: true, phoneTenureMonths: 48 };

/** Points along a numeric characteristic's bins, in order of the value. */
function pointsAlong(c: Characteristic): number[] {
  return c.bins.map((b) => b.points);
}

function isMonotone(points: number[]): boolean {
  const up = points.every((p, i) => i === 0 || p >= points[i - 1]);
  const down = points.every((p, i) => i === 0 || p <= points[i - 1]);
  return up || down;
}

describe('shipped models', () => {
  it('registers the three models with their metadata', () => {
    expect(registry.versions()).toEqual(['consumer-bureau@2026-11-29', 'consumer-thin-file@2026-11-29', 'merchant-cashflow@2026-11-29']);
    expect(bureau.model.kind).toBe('trained');
    expect(thin.model.kind).toBe('expert');
    expect(merchant.model.kind).toBe('expert');
    expect(merchant.model.product).toBe('merchant');
    for (const m of SHIPPED_MODELS) {
      expect(m.scaling).toEqual({ baseScore: 600, baseOdds: 50, pdo: 20, minScore: 300, maxScore: 900 });
      expect(m.excludedAttributes).toEqual(expect.arrayContaining([...PROTECTED_ATTRIBUTES]));
      expect(m.dataSource.length).toBeGreaterThan(10);
      for (const c of m.characteristics) expect(isProtectedAttribute(c.name, m.excludedAttributes)).toBe(false);
    }
  });

  it('the trained model records holdout metrics at or above the targets, and no age', () => {
    const t = bureau.model.training!;
    expect(t.holdout.rows).toBe(45_000);
    expect(t.holdout.bads).toBe(3_008);
    expect(t.holdout.auc).toBeGreaterThanOrEqual(0.85);
    expect(t.holdout.ks).toBeGreaterThanOrEqual(0.55);
    expect(t.droppedColumns.age).toBe('protected');
    expect(t.psiTrainToTest).toBeLessThan(0.1);
    expect(bureau.characteristicNames).not.toContain('age');
    expect(bureau.characteristicNames).toEqual(expect.arrayContaining(['revolvingUtilization', 'pastDue90Plus', 'debtRatio', 'monthlyIncome', 'totalPastDue']));
  });

  it('expert characteristics are monotone; bureau ones are monotone or single-peaked (U-shaped risk)', () => {
    for (const c of [...thin.model.characteristics, ...merchant.model.characteristics]) {
      if (c.type === 'numeric') expect({ name: c.name, monotone: isMonotone(pointsAlong(c)) }).toEqual({ name: c.name, monotone: true });
    }
    for (const c of bureau.model.characteristics) {
      const p = pointsAlong(c);
      const turns = p.slice(1).filter((x, i) => i > 0 && Math.sign(x - p[i]) * Math.sign(p[i] - p[i - 1]) < 0).length;
      expect({ name: c.name, turns: turns <= 1 }).toEqual({ name: c.name, turns: true });
    }
  });

  it('a missing value never beats the best bin (leaving a field out cannot maximise a score)', () => {
    for (const m of SHIPPED_MODELS) {
      for (const c of m.characteristics) expect(c.missing.points).toBeLessThanOrEqual(Math.max(...pointsAlong(c)));
    }
  });

  it('scores the DESIGN example bureau applicant as a clean, approvable file', () => {
    const r = evaluateScorecard(bureau, bureauFeatures(designBureau));
    expect(r.score).toBeGreaterThanOrEqual(590);
    expect(decideApplication({ creditScore: r.score, fraudScore: 85 }).decision).toBe('approve');
    const delinquent = evaluateScorecard(bureau, bureauFeatures({ ...designBureau, pastDue30to59: 2, pastDue90Plus: 1, revolvingUtilization: 0.98 }));
    expect(delinquent.score).toBeLessThan(r.score - 40);
    expect(delinquent.reasons[0].direction).toBe('negative');
    expect(delinquent.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['C10', 'C01']));
    expect(gradeFromScore(delinquent.score)).toBe('E');
  });

  it('bureau score falls as delinquencies or utilization rise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (a, b, u, v) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [ulo, uhi] = u <= v ? [u, v] : [v, u];
        const s = (pd: number, util: number): number => evaluateScorecard(bureau, bureauFeatures({ ...designBureau, pastDue90Plus: pd, revolvingUtilization: util })).score;
        expect(s(lo, ulo)).toBeGreaterThanOrEqual(s(hi, ulo));
        expect(s(lo, ulo)).toBeGreaterThanOrEqual(s(lo, uhi));
      }),
    );
  });

  it('scores the DESIGN example thin-file applicant 600 (grade B) and an empty file 496 (E)', () => {
    const r = evaluateScorecard(thin, thinFileFeatures(designBehaviour, designIdentity));
    expect(r.score).toBe(600);
    expect(gradeFromScore(r.score)).toBe('B');
    const empty = evaluateScorecard(thin, thinFileFeatures(undefined, undefined));
    expect(empty.score).toBe(496);
    expect(empty.reasons.every((x) => x.missing && x.direction === 'negative')).toBe(true);
    // lost: T01 25, T07 15, T02 14, then T05, T08 and T09 13 each (ties keep model order)
    expect(empty.reasons.map((x) => x.code)).toEqual(['T01', 'T07', 'T02', 'T05']);
    const failed = evaluateScorecard(thin, thinFileFeatures(designBehaviour, { ...designIdentity, livenessPassed: false }));
    expect(failed.reasons[0]).toMatchObject({ code: 'T08', direction: 'negative', text: { en: 'Liveness check failed', 'zh-CN': '活体检测未通过' } });
  });

  it('scores the DESIGN example merchant 604 (grade B) with an 84,000 CNY limit', () => {
    const cf = deriveCashflowFeatures([4_200_000, 3_900_000, 4_500_000], 30, 'grocery');
    const r = evaluateScorecard(merchant, merchantFeatures(cf));
    expect(r.score).toBe(604);
    expect(r.points).toEqual({ avgMonthlyRevenue: 8, revenueTrend: 8, revenueVolatility: 12, monthsTrading: 6, sector: 5 });
    expect(merchantCreditLimit(cf).limitMinor).toBe(8_400_000);
    const shaky = evaluateScorecard(merchant, merchantFeatures(deriveCashflowFeatures([6_000_000, 2_000_000, 5_000_000, 1_000_000], 4, 'travel')));
    expect(shaky.score).toBeLessThan(550);
    expect(shaky.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['M03', 'M04']));
  });
});
