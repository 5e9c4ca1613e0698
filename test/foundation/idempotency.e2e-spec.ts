import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { issueKey, partner } from '../support/factories.js';
import { probeModule } from '../support/probe.module.js';

describe('Idempotency-Key on POST', () => {
  let ctx: TestContext;
  let api: TestApp;
  const admin = () => ({ authorization: `Bearer ${ctx.adminToken}` });
  const listTenants = async () => (await api.http().get('/admin/v1/tenants').query({ limit: 100 }).set(admin())).body.data as { id: string; name: string }[];

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp({}, [probeModule()]);
  });
  afterAll(() => ctx.close());

  it('20 concurrent POSTs with one key create one resource; replays return the first response', async () => {
    const body = { name: 'Concurrent Shop', kind: 'ecommerce' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-concurrent').send(body)),
    );
    const created = responses.filter((r) => r.status === 201);
    const inFlight = responses.filter((r) => r.status === 409);
    expect(created.length + inFlight.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of inFlight) expect(r.body.code).toBe('idempotency_request_in_progress');
    expect((await listTenants()).filter((t) => t.name === 'Concurrent Shop')).toHaveLength(1);

    const first = created.find((r) => r.headers['idempotent-replayed'] === undefined) ?? created[0];
    const replay = await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-concurrent').send({ kind: 'ecommerce', name: 'Concurrent Shop' });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    // Byte for byte, not just equal once parsed: jsonb storage would reorder the keys.
    expect(replay.text).toBe(first.text);
  });

  it('every POST operation in the OpenAPI document honours Idempotency-Key', async () => {
    // The interceptor is attached per route (@Idempotent()); a malformed key is the one answer
    // only it gives, before any route-specific work, so this finds a POST that lacks it.
    const spec = (await api.http().get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const posts = Object.entries(spec.paths).filter(([path, item]) => 'post' in item && /^\/(admin\/)?v1\//.test(path));
    expect(posts.length).toBeGreaterThanOrEqual(14);
    const { auth } = await partner(api, ctx.adminToken, [...SCOPES], { plan: { rateLimitPerSecond: 10_000 } });
    for (const [path] of posts) {
      const url = path.replace(/\{[^}]+\}/g, 'x_01JD3Q6Z5V7Y8X9W0A1B2C3D4E');
      const res = await api.http().post(url).set(path.startsWith('/admin/') ? admin() : auth).set('idempotency-key', 'not valid').send({});
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'idempotency_key_invalid' });
    }
  });

  it('the same key with a different body → 422, and nothing is created', async () => {
    await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-body').send({ name: 'Body A', kind: 'bank' }).expect(201);
    const res = await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-body').send({ name: 'Body B', kind: 'bank' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect((await listTenants()).some((t) => t.name === 'Body B')).toBe(false);
  });

  it("the same key and body on another resource's path → 422 (never a replay of the first)", async () => {
    const { auth } = await partner(api, ctx.adminToken, ['consents:write'], { plan: { rateLimitPerSecond: 1000 } });
    const consent = async () =>
      (await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u-path' }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } }).expect(201)).body.id as string;
    const [first, second] = [await consent(), await consent()];
    const revoke = (id: string) => api.http().post(`/v1/consents/${id}/revoke`).set(auth).set('idempotency-key', 'revoke-once');
    expect((await revoke(first)).body).toMatchObject({ id: first, status: 'revoked' });
    const other = await revoke(second);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect((await api.http().get(`/v1/consents/${second}`).set(auth)).body.status).toBe('authorised');
    const replay = await revoke(first);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('a validation failure frees the key so the corrected request can use it', async () => {
    const bad = await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-fix').send({ name: 'Fix', kind: 'nope' });
    expect(bad.status).toBe(400);
    const good = await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'k-fix').send({ name: 'Fix', kind: 'bank' });
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays business errors (404) as they were', async () => {
    const send = () =>
      api.http().post('/admin/v1/tenants/ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E/api-keys').set(admin()).set('idempotency-key', 'k-404').send({ name: 'k', scopes: [], mode: 'live' });
    const first = await send();
    expect(first.status).toBe(404);
    const second = await send();
    expect(second.status).toBe(404);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('keys are scoped per tenant: two partners may use the same key', async () => {
    const a = await partner(api, ctx.adminToken, ['scores:write']);
    const b = await partner(api, ctx.adminToken, ['scores:write']);
    const ra = await api.http().post('/v1/_probe/things').set(a.auth).set('idempotency-key', 'shared').send({ label: 'a', count: 1 });
    const rb = await api.http().post('/v1/_probe/things').set(b.auth).set('idempotency-key', 'shared').send({ label: 'b', count: 2 });
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(ra.body.tenantId).toBe(a.tenant.id);
    expect(rb.body.tenantId).toBe(b.tenant.id);
    const replayA = await api.http().post('/v1/_probe/things').set(a.auth).set('idempotency-key', 'shared').send({ label: 'a', count: 1 });
    expect(replayA.body).toEqual(ra.body);
  });

  it("keys are scoped per tenant and mode: a test key never replays a live key's response, nor the reverse", async () => {
    const live = await partner(api, ctx.adminToken, ['scores:write']);
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, live.tenant.id, ['scores:write'], 'test')).key}` };
    const otherLive = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, live.tenant.id, ['scores:write'], 'live')).key}` };
    const post = (auth: Record<string, string>) => api.http().post('/v1/_probe/things').set(auth).set('idempotency-key', 'order-1').send({ label: 'x', count: 1 });
    const first = await post(live.auth);
    const inSandbox = await post(sandbox);
    expect([first.status, inSandbox.status]).toEqual([201, 201]);
    expect(inSandbox.headers['idempotent-replayed']).toBeUndefined();
    expect(inSandbox.body.id).not.toBe(first.body.id);
    // Within a mode the key is the tenant's, whichever of its keys retries.
    for (const [auth, original] of [[live.auth, first], [otherLive, first], [sandbox, inSandbox]] as const) {
      const replay = await post(auth);
      expect({ replayed: replay.headers['idempotent-replayed'], body: replay.body }).toEqual({ replayed: 'true', body: original.body });
    }
  });

  it('rejects an unusable Idempotency-Key value', async () => {
    const res = await api.http().post('/admin/v1/tenants').set(admin()).set('idempotency-key', 'x'.repeat(300)).send({ name: 'n', kind: 'bank' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency_key_invalid');
    expect(res.body.errors[0].field).toBe('Idempotency-Key');
  });
});
