import fc from 'fast-check';
import { formatMoney, parseMoney } from './money.js';

describe('money', () => {
  it('parses two-decimal strings into integer minor units', () => {
    expect(parseMoney('6000.00')).toBe(600_000);
    expect(parseMoney('0.01')).toBe(1);
    expect(parseMoney('0.50')).toBe(50);
  });

  it.each(['6000', '6000.0', '6000.000', '-1.00', '1e3', '01.00', ' 1.00', '1,000.00', ''])('rejects %j', (text) => {
    expect(() => parseMoney(text)).toThrow(RangeError);
  });

  it('round-trips every amount exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (minor) => expect(parseMoney(formatMoney(minor))).toBe(minor)));
  });

  it('formats negatives and refuses fractional minor units', () => {
    expect(formatMoney(-1234)).toBe('-12.34');
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
});
