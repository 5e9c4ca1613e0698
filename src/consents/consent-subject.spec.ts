import fc from 'fast-check';
import { consentCovers } from './consent-subject.js';

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4 });

describe('consentCovers', () => {
  it('covers the person it names', () => {
    expect(consentCovers({ idNumberHash: 'a', phoneHash: 'p' }, { idNumberHash: 'a', phoneHash: 'p' })).toBe(true);
    expect(consentCovers({ idNumberHash: 'a' }, { idNumberHash: 'a', phoneHash: 'p' })).toBe(true);
    expect(consentCovers({ customerRef: 'u-1' }, { customerRef: 'u-1' })).toBe(true);
  });

  it('refuses another person, or a request it shares no identifier with', () => {
    expect(consentCovers({ idNumberHash: 'a' }, { idNumberHash: 'b' })).toBe(false);
    expect(consentCovers({ idNumberHash: 'a', phoneHash: 'p' }, { idNumberHash: 'a', phoneHash: 'q' })).toBe(false);
    expect(consentCovers({ customerRef: 'u-1' }, { idNumberHash: 'a' })).toBe(false);
    expect(consentCovers({}, { idNumberHash: 'a' })).toBe(false);
  });

  it('never covers a request whose ID number differs from the one named', () => {
    fc.assert(
      fc.property(hex, hex, fc.option(fc.string()), (a, b, ref) => {
        fc.pre(a !== b);
        expect(consentCovers({ idNumberHash: a, customerRef: ref }, { idNumberHash: b, customerRef: ref })).toBe(false);
      }),
    );
  });
});
