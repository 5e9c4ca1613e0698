import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { issueKey, partner } from '../support/factories.js';
import { mobile, residentId } from '../support/people.js';

describe('consents', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    ({ auth } = await partner(api, ctx.adminToken, ['consents:write']));
  });
  afterAll(() => ctx.close());

  const evidence = { channel: 'app', noticeVersion: '2026-10' };

  it('records a consent naming the subject by hashes only, with the default 90-day expiry', async () => {
    const idNumber = residentId();
    const phone = mobile();
    const before = Date.now();
    const res = await api.http().post('/v1/consents').set(auth).send({ subject: { idNumber, phone, customerRef: 'u-1' }, purposes: ['credit_scoring', 'installment_plan'], evidence });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'authorised',
      subject: { customerRef: 'u-1', idNumberProvided: true, phoneProvided: true },
      purposes: ['credit_scoring', 'installment_plan'],
      evidence: { channel: 'app', noticeVersion: '2026-10' },
      revokedAt: null,
    });
    expect(res.body.id).toMatch(/^cns_/);
    const expires = Date.parse(res.body.expiresAt) - before;
    expect(expires).toBeGreaterThan(89.9 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(90 * 86_400_000 + 5_000);
    expect(JSON.stringify(res.body)).not.toContain(idNumber);
    const got = await api.http().get(`/v1/consents/${res.body.id}`).set(auth);
    expect(got.body).toEqual(res.body);
  });

  it('revokes once, idempotently', async () => {
    const created = await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u-2' }, purposes: ['referral_sharing'], evidence });
    const first = await api.http().post(`/v1/consents/${created.body.id}/revoke`).set(auth);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('revoked');
    const second = await api.http().post(`/v1/consents/${created.body.id}/revoke`).set(auth);
    expect(second.body.revokedAt).toBe(first.body.revokedAt);
  });

  it('lists consents by customerRef, newest first', async () => {
    for (let i = 0; i < 3; i++) await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u-list' }, purposes: ['credit_scoring'], evidence });
    const res = await api.http().get('/v1/consents').query({ customerRef: 'u-list', limit: 2 }).set(auth);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.hasMore).toBe(true);
    expect(res.body.data.every((c: { subject: { customerRef: string } }) => c.subject.customerRef === 'u-list')).toBe(true);
  });

  it.each([
    [{ subject: {}, purposes: ['credit_scoring'], evidence }, 'subject'],
    [{ subject: { idNumber: '110105199003071234' }, purposes: ['credit_scoring'], evidence }, 'subject.idNumber'],
    [{ subject: { phone: '12345' }, purposes: ['credit_scoring'], evidence }, 'subject.phone'],
    [{ subject: { customerRef: 'has space' }, purposes: ['credit_scoring'], evidence }, 'subject.customerRef'],
    [{ subject: { customerRef: 'u' }, purposes: [], evidence }, 'purposes'],
    [{ subject: { customerRef: 'u' }, purposes: ['marketing'], evidence }, 'purposes'],
    [{ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence, expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    [{ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence, expiresAt: '2099-01-01T00:00:00Z' }, 'expiresAt'],
    [{ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence, expiresAt: 'tomorrow' }, 'expiresAt'],
    [{ subject: { customerRef: 'u' }, purposes: ['credit_scoring'] }, 'evidence'],
    [{ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence: { channel: 'telepathy', noticeVersion: 'x' } }, 'evidence.channel'],
  ])('rejects %j naming %s', async (body, field) => {
    const res = await api.http().post('/v1/consents').set(auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("another tenant's consent answers 404, for reads and revokes", async () => {
    const created = await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: 'u-3' }, purposes: ['credit_scoring'], evidence });
    const other = await partner(api, ctx.adminToken, ['consents:write']);
    expect((await api.http().get(`/v1/consents/${created.body.id}`).set(other.auth)).status).toBe(404);
    expect((await api.http().post(`/v1/consents/${created.body.id}/revoke`).set(other.auth)).status).toBe(404);
    expect((await api.http().get(`/v1/consents/${created.body.id}`).set(auth)).body.status).toBe('authorised');
    const list = await api.http().get('/v1/consents').set(other.auth);
    expect(list.body.data).toEqual([]);
  });

  it("a consent belongs to its key's mode: the tenant's test keys never see its live consents, nor the reverse", async () => {
    const live = await partner(api, ctx.adminToken, ['consents:write']);
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, live.tenant.id, ['consents:write'], 'test')).key}` };
    const record = async (headers: Record<string, string>) =>
      (await api.http().post('/v1/consents').set(headers).send({ subject: { customerRef: 'u-mode' }, purposes: ['credit_scoring'], evidence }).expect(201)).body.id as string;
    const liveConsent = await record(live.auth);
    const sandboxConsent = await record(sandbox);

    for (const [headers, own, others] of [[live.auth, liveConsent, sandboxConsent], [sandbox, sandboxConsent, liveConsent]] as const) {
      expect((await api.http().get(`/v1/consents/${others}`).set(headers)).status).toBe(404);
      expect((await api.http().post(`/v1/consents/${others}/revoke`).set(headers)).status).toBe(404);
      const list = await api.http().get('/v1/consents').query({ customerRef: 'u-mode' }).set(headers);
      expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([own]);
    }
    // The refused revokes changed nothing.
    expect((await api.http().get(`/v1/consents/${liveConsent}`).set(live.auth)).body.status).toBe('authorised');
    expect((await api.http().get(`/v1/consents/${sandboxConsent}`).set(sandbox)).body.status).toBe('authorised');
  });

  it('needs the consents:write scope', async () => {
    const scoresOnly = await partner(api, ctx.adminToken, ['scores:write']);
    const res = await api.http().post('/v1/consents').set(scoresOnly.auth).send({ subject: { customerRef: 'u' }, purposes: ['credit_scoring'], evidence });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('insufficient_scope');
  });
});
