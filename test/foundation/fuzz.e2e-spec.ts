import fc from 'fast-check';
import { SCOPES } from '../../src/auth/scopes.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { partner } from '../support/factories.js';

interface Operation {
  method: string;
  path: string;
}

/**
 * Every admin and partner operation in the app's own OpenAPI document (so routes added by
 * later features are fuzzed too) gets malformed bodies, ids and query strings: the gateway
 * must answer each with a 4xx problem (or a success), never a 5xx.
 */
describe('fuzzing every operator and partner route', () => {
  let ctx: TestContext;
  let api: TestApp;
  let operations: Operation[];
  let partnerAuth: Record<string, string>;
  let tenantId: string;
  let keyId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp({}, []);
    const p = await partner(api, ctx.adminToken, [...SCOPES], { plan: { rateLimitPerSecond: 100_000 } });
    partnerAuth = p.auth;
    tenantId = p.tenant.id;
    keyId = p.key.id;
    const spec = (await api.http().get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .filter(() => path.startsWith('/v1') || path.startsWith('/admin/v1'))
        .map((method) => ({ method, path })),
    );
  });
  afterAll(() => ctx.close());

  const idLike = fc.oneof(
    fc.constantFrom('ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E', 'key_01JD3Q6Z5V7Y8X9W0A1B2C3D4E', '%00', '..%2F..', "'; DROP TABLE tenants;--", 'x'.repeat(500)),
    fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s) || 'empty'),
  );
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({
      name: fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)),
      kind: fc.oneof(fc.constantFrom('ecommerce', 'bank'), fc.string()),
      scopes: fc.oneof(fc.array(fc.string()), fc.string()),
      mode: fc.oneof(fc.constantFrom('live', 'test'), fc.integer()),
      plan: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ monthlyQuota: fc.oneof(fc.double(), fc.bigInt().map(String)), prices: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double())) })),
      amount: fc.oneof(fc.constantFrom('-1.00', '1e309', '99999999999999999999.99', 'NaN'), fc.double()),
    }),
  );
  const raw = fc.constantFrom(
    '{',
    '{"a":',
    '[1,2',
    'null',
    '"',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{}}}',
    '\u0000',
    '{"a":1}{"b":2}',
    '{"name":"a\\u0000b","kind":"bank","customerRef":"u\\u0000","consentId":"cns_\\u0000","quoteId":"qte_\\u0000","amount":"1.00"}',
    '{"subject":{"customerRef":"u"},"purposes":["credit_scoring"],"evidence":{"channel":"app","noticeVersion":"\\u0000"}}',
  );

  it('never answers 5xx', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    for (const op of operations) {
      const auth = op.path.startsWith('/admin') ? { authorization: `Bearer ${ctx.adminToken}` } : partnerAuth;
      await fc.assert(
        fc.asyncProperty(idLike, body, raw, fc.boolean(), fc.boolean(), async (id, json, rawText, useRaw, realIds) => {
          const path = op.path
            .replace('{tenantId}', realIds ? tenantId : id)
            .replace('{keyId}', realIds ? keyId : id)
            .replace(/\{[^}]+\}/g, id);
          let req = api.http()[op.method as 'get'](`${path}?limit=${encodeURIComponent(String(id))}`).set(auth);
          if (op.method !== 'get' && op.method !== 'delete') {
            req = req.set('content-type', 'application/json').send(useRaw ? rawText : JSON.stringify(json));
          }
          const res = await req;
          if (res.status >= 500) failures.push(`${op.method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }),
        { numRuns: 40, seed: 42 },
      );
    }
    expect(failures).toEqual([]);
  });
});
