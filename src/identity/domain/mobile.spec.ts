import fc from 'fast-check';
import { normalizeMobile, validateMobile } from './mobile.js';
import { validatePersonName } from './person-name.js';

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));
const validMobile = fc.tuple(fc.integer({ min: 3, max: 9 }), nineDigits).map(([second, rest]) => `1${second}${rest}`);

describe('Chinese mobile numbers', () => {
  it('accepts 1[3-9] followed by 9 digits', () => {
    fc.assert(
      fc.property(validMobile, (m) => {
        expect(validateMobile(m)).toEqual({ valid: true, wellFormed: true, normalized: m });
      }),
    );
  });

  it('accepts the +86 / 0086 / 86 prefixes and separators, normalising to 11 digits', () => {
    fc.assert(
      fc.property(validMobile, fc.constantFrom('+86', '+86 ', '0086', '86', '+86-'), (m, prefix) => {
        expect(validateMobile(prefix + m).normalized).toBe(m);
      }),
    );
    expect(validateMobile('+86 138 0013 8000')).toEqual({ valid: true, wellFormed: true, normalized: '13800138000' });
    expect(validateMobile('138-0013-8000').normalized).toBe('13800138000');
  });

  it('rejects second digits 0-2 as an invalid prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), nineDigits, (second, rest) => {
        expect(validateMobile(`1${second}${rest}`)).toMatchObject({ valid: false, wellFormed: true, reason: 'invalid_prefix' });
      }),
    );
    expect(validateMobile('23800138000').reason).toBe('invalid_prefix');
  });

  it('rejects the wrong number of digits, letters and foreign country codes as malformed', () => {
    for (const bad of ['', '1380013800', '138001380000', '13800l38000', '+1 13800138000', '+8513800138000', '++8613800138000', '138 0013 800x']) {
      expect(validateMobile(bad)).toEqual({ valid: false, wellFormed: false, reason: 'malformed' });
    }
    fc.assert(
      fc.property(validMobile, fc.integer({ min: 0, max: 10 }), (m, cut) => {
        expect(validateMobile(m.slice(0, cut)).wellFormed).toBe(false);
      }),
    );
  });

  it('normalises or returns null', () => {
    expect(normalizeMobile(' 0086 13912345678 ')).toBe('13912345678');
    expect(normalizeMobile('8613912345678')).toBe('13912345678');
    expect(normalizeMobile('+4413912345678')).toBeNull();
  });
});

describe('person names', () => {
  it('accepts Chinese names, names with a middle dot and Latin names', () => {
    for (const name of ['张三', '欧阳娜娜', '阿依古丽·买买提', ' 李四 ', 'Zhang San', "O'Brien", 'Anne-Marie Dupont']) {
      expect(validatePersonName(name).valid).toBe(true);
    }
    expect(validatePersonName('  Zhang   San ').normalized).toBe('Zhang San');
  });

  it('rejects empty, single-character, digit and mixed-script names', () => {
    for (const name of ['', ' ', '张', '张3', 'A', '张San', '·张三', '张三·', 'Robert); DROP TABLE', 'x'.repeat(65)]) {
      expect(validatePersonName(name)).toEqual({ valid: false, reason: 'malformed' });
    }
  });
});
