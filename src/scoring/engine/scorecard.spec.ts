import fc from 'fast-check';
import { ScorecardModelError, validateScorecardModel } from './model-loader.js';
import { ModelRegistry } from './model-registry.js';
import type { Characteristic, ScorecardModel } from './model-types.js';
import { isProtectedAttribute } from './protected-attributes.js';
import { probabilityOfBadFromScore, scaleConstants, scoreForProbabilityOfBad } from './scaling.js';
import { binIndex, evaluateScorecard, loadScorecard, localizeReasons, type ScoreResult } from './scorecard.js';

const texts = (what: string): Characteristic['reasons'] => ({
  negative: { en: `${what} lowered the score`, 'zh-CN': `${what}降低了评分` },
  positive: { en: `${what} helped the score`, 'zh-CN': `${what}提高了评分` },
  missing: { en: `${what} missing`, 'zh-CN': `缺少${what}` },
});

function numeric(name: string, code: string, cuts: number[], points: number[], missingPoints: number): Characteristic {
  const bounds = [null, ...cuts, null];
  return {
    name,
    code,
    type: 'numeric',
    label: { en: name, 'zh-CN': name },
    reasons: texts(name),
    missing: { points: missingPoints },
    bins: points.map((p, i) => ({ min: bounds[i]!, max: bounds[i + 1]!, points: p })),
  };
}

/** utilization (risk up), tenure (risk down), channel (categorical), lates (risk up). */
function testModel(overrides: Partial<ScorecardModel> = {}): ScorecardModel {
  return {
    schemaVersion: 1,
    name: 'test-card',
    version: '2026-11-29',
    kind: 'expert',
    product: 'consumer',
    description: 'test',
    dataSource: 'test',
    createdAt: '2026-11-29',
    scaling: { baseScore: 600, baseOdds: 50, pdo: 20, minScore: 300, maxScore: 900 },
    basePoints: 580,
    excludedAttributes: ['age'],
    characteristics: [
      numeric('utilization', 'C01', [0.1, 0.3, 0.6, 0.9], [30, 20, 5, -10, -30], -15),
      numeric('tenure', 'C02', [6, 12, 24], [-20, -5, 5, 15], -20),
      {
        name: 'channel',
        code: 'C03',
        type: 'categorical',
        label: { en: 'channel', 'zh-CN': '渠道' },
        reasons: texts('channel'),
        missing: { points: -4 },
        bins: [
          { values: ['app', 'web'], points: 4 },
          { values: ['agent'], points: -8 },
        ],
      },
      numeric('lates', 'C04', [1, 2], [10, -25, -50], 0),
      numeric('orders', 'C05', [5, 20], [-6, 0, 6], -6),
    ],
    ...overrides,
  };
}

function expectModelError(model: unknown, fragment: RegExp): void {
  try {
    validateScorecardModel(model);
  } catch (err) {
    expect(err).toBeInstanceOf(ScorecardModelError);
    expect((err as ScorecardModelError).issues.join('\n')).toMatch(fragment);
    return;
  }
  throw new Error('model was accepted');
}

