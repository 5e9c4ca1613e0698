import fc from 'fast-check';
import { canonicalJson, requestFingerprint } from './idempotency.service.js';

describe('request fingerprints', () => {
  it('ignore key order, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(requestFingerprint('POST', '/v1/x', reversed)).toBe(requestFingerprint('POST', '/v1/x', object));
      }),
    );
  });

  it('are written exactly as the first implementation wrote them (stored digests depend on it)', () => {
    const firstImplementation = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
      if (Array.isArray(value)) return `[${value.map(firstImplementation).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${firstImplementation(v)}`).join(',')}}`;
    };
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 })),
    })).value;
    fc.assert(fc.property(withUndefined, (value) => expect(canonicalJson(value)).toBe(firstImplementation(value))), { numRuns: 2000 });
    expect(canonicalJson([1, , 3])).toBe(firstImplementation([1, , 3])); // eslint-disable-line no-sparse-arrays
  });

  it('differ by body, method and route', () => {
    const base = requestFingerprint('POST', '/v1/x', { a: 1 });
    expect(requestFingerprint('POST', '/v1/x', { a: 2 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/y', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('PUT', '/v1/x', { a: 1 })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/x', { a: '1' })).not.toBe(base);
  });
});
