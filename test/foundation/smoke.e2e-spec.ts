import { createTestContext, type TestContext, type TestApp } from '../support/test-app.js';
import { partner } from '../support/factories.js';

describe('smoke', () => {
  let ctx: TestContext;
  let api: TestApp;
  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('serves /v1/me for a new key', async () => {
    const { key, tenant } = await partner(api, ctx.adminToken, ['scores:write']);
    const res = await api.http().get('/v1/me').set('authorization', `Bearer ${key.key}`);
    expect(res.status).toBe(200);
    expect(res.body.tenant.id).toBe(tenant.id);
  });
});