describe('model loader', () => {
  it('accepts a well-formed model and compiles it', () => {
    const card = loadScorecard(testModel());
    expect(card.modelVersion).toBe('test-card@2026-11-29');
    expect(card.characteristicNames).toEqual(['utilization', 'tenure', 'channel', 'lates', 'orders']);
    expect(card.maxRawScore).toBe(580 + 30 + 15 + 4 + 10 + 6);
    expect(card.minRawScore).toBe(580 - 30 - 20 - 8 - 50 - 6);
    expect(Object.isFrozen(card.model.characteristics[0])).toBe(true);
  });

  it('rejects bins that leave a gap, overlap, or do not reach ±∞', () => {
    const m = testModel();
    const gap = structuredClone(m);
    (gap.characteristics[0].bins[1] as { min: number }).min = 0.15;
    expectModelError(gap, /gap between 0.1 and 0.15/);
    const overlap = structuredClone(m);
    (overlap.characteristics[0].bins[1] as { min: number }).min = 0.05;
    expectModelError(overlap, /overlap/);
    const open = structuredClone(m);
    (open.characteristics[1].bins[0] as { min: number | null }).min = 0;
    expectModelError(open, /bins\[0\]\.min: must be null/);
    const closed = structuredClone(m);
    (closed.characteristics[1].bins[3] as { max: number | null }).max = 100;
    expectModelError(closed, /bins\[last\]\.max: must be null/);
    const reversed = structuredClone(m);
    reversed.characteristics[0].bins.splice(1, 2, { min: 0.1, max: 0.6, points: 1 } as never);
    expect(() => validateScorecardModel(reversed)).not.toThrow();
    (reversed.characteristics[0].bins[1] as { max: number }).max = 0.1;
    (reversed.characteristics[0].bins[2] as { min: number }).min = 0.1;
    expectModelError(reversed, /empty or reversed range/);
  });

  it('rejects a categorical value listed in two bins', () => {
    const m = testModel();
    (m.characteristics[2].bins[1] as { values: string[] }).values.push('web');
    expectModelError(m, /value 'web' is also in bins\[0\]/);
  });

  it('rejects duplicate names and codes, bad shapes and non-finite points', () => {
    const dupName = testModel();
    dupName.characteristics[1] = { ...dupName.characteristics[1], name: 'utilization' };
    expectModelError(dupName, /duplicate characteristic name/);
    const dupCode = testModel();
    dupCode.characteristics[1] = { ...dupCode.characteristics[1], code: 'C01' };
    expectModelError(dupCode, /duplicate reason code C01/);
    expectModelError({ ...testModel(), basePoints: Number.NaN }, /basePoints/);
    expectModelError({ ...testModel(), characteristics: [] }, /characteristics/);
    expectModelError({ ...testModel(), unexpected: true }, /unexpected|Unrecognized/i);
    expectModelError({ ...testModel(), scaling: { ...testModel().scaling, pdo: 0 } }, /pdo/);
    expectModelError(null, /root/);
    const noText = testModel();
    noText.characteristics[0] = { ...noText.characteristics[0], reasons: { ...texts('x'), negative: { en: 'x', 'zh-CN': ' ' } } };
    expectModelError(noText, /zh-CN/);
  });

  it('refuses a model that scores a protected attribute, directly, derived, or by its own exclusion list', () => {
    for (const name of ['age', 'age_years', 'ageBand', 'applicant.age', 'gender', 'sex', 'maritalStatus', 'ethnicity', 'region_of_origin', 'hukouProvince', 'personal_status_sex', 'foreign_worker', 'birthYear']) {
      const m = testModel();
      m.characteristics[4] = { ...m.characteristics[4], name };
      expectModelError(m, /protected/);
    }
    const derived = testModel();
    derived.characteristics[4] = { ...(derived.characteristics[4] as Extract<Characteristic, { type: 'numeric' }>), name: 'mix', derived: { op: 'sum', inputs: ['orders', 'age'] } };
    expectModelError(derived, /input 'age'/);
    const declared = testModel({ excludedAttributes: ['channel'] });
    expectModelError(declared, /channel.*protected/);
    expect(() => loadScorecard(testModel(), { excludedAttributes: ['tenure'] })).toThrow(ScorecardModelError);
  });

  it('does not mistake the age of an account for the age of a person', () => {
    expect(isProtectedAttribute('accountAgeMonths')).toBe(false);
    expect(isProtectedAttribute('phoneTenureMonths')).toBe(false);
    expect(isProtectedAttribute('average_balance')).toBe(false);
    expect(isProtectedAttribute('checking_status')).toBe(false);
    expect(isProtectedAttribute('age')).toBe(true);
    expect(isProtectedAttribute('AGE_BAND')).toBe(true);
  });
});

