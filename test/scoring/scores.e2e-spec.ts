import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { createTenant, issueKey, partner } from '../support/factories.js';
import { mobile, residentId, withWrongCheckCharacter } from '../support/people.js';
import { consentFor, DESIGN_BUREAU, DESIGN_CASH_FLOW, thinFileApplicant } from '../support/scoring.js';

describe('POST /v1/scores', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  let tenantId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    const p = await partner(api, ctx.adminToken, ['scores:write', 'consents:write'], { plan: { rateLimitPerSecond: 1000 } });
    auth = p.auth;
    tenantId = p.tenant.id;
  });
  afterAll(() => ctx.close());

  const db = () => api.app.get<DataSource>(getDataSourceToken());

  it('scores a thin-file shopper with explainable reasons in both languages', async () => {
    const idNumber = residentId('19900307');
    const consentId = await consentFor(api, auth, { idNumber });
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ product: 'consumer', currency: 'CNY', degraded: false });
    expect(res.body.id).toMatch(/^scr_/);
    expect(res.body.modelVersion).toMatch(/^consumer-thin-file@/);
    expect(res.body.creditScore).toBeGreaterThanOrEqual(300);
    expect(res.body.creditScore).toBeLessThanOrEqual(900);
    expect(res.body.fraudScore).toBeGreaterThanOrEqual(0);
    expect(['A', 'B', 'C', 'D', 'E']).toContain(res.body.grade);
    expect(['approve', 'review', 'decline']).toContain(res.body.decision);
    expect(res.body.creditLimit).toMatch(/^\d+\.\d{2}$/);
    expect(res.body.aprPercent).toMatch(/^\d+\.\d{2}$/);
    expect(Number(res.body.aprPercent)).toBeLessThanOrEqual(24);
    expect(res.body.reasons.length).toBeLessThanOrEqual(4);
    for (const r of res.body.reasons) expect(r).toEqual({ code: expect.stringMatching(/^T\d\d$/), text: expect.any(String), direction: expect.stringMatching(/^(negative|positive)$/) });

    const zh = await api.http().get(`/v1/scores/${res.body.id}`).set(auth).set('accept-language', 'zh-CN');
    expect(zh.status).toBe(200);
    expect(zh.body.reasons.map((r: { code: string }) => r.code)).toEqual(res.body.reasons.map((r: { code: string }) => r.code));
    if (res.body.reasons.length > 0) expect(zh.body.reasons[0].text).not.toBe(res.body.reasons[0].text);
    expect({ ...zh.body, reasons: undefined, fraudReasons: undefined }).toEqual({ ...res.body, reasons: undefined, fraudReasons: undefined });
  });

  it("accepts DESIGN §3's example body as written: a consumer with every section, its cashFlow ignored", async () => {
    const idNumber = residentId('19900307');
    const consentId = await consentFor(api, auth, { idNumber, phone: '13800138000' });
    const example = { ...thinFileApplicant(idNumber, consentId, '13800138000'), bureau: DESIGN_BUREAU, cashFlow: DESIGN_CASH_FLOW };
    const withCashFlow = await api.http().post('/v1/scores').set(auth).send(example);
    expect(withCashFlow.status).toBe(201);
    expect(withCashFlow.body.modelVersion).toMatch(/^consumer-bureau@/);
    const { cashFlow: _ignored, ...withoutCashFlow } = example;
    const plain = await api.http().post('/v1/scores').set(auth).send(withoutCashFlow);
    expect(plain.status).toBe(201);
    expect(withCashFlow.body).toMatchObject({ creditScore: plain.body.creditScore, grade: plain.body.grade, creditLimit: plain.body.creditLimit, reasons: plain.body.reasons });
  });

  it('scores a bureau applicant with the trained card, and the better file scores higher', async () => {
    const good = residentId('19850101');
    const bad = residentId('19850102');
    const goodRes = await api.http().post('/v1/scores').set(auth).send({ ...thinFileApplicant(good, await consentFor(api, auth, { idNumber: good })), bureau: DESIGN_BUREAU });
    const badRes = await api
      .http()
      .post('/v1/scores')
      .set(auth)
      .send({
        ...thinFileApplicant(bad, await consentFor(api, auth, { idNumber: bad })),
        bureau: { ...DESIGN_BUREAU, revolvingUtilization: 1.4, pastDue30to59: 3, pastDue90Plus: 2, debtRatio: 0.9 },
      });
    expect(goodRes.status).toBe(201);
    expect(goodRes.body.modelVersion).toMatch(/^consumer-bureau@/);
    expect(goodRes.body.creditScore).toBeGreaterThan(badRes.body.creditScore);
    expect(Number(goodRes.body.creditLimit)).toBeGreaterThanOrEqual(Number(badRes.body.creditLimit));
    expect(badRes.body.reasons[0]).toMatchObject({ direction: 'negative', code: expect.stringMatching(/^C\d\d$/) });
    expect(['review', 'decline']).toContain(badRes.body.decision);
    const limit = Number(goodRes.body.creditLimit);
    if (goodRes.body.decision !== 'decline') {
      expect(limit).toBeGreaterThanOrEqual(5000);
      expect(limit).toBeLessThanOrEqual(72000); // 6 × the monthly income
    }
  });

  it('scores a merchant on cash flow: a stable 30–50k shop gets about 80k', async () => {
    const owner = residentId('19800515');
    const res = await api
      .http()
      .post('/v1/scores')
      .set(auth)
      .send({
        consentId: await consentFor(api, auth, { idNumber: owner }),
        product: 'merchant',
        applicant: { idNumber: owner },
        application: { amount: '50000.00', currency: 'CNY', termMonths: 12, purpose: 'working_capital' },
        cashFlow: DESIGN_CASH_FLOW,
      });
    expect(res.status).toBe(201);
    expect(res.body.modelVersion).toMatch(/^merchant-cashflow@/);
    expect(res.body.decision).toBe('approve');
    expect(Number(res.body.creditLimit)).toBeGreaterThanOrEqual(60000);
    expect(Number(res.body.creditLimit)).toBeLessThanOrEqual(100000);
  });

  describe('consent rules', () => {
    it('refuses without a consent, with an expired, revoked or other-purpose one, and for another person', async () => {
      const idNumber = residentId('19920202');
      const body = (consentId: string, id = idNumber) => thinFileApplicant(id, consentId);

      const unknown = await api.http().post('/v1/scores').set(auth).send(body('cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E'));
      expect(unknown.status).toBe(403);
      expect(unknown.body.code).toBe('consent_required');
      const { consentId: _none, ...withoutConsent } = body('unused');
      const before = (await db().query('SELECT count(*)::int AS n FROM score_decisions'))[0].n;
      const missing = await api.http().post('/v1/scores').set(auth).send(withoutConsent);
      expect(missing.status).toBe(403);
      expect(missing.body).toMatchObject({ code: 'consent_required', detail: expect.stringMatching(/consentId/) });
      expect((await db().query('SELECT count(*)::int AS n FROM score_decisions'))[0].n).toBe(before);

      const otherPurpose = await consentFor(api, auth, { idNumber }, ['referral_sharing']);
      expect((await api.http().post('/v1/scores').set(auth).send(body(otherPurpose))).body.code).toBe('consent_required');

      const revoked = await consentFor(api, auth, { idNumber });
      await api.http().post(`/v1/consents/${revoked}/revoke`).set(auth).expect(200);
      expect((await api.http().post('/v1/scores').set(auth).send(body(revoked))).body.code).toBe('consent_revoked');

      const expired = await consentFor(api, auth, { idNumber });
      await db().query(`UPDATE consents SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired]);
      expect((await api.http().post('/v1/scores').set(auth).send(body(expired))).body.code).toBe('consent_expired');

      const mine = await consentFor(api, auth, { idNumber });
      const someoneElse = await api.http().post('/v1/scores').set(auth).send(body(mine, residentId('19920203')));
      expect(someoneElse.status).toBe(403);
      expect(someoneElse.body.code).toBe('consent_subject_mismatch');

      const other = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
      const foreign = await api.http().post('/v1/scores').set(other.auth).send(body(mine));
      expect(foreign.body.code).toBe('consent_required');

      const refused: { n: number }[] = await db().query(`SELECT count(*)::int AS n FROM score_decisions WHERE consent_id = ANY($1)`, [[otherPurpose, revoked, expired]]);
      expect(refused[0].n).toBe(0);
    });

    it('answers each of many concurrent scores by its own consent (decisions are written in shared batches)', async () => {
      const other = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
      const cases = await Promise.all(
        Array.from({ length: 24 }, async (_, n) => {
          const idNumber = residentId(`1985${String(1 + (n % 12)).padStart(2, '0')}${String(1 + n).padStart(2, '0')}`);
          const consentId = await consentFor(api, auth, { idNumber });
          const kind = (['authorised', 'revoked', 'someone_else', 'foreign_tenant'] as const)[n % 4];
          if (kind === 'revoked') await api.http().post(`/v1/consents/${consentId}/revoke`).set(auth).expect(200);
          return { kind, consentId, idNumber };
        }),
      );
      const answers = await Promise.all(
        cases.map(({ kind, consentId, idNumber }) =>
          api
            .http()
            .post('/v1/scores')
            .set(kind === 'foreign_tenant' ? other.auth : auth)
            .send(thinFileApplicant(kind === 'someone_else' ? residentId('19700101') : idNumber, consentId)),
        ),
      );
      const expected = { authorised: 201, revoked: 'consent_revoked', someone_else: 'consent_subject_mismatch', foreign_tenant: 'consent_required' };
      expect(answers.map((res) => (res.status === 201 ? 201 : res.body.code))).toEqual(cases.map((c) => expected[c.kind]));

      const stored: { id: string; consent_id: string; uses: number }[] = await db().query(
        `SELECT d.id, d.consent_id, (SELECT count(*)::int FROM consent_uses u WHERE u.resource_id = d.id) AS uses FROM score_decisions d WHERE d.consent_id = ANY($1) ORDER BY d.id`,
        [cases.map((c) => c.consentId)],
      );
      const answered = cases.flatMap((c, i) => (c.kind === 'authorised' ? [{ id: answers[i].body.id as string, consent_id: c.consentId, uses: 1 }] : []));
      expect(stored).toEqual(answered.sort((a, b) => a.id.localeCompare(b.id)));
    });

    it('records every use of the consent', async () => {
      const idNumber = residentId('19930303');
      const consentId = await consentFor(api, auth, { idNumber });
      const first = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId));
      const second = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId));
      const uses: { resource_id: string; purpose: string }[] = await db().query(`SELECT resource_id, purpose FROM consent_uses WHERE consent_id = $1 ORDER BY resource_id`, [consentId]);
      expect(uses).toEqual([
        { resource_id: first.body.id, purpose: 'credit_scoring' },
        { resource_id: second.body.id, purpose: 'credit_scoring' },
      ]);
    });
    it("a consent authorises scores only in its key's mode: a sandbox consent never authorises a live decision, nor the reverse", async () => {
      const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenantId, ['scores:write', 'consents:write'], 'test')).key}` };
      const idNumber = residentId('19940404');
      const sandboxConsent = await consentFor(api, sandbox, { idNumber });
      const liveConsent = await consentFor(api, auth, { idNumber });

      const live = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, sandboxConsent));
      expect(live.status).toBe(403);
      expect(live.body).toMatchObject({ code: 'consent_required', detail: expect.stringContaining('live and test keys each see only their own consents') });
      expect((await api.http().post('/v1/scores').set(sandbox).send(thinFileApplicant(idNumber, liveConsent))).body.code).toBe('consent_required');
      expect((await db().query('SELECT count(*)::int AS n FROM score_decisions WHERE consent_id = ANY($1)', [[sandboxConsent, liveConsent]]))[0].n).toBe(0);

      // Each consent still authorises its own mode, and each mode reads only its own decisions.
      const sandboxScore = (await api.http().post('/v1/scores').set(sandbox).send(thinFileApplicant(idNumber, sandboxConsent)).expect(201)).body;
      const liveScore = (await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, liveConsent)).expect(201)).body;
      expect((await api.http().get(`/v1/scores/${liveScore.id}`).set(sandbox)).status).toBe(404);
      expect((await api.http().get(`/v1/scores/${sandboxScore.id}`).set(auth)).status).toBe(404);
      expect((await api.http().get(`/v1/scores/${sandboxScore.id}`).set(sandbox)).body).toEqual(sandboxScore);
      expect((await api.http().get('/v1/scores').set(sandbox)).body.data.map((s: { id: string }) => s.id)).toEqual([sandboxScore.id]);
      expect((await api.http().get('/v1/scores').query({ limit: 100 }).set(auth)).body.data.map((s: { id: string }) => s.id)).not.toContain(sandboxScore.id);
    });
  });

  it('velocity raises the fraud score across tenants without either seeing the other', async () => {
    const idNumber = residentId('19880808');
    const phone = mobile();
    const a = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const b = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const c = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const scoreAs = async (p: { auth: Record<string, string> }) =>
      api.http().post('/v1/scores').set(p.auth).send(thinFileApplicant(idNumber, await consentFor(api, p.auth, { idNumber, phone }), phone));

    const firstAtA = await scoreAs(a);
    expect(firstAtA.body.fraudScore).toBe(0);
    await scoreAs(a);
    await scoreAs(b);
    const atC = await scoreAs(c);
    expect(atC.status).toBe(201);
    expect(atC.body.fraudScore).toBeGreaterThan(firstAtA.body.fraudScore);
    const codes = atC.body.fraudReasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['F01', 'F06']));
    expect(JSON.stringify(atC.body)).not.toContain(a.tenant.id);
    expect(JSON.stringify(atC.body)).not.toContain(b.tenant.id);
    // B sees its own scores only.
    expect((await api.http().get(`/v1/scores/${firstAtA.body.id}`).set(b.auth)).status).toBe(404);
    const listB = await api.http().get('/v1/scores').set(b.auth);
    expect(listB.body.data).toHaveLength(1);
  });

  it('test keys score in the sandbox: their velocity never reaches live fraud scores, nor the reverse', async () => {
    const sandboxTenant = await createTenant(api, ctx.adminToken);
    const sandbox = { auth: { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, sandboxTenant.id, ['scores:write', 'consents:write'], 'test')).key}` } };
    const live = [await partner(api, ctx.adminToken, ['scores:write', 'consents:write']), await partner(api, ctx.adminToken, ['scores:write', 'consents:write'])];
    const scoreAs = async (p: { auth: Record<string, string> }, idNumber: string, phone: string) =>
      (await api.http().post('/v1/scores').set(p.auth).send(thinFileApplicant(idNumber, await consentFor(api, p.auth, { idNumber, phone }), phone)).expect(201)).body;

    // Sandbox traffic (a sample ID number, tried over and over) leaves the live signal alone…
    const sample = residentId('19850615');
    const samplePhone = mobile();
    for (let i = 0; i < 3; i++) await scoreAs(sandbox, sample, samplePhone);
    expect((await scoreAs(sandbox, sample, samplePhone)).fraudReasons.map((r: { code: string }) => r.code)).toContain('F01');
    expect(await scoreAs(live[0], sample, samplePhone)).toMatchObject({ fraudScore: 0, fraudReasons: [] });

    // …and live traffic never shows in the sandbox.
    const person = residentId('19870707');
    const phone = mobile();
    await scoreAs(live[0], person, phone);
    await scoreAs(live[1], person, phone);
    await scoreAs(live[1], person, phone);
    expect((await scoreAs(live[0], person, phone)).fraudScore).toBeGreaterThan(0);
    expect(await scoreAs(sandbox, person, phone)).toMatchObject({ fraudScore: 0, fraudReasons: [] });
  });

  it('declines an invalid ID number (hard decline) when the consent names the phone', async () => {
    const phone = mobile();
    const consentId = await consentFor(api, auth, { phone });
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(withWrongCheckCharacter(residentId('19900101')), consentId, phone));
    expect(res.status).toBe(201);
    expect(res.body.decision).toBe('decline');
    expect(res.body.decisionReasons).toContain('identity_invalid');
    expect(res.body.fraudReasons.map((r: { code: string }) => r.code)).toContain('F08');
    expect(res.body.creditLimit).toBe('0.00');
  });

  it('applies the 18–65 eligibility rule as a fraud signal, not as a credit characteristic', async () => {
    const young = residentId('20100101');
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(young, await consentFor(api, auth, { idNumber: young })));
    expect(res.body.fraudReasons.map((r: { code: string }) => r.code)).toContain('F09');
    const older = residentId('19850101');
    const same = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(older, await consentFor(api, auth, { idNumber: older })));
    expect(same.body.creditScore).toBe(res.body.creditScore);
  });

  it.each([
    [{ product: 'payday' }, 'product'],
    [{ consentId: 'x' }, 'consentId'],
    [{ applicant: { idNumber: '123' } }, 'applicant.idNumber'],
    [{ applicant: { idNumber: 11010519491231 } }, 'applicant.idNumber'],
    [{ application: { amount: '-8000.00', currency: 'CNY', termMonths: 12 } }, 'application.amount'],
    [{ application: { amount: '8000', currency: 'CNY', termMonths: 12 } }, 'application.amount'],
    [{ application: { amount: '8000.00', currency: 'USD', termMonths: 12 } }, 'application.currency'],
    [{ application: { amount: '8000.00', currency: 'CNY', termMonths: 1e9 } }, 'application.termMonths'],
    [{ bureau: { revolvingUtilization: 'high' } }, 'bureau.revolvingUtilization'],
    [{ bureau: { pastDue90Plus: -1 } }, 'bureau.pastDue90Plus'],
    [{ bureau: { monthlyIncome: 12000 } }, 'bureau.monthlyIncome'],
    [{ behaviour: { returnRate: 1.5 } }, 'behaviour.returnRate'],
    [{ behaviour: { orders12m: 1.5 } }, 'behaviour.orders12m'],
    [{ identity: { verified: 'yes' } }, 'identity.verified'],
    [{ product: 'merchant' }, 'cashFlow'],
    [{ secretSauce: true }, 'secretSauce'],
    [{ applicant: { idNumber: '11010519491231002X', ip: 'not-an-ip' } }, 'applicant.ip'],
  ])('rejects %j naming %s, storing nothing', async (patch, field) => {
    const idNumber = residentId('19910101');
    const base = thinFileApplicant(idNumber, await consentFor(api, auth, { idNumber }));
    const before = (await db().query('SELECT count(*)::int AS n FROM score_decisions'))[0].n;
    const res = await api.http().post('/v1/scores').set(auth).send({ ...base, ...patch });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await db().query('SELECT count(*)::int AS n FROM score_decisions'))[0].n).toBe(before);
  });

  it('keeps raw ID and phone numbers out of the database and the logs', async () => {
    const idNumber = residentId('19770707');
    const phone = mobile();
    const consentId = await consentFor(api, auth, { idNumber, phone });
    await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId, phone)).expect(201);
    const tables: { tablename: string }[] = await db().query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    let dump = '';
    for (const { tablename } of tables) dump += JSON.stringify(await db().query(`SELECT * FROM "${tablename}"`));
    expect(dump).not.toContain(idNumber);
    expect(dump).not.toContain(phone);
    expect(dump).not.toContain('张三');
    expect(api.logs.text()).not.toContain(idNumber);
    expect(api.logs.text()).not.toContain(phone);
  });

  it('stores decisions immutably', async () => {
    const idNumber = residentId('19790909');
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, await consentFor(api, auth, { idNumber })));
    await expect(db().query(`UPDATE score_decisions SET credit_score = 900 WHERE id = $1`, [res.body.id])).rejects.toThrow(/immutable/);
    await expect(db().query(`DELETE FROM score_decisions WHERE id = $1`, [res.body.id])).rejects.toThrow(/immutable/);
    const [row] = await db().query(`SELECT input_digest, latency_micros, tenant_id FROM score_decisions WHERE id = $1`, [res.body.id]);
    expect(row.input_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.latency_micros).toBeGreaterThan(0);
    expect(row.tenant_id).toBe(tenantId);
  });

  it('honours a tenant pinned to a model version, and refuses unknown versions', async () => {
    const pinned = await partner(api, ctx.adminToken, ['scores:write', 'consents:write']);
    const admin = { authorization: `Bearer ${ctx.adminToken}` };
    const bad = await api.http().patch(`/admin/v1/tenants/${pinned.tenant.id}`).set(admin).send({ modelPins: { 'consumer-thin-file': '1999-01-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('modelPins.consumer-thin-file');
    const current = (await api.http().get('/v1/me').set(pinned.auth)).status;
    expect(current).toBe(200);
    const idNumber = residentId('19950505');
    const latest = await api.http().post('/v1/scores').set(pinned.auth).send(thinFileApplicant(idNumber, await consentFor(api, pinned.auth, { idNumber })));
    const version = (latest.body.modelVersion as string).split('@')[1];
    const ok = await api.http().patch(`/admin/v1/tenants/${pinned.tenant.id}`).set(admin).send({ modelPins: { 'consumer-thin-file': version } });
    expect(ok.status).toBe(200);
    expect(ok.body.modelPins).toEqual({ 'consumer-thin-file': version });
  });
});
