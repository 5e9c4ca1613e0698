import type { TestApp } from './test-app.js';

export interface TenantInput {
  name?: string;
  kind?: 'ecommerce' | 'bank' | 'lender' | 'integrator';
  plan?: { monthlyQuota?: number; rateLimitPerSecond?: number; prices?: Record<string, string> };
}

/** Creates a tenant through the operator API. */
export async function createTenant(app: TestApp, adminToken: string, input: TenantInput = {}): Promise<{ id: string } & Record<string, unknown>> {
  const res = await app
    .http()
    .post('/admin/v1/tenants')
    .set('authorization', `Bearer ${adminToken}`)
    .send({ name: input.name ?? 'Shop A', kind: input.kind ?? 'ecommerce', ...(input.plan ? { plan: input.plan } : {}) });
  if (res.status !== 201) throw new Error(`createTenant: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Issues an API key through the operator API; returns the key resource with its secret. */
export async function issueKey(
  app: TestApp,
  adminToken: string,
  tenantId: string,
  scopes: string[] = [],
  mode: 'live' | 'test' = 'live',
): Promise<{ id: string; key: string; prefix: string }> {
  const res = await app
    .http()
    .post(`/admin/v1/tenants/${tenantId}/api-keys`)
    .set('authorization', `Bearer ${adminToken}`)
    .send({ name: 'test key', scopes, mode });
  if (res.status !== 201) throw new Error(`issueKey: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; key: string; prefix: string };
}

/** A tenant with one key holding `scopes`: the usual starting point of a partner test. */
export async function partner(app: TestApp, adminToken: string, scopes: string[] = [], input: TenantInput = {}) {
  const tenant = await createTenant(app, adminToken, input);
  const key = await issueKey(app, adminToken, tenant.id, scopes);
  return { tenant, key, auth: { authorization: `Bearer ${key.key}` } };
}
