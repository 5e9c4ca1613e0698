import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { partner } from '../support/factories.js';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP conventions on every route', () => {
  let ctx: TestContext;
  let api: TestApp;
  const admin = () => ({ authorization: `Bearer ${ctx.adminToken}` });

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status, code, type: `https://docs.guanxing.dev/problems/${code}` });
    expect(typeof res.body.title).toBe('string');
    expect(typeof res.body.detail).toBe('string');
    expect(typeof res.body.instance).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
  }

  it('unknown route → 404 route_not_found', async () => {
    expectProblem(await api.http().get('/v1/does-not-exist'), 404, 'route_not_found');
    expectProblem(await api.http().get('/'), 404, 'route_not_found');
  });

  it('wrong method → 405 with Allow', async () => {
    const res = await api.http().delete('/admin/v1/tenants').set(admin());
    expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });

  it('malformed JSON → 400 malformed_json, and nothing is written', async () => {
    const res = await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'application/json').send('{"name": "x",');
    expectProblem(res, 400, 'malformed_json');
    const list = await api.http().get('/admin/v1/tenants').set(admin());
    expect(list.body.data).toHaveLength(0);
  });

  it('a JSON content type with an empty body is no body: an action takes it, a create answers as to no body', async () => {
    const res = await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'application/json').send('');
    expectProblem(res, 400, 'validation_failed');
    const withoutBody = await api.http().post('/admin/v1/tenants').set(admin());
    expect(res.body.errors).toEqual(withoutBody.body.errors);
    expect(res.body.errors).toEqual([{ field: 'body', message: expect.any(String) }]);

    const { auth } = await partner(api, ctx.adminToken, ['consents:write']);
    const consent = await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u-empty' }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '1' } });
    const revoked = await api.http().post(`/v1/consents/${consent.body.id}/revoke`).set(auth).set('content-type', 'application/json; charset=utf-8').send('');
    expect({ status: revoked.status, consentStatus: revoked.body.status }).toEqual({ status: 200, consentStatus: 'revoked' });
    const replayed = await api.http().post(`/v1/consents/${consent.body.id}/revoke`).set(auth).set('idempotency-key', 'empty-1').set('content-type', 'application/json').send('');
    expect(replayed.status).toBe(200);
  });

  it('prototype and constructor poisoning → 400 malformed_json', async () => {
    for (const body of ['{"name":"x","kind":"bank","__proto__":{"admin":true}}', '{"name":"x","kind":"bank","constructor":{"prototype":{"admin":true}}}']) {
      const res = await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'application/json').send(body);
      expectProblem(res, 400, 'malformed_json');
    }
  });

  it('JSON nested 100,000 deep, or holding an unpaired surrogate → 400 naming the field, not a 500', async () => {
    const { auth } = await partner(api, ctx.adminToken, ['consents:write']);
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const headers of [auth, { ...auth, 'idempotency-key': 'deep-1' }]) {
      const res = await api.http().post('/v1/consents').set(headers).set('content-type', 'application/json').send(deep);
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toEqual([{ field: 'body', message: 'nests deeper than 32 levels' }]);
    }
    const surrogate = '{"subject":{"customerRef":"u-1"},"purposes":["credit_scoring"],"evidence":{"channel":"app","noticeVersion":"\\ud800"}}';
    const res = await api.http().post('/v1/consents').set(auth).set('content-type', 'application/json').send(surrogate);
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'evidence.noticeVersion', message: 'must not contain NUL characters or unpaired surrogates' }]);
    expect(api.logs.lines.some((l) => l.includes('"level":50'))).toBe(false);
  });

  it('body over 1 MiB → 413 payload_too_large', async () => {
    const res = await api
      .http()
      .post('/admin/v1/tenants')
      .set(admin())
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000), kind: 'bank' }));
    expectProblem(res, 413, 'payload_too_large');
  });

  it('unsupported media types → 415', async () => {
    expectProblem(await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'text/plain').send('name=x'), 415, 'unsupported_media_type');
    expectProblem(
      await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'application/x-www-form-urlencoded').send('name=x&kind=bank'),
      415,
      'unsupported_media_type',
    );
  });

  it.each(['[]', '"tenant"', '42', 'null'])('a non-object JSON body %s → 400 naming body', async (raw) => {
    const res = await api.http().post('/admin/v1/tenants').set(admin()).set('content-type', 'application/json').send(raw);
    expectProblem(res, 400, raw === 'null' ? 'validation_failed' : 'validation_failed');
    expect(res.body.errors).toEqual([{ field: 'body', message: 'the request body must be a JSON object' }]);
  });

  it('query validation names the parameter', async () => {
    const res = await api.http().get('/admin/v1/tenants').query({ limit: 1000, startingAfter: 'x' }).set(admin());
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'startingAfter']);
    const unknown = await api.http().get('/admin/v1/tenants').query({ sort: 'name' }).set(admin());
    expectProblem(unknown, 400, 'validation_failed');
  });

  it('echoes a sane X-Request-Id, replaces an unsafe one, and puts it in the problem and the logs', async () => {
    const given = await api.http().get('/v1/nope').set('x-request-id', 'trace-123.abc');
    expect(given.headers['x-request-id']).toBe('trace-123.abc');
    expect(given.body.requestId).toBe('trace-123.abc');
    const unsafe = await api.http().get('/health/live').set('x-request-id', 'bad id <script>');
    expect(unsafe.headers['x-request-id']).toMatch(/^req_[0-9A-HJKMNP-TV-Z]{26}$/);
    const generated = await api.http().get('/health/ready');
    expect(generated.headers['x-request-id']).toMatch(/^req_/);
    const line = api.logs.lines.map((l) => JSON.parse(l) as { req?: { id?: string } }).find((entry) => entry.req?.id === 'trace-123.abc');
    expect(line).toBeDefined();
  });

  it('logs carry the tenant id of authenticated calls', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken);
    await api.http().get('/v1/me').set(auth).set('x-request-id', 'tenant-log-check').expect(200);
    const entry = api.logs.lines.map((l) => JSON.parse(l) as { req?: { id?: string }; tenantId?: string }).find((e) => e.req?.id === 'tenant-log-check');
    expect(entry?.tenantId).toBe(tenant.id);
  });

  it('sets security headers on success and error responses', async () => {
    for (const res of [await api.http().get('/health/live'), await api.http().get('/nope')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('partner responses carry RateLimit headers', async () => {
    const { auth } = await partner(api, ctx.adminToken, [], { plan: { rateLimitPerSecond: 20 } });
    const res = await api.http().get('/v1/me').set(auth);
    expect(res.headers['ratelimit-limit']).toBe('20');
    expect(Number(res.headers['ratelimit-remaining'])).toBe(19);
    expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
  });

  it('health: live and ready (database and Redis)', async () => {
    expect((await api.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await api.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('metrics: a latency histogram by route pattern and status', async () => {
    await api.http().get('/admin/v1/tenants/ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E').set(admin());
    const res = await api.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/admin\/v1\/tenants\/:id",status_code="404"\} 1/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    // Queue depth of every queue (DESIGN §8), read from Redis at scrape time.
    for (const queue of ['housekeeping', 'batch-chunks', 'batch-jobs', 'webhooks']) expect(res.text).toMatch(new RegExp(`queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+`));
    expect(res.text).toMatch(/batch_rows_total\{outcome="scored"\} 0/);
  });

  it('serves the OpenAPI document and the docs UI', async () => {
    const spec = await api.http().get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(spec.body.paths['/v1/me'].get.security).toEqual([{ partnerBearer: [] }, { partnerApiKeyHeader: [] }]);
    expect(spec.body.paths['/health/live'].get.security).toEqual([]);
    const docs = await api.http().get('/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });
});
