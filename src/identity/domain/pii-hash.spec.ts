import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { checkIdentity } from './identity-check.js';
import { hashMobile, hashResidentId, keyedHash } from './pii-hash.js';

const SECRET = 's'.repeat(32);
const OTHER_SECRET = 't'.repeat(32);

describe('keyed hashes of identifiers', () => {
  it('is HMAC-SHA-256 of "<kind>:<normalised value>" in hex', () => {
    const expected = createHmac('sha256', SECRET).update('id_number:11010519491231002X').digest('hex');
    expect(hashResidentId('11010519491231002X', SECRET)).toBe(expected);
    expect(hashResidentId('11010519491231002X', SECRET)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('normalises before hashing: lower-case x and spaces, +86 and separators', () => {
    expect(hashResidentId(' 11010519491231002x ', SECRET)).toBe(hashResidentId('11010519491231002X', SECRET));
    const phone = hashMobile('13800138000', SECRET);
    for (const variant of ['+86 138 0013 8000', '+8613800138000', '0086-138-0013-8000', ' 13800138000 ']) {
      expect(hashMobile(variant, SECRET)).toBe(phone);
    }
  });

  it('depends on the secret and separates kinds', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        expect(hashMobile(m, SECRET)).not.toBe(hashMobile(m, OTHER_SECRET));
        expect(keyedHash('phone', m, SECRET)).not.toBe(keyedHash('id_number', m, SECRET));
      }),
    );
  });

  it('distinct numbers hash apart, and the hash never contains the number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^1[3-9]\d{9}$/), (a, b) => {
        fc.pre(a !== b);
        expect(hashMobile(a, SECRET)).not.toBe(hashMobile(b, SECRET));
        expect(hashMobile(a, SECRET)).not.toContain(a);
      }),
    );
  });

  it('refuses a short secret and an empty value', () => {
    expect(() => hashMobile('13800138000', 'short')).toThrow(RangeError);
    expect(() => keyedHash('phone', '', SECRET)).toThrow(RangeError);
    expect(hashMobile('13800138000', Buffer.alloc(32, 7))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('identity check', () => {
  it('returns per-field results without the raw identifiers', () => {
    const result = checkIdentity({ idNumber: '11010519491231002X', phone: '+86 138 0013 8000', name: '张三' }, '2026-11-29');
    expect(result).toEqual({
      valid: true,
      wellFormed: true,
      malformedFields: [],
      idNumber: { valid: true, birthDate: '1949-12-31', age: 76, region: { code: '11', en: 'Beijing', 'zh-CN': '北京市' } },
      phone: { valid: true },
      name: { valid: true },
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13800138000');
  });

  it('reports invalid but well-formed fields (a 200) apart from malformed ones (a 400)', () => {
    const invalid = checkIdentity({ idNumber: '110105194912310021', phone: '12800138000' }, '2026-11-29');
    expect(invalid).toMatchObject({
      valid: false,
      wellFormed: true,
      idNumber: { valid: false, reason: 'checksum_mismatch' },
      phone: { valid: false, reason: 'invalid_prefix' },
    });
    const malformed = checkIdentity({ idNumber: '1101', phone: 'abc', name: '张三' }, '2026-11-29');
    expect(malformed).toMatchObject({ valid: false, wellFormed: false, malformedFields: ['idNumber', 'phone'] });
    expect(checkIdentity({}, '2026-11-29')).toMatchObject({ valid: false, wellFormed: true });
  });
});
