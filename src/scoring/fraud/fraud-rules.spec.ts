import fc from 'fast-check';
import { assessFraud, type FraudInput, type VelocityCounts } from './fraud-rules.js';

const quiet: VelocityCounts = { lastHour: 1, lastDay: 1, last30Days: 1 };

function input(overrides: Partial<FraudInput> = {}): FraudInput {
  return {
    product: 'consumer',
    identityValid: true,
    age: 35,
    identityVerified: true,
    livenessPassed: true,
    amountMinor: 800_000,
    creditLimitMinor: 3_000_000,
    signals: { idNumber: quiet, phone: quiet, device: quiet, distinctPartners30d: 1, identityFailures30d: 0 },
    partnerSignals: {},
    ...overrides,
  };
}

describe('fraud rules', () => {
  it('scores a quiet, valid application 0 with no reasons', () => {
    expect(assessFraud(input())).toEqual({ score: 0, reasons: [] });
  });

  it('raises the score with velocity on the ID number, and names the rule', () => {
    const burst = assessFraud(input({ signals: { ...input().signals, idNumber: { lastHour: 7, lastDay: 12, last30Days: 20 } } }));
    expect(burst.reasons.map((r) => r.code)).toEqual(['F01', 'F02', 'F03']);
    expect(burst.score).toBe(650);
  });

  it('flags the many-lenders pattern, identity failures, invalid IDs, age and amount', () => {
    const result = assessFraud(
      input({
        identityValid: false,
        age: 17,
        amountMinor: 20_000_000,
        signals: { ...input().signals, distinctPartners30d: 5, identityFailures30d: 3 },
      }),
    );
    expect(result.reasons.map((r) => r.code).sort()).toEqual(['F06', 'F07', 'F08', 'F09', 'F10']);
    expect(result.score).toBe(1000);
  });

  it('does not apply the consumer age rule to merchants', () => {
    expect(assessFraud(input({ product: 'merchant', age: 70 })).reasons).toEqual([]);
  });

  it('stays within 0–1000, is monotone in velocity, and every reason has both languages', () => {
    const counts = fc.record({ lastHour: fc.nat(50), lastDay: fc.nat(100), last30Days: fc.nat(500) });
    fc.assert(
      fc.property(counts, fc.nat(10), fc.nat(10), (velocity, partners, failures) => {
        const base = input({ signals: { idNumber: velocity, phone: velocity, device: velocity, distinctPartners30d: partners, identityFailures30d: failures } });
        const more = input({
          signals: {
            idNumber: { lastHour: velocity.lastHour + 1, lastDay: velocity.lastDay + 1, last30Days: velocity.last30Days + 1 },
            phone: velocity,
            device: velocity,
            distinctPartners30d: partners + 1,
            identityFailures30d: failures + 1,
          },
        });
        const a = assessFraud(base);
        const b = assessFraud(more);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(b.score).toBeLessThanOrEqual(1000);
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        for (const r of b.reasons) expect(r.text.en && r.text['zh-CN']).toBeTruthy();
      }),
    );
  });

  it('works without velocity data (Redis unavailable)', () => {
    const result = assessFraud(input({ identityValid: false, signals: { idNumber: null, phone: null, device: null, distinctPartners30d: null, identityFailures30d: null } }));
    expect(result).toMatchObject({ score: 400, reasons: [{ code: 'F08' }] });
  });
});
