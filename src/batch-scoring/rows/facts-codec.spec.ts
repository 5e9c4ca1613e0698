import fc from 'fast-check';
import { decideOnApplication, type ApplicationFacts } from '../../scoring/application-decision.js';
import { loadShippedModels } from '../../scoring/models/index.js';
import { NO_VELOCITY } from '../processing/chunk-scorer.js';
import { decodeFacts, encodeFacts, type StagedFacts } from './facts-codec.js';

const models = loadShippedModels();
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const num = fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 1000);
const money = fc.integer({ min: 0, max: 10_000_000 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);

const factsArb: fc.Arbitrary<StagedFacts> = fc.record({
  product: fc.constantFrom('consumer' as const, 'merchant' as const),
  identityValid: fc.boolean(),
  age: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  amountMinor: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
  bureau: maybe(fc.record({ revolvingUtilization: maybe(num), pastDue30to59: maybe(fc.integer({ min: 0, max: 99 })), debtRatio: maybe(num), monthlyIncome: maybe(money), dependents: maybe(fc.constant(null)) }, { requiredKeys: [] })),
  behaviour: maybe(fc.record({ accountAgeMonths: maybe(fc.integer({ min: 0, max: 1200 })), spend12m: maybe(money), returnRate: maybe(fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000)) }, { requiredKeys: [] })),
  identity: maybe(fc.record({ verified: maybe(fc.boolean()), livenessPassed: maybe(fc.boolean()), phoneTenureMonths: maybe(fc.integer({ min: 0, max: 1200 })) }, { requiredKeys: [] })),
  cashFlow: maybe(fc.record({ monthlyRevenue: fc.array(money, { minLength: 1, maxLength: 36 }), monthsTrading: maybe(fc.integer({ min: 0, max: 1200 })), sector: maybe(fc.constantFrom('grocery', 'b2b_services')) }, { requiredKeys: ['monthlyRevenue'] })),
  signals: maybe(fc.record({ deviceRooted: maybe(fc.boolean()), proxyOrVpn: maybe(fc.boolean()) }, { requiredKeys: [] })),
});

/** The facts as POST /v1/scores hands them to the engine. */
function direct(f: StagedFacts): ApplicationFacts {
  const strip = (o?: Record<string, unknown>) => (o ? (JSON.parse(JSON.stringify(o)) as Record<string, unknown>) : undefined);
  return {
    product: f.product,
    identityValid: f.identityValid,
    age: f.age,
    amountMinor: f.amountMinor,
    bureau: strip(f.bureau),
    behaviour: strip(f.behaviour),
    identity: strip(f.identity),
    cashFlow: strip(f.cashFlow) as ApplicationFacts['cashFlow'],
    partnerSignals: strip(f.signals) ?? {},
  };
}

describe('staged facts encoding', () => {
  it('decodes to facts the engine scores exactly as the originals (property)', () => {
    fc.assert(
      fc.property(factsArb, (generated) => {
        // As drafts are: parsed JSON (no undefined-valued keys; explicit nulls kept).
        const facts = JSON.parse(JSON.stringify(generated)) as StagedFacts;
        const encoded = encodeFacts(facts);
        expect(encoded).not.toMatch(/[\t\n\r\\]/);
        expect(encoded.includes('\u001e') || encoded.includes('\u001f')).toBe(false);
        expect(decideOnApplication(decodeFacts(encoded), NO_VELOCITY, models)).toEqual(decideOnApplication(direct(facts), NO_VELOCITY, models));
      }),
      { numRuns: 2000 },
    );
  });

  it('is compact: a bureau row is a fraction of its JSON', () => {
    const facts: StagedFacts = { product: 'consumer', identityValid: true, age: 36, amountMinor: 800000, bureau: { revolvingUtilization: 0.35, pastDue30to59: 0, debtRatio: 0.3, monthlyIncome: '12000.00' } };
    expect(encodeFacts(facts).length * 3).toBeLessThan(JSON.stringify(facts).length);
  });

  it('keeps a section sent with nulls only present (it selects the bureau card, as in the scores API)', () => {
    const decoded = decodeFacts(encodeFacts({ product: 'consumer', identityValid: true, age: 30, amountMinor: null, bureau: { debtRatio: null } }));
    expect(decided(decoded)).toMatch(/^consumer-bureau@/);
    expect(decided(decodeFacts(encodeFacts({ product: 'consumer', identityValid: true, age: 30, amountMinor: null, bureau: {} })))).toMatch(/^consumer-thin-file@/);
  });
});

const decided = (facts: ApplicationFacts) => decideOnApplication(facts, NO_VELOCITY, models).modelVersion;
