import fc from 'fast-check';
import { canTake, compareOffers, effectiveStatus, ineligibility, isReferable, rankOffers, referralFeeMinor, REFERRAL_STATUSES, type EligibilityTerms, type ReferralAction, type ReferralAsk } from './index.js';

const terms: EligibilityTerms = {
  product: 'consumer',
  currency: 'CNY',
  minCreditScore: 600,
  maxCreditScore: 800,
  maxFraudScore: 300,
  minAmount: 5_000_00,
  maxAmount: 50_000_00,
  termMonths: [6, 12],
  regions: ['31', '32'],
};
const ask: ReferralAsk = { product: 'consumer', currency: 'CNY', creditScore: 700, fraudScore: 100, amountMinor: 20_000_00, termMonths: 12, residenceRegion: '31' };

describe('referral eligibility', () => {
  it('offers a product whose every bound the ask meets, bounds included', () => {
    expect(ineligibility(terms, ask)).toBeUndefined();
    expect(ineligibility(terms, { ...ask, creditScore: 600, fraudScore: 300, amountMinor: 5_000_00 })).toBeUndefined();
    expect(ineligibility(terms, { ...ask, creditScore: 800, amountMinor: 50_000_00, termMonths: 6, residenceRegion: '32' })).toBeUndefined();
  });

  it('names the first rule an ask fails', () => {
    expect(ineligibility(terms, { ...ask, product: 'merchant' })).toBe('product');
    expect(ineligibility(terms, { ...ask, currency: 'USD' })).toBe('currency');
    expect(ineligibility(terms, { ...ask, creditScore: 599 })).toBe('credit_score');
    expect(ineligibility(terms, { ...ask, creditScore: 801 })).toBe('credit_score');
    expect(ineligibility(terms, { ...ask, fraudScore: 301 })).toBe('fraud_score');
    expect(ineligibility(terms, { ...ask, amountMinor: 4_999_99 })).toBe('amount');
    expect(ineligibility(terms, { ...ask, amountMinor: 50_000_01 })).toBe('amount');
    expect(ineligibility(terms, { ...ask, termMonths: 24 })).toBe('term');
    expect(ineligibility(terms, { ...ask, residenceRegion: '44' })).toBe('region');
  });

  it('a regional product needs a stated residence; a nationwide one does not, and no fraud bound means none', () => {
    expect(ineligibility(terms, { ...ask, residenceRegion: null })).toBe('region');
    const nationwide = { ...terms, regions: [], maxFraudScore: null };
    expect(ineligibility(nationwide, { ...ask, residenceRegion: null, fraudScore: 999 })).toBeUndefined();
  });

  it('never refers an invalid identity or a fraud decline, whatever else the score said', () => {
    expect(isReferable([])).toBe(true);
    expect(isReferable(['credit_score_decline', 'fraud_score_review'])).toBe(true);
    expect(isReferable(['identity_invalid'])).toBe(false);
    expect(isReferable(['credit_score_review', 'fraud_score_decline'])).toBe(false);
  });
});

