import { normalizePercent } from './percent-format.js';

describe('normalizePercent', () => {
  it.each([
    ['0.6', '0.60'],
    ['0.60', '0.60'],
    ['9.9', '9.90'],
    ['24', '24.00'],
    ['0', '0.00'],
    ['12.345600', '12.3456'],
    ['0.000001', '0.000001'],
    ['1.100000', '1.10'],
    ['09.90', '9.90'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePercent(input)).toBe(expected);
  });

  it.each(['', '1.', '.5', '1e2', '9.9%', '0.0000001', ' 1'])('refuses %j', (input) => {
    expect(normalizePercent(input)).toBeUndefined();
  });
});
