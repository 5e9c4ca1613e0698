import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { createTenant, issueKey, partner } from '../support/factories.js';
import { probeModule } from '../support/probe.module.js';

/** Every text the database holds, table by table, as one string (to search for secrets). */
async function dumpDatabase(api: TestApp): Promise<string> {
  const db = api.app.get<DataSource>(getDataSourceToken());
  const tables: { tablename: string }[] = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
  const parts: string[] = [];
  for (const { tablename } of tables) parts.push(JSON.stringify(await db.query(`SELECT * FROM "${tablename}"`)));
  return parts.join('\n');
}

async function until<T>(deadlineMs: number, probe: () => Promise<T>, done: (value: T) => boolean): Promise<{ value: T; elapsedMs: number }> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    const elapsedMs = Date.now() - start;
    if (done(value) || elapsedMs > deadlineMs) return { value, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('API keys and partner auth', () => {
  let ctx: TestContext;
  let api: TestApp;
  let replica: TestApp;
  const admin = () => ({ authorization: `Bearer ${ctx.adminToken}` });

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp({}, [probeModule()]);
    replica = await ctx.startApp({}, [probeModule()]);
  });
  afterAll(() => ctx.close());

  it('issues a key whose secret works on /v1/me (Bearer and X-API-Key) and is stored only as a hash', async () => {
    const tenant = await createTenant(api, ctx.adminToken, { name: 'Shop K' });
    const created = await api
      .http()
      .post(`/admin/v1/tenants/${tenant.id}/api-keys`)
      .set(admin())
      .send({ name: 'checkout', scopes: ['scores:write', 'consents:write'], mode: 'live' });
    expect(created.status).toBe(201);
    const secret: string = created.body.key;
    expect(secret).toMatch(/^gx_live_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ tenantId: tenant.id, name: 'checkout', mode: 'live', scopes: ['consents:write', 'scores:write'], revokedAt: null });
    expect(secret.startsWith(created.body.prefix)).toBe(true);

    const bearer = await api.http().get('/v1/me').set('authorization', `Bearer ${secret}`);
    expect(bearer.status).toBe(200);
    expect(bearer.body).toMatchObject({
      tenant: { id: tenant.id, name: 'Shop K', kind: 'ecommerce' },
      keyId: created.body.id,
      keyPrefix: created.body.prefix,
      scopes: ['consents:write', 'scores:write'],
      mode: 'live',
      plan: { monthlyQuota: 100000, rateLimitPerSecond: 50 },
    });
    const header = await api.http().get('/v1/me').set('x-api-key', secret);
    expect(header.status).toBe(200);

    const listed = await api.http().get(`/admin/v1/tenants/${tenant.id}/api-keys`).set(admin());
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0].key).toBeUndefined();
    expect(listed.body.data[0].prefix).toBe(created.body.prefix);

    const dump = await dumpDatabase(api);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(created.body.prefix.length));
  });

  it('never stores the secret for an idempotent key issuance either; the replay omits it', async () => {
    const tenant = await createTenant(api, ctx.adminToken);
    const send = () =>
      api.http().post(`/admin/v1/tenants/${tenant.id}/api-keys`).set(admin()).set('idempotency-key', 'issue-1').send({ name: 'k', scopes: [], mode: 'test' });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body.key).toMatch(/^gx_test_/);
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.key).toBeUndefined();
    expect(await dumpDatabase(api)).not.toContain(first.body.key);
  });

  it('answers 401 with distinct codes for missing, malformed, unknown and revoked keys', async () => {
    const missing = await api.http().get('/v1/me');
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('api_key_missing');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const malformed = await api.http().get('/v1/me').set('authorization', 'Bearer nope');
    expect(malformed.body.code).toBe('invalid_api_key');
    const unknown = await api.http().get('/v1/me').set('authorization', `Bearer gx_live_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_api_key');
    const basic = await api.http().get('/v1/me').set('authorization', 'Basic dXNlcjpwYXNz');
    expect(basic.body.code).toBe('api_key_missing');
  });

  it('revocation takes effect within 1 s on another api instance that had the key cached', async () => {
    const { key, tenant } = await partner(api, ctx.adminToken);
    const auth = { authorization: `Bearer ${key.key}` };
    for (const app of [api, replica]) expect((await app.http().get('/v1/me').set(auth)).status).toBe(200);

    const revoked = await api.http().delete(`/admin/v1/tenants/${tenant.id}/api-keys/${key.id}`).set(admin());
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();

    const { value, elapsedMs } = await until(1_000, () => replica.http().get('/v1/me').set(auth), (res) => res.status === 401);
    expect(value.status).toBe(401);
    expect(value.body.code).toBe('api_key_revoked');
    expect(elapsedMs).toBeLessThanOrEqual(1_000);
    expect((await api.http().get('/v1/me').set(auth)).status).toBe(401);

    const again = await api.http().delete(`/admin/v1/tenants/${tenant.id}/api-keys/${key.id}`).set(admin());
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it('a suspended tenant gets 403 on every replica at once, and works again when reactivated', async () => {
    const { key, tenant } = await partner(api, ctx.adminToken);
    const auth = { authorization: `Bearer ${key.key}` };
    expect((await replica.http().get('/v1/me').set(auth)).status).toBe(200);
    await api.http().patch(`/admin/v1/tenants/${tenant.id}`).set(admin()).send({ status: 'suspended' }).expect(200);
    const { value } = await until(1_000, () => replica.http().get('/v1/me').set(auth), (res) => res.status === 403);
    expect(value.status).toBe(403);
    expect(value.body.code).toBe('tenant_suspended');
    await api.http().patch(`/admin/v1/tenants/${tenant.id}`).set(admin()).send({ status: 'active' }).expect(200);
    const back = await until(1_000, () => replica.http().get('/v1/me').set(auth), (res) => res.status === 200);
    expect(back.value.status).toBe(200);
  });

  it('enforces scopes per route with 403 insufficient_scope', async () => {
    const without = await partner(api, ctx.adminToken, ['consents:write']);
    const denied = await api.http().get('/v1/_probe/scoped').set(without.auth);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'insufficient_scope', requiredScopes: ['scores:write'] });
    const withScope = await partner(api, ctx.adminToken, ['scores:write']);
    const allowed = await api.http().get('/v1/_probe/scoped').set(withScope.auth);
    expect(allowed.status).toBe(200);
    expect(allowed.body.tenantId).toBe(withScope.tenant.id);
  });

  it("keeps tenants apart: another tenant's key id answers 404, never data", async () => {
    const a = await createTenant(api, ctx.adminToken, { name: 'A' });
    const b = await createTenant(api, ctx.adminToken, { name: 'B' });
    const bKey = await issueKey(api, ctx.adminToken, b.id);
    const crossRead = await api.http().get(`/admin/v1/tenants/${a.id}/api-keys/${bKey.id}`).set(admin());
    expect(crossRead.status).toBe(404);
    const crossRevoke = await api.http().delete(`/admin/v1/tenants/${a.id}/api-keys/${bKey.id}`).set(admin());
    expect(crossRevoke.status).toBe(404);
    const stillWorks = await api.http().get('/v1/me').set('authorization', `Bearer ${bKey.key}`);
    expect(stillWorks.status).toBe(200);
  });

  it('rejects bad key requests with per-field errors', async () => {
    const tenant = await createTenant(api, ctx.adminToken);
    const res = await api
      .http()
      .post(`/admin/v1/tenants/${tenant.id}/api-keys`)
      .set(admin())
      .send({ name: '', scopes: ['root', 'scores:write', 'scores:write'], mode: 'prod' });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'scopes', 'mode']));
    const noTenant = await api.http().post('/admin/v1/tenants/ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E/api-keys').set(admin()).send({ name: 'k', scopes: [], mode: 'live' });
    expect(noTenant.status).toBe(404);
  });

  it('never writes key secrets or the admin token to the logs', async () => {
    const { key } = await partner(api, ctx.adminToken, ['scores:write']);
    await api.http().get('/v1/me').set('authorization', `Bearer ${key.key}`).expect(200);
    await api.http().get('/v1/me').set('x-api-key', `${key.key}x`).expect(401);
    const logs = api.logs.text() + replica.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(key.key);
    expect(logs).not.toContain(key.key.slice(16));
    expect(logs).not.toContain(ctx.adminToken);
  });
});
