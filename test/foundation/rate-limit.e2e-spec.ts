import { generateApiKey } from '../../src/api-keys/api-key-format.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { issueKey, partner } from '../support/factories.js';

describe('per-key rate limit', () => {
  let ctx: TestContext;
  let api: TestApp;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('a key limited to N/s gets exactly N successes in a burst of 2N, then 429 with Retry-After', async () => {
    const N = 25;
    const { auth } = await partner(api, ctx.adminToken, [], { plan: { rateLimitPerSecond: N } });
    const responses = await Promise.all(Array.from({ length: 2 * N }, () => api.http().get('/v1/me').set(auth)));
    const ok = responses.filter((r) => r.status === 200);
    const limited = responses.filter((r) => r.status === 429);
    expect(ok).toHaveLength(N);
    expect(limited).toHaveLength(N);
    for (const r of limited) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toBe('rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.headers['ratelimit-remaining']).toBe('0');
      expect(r.headers['ratelimit-limit']).toBe(String(N));
    }
    const remaining = ok.map((r) => Number(r.headers['ratelimit-remaining'])).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: N }, (_, i) => i));

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await api.http().get('/v1/me').set(auth)).status).toBe(200);
  });

  it('limits each key separately', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken, [], { plan: { rateLimitPerSecond: 3 } });
    const other = await issueKey(api, ctx.adminToken, tenant.id);
    const first = await Promise.all(Array.from({ length: 4 }, () => api.http().get('/v1/me').set(auth)));
    expect(first.filter((r) => r.status === 429)).toHaveLength(1);
    const second = await api.http().get('/v1/me').set('authorization', `Bearer ${other.key}`);
    expect(second.status).toBe(200);
  });

  it('an address presenting too many unknown keys gets 429 for keys not cached, across replicas, while keys in use go on working', async () => {
    const strict = await ctx.startApp({ AUTH_FAILURES_PER_MINUTE: '3' });
    const replica = await ctx.startApp({ AUTH_FAILURES_PER_MINUTE: '3' });
    try {
      const inUse = await partner(strict, ctx.adminToken);
      expect((await strict.http().get('/v1/me').set(inUse.auth)).status).toBe(200); // now cached
      const unknown = () => ({ authorization: `Bearer ${generateApiKey('live').secret}` });
      for (let i = 0; i < 3; i++) expect((await strict.http().get('/v1/me').set(unknown())).body.code).toBe('invalid_api_key');

      const refused = await strict.http().get('/v1/me').set(unknown());
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('too_many_auth_failures');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // The budget is in Redis: another replica refuses the address too.
      expect((await replica.http().get('/v1/me').set(unknown())).body.code).toBe('too_many_auth_failures');
      // A key already in use is answered from the cache, with no lookup to refuse…
      expect((await strict.http().get('/v1/me').set(inUse.auth)).status).toBe(200);
      // …while a valid key this replica has not cached yet needs a lookup, and waits out the minute too.
      const fresh = await issueKey(strict, ctx.adminToken, inUse.tenant.id);
      expect((await strict.http().get('/v1/me').set({ authorization: `Bearer ${fresh.key}` })).body.code).toBe('too_many_auth_failures');
      // The default budget (on the first app) is far from spent.
      expect((await api.http().get('/v1/me').set(inUse.auth)).status).toBe(200);
    } finally {
      await replica.close();
      await strict.close();
    }
  });
});