describe('evaluation', () => {
  const card = loadScorecard(testModel());
  const full = { utilization: 0.2, tenure: 30, channel: 'app', lates: 0, orders: 10 };

  it('sums base points and bin points; ranges are [min, max)', () => {
    const r = evaluateScorecard(card, full);
    expect(r.points).toEqual({ utilization: 20, tenure: 15, channel: 4, lates: 10, orders: 0 });
    expect(r.score).toBe(580 + 20 + 15 + 4 + 10 + 0);
    expect(r.rawScore).toBe(629);
    expect(evaluateScorecard(card, { ...full, utilization: 0.1 }).points.utilization).toBe(20);
    expect(evaluateScorecard(card, { ...full, utilization: 0.0999 }).points.utilization).toBe(30);
    expect(evaluateScorecard(card, { ...full, utilization: -5 }).points.utilization).toBe(30);
    expect(evaluateScorecard(card, { ...full, utilization: 1e9 }).points.utilization).toBe(-30);
  });

  it('uses the missing bin for absent, null, NaN, blank, non-numeric and unknown values', () => {
    for (const v of [undefined, null, Number.NaN, '', '  ', 'NA', 'abc', Number.POSITIVE_INFINITY]) {
      const r = evaluateScorecard(card, { ...full, utilization: v });
      expect(r.points.utilization).toBe(-15);
      expect(binIndex(card, 'utilization', { utilization: v })).toBe(-1);
    }
    const { tenure: _omitted, ...withoutTenure } = full;
    expect(evaluateScorecard(card, withoutTenure).points.tenure).toBe(-20);
    expect(evaluateScorecard(card, { ...full, channel: 'kiosk' }).points.channel).toBe(-4);
    expect(evaluateScorecard(card, { ...full, channel: null }).points.channel).toBe(-4);
    expect(evaluateScorecard(card, {}).score).toBe(580 - 15 - 20 - 4 + 0 - 6);
  });

  it('reads numeric strings and booleans', () => {
    expect(evaluateScorecard(card, { ...full, utilization: '0.95' }).points.utilization).toBe(-30);
    expect(evaluateScorecard(card, { ...full, lates: true }).points.lates).toBe(-25);
    expect(evaluateScorecard(card, { ...full, lates: false }).points.lates).toBe(10);
  });

  it('points sum equals the log-odds scaling: probabilityOfBad inverts score = offset + factor·ln(odds)', () => {
    const { factor, offset } = scaleConstants(card.scaling);
    expect(factor).toBeCloseTo(20 / Math.LN2, 12);
    expect(offset).toBeCloseTo(600 - factor * Math.log(50), 12);
    fc.assert(
      fc.property(fc.record({ utilization: fc.double({ min: -1, max: 2, noNaN: true }), tenure: fc.integer({ min: 0, max: 60 }), lates: fc.integer({ min: 0, max: 4 }) }), (f) => {
        const r = evaluateScorecard(card, { ...full, ...f });
        const sum = card.basePoints + Object.values(r.points).reduce((s, p) => s + p, 0);
        expect(r.rawScore).toBe(sum);
        const odds = (1 - r.probabilityOfBad) / r.probabilityOfBad;
        expect(offset + factor * Math.log(odds)).toBeCloseTo(sum, 8);
      }),
    );
    // 600 points = 50:1, every 20 points doubles the odds.
    expect(probabilityOfBadFromScore(card.scaling, 600)).toBeCloseTo(1 / 51, 12);
    expect(probabilityOfBadFromScore(card.scaling, 620)).toBeCloseTo(1 / 101, 12);
    expect(scoreForProbabilityOfBad(card.scaling, 1 / 26)).toBeCloseTo(580, 9);
  });

  it('is monotone in a monotone characteristic', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        // utilization: riskier as it grows; tenure: safer as it grows.
        expect(evaluateScorecard(card, { ...full, utilization: lo }).score).toBeGreaterThanOrEqual(evaluateScorecard(card, { ...full, utilization: hi }).score);
        expect(evaluateScorecard(card, { ...full, tenure: lo * 10 }).score).toBeLessThanOrEqual(evaluateScorecard(card, { ...full, tenure: hi * 10 }).score);
      }),
    );
  });

  it('clamps the score to [minScore, maxScore] and rounds it', () => {
    const high = loadScorecard(testModel({ basePoints: 890 }));
    expect(evaluateScorecard(high, full).score).toBe(900);
    expect(evaluateScorecard(high, full).rawScore).toBe(939);
    const low = loadScorecard(testModel({ basePoints: 310 }));
    expect(evaluateScorecard(low, { utilization: 5, tenure: 0, channel: 'agent', lates: 9, orders: 0 }).score).toBe(300);
    const fractional = loadScorecard(testModel({ basePoints: 580.4 }));
    expect(evaluateScorecard(fractional, full).score).toBe(629);
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 3000 }), fc.double({ min: -2, max: 2, noNaN: true }), (base, util) => {
        const r = evaluateScorecard(loadScorecard(testModel({ basePoints: base })), { ...full, utilization: util });
        expect(r.score).toBeGreaterThanOrEqual(300);
        expect(r.score).toBeLessThanOrEqual(900);
        expect(Number.isInteger(r.score)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('reason codes', () => {
  const card = loadScorecard(testModel());
  const best = { utilization: 0, tenure: 30, channel: 'web', lates: 0, orders: 30 };

  /** Brute force: negatives by loss desc (model order on ties), then positives by gain desc, 4 at most. */
  function expected(result: ScoreResult): Array<[string, string, number]> {
    const chars = card.model.characteristics;
    const rows = chars.map((c) => {
      const all = [...c.bins.map((b) => b.points), c.missing.points];
      const p = result.points[c.name];
      return { code: c.code, lost: Math.max(...all) - p, gained: p - Math.min(...all) };
    });
    const neg = rows.filter((r) => r.lost > 0).sort((a, b) => b.lost - a.lost);
    const pos = rows.filter((r) => r.lost === 0 && r.gained > 0).sort((a, b) => b.gained - a.gained);
    return [...neg.map((r) => [r.code, 'negative', r.lost] as [string, string, number]), ...pos.map((r) => [r.code, 'positive', r.gained] as [string, string, number])].slice(0, 4);
  }

  const applicant = fc.record(
    {
      utilization: fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(null)),
      tenure: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(null)),
      channel: fc.constantFrom('app', 'web', 'agent', 'kiosk', null),
      lates: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(null)),
      orders: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(null)),
    },
    { requiredKeys: [] },
  );

  it('ranks at most 4 reasons: points lost against the best bin first, then strengths', () => {
    fc.assert(
      fc.property(applicant, (f) => {
        const r = evaluateScorecard(card, f);
        expect(r.reasons.length).toBeLessThanOrEqual(4);
        expect(r.reasons.map((x) => [x.code, x.direction, x.points])).toEqual(expected(r));
        for (const reason of r.reasons) {
          const c = card.model.characteristics.find((x) => x.code === reason.code)!;
          expect(reason.characteristic).toBe(c.name);
          const missing = f[c.name as keyof typeof f] === null || f[c.name as keyof typeof f] === undefined || (c.name === 'channel' && f.channel === 'kiosk');
          expect(reason.missing).toBe(missing);
          expect(reason.text).toEqual(reason.direction === 'positive' ? c.reasons.positive : missing ? c.reasons.missing : c.reasons.negative);
        }
      }),
    );
  });

  it('names the biggest losses, in order, with stable codes', () => {
    const r = evaluateScorecard(card, { utilization: 0.95, tenure: 3, channel: 'agent', lates: 1, orders: 10 });
    expect(r.reasons.map((x) => [x.code, x.points])).toEqual([
      ['C01', 60],
      ['C02', 35],
      ['C04', 35],
      ['C03', 12],
    ]);
    expect(r.reasons.every((x) => x.direction === 'negative')).toBe(true);
    expect(localizeReasons(r.reasons, 'zh-CN')[0]).toEqual({ code: 'C01', text: 'utilization降低了评分', direction: 'negative' });
    expect(localizeReasons(r.reasons, 'en')[1].text).toBe('tenure lowered the score');
  });

  it('an applicant in every best bin gets positive reasons only, largest spread first', () => {
    const r = evaluateScorecard(card, best);
    // gains over the worst bin: C01 60, C02 35, C03 12, C04 60, C05 12 (ties keep model order)
    expect(r.reasons.map((x) => [x.code, x.direction, x.points])).toEqual([
      ['C01', 'positive', 60],
      ['C04', 'positive', 60],
      ['C02', 'positive', 35],
      ['C03', 'positive', 12],
    ]);
  });

  it('never names a protected attribute, whatever features are sent', () => {
    fc.assert(
      fc.property(applicant, fc.integer({ min: 0, max: 120 }), fc.constantFrom('F', 'M'), (f, age, sex) => {
        const r = evaluateScorecard(card, { ...f, age, sex, maritalStatus: 'married' });
        expect(Object.keys(r.points)).toEqual(card.characteristicNames);
        for (const reason of r.reasons) expect(isProtectedAttribute(reason.characteristic)).toBe(false);
        expect(r).toEqual(evaluateScorecard(card, f));
      }),
    );
  });
});

