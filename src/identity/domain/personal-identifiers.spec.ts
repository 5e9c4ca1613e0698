import fc from 'fast-check';
import { containsPersonalIdentifier, redactPersonalIdentifiers } from './personal-identifiers.js';
import { residentIdCheckCharacter } from './resident-id.js';

const residentId = fc.stringMatching(/^\d{17}$/).map((body) => body + residentIdCheckCharacter(body));
const mobile = fc.tuple(fc.constantFrom('', '86', '+86'), fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/)).map(([cc, second, rest]) => `${cc}1${second}${rest}`);
/** Text around an identifier that does not extend its digit run. */
const edge = fc.stringMatching(/^([A-Za-z._:@-][A-Za-z0-9._:@-]{0,10})?$/);

describe('personal identifiers in free text', () => {
  it('finds and redacts any resident ID or mobile number standing in text', () => {
    fc.assert(
      fc.property(edge, fc.oneof(residentId, mobile), edge, (before, identifier, after) => {
        const text = `${before.replace(/\d+$/, '')}${identifier}${after.replace(/^\d+/, '')}`;
        expect(containsPersonalIdentifier(text)).toBe(true);
        const redacted = redactPersonalIdentifiers(text);
        expect(redacted).not.toContain(identifier.replace(/^\+?86/, ''));
        expect(containsPersonalIdentifier(redacted)).toBe(false);
      }),
    );
  });

  it('leaves ordinary references alone: ids, short numbers, an 18-digit run with a wrong check character', () => {
    const wrongCheck = (body: string) => body + '10X98765432'.split('').find((c) => c !== residentIdCheckCharacter(body))!;
    for (const text of ['u-1', 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E', 'order-2026-11-29-0042', '12345678', '1234567890', '23800138000', wrongCheck('11010519491231002')]) {
      expect(containsPersonalIdentifier(text)).toBe(false);
      expect(redactPersonalIdentifiers(text)).toBe(text);
    }
  });

  it('finds them written with spaces, dots or hyphens, and after 86, +86 or 0086', () => {
    for (const text of ['138-0013-8000', '138.0013.8000', '138 0013 8000', '008613800138000', '+86 138 0013 8000', '86-13800138000', '110105-19491231-002X', '110105 19491231 002x']) {
      expect({ text, found: containsPersonalIdentifier(text) }).toEqual({ text, found: true });
      expect(redactPersonalIdentifiers(`ref ${text} end`)).toBe('ref [redacted] end');
    }
  });

  it('does not take a longer digit run for an identifier', () => {
    expect(containsPersonalIdentifier('913800138000')).toBe(false);
    expect(containsPersonalIdentifier('138001380001')).toBe(false);
  });
});
