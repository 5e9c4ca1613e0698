import fc from 'fast-check';
import { displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey, modeOfKey } from './api-key-format.js';

describe('API key format', () => {
  it('generates gx_<mode>_ keys with 256 bits of randomness, a display prefix and a SHA-256 hash', () => {
    const live = generateApiKey('live');
    expect(live.secret).toMatch(/^gx_live_[A-Za-z0-9_-]{43}$/);
    expect(live.prefix).toBe(live.secret.slice(0, 16));
    expect(live.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(live.secretHash).toBe(hashApiKey(live.secret));
    expect(modeOfKey(generateApiKey('test').secret)).toBe('test');
  });

  it('never repeats a key across many generations', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => generateApiKey('live').secret));
    expect(seen.size).toBe(2_000);
  });

  it('recognises only well-formed keys', () => {
    fc.assert(
      fc.property(fc.string(), (candidate) => {
        expect(isWellFormedApiKey(candidate)).toBe(/^gx_(live|test)_[A-Za-z0-9_-]{43}$/.test(candidate));
      }),
    );
    expect(isWellFormedApiKey(`${generateApiKey('live').secret}x`)).toBe(false);
    expect(displayPrefix('gx_test_ABCDEFGHxyz')).toBe('gx_test_ABCDEFGH');
  });
});
