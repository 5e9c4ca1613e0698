import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QuotaService } from '../../src/metering/quota.service.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { issueKey, partner } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { consentFor, thinFileApplicant } from '../support/scoring.js';
import { readyToOpen } from '../installments/helpers.js';

const SCOPES = ['scores:write', 'consents:write', 'usage:read'];

async function inBatches<T>(count: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, count - start) }, (_, j) => run(start + j)))));
  }
  return results;
}

describe('usage metering', () => {
  let ctx: TestContext;
  let api: TestApp;
  const admin = () => ({ authorization: `Bearer ${ctx.adminToken}` });
  const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const db = () => api.app.get<DataSource>(getDataSourceToken());

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
  });
  afterAll(() => ctx.close());

  it('says on every partner response whether it was billable', async () => {
    const { auth } = await partner(api, ctx.adminToken, SCOPES);
    const check = await api.http().post('/v1/identity-checks').set(auth).set('idempotency-key', 'b-1').send({ idNumber: residentId() });
    expect(check.headers['guanxing-billable']).toBe('true');
    const same = await api.http().post('/v1/identity-checks').set(auth).set('idempotency-key', 'b-2').send({ idNumber: '11010519491231002X' });
    const sameReplay = await api.http().post('/v1/identity-checks').set(auth).set('idempotency-key', 'b-2').send({ idNumber: '11010519491231002X' });
    expect(same.headers['guanxing-billable']).toBe('true');
    expect(sameReplay.headers['idempotent-replayed']).toBe('true');
    expect(sameReplay.headers['guanxing-billable']).toBe('false');
    expect((await api.http().get('/v1/me').set(auth)).headers['guanxing-billable']).toBe('false');
    expect((await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: '1' })).headers['guanxing-billable']).toBe('false');
    const consent = await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '1' } });
    expect(consent.headers['guanxing-billable']).toBe('false');
  });

  it('counts 5,000 concurrent billable calls across 3 keys of 2 tenants exactly, per tenant, key and product', async () => {
    const a = await partner(api, ctx.adminToken, SCOPES, { plan: { rateLimitPerSecond: 100_000 } });
    const a2 = await issueKey(api, ctx.adminToken, a.tenant.id, SCOPES);
    const b = await partner(api, ctx.adminToken, SCOPES, { plan: { rateLimitPerSecond: 100_000 } });
    const keys = [a.auth, { authorization: `Bearer ${a2.key}` }, b.auth];
    const idNumber = residentId('19700101');
    const statuses = await inBatches(5_000, 250, async (i) => {
      const res = await api.http().post('/v1/identity-checks').set(keys[i % 3]).send({ idNumber });
      return { key: i % 3, status: res.status, billable: res.headers['guanxing-billable'] };
    });
    const ok = [0, 1, 2].map((k) => statuses.filter((s) => s.key === k && s.status === 200).length);
    expect(ok.reduce((x, y) => x + y, 0)).toBe(statuses.filter((s) => s.billable === 'true').length);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // call events flush every second

    const byProduct = await api.http().get('/v1/usage').query({ from: today(), to: today(), groupBy: 'product' }).set(a.auth);
    expect(byProduct.status).toBe(200);
    const aChecks = byProduct.body.data.find((r: { product: string }) => r.product === 'identity_checks');
    expect(aChecks.billableUnits).toBe(ok[0] + ok[1]);
    expect(aChecks.calls).toBe(ok[0] + ok[1]);
    const byKey = await api.http().get('/v1/usage').query({ from: today(), to: today(), groupBy: 'key' }).set(a.auth);
    const unitsOf = (keyId: string) => byKey.body.data.find((r: { keyId: string }) => r.keyId === keyId)?.billableUnits;
    expect(unitsOf(a.key.id)).toBe(ok[0]);
    expect(unitsOf(a2.id)).toBe(ok[1]);
    const bUsage = await api.http().get('/v1/usage').query({ from: today(), to: today(), granularity: 'month' }).set(b.auth);
    expect(bUsage.body.data).toEqual([{ period: today().slice(0, 7), product: 'identity_checks', calls: ok[2], billableUnits: ok[2] }]);
    const [rows] = await db().query(`SELECT count(*)::int AS n FROM identity_checks WHERE tenant_id = $1`, [b.tenant.id]);
    expect(rows.n).toBe(ok[2]);
  });

  it('enforces the monthly quota before the work: Q billable calls, then 429 quota_exceeded', async () => {
    const Q = 5;
    const { auth, tenant } = await partner(api, ctx.adminToken, SCOPES, { plan: { monthlyQuota: Q, rateLimitPerSecond: 1000 } });
    const results = await Promise.all(Array.from({ length: Q + 4 }, () => api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(Q);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.body.code).toBe('quota_exceeded');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.headers['ratelimit-policy']).toMatch(new RegExp(`"quota";q=${Q};w=\\d+`));
      expect(r.headers['ratelimit']).toMatch(/"quota";r=0;t=\d+/);
    }
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM identity_checks WHERE tenant_id = $1`, [tenant.id]);
    expect(n).toBe(Q);
    // Non-billable routes still work.
    expect((await api.http().get('/v1/me').set(auth)).status).toBe(200);
    const quota = await api.http().get('/v1/usage/quota').set(auth);
    expect(quota.body).toMatchObject({ monthlyQuota: Q, used: Q, remaining: 0 });
    expect(Date.parse(quota.body.resetsAt)).toBeGreaterThan(Date.now());
    // A failed call gives its reservation back.
    const big = await partner(api, ctx.adminToken, SCOPES, { plan: { monthlyQuota: 1 } });
    expect((await api.http().post('/v1/identity-checks').set(big.auth).send({ idNumber: 'x' })).status).toBe(400);
    expect((await api.http().post('/v1/identity-checks').set(big.auth).send({ idNumber: residentId() })).status).toBe(200);
    // The next billing month starts from zero.
    const quotas = api.app.get(QuotaService);
    const nextMonth = new Date(Date.parse(quota.body.resetsAt) + 1_000);
    expect((await quotas.reserve(tenant.id, Q, 1, nextMonth)).allowed).toBe(true);
    expect((await quotas.reserve(tenant.id, Q, 1, new Date())).allowed).toBe(false);
  });

  it('spends no quota on calls the gate refuses: wrong scope, rate limited', async () => {
    const { tenant, auth } = await partner(api, ctx.adminToken, SCOPES, { plan: { monthlyQuota: 2, rateLimitPerSecond: 1 } });
    const noScope = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, ['usage:read'])).key}` };
    const denied = await api.http().post('/v1/identity-checks').set(noScope).send({ idNumber: residentId() });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('insufficient_scope');
    // The key's rate limit is spent and reported on a refusal; the quota is not claimed at all.
    expect(denied.headers['ratelimit-policy']).toBe('"key";q=1;w=1');

    const burst = await Promise.all(Array.from({ length: 4 }, () => api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() })));
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 429).map((r) => r.body.code)).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() })).status).toBe(200);
    expect((await api.http().get('/v1/usage/quota').set(noScope)).body).toMatchObject({ monthlyQuota: 2, used: 2, remaining: 0 });
  });

  it('bills a score with its decision, and nothing for a refused one', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken, SCOPES);
    const idNumber = residentId('19820202');
    const ok = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, await consentFor(api, auth, { idNumber })));
    expect(ok.status).toBe(201);
    expect(ok.headers['guanxing-billable']).toBe('true');
    const refused = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E'));
    expect(refused.status).toBe(403);
    expect(refused.headers['guanxing-billable']).toBe('false');
    const events: { resource_id: string; units: number }[] = await db().query(`SELECT resource_id, units FROM usage_events WHERE tenant_id = $1 AND billable`, [tenant.id]);
    expect(events).toEqual([{ resource_id: ok.body.id, units: 1 }]);
  });

  it('bills an opened installment plan, not the quote or a refused plan', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken, [...SCOPES, 'installments:write']);
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-bill', { limit: '10000.00', amount: '6000.00' });
    const opened = await api.http().post('/v1/installment-plans').set(auth).send({ quoteId, consentId, termMonths: 6 });
    expect(opened.status).toBe(201);
    expect(opened.headers['guanxing-billable']).toBe('true');
    const overdraw = await api.http().post('/v1/installment-plans').set(auth).send({ quoteId, consentId, termMonths: 6 });
    expect(overdraw.status).toBe(422);
    expect(overdraw.headers['guanxing-billable']).toBe('false');
    const events: { product: string; resource_id: string }[] = await db().query(`SELECT product, resource_id FROM usage_events WHERE tenant_id = $1 AND billable`, [tenant.id]);
    expect(events).toEqual([{ product: 'installments', resource_id: opened.body.id }]);
  });

  it('the sandbox is free: test keys\' scores, identity checks and plans are counted as calls, never billed, and spend no quota', async () => {
    const scopes = [...SCOPES, 'installments:write'];
    const { auth, tenant } = await partner(api, ctx.adminToken, scopes, { plan: { monthlyQuota: 1, rateLimitPerSecond: 1000 } });
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, scopes, 'test')).key}` };

    // Well past the live quota of 1, in the sandbox.
    const sandboxCalls = [];
    for (let i = 0; i < 3; i++) sandboxCalls.push(await api.http().post('/v1/identity-checks').set(sandbox).send({ idNumber: residentId() }));
    const idNumber = residentId('19830303');
    for (let i = 0; i < 2; i++) sandboxCalls.push(await api.http().post('/v1/scores').set(sandbox).send(thinFileApplicant(idNumber, await consentFor(api, sandbox, { idNumber }))));
    const { quoteId, consentId } = await readyToOpen(api, sandbox, 'u-sandbox');
    sandboxCalls.push(await api.http().post('/v1/installment-plans').set(sandbox).send({ quoteId, consentId, termMonths: 6 }));
    expect(sandboxCalls.map((r) => r.status)).toEqual([200, 200, 200, 201, 201, 201]);
    for (const r of sandboxCalls) {
      expect(r.headers['guanxing-billable']).toBe('false');
      expect(r.headers['ratelimit-policy']).not.toMatch(/"quota"/); // the quota is not theirs to spend
    }

    // The live quota is untouched: one billable call, then 429.
    const live = await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() });
    expect({ status: live.status, billable: live.headers['guanxing-billable'] }).toEqual({ status: 200, billable: 'true' });
    expect((await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() })).body.code).toBe('quota_exceeded');
    expect((await api.http().get('/v1/usage/quota').set(auth)).body).toMatchObject({ monthlyQuota: 1, used: 1, remaining: 0 });

    const billed: { resource_id: string }[] = await db().query(`SELECT resource_id FROM usage_events WHERE tenant_id = $1 AND billable`, [tenant.id]);
    expect(billed).toEqual([{ resource_id: live.body.id }]);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // call events flush every second
    const report = await api.http().get('/v1/usage').query({ from: today(), to: today(), groupBy: 'product' }).set(auth);
    const byProduct = Object.fromEntries(report.body.data.map((r: { product: string; calls: number; billableUnits: number }) => [r.product, [r.calls, r.billableUnits]]));
    expect(byProduct).toMatchObject({ identity_checks: [5, 1], scores: [2, 0], installments: [expect.any(Number), 0] });
  });

  it('produces an exact monthly statement and an operator CSV export', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken, SCOPES, { plan: { prices: { identity_checks: '0.13', scores: '0.50' } } });
    for (let i = 0; i < 7; i++) await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() }).expect(200);
    const period = today().slice(0, 7);
    const statement = await api.http().get(`/admin/v1/tenants/${tenant.id}/statements/${period}`).set(admin());
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ tenantId: tenant.id, period, currency: 'CNY', total: '0.91', final: false });
    expect(statement.body.lines).toEqual([{ product: 'identity_checks', units: 7, unitPrice: '0.13', amount: '0.91' }]);
    expect((await api.http().get(`/admin/v1/tenants/${tenant.id}/statements/2026-13`).set(admin())).status).toBe(400);

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const csv = await api.http().get('/admin/v1/usage').query({ from: today(), to: today(), tenantId: tenant.id }).set(admin()).set('accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('period,tenantId,product,calls,billableUnits');
    expect(csv.text).toContain(`${today()},${tenant.id},identity_checks,7,7`);
    const json = await api.http().get('/admin/v1/usage').query({ from: today(), to: today() }).set(admin());
    expect(json.body.data.some((r: { tenantId: string }) => r.tenantId === tenant.id)).toBe(true);
  });

  it('reports the month to date when the range is left out', async () => {
    const { auth, tenant } = await partner(api, ctx.adminToken, SCOPES);
    for (let i = 0; i < 3; i++) await api.http().post('/v1/identity-checks').set(auth).send({ idNumber: residentId() }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // call events flush every second
    const expected = { period: today(), product: 'identity_checks', calls: 3, billableUnits: 3 };
    // The report's own reads are counted too (product `other`, flushed a second later): look at the checks.
    const checks = (res: { status: number; body: { data: { product: string }[] } }) => ({ status: res.status, data: res.body.data.filter((r) => r.product === 'identity_checks') });
    const report = async (query: Record<string, string>) => checks(await api.http().get('/v1/usage').query(query).set(auth));
    expect(await report({})).toEqual({ status: 200, data: [expected] });
    expect(await report({ granularity: 'month' })).toEqual({ status: 200, data: [{ ...expected, period: today().slice(0, 7) }] });
    // `from` alone runs to today; `to` alone starts on the 1st of its month.
    expect(await report({ from: `${today().slice(0, 7)}-01` })).toEqual({ status: 200, data: [expected] });
    expect(await report({ to: today() })).toEqual({ status: 200, data: [expected] });
    expect(await report({ to: `${Number(today().slice(0, 4)) - 1}-12-31` })).toEqual({ status: 200, data: [] });
    expect(await report({ from: '2099-01-01' })).toEqual({ status: 200, data: [] }); // `to` becomes `from`, not an inverted range
    const tooLong = await api.http().get('/v1/usage').query({ from: `${Number(today().slice(0, 4)) - 2}-01-01` }).set(auth);
    expect({ status: tooLong.status, fields: tooLong.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['from'] });

    const operator = await api.http().get('/admin/v1/usage').query({ tenantId: tenant.id }).set(admin());
    expect(checks(operator)).toEqual({ status: 200, data: [{ ...expected, tenantId: tenant.id }] });
    const csv = await api.http().get('/admin/v1/usage').query({ tenantId: tenant.id }).set(admin()).set('accept', 'text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="usage-${today().slice(0, 7)}-01-${today()}.csv"`);
  });

  it('keeps usage per tenant, validates the range, and needs usage:read', async () => {
    const mine = await partner(api, ctx.adminToken, SCOPES);
    await api.http().post('/v1/identity-checks').set(mine.auth).send({ idNumber: residentId() }).expect(200);
    const other = await partner(api, ctx.adminToken, SCOPES);
    const theirs = await api.http().get('/v1/usage').query({ from: today(), to: today() }).set(other.auth);
    expect(theirs.body.data).toEqual([]);
    const bad = await api.http().get('/v1/usage').query({ from: '2026-02-30', to: '2025-01-01', granularity: 'week' }).set(mine.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['granularity']));
    const range = await api.http().get('/v1/usage').query({ from: '2026-12-01', to: '2026-11-01' }).set(mine.auth);
    expect(range.status).toBe(400);
    const onlyTo = await api.http().get('/v1/usage').query({ to: '2026-02-30' }).set(mine.auth);
    expect(onlyTo.status).toBe(400);
    expect(onlyTo.body.errors).toEqual([{ field: 'to', message: 'to must be a real date' }]);
    const noScope = await partner(api, ctx.adminToken, ['scores:write']);
    expect((await api.http().get('/v1/usage/quota').set(noScope.auth)).status).toBe(403);
  });
});
