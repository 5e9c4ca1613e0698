import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { createTenant } from '../support/factories.js';

describe('operator API: tenants', () => {
  let ctx: TestContext;
  let api: TestApp;
  const admin = () => ({ authorization: `Bearer ${ctx.adminToken}` });

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('creates a tenant with the default plan and reads it back', async () => {
    const res = await api.http().post('/admin/v1/tenants').set(admin()).send({ name: '  Shop A ', kind: 'ecommerce' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Shop A', kind: 'ecommerce', status: 'active', currency: 'CNY' });
    expect(res.body.id).toMatch(/^ten_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.body.plan).toMatchObject({ monthlyQuota: 100000, rateLimitPerSecond: 50 });
    expect(res.body.plan.prices.scores).toBe('0.50');
    const got = await api.http().get(`/admin/v1/tenants/${res.body.id}`).set(admin());
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('takes a custom plan with exact money prices', async () => {
    const res = await api
      .http()
      .post('/admin/v1/tenants')
      .set(admin())
      .send({ name: 'Bank B', kind: 'bank', plan: { monthlyQuota: 5, rateLimitPerSecond: 7, prices: { scores: '0.35', batch_rows: '0.01' } } });
    expect(res.status).toBe(201);
    expect(res.body.plan).toEqual({
      monthlyQuota: 5,
      rateLimitPerSecond: 7,
      prices: { scores: '0.35', batch_rows: '0.01', identity_checks: '0.10', installments: '1.00', referrals: '5.00' },
    });
  });

  it('updates name, status and plan; prices merge per product', async () => {
    const tenant = await createTenant(api, ctx.adminToken);
    const res = await api
      .http()
      .patch(`/admin/v1/tenants/${tenant.id}`)
      .set(admin())
      .send({ name: 'Shop A2', status: 'suspended', plan: { rateLimitPerSecond: 9, prices: { scores: '1.20' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Shop A2', status: 'suspended' });
    expect(res.body.plan).toMatchObject({ rateLimitPerSecond: 9, monthlyQuota: 100000 });
    expect(res.body.plan.prices).toMatchObject({ scores: '1.20', referrals: '5.00' });
  });

  it('pages through tenants newest first with a stable cursor', async () => {
    for (let i = 0; i < 5; i++) await createTenant(api, ctx.adminToken, { name: `Paged ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: { id: string }[]; hasMore: boolean; nextCursor: string | null } } = await api
        .http()
        .get('/admin/v1/tenants')
        .query({ limit: 2, ...(cursor ? { startingAfter: cursor } : {}) })
        .set(admin());
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((t) => t.id));
      cursor = res.body.hasMore ? res.body.nextCursor : null;
      if (res.body.hasMore) expect(res.body.nextCursor).toBe(res.body.data[1].id);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const all = await api.http().get('/admin/v1/tenants').query({ limit: 100 }).set(admin());
    expect(all.body.data.map((t: { id: string }) => t.id)).toEqual(seen);
  });

  it.each([
    [{ kind: 'ecommerce' }, 'name'],
    [{ name: 'x', kind: 'casino' }, 'kind'],
    [{ name: 'x', kind: 'bank', plan: { monthlyQuota: -1 } }, 'plan.monthlyQuota'],
    [{ name: 'x', kind: 'bank', plan: { monthlyQuota: 1e15 } }, 'plan.monthlyQuota'],
    [{ name: 'x', kind: 'bank', plan: { rateLimitPerSecond: 1.5 } }, 'plan.rateLimitPerSecond'],
    [{ name: 'x', kind: 'bank', plan: { prices: { scores: '-1.00' } } }, 'plan.prices.scores'],
    [{ name: 'x', kind: 'bank', plan: { prices: { scores: 0.5 } } }, 'plan.prices.scores'],
    [{ name: 'x', kind: 'bank', plan: { prices: { scores: '0.5' } } }, 'plan.prices.scores'],
    [{ name: 'x', kind: 'bank', plan: { prices: { caviar: '1.00' } } }, 'plan.prices.caviar'],
    [{ name: 'x', kind: 'bank', admin: true }, 'admin'],
    [{ name: 123, kind: 'bank' }, 'name'],
    [{ name: 'x'.repeat(201), kind: 'bank' }, 'name'],
  ])('rejects %j naming %s, and writes nothing', async (body, field) => {
    const before = (await api.http().get('/admin/v1/tenants').query({ limit: 100 }).set(admin())).body.data.length;
    const res = await api.http().post('/admin/v1/tenants').set(admin()).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const after = (await api.http().get('/admin/v1/tenants').query({ limit: 100 }).set(admin())).body.data.length;
    expect(after).toBe(before);
  });

  it('answers 404 for unknown and malformed tenant ids', async () => {
    const unknown = await api.http().get('/admin/v1/tenants/ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E').set(admin());
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('resource_not_found');
    const malformed = await api.http().get("/admin/v1/tenants/'%20OR%201=1").set(admin());
    expect(malformed.status).toBe(404);
    const patch = await api.http().patch('/admin/v1/tenants/ten_01JD3Q6Z5V7Y8X9W0A1B2C3D4E').set(admin()).send({ name: 'x' });
    expect(patch.status).toBe(404);
  });

  it('refuses operator routes without the admin token, or with a partner key', async () => {
    const none = await api.http().get('/admin/v1/tenants');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('invalid_admin_token');
    const wrong = await api.http().get('/admin/v1/tenants').set('authorization', `Bearer ${ctx.adminToken}x`);
    expect(wrong.status).toBe(401);
  });
});
