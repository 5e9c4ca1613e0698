import fc from 'fast-check';
import { compareRatios, formatHundredths, multiplyRoundHalfUp, parseDecimal, percentToRatio, ratio, roundHalfUp } from './rates.js';

describe('parseDecimal', () => {
  it('parses plain decimals exactly, in lowest terms', () => {
    expect(parseDecimal('9.90', 6)).toEqual({ num: 99n, den: 10n });
    expect(parseDecimal('0.006', 6)).toEqual({ num: 3n, den: 500n });
    expect(parseDecimal('24', 6)).toEqual({ num: 24n, den: 1n });
    expect(parseDecimal('-1.5', 6)).toEqual({ num: -3n, den: 2n });
    expect(parseDecimal('0', 6)).toEqual({ num: 0n, den: 1n });
  });

  it.each(['', '1.', '.5', '+1', '1e2', ' 1', '1,5', 'NaN', 'Infinity', '0x10', '1.1234567'])('rejects %j', (text) => {
    expect(parseDecimal(text, 6)).toBeUndefined();
  });

  it('reads 0.1 + 0.2 as exactly 0.3, unlike binary floats', () => {
    const a = parseDecimal('0.1', 6);
    const b = parseDecimal('0.2', 6);
    if (!a || !b) throw new Error('parse failed');
    expect(compareRatios(ratio(a.num * b.den + b.num * a.den, a.den * b.den), { num: 3n, den: 10n })).toBe(0);
  });
});

describe('roundHalfUp', () => {
  it('rounds ties away from zero and everything else to nearest', () => {
    expect([roundHalfUp(5n, 2n), roundHalfUp(3n, 2n), roundHalfUp(7n, 3n), roundHalfUp(8n, 3n)]).toEqual([3n, 2n, 2n, 3n]);
    expect([roundHalfUp(-5n, 2n), roundHalfUp(-7n, 3n), roundHalfUp(5n, -2n)]).toEqual([-3n, -2n, -3n]);
  });

  it('is within half a unit of the exact value, ties going up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (num, den) => {
        const rounded = roundHalfUp(num, den);
        const twiceError = 2n * (rounded * den - num); // in units of 1/den, doubled
        expect(twiceError > -den && twiceError <= den).toBe(true);
      }),
    );
  });
});

describe('multiplyRoundHalfUp', () => {
  it('rounds balance × rate to the cent half-up', () => {
    // 4745.09 × 1 % = 47.4509 → 47.45; 62.75 × 0.0999/12 = 0.52239… → 0.52; 0.5 fen → 1 fen
    expect(multiplyRoundHalfUp(474_509n, { num: 1n, den: 100n })).toBe(4745n);
    expect(multiplyRoundHalfUp(6275n, percentToRatio({ num: 999n, den: 1200n }))).toBe(52n);
    expect(multiplyRoundHalfUp(50n, { num: 1n, den: 100n })).toBe(1n);
  });
});

describe('formatHundredths', () => {
  it('formats two places with the sign outside', () => {
    expect([1304n, 0n, 5n, -5n, 240000n].map(formatHundredths)).toEqual(['13.04', '0.00', '0.05', '-0.05', '2400.00']);
  });
});