describe('derived and conditional characteristics', () => {
  const model = testModel();
  model.characteristics.push({
    ...(numeric('totalLates', 'C06', [1, 3], [8, -10, -30], -5) as Extract<Characteristic, { type: 'numeric' }>),
    derived: { op: 'sum', inputs: ['late30', 'late60'] },
  });
  model.characteristics.push({ ...numeric('debtRatio', 'C07', [0.4], [5, -5], 0), requires: ['income'] });
  const card = loadScorecard(model);

  it('sums the inputs of a derived characteristic', () => {
    expect(evaluateScorecard(card, { late30: 0, late60: 0 }).points.totalLates).toBe(8);
    expect(evaluateScorecard(card, { late30: 1, late60: 1 }).points.totalLates).toBe(-10);
    expect(evaluateScorecard(card, { late30: 2, late60: '2' }).points.totalLates).toBe(-30);
    expect(evaluateScorecard(card, { totalLates: 0 }).points.totalLates).toBe(-5);
  });

  it('counts the inputs that are present, but a partial sum never scores better than the missing bin', () => {
    // 2 reported late payments still count when the other count is missing …
    expect(evaluateScorecard(card, { late30: 2 }).points.totalLates).toBe(-10);
    expect(evaluateScorecard(card, { late60: 5 }).points.totalLates).toBe(-30);
    // … but a partial sum of 0 would beat the missing bin, so the missing bin scores.
    const partial = evaluateScorecard(card, { late30: 0 });
    expect(partial.points.totalLates).toBe(-5);
    expect(partial.reasons.find((r) => r.code === 'C06')?.missing).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.constantFrom('late30', 'late60'), (a, input) => {
        const partial = evaluateScorecard(card, { [input]: a }).points.totalLates;
        expect(partial).toBeLessThanOrEqual(-5);
        expect(partial).toBe(Math.min(-5, evaluateScorecard(card, { late30: a, late60: 0 }).points.totalLates));
      }),
    );
  });

  it('treats a value as missing when a required feature is missing', () => {
    expect(evaluateScorecard(card, { debtRatio: 0.1, income: 5000 }).points.debtRatio).toBe(5);
    expect(evaluateScorecard(card, { debtRatio: 0.1 }).points.debtRatio).toBe(0);
    expect(evaluateScorecard(card, { debtRatio: 0.1, income: null }).points.debtRatio).toBe(0);
  });
});

describe('model registry', () => {
  it('resolves the latest version or a pinned one', () => {
    const registry = new ModelRegistry();
    registry.load(testModel());
    registry.load(testModel({ version: '2026-12-01', basePoints: 590 }));
    expect(registry.resolve('test-card').modelVersion).toBe('test-card@2026-12-01');
    expect(registry.resolve('test-card', '2026-11-29').basePoints).toBe(580);
    expect(registry.resolve('test-card', 'test-card@2026-11-29').basePoints).toBe(580);
    expect(registry.get('test-card@2026-12-01')?.basePoints).toBe(590);
    expect(registry.versions()).toEqual(['test-card@2026-11-29', 'test-card@2026-12-01']);
    expect(() => registry.resolve('test-card', '2020-01-01')).toThrow(RangeError);
    expect(() => registry.resolve('other')).toThrow(RangeError);
    expect(() => registry.load(testModel())).toThrow(/already registered/);
  });
});