describe('offer ranking', () => {
  const candidate = fc.record({
    lenderTenantId: fc.constantFrom('ten_a', 'ten_b', 'ten_c', 'ten_d', 'ten_e'),
    lenderProductId: fc.stringMatching(/^lpr_[A-Z0-9]{4}$/),
    aprPercent: fc.integer({ min: 0, max: 2400 }).map((hundredths) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`),
    totalRepayable: fc.integer({ min: 1, max: 10_000_000 }),
  });

  it('puts the lowest true APR first, then the lowest total repayable, one offer per lender, at most the limit', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (candidates, limit) => {
        const ranked = rankOffers(candidates, limit);
        const lenders = new Set(candidates.map((c) => c.lenderTenantId));
        expect(ranked).toHaveLength(Math.min(limit, lenders.size));
        expect(new Set(ranked.map((r) => r.lenderTenantId)).size).toBe(ranked.length);
        for (let i = 1; i < ranked.length; i++) expect(compareOffers(ranked[i - 1], ranked[i])).toBeLessThanOrEqual(0);
        for (const other of candidates.filter((c) => !ranked.includes(c))) {
          const kept = ranked.find((r) => r.lenderTenantId === other.lenderTenantId);
          // A lender's offer left out is never cheaper than its offer kept; a lender left out
          // entirely has nothing cheaper than the worst offer kept.
          if (kept) expect(compareOffers(kept, other)).toBeLessThanOrEqual(0);
          else expect(compareOffers(ranked[ranked.length - 1], other)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('orders by APR as a number, not as text', () => {
    const ranked = rankOffers(
      [
        { lenderTenantId: 'ten_a', lenderProductId: 'lpr_a', aprPercent: '10.00', totalRepayable: 1 },
        { lenderTenantId: 'ten_b', lenderProductId: 'lpr_b', aprPercent: '9.90', totalRepayable: 2 },
      ],
      10,
    );
    expect(ranked.map((r) => r.lenderProductId)).toEqual(['lpr_b', 'lpr_a']);
  });

  it('does not depend on the order products were loaded in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.lenderProductId, maxLength: 20 }), (candidates) => {
        expect(rankOffers([...candidates].reverse(), 10)).toEqual(rankOffers(candidates, 10));
      }),
    );
  });
});

describe('referral fee', () => {
  it('is the percent of the funded amount, rounded half-up to the cent', () => {
    expect(referralFeeMinor(20_000_00, '1.50')).toBe(300_00);
    expect(referralFeeMinor(1_23, '1.5')).toBe(2); // 1.845 cents → 2
    expect(referralFeeMinor(1_00, '0.5')).toBe(1); // 0.5 cent → 1 (half-up)
    expect(referralFeeMinor(99, '0.5')).toBe(0); // 0.495 cent → 0
    expect(referralFeeMinor(12_345_67, '0')).toBe(0);
  });

  it('equals exact rational arithmetic for any amount and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (funded, micros) => {
        const percent = `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
        // fee = funded × micros / 10^8, half-up
        const num = BigInt(funded) * BigInt(micros);
        const den = 100_000_000n;
        const expected = Number((2n * num + den) / (2n * den));
        const fee = referralFeeMinor(funded, percent);
        expect(fee).toBe(expected);
        expect(fee).toBeLessThanOrEqual(Math.ceil(funded / 10));
      }),
    );
  });

  it('refuses what is not an amount or a rate', () => {
    expect(() => referralFeeMinor(100, '-1')).toThrow(RangeError);
    expect(() => referralFeeMinor(100, 'abc')).toThrow(RangeError);
    expect(() => referralFeeMinor(-1, '1')).toThrow(RangeError);
    expect(() => referralFeeMinor(0.5, '1')).toThrow(RangeError);
  });
});

describe('referral lifecycle', () => {
  const actions: ReferralAction[] = ['accept', 'approve', 'decline', 'fund'];

  it('allows exactly offered→submitted→approved|declined, approved→funded', () => {
    const allowed = REFERRAL_STATUSES.flatMap((status) => actions.filter((action) => canTake(action, status)).map((action) => `${status}:${action}`));
    expect(allowed.sort()).toEqual(['approved:fund', 'offered:accept', 'submitted:approve', 'submitted:decline']);
  });

  it('an offered referral is expired from its expiresAt on; later statuses never expire', () => {
    const at = new Date('2026-12-06T08:00:00Z');
    expect(effectiveStatus('offered', at, new Date(at.getTime() - 1))).toBe('offered');
    expect(effectiveStatus('offered', at, at)).toBe('expired');
    for (const status of ['submitted', 'approved', 'declined', 'funded'] as const) expect(effectiveStatus(status, at, new Date(at.getTime() + 86_400_000))).toBe(status);
  });
});
