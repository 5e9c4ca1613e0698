import { expectProblem, fieldsOf, sql } from '../installments/helpers.js';
import { ReferralExpiry } from '../../src/referrals/referral-expiry.service.js';
import pg from 'pg';
import { createTenant, issueKey } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { consentFor, DESIGN_CASH_FLOW, thinFileApplicant } from '../support/scoring.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { type Auth, lender, productBody, publish, referralBody, referringShop, scoredApplicant, type ScoredApplicant } from './helpers.js';

const REF_ID = /^ref_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Waits until some session of the test database waits for a lock on `table`. */
async function waitForLock(ctx: TestContext, table: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await sql(ctx, `SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE NOT l.granted AND c.relname = $1
      UNION ALL SELECT 1 FROM pg_stat_activity a WHERE a.wait_event_type = 'Lock' AND a.datname = current_database() AND a.query ILIKE '%' || $1 || '%'`, [table]);
    if (rows.length > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no session waited for a lock on ${table}`);
}

describe('referrals', () => {
  let ctx: TestContext;
  let api: TestApp;
  type Lender = Awaited<ReturnType<typeof lender>>;
  let cheap: Lender;
  let dear: Lender;
  let picky: Lender;
  let shop: { id: string; live: Auth; sandbox: Auth };
  let products: { cheap: string; dear: string; regional: string; tooStrict: string };
  const refer = (body: unknown, auth = shop.live) => api.http().post('/v1/referrals').set(auth).send(body as object);
  const accept = (id: string, offerId: string, auth = shop.live) => api.http().post(`/v1/referrals/${id}/accept`).set(auth).send({ offerId });
  const decide = (id: string, body: unknown, auth: Auth) => api.http().post(`/v1/inbound-referrals/${id}/decision`).set(auth).send(body as object);
  const fund = (id: string, amount: string, auth: Auth) => api.http().post(`/v1/inbound-referrals/${id}/funded`).set(auth).send({ amount });

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    [cheap, dear, picky, shop] = await Promise.all([lender(api, ctx, 'Cheap Bank'), lender(api, ctx, 'Dear Finance'), lender(api, ctx, 'Picky Credit'), referringShop(api, ctx)]);
    products = {
      cheap: (await publish(api, cheap.auth, productBody({ name: 'Cheap 12m', pricing: { method: 'equal_installment', annualRatePercent: '9.90' }, referralFeePercent: '1.50' }))).id,
      dear: (await publish(api, dear.auth, productBody({ name: 'Dear fee plan', pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.80' }, referralFeePercent: '2.00' }))).id,
      regional: (await publish(api, dear.auth, productBody({ name: 'Guangdong only' }, { regions: ['44'] }))).id,
      tooStrict: (await publish(api, picky.auth, productBody({ name: 'Prime only' }, { minCreditScore: 900 }))).id,
    };
    for (const party of [cheap.auth, shop.live]) {
      await api.http().put('/v1/webhook-endpoint').set(party).send({ url: 'https://93.184.215.14/hooks', events: ['referral.submitted', 'referral.status_changed'] }).expect(200);
    }
  });
  afterAll(() => ctx.close());

  it('answers eligible lenders’ offers, cheapest true APR first, priced exactly as an installment quote', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const res = await refer(referralBody(applicant));
    expect(res.status).toBe(201);
    expect(res.headers['guanxing-billable']).toBe('true');
    expect(res.body).toMatchObject({
      id: expect.stringMatching(REF_ID),
      status: 'offered',
      consentId: applicant.consentId,
      product: 'consumer',
      customerRef: 'u-ref',
      residenceRegion: '31',
      currency: 'CNY',
      request: { amount: '20000.00', termMonths: 12, purpose: 'consumer_goods' },
      score: { id: applicant.scoreId, creditScore: applicant.creditScore },
      acceptedOfferId: null,
      lenderDecision: null,
      funding: null,
      referralFee: null,
      submittedAt: null,
    });
    expect(Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)).toBe(7 * 86_400_000);
    // The Guangdong-only product needs residence 44; the prime product a score of 900.
    expect(res.body.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).toEqual([products.cheap, products.dear]);
    const [first, second] = res.body.offers;
    expect(first).toMatchObject({ rank: 1, lender: { id: cheap.id, name: 'Cheap Bank' }, productName: 'Cheap 12m', amount: '20000.00', termMonths: 12, pricing: { method: 'equal_installment', annualRatePercent: '9.90' } });
    expect(second).toMatchObject({ rank: 2, lender: { id: dear.id, name: 'Dear Finance' }, pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.80' } });
    expect(Number(first.aprPercent)).toBeLessThan(Number(second.aprPercent));

    // The same money as the installments API quotes for the same pricing.
    for (const offer of [first, second]) {
      const quote = await api.http().post('/v1/installment-quotes').set(await installmentsKey()).send({ amount: '20000.00', terms: [12], customerRef: 'u-ref', pricing: offer.pricing });
      expect(quote.status).toBe(201);
      const [option] = quote.body.options;
      expect(offer).toMatchObject({ installmentAmount: option.installmentAmount, totalInterest: option.totalInterest, totalFees: option.totalFees, totalRepayable: option.totalRepayable, aprPercent: option.aprPercent });
    }
    expect(await sql(ctx, 'SELECT consent_id, purpose FROM consent_uses WHERE resource_id = $1', [res.body.id])).toEqual([{ consent_id: applicant.consentId, purpose: 'referral_sharing' }]);

    const got = await api.http().get(`/v1/referrals/${res.body.id}`).set(shop.live);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('takes an applicant from offer to funding: the lender sees only its referral, and funding earns the referrer its fee', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    const offer = referral.offers.find((o: { lenderProductId: string }) => o.lenderProductId === products.cheap);

    // Before acceptance the lender sees nothing of it.
    expectProblem(await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(cheap.auth), 404, 'resource_not_found');

    const accepted = await accept(referral.id, offer.id);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'submitted', acceptedOfferId: offer.id, submittedAt: expect.any(String) });
    expectProblem(await accept(referral.id, offer.id), 409, 'referral_state_conflict');
    expectProblem(await accept(referral.id, referral.offers[1].id), 409, 'referral_state_conflict');

    const inbound = await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(cheap.auth);
    expect(inbound.status).toBe(200);
    expect(inbound.body).toMatchObject({
      id: referral.id,
      status: 'submitted',
      referrer: { id: shop.id, name: 'Shop A' },
      product: 'consumer',
      residenceRegion: '31',
      request: { amount: '20000.00', termMonths: 12 },
      score: { id: applicant.scoreId, creditScore: applicant.creditScore },
      offer: { id: offer.id, lenderProductId: products.cheap, aprPercent: offer.aprPercent },
      consent: { id: applicant.consentId, purposes: expect.arrayContaining(['referral_sharing']), channel: 'app', noticeVersion: '2026-10' },
      lenderDecision: null,
    });
    // Not another lender's offer, not the applicant's identifiers.
    expect(inbound.body).not.toHaveProperty('offers');
    expect(JSON.stringify(inbound.body)).not.toContain(applicant.idNumber);
    expect(JSON.stringify(inbound.body)).not.toContain(applicant.phone);
    const listed = await api.http().get('/v1/inbound-referrals?status=submitted').set(cheap.auth);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(referral.id);

    // Dear Finance made an offer too, but the applicant went to Cheap Bank.
    expectProblem(await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(dear.auth), 404, 'resource_not_found');
    expect((await api.http().get('/v1/inbound-referrals').set(dear.auth)).body.data.map((r: { id: string }) => r.id)).not.toContain(referral.id);
    expectProblem(await decide(referral.id, { decision: 'approved' }, dear.auth), 404, 'resource_not_found');

    // Fund before approval, approve above the offer, or mix the fields: refused, nothing changes.
    expectProblem(await fund(referral.id, '20000.00', cheap.auth), 409, 'referral_state_conflict');
    const above = await decide(referral.id, { decision: 'approved', approvedAmount: '20000.01' }, cheap.auth);
    expectProblem(above, 422, 'amount_exceeds_limit');
    expect(fieldsOf(above.body)).toEqual(['approvedAmount']);
    expect(fieldsOf((await decide(referral.id, { decision: 'approved', declineReason: 'income_unverified' }, cheap.auth)).body)).toEqual(['declineReason']);

    const approved = await decide(referral.id, { decision: 'approved', approvedAmount: '18000.00' }, cheap.auth);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', lenderDecision: { decision: 'approved', approvedAmount: '18000.00', declineReason: null } });
    expectProblem(await decide(referral.id, { decision: 'declined' }, cheap.auth), 409, 'referral_state_conflict');

    const tooMuch = await fund(referral.id, '18000.01', cheap.auth);
    expectProblem(tooMuch, 422, 'amount_exceeds_limit');
    expect(fieldsOf(tooMuch.body)).toEqual(['amount']);
    const funded = await fund(referral.id, '17777.77', cheap.auth);
    expect(funded.status).toBe(200);
    // 1.50 % of 17,777.77 = 266.66655 → 266.67 (half-up)
    expect(funded.body).toMatchObject({ status: 'funded', funding: { amount: '17777.77' }, referralFee: { amount: '266.67', feePercent: '1.50' } });
    expectProblem(await fund(referral.id, '1.00', cheap.auth), 409, 'referral_state_conflict');

    const seenByShop = (await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body;
    expect(seenByShop).toMatchObject({
      status: 'funded',
      lenderDecision: { decision: 'approved', approvedAmount: '18000.00' },
      funding: { amount: '17777.77', fundedAt: expect.any(String) },
      currency: 'CNY',
      referralFee: { amount: '266.67', feePercent: '1.50' },
    });
    expect(await sql(ctx, 'SELECT referrer_tenant_id, lender_tenant_id, funded_amount, fee, fee_percent FROM referral_fees WHERE referral_id = $1', [referral.id])).toEqual([
      { referrer_tenant_id: shop.id, lender_tenant_id: cheap.id, funded_amount: '1777777', fee: '26667', fee_percent: '1.50' },
    ]);

    // The lender heard of the submission; the shop of every step after the offers.
    const events = async (auth: Auth) =>
      ((await api.http().get('/v1/webhook-deliveries').set(auth)).body.data as { eventType: string; subjectId: string }[]).filter((d) => d.subjectId === referral.id).map((d) => d.eventType);
    expect(await events(cheap.auth)).toEqual(['referral.submitted']);
    expect(await events(shop.live)).toEqual(['referral.status_changed', 'referral.status_changed', 'referral.status_changed']);
    const payloads = await sql<{ payload: string }>(ctx, 'SELECT payload::text AS payload FROM webhook_deliveries WHERE subject_id = $1 ORDER BY created_at, id', [referral.id]);
    const statuses = payloads.map((p) => JSON.parse(p.payload) as { type: string; data: { status: string } }).map((e) => `${e.type}:${e.data.status}`);
    expect(statuses.sort()).toEqual(['referral.status_changed:approved', 'referral.status_changed:funded', 'referral.status_changed:submitted', 'referral.submitted:submitted']);
    for (const { payload } of payloads) {
      expect(payload).not.toContain(applicant.idNumber);
      expect(payload).not.toContain(applicant.phone);
    }
  });

  it('funding with no body pays out the approved amount', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    const offer = referral.offers.find((o: { lender: { id: string } }) => o.lender.id === cheap.id);
    await accept(referral.id, offer.id).expect(200);
    await decide(referral.id, { decision: 'approved', approvedAmount: '15000.00' }, cheap.auth).expect(200);
    const funded = await api.http().post(`/v1/inbound-referrals/${referral.id}/funded`).set(cheap.auth);
    expect(funded.status).toBe(200);
    expect(funded.body).toMatchObject({ status: 'funded', funding: { amount: '15000.00' }, referralFee: { amount: '225.00', feePercent: '1.50' } });
  });

  it('a lender can decline, with its reason shown to the referrer; a declined referral is never funded', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    await accept(referral.id, referral.offers[0].id).expect(200);
    const declined = await decide(referral.id, { decision: 'declined', declineReason: 'income_unverified' }, cheap.auth);
    expect(declined.body).toMatchObject({ status: 'declined', lenderDecision: { decision: 'declined', approvedAmount: null, declineReason: 'income_unverified' } });
    expectProblem(await fund(referral.id, '100.00', cheap.auth), 409, 'referral_state_conflict');
    expect((await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body).toMatchObject({ status: 'declined', lenderDecision: { declineReason: 'income_unverified' }, referralFee: null });
  });

  it("the lender's own test key sees none of its live referrals or products", async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    await accept(referral.id, referral.offers[0].id).expect(200);
    const sandbox = cheap.sandbox;
    expectProblem(await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await decide(referral.id, { decision: 'approved' }, sandbox), 404, 'resource_not_found');
    expect((await api.http().get('/v1/inbound-referrals').set(sandbox)).body.data).toEqual([]);
    expectProblem(await api.http().get(`/v1/lender-products/${products.cheap}`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().patch(`/v1/lender-products/${products.cheap}`).set(sandbox).send({ status: 'paused' }), 404, 'resource_not_found');
    expect((await api.http().get('/v1/lender-products').set(sandbox)).body.data).toEqual([]);
    await decide(referral.id, { decision: 'approved' }, cheap.auth).expect(200);
    expectProblem(await fund(referral.id, '100.00', sandbox), 404, 'resource_not_found');
    expectProblem(await fund(referral.id, '100.00', dear.auth), 404, 'resource_not_found');
    expect((await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(cheap.auth)).body.status).toBe('approved');
  });

  it('races: of concurrent accepts, decisions and fundings exactly one wins, the others get 409', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    expect(referral.offers.length).toBeGreaterThanOrEqual(2);
    const accepts = await Promise.all(referral.offers.map((o: { id: string }) => accept(referral.id, o.id)));
    expect(accepts.map((r) => r.status).sort()).toEqual([200, ...referral.offers.slice(1).map(() => 409)]);
    const winner = accepts.find((r) => r.status === 200)!.body;
    const lenderAuth = winner.offers.find((o: { id: string }) => o.id === winner.acceptedOfferId).lender.id === cheap.id ? cheap.auth : dear.auth;
    expect((await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(lenderAuth)).body.offer.id).toBe(winner.acceptedOfferId);

    const decisions = await Promise.all([decide(referral.id, { decision: 'approved' }, lenderAuth), decide(referral.id, { decision: 'declined' }, lenderAuth)]);
    expect(decisions.map((r) => r.status).sort()).toEqual([200, 409]);
    const decided = (await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(lenderAuth)).body;
    expect(decided.status).toBe(decisions.find((r) => r.status === 200)!.body.status);
    if (decided.status === 'approved') {
      const fundings = await Promise.all(['100.00', '200.00', '300.00'].map((amount) => fund(referral.id, amount, lenderAuth)));
      expect(fundings.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(await sql(ctx, 'SELECT count(*)::int AS n FROM referral_fees WHERE referral_id = $1', [referral.id])).toEqual([{ n: 1 }]);
    }
    expect(await sql(ctx, "SELECT count(*)::int AS n FROM consent_uses WHERE resource_id LIKE 'off_%' AND consent_id = $1", [applicant.consentId])).toEqual([{ n: 1 }]);
  });

  it('replays an accept, a decision and a funding sent again with the same Idempotency-Key', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    const steps = [
      () => api.http().post(`/v1/referrals/${referral.id}/accept`).set({ ...shop.live, 'idempotency-key': `acc-${referral.id}` }).send({ offerId: referral.offers[0].id }),
      () => api.http().post(`/v1/inbound-referrals/${referral.id}/decision`).set({ ...cheap.auth, 'idempotency-key': `dec-${referral.id}` }).send({ decision: 'approved' }),
      () => api.http().post(`/v1/inbound-referrals/${referral.id}/funded`).set({ ...cheap.auth, 'idempotency-key': `fun-${referral.id}` }).send({ amount: '20000.00' }),
    ];
    for (const step of steps) {
      const first = await step();
      const again = await step();
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    }
    expect((await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body).toMatchObject({ status: 'funded', referralFee: { amount: '300.00' } });
  });

  it('a suspended lender is offered to no one and its outstanding offers cannot be accepted', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const before = (await refer(referralBody(applicant))).body;
    const dearOffer = before.offers.find((o: { lenderProductId: string }) => o.lenderProductId === products.dear);
    const setStatus = (status: string) => api.http().patch(`/admin/v1/tenants/${dear.id}`).set('authorization', `Bearer ${ctx.adminToken}`).send({ status }).expect(200);
    await setStatus('suspended');
    try {
      expectProblem(await accept(before.id, dearOffer.id), 409, 'offer_unavailable');
      const during = (await refer(referralBody(applicant))).body;
      expect(during.offers.map((o: { lender: { id: string } }) => o.lender.id)).not.toContain(dear.id);
    } finally {
      await setStatus('active');
    }
    expect((await accept(before.id, dearOffer.id)).status).toBe(200);
  });

  it('a consent revoked after submission is shown to the lender, which may then decline but not approve', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    await accept(referral.id, referral.offers[0].id).expect(200);
    await api.http().post(`/v1/consents/${applicant.consentId}/revoke`).set(shop.live).expect(200);
    const seen = (await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(cheap.auth)).body;
    expect(seen.consent).toMatchObject({ id: applicant.consentId, status: 'revoked', revokedAt: expect.any(String) });
    expectProblem(await decide(referral.id, { decision: 'approved' }, cheap.auth), 403, 'consent_revoked');
    expect((await decide(referral.id, { decision: 'declined', declineReason: 'consent_revoked' }, cheap.auth)).body.status).toBe('declined');
  });

  it('a consent naming the shopper by phone alone authorises both the referral and its acceptance', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const phoneOnly = await consentFor(api, shop.live, { phone: applicant.phone }, ['referral_sharing']);
    const referral = await refer(referralBody(applicant, { consentId: phoneOnly }));
    expect(referral.status).toBe(201);
    expect((await accept(referral.body.id, referral.body.offers[0].id)).status).toBe(200);
  });

  it('never offers a partner its own products', async () => {
    const both = await createTenant(api, ctx.adminToken, { name: 'Bank and shop', kind: 'bank', plan: { rateLimitPerSecond: 10_000 } });
    const key = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, both.id, ['referrals:write', 'lending:write', 'scores:write', 'consents:write'])).key}` };
    // A 48-month term nobody else here lends for keeps these products out of the other tests.
    const own = await publish(api, key, productBody({ name: 'Own loan' }, { termMonths: [48] }));
    const other = await lender(api, ctx, 'Other Bank');
    const theirs = await publish(api, other.auth, productBody({ name: 'Their loan' }, { termMonths: [48] }));
    const res = (await refer(referralBody(await scoredApplicant(api, key), {}, { termMonths: 48 }), key)).body;
    expect(res.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).toEqual([theirs.id]);
    expect(own.id).not.toBe(theirs.id);
  });

  it('one offer per lender: its cheapest product that lends to the applicant', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    // Dear Finance has two products for a Guangdong resident: its fee plan and the cheaper regional loan.
    const res = (await refer(referralBody(applicant, { applicant: { idNumber: applicant.idNumber, residenceRegion: '44' } }))).body;
    const fromDear = res.offers.filter((o: { lender: { id: string } }) => o.lender.id === dear.id);
    expect(fromDear.map((o: { lenderProductId: string }) => o.lenderProductId)).toEqual([products.regional]);
    expect(res.offers.map((o: { rank: number }) => o.rank)).toEqual(res.offers.map((_: unknown, i: number) => i + 1));
  });

  it("the month's statements show the fee as earned by the referrer and owed by the lender; sandbox fees count for nothing", async () => {
    const payer = await lender(api, ctx, 'Statement Bank');
    // A 36-month term no other lender here offers, so only this lender's products match.
    const promo = { pricing: { method: 'equal_installment', annualRatePercent: '6.00' }, referralFeePercent: '2.50' };
    await publish(api, payer.auth, productBody({ name: '36-month loan', ...promo }, { termMonths: [36] }));
    await publish(api, payer.sandbox, productBody({ name: 'Sandbox 36-month loan', ...promo }, { termMonths: [36] }));
    const referrer = await referringShop(api, ctx, 'Statement Shop');
    for (const [auth, lenderAuth] of [[referrer.live, payer.auth], [referrer.sandbox, payer.sandbox]] as const) {
      const referral = (await refer(referralBody(await scoredApplicant(api, auth), {}, { termMonths: 36 }), auth)).body;
      expect(referral.offers.map((o: { lender: { id: string } }) => o.lender.id)).toEqual([payer.id]);
      await accept(referral.id, referral.offers[0].id, auth).expect(200);
      await decide(referral.id, { decision: 'approved' }, lenderAuth).expect(200);
      await fund(referral.id, '10000.00', lenderAuth).expect(200);
    }
    const period = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7); // Asia/Shanghai billing month
    const statement = async (tenantId: string) => (await api.http().get(`/admin/v1/tenants/${tenantId}/statements/${period}`).set('authorization', `Bearer ${ctx.adminToken}`)).body;
    // A fee of the month before is that month's.
    await sql(ctx, `UPDATE referral_fees SET created_at = created_at - interval '40 days' WHERE referrer_tenant_id = $1 AND mode = 'test'`, [referrer.id]);
    await sql(ctx, `UPDATE referral_fees SET mode = 'live' WHERE referrer_tenant_id = $1`, [referrer.id]);
    expect((await statement(referrer.id)).referralFees).toEqual({ earned: { count: 1, amount: '250.00' }, owed: { count: 0, amount: '0.00' } });
    expect((await statement(payer.id)).referralFees).toEqual({ earned: { count: 0, amount: '0.00' }, owed: { count: 1, amount: '250.00' } });
  });

  describe('consent and score', () => {
    let applicant: ScoredApplicant;
    beforeAll(async () => {
      applicant = await scoredApplicant(api, shop.live);
    });

    it('needs a consent for referral_sharing naming this applicant', async () => {
      const scoringOnly = await scoredApplicant(api, shop.live, ['credit_scoring']);
      expectProblem(await refer(referralBody(scoringOnly)), 403, 'consent_required');
      const other = await scoredApplicant(api, shop.live);
      expectProblem(await refer(referralBody(applicant, { consentId: other.consentId })), 403, 'consent_subject_mismatch');
      expectProblem(await refer(referralBody(applicant, { consentId: 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E' })), 403, 'consent_required');
    });

    it('refuses a score of another person, of another tenant, of the other product, or too old', async () => {
      const other = await scoredApplicant(api, shop.live);
      const mismatch = await refer(referralBody(applicant, { scoreId: other.scoreId }));
      expectProblem(mismatch, 422, 'score_subject_mismatch');
      expect(fieldsOf(mismatch.body)).toEqual(['scoreId']);

      const rival = await referringShop(api, ctx, 'Shop B');
      const theirs = await scoredApplicant(api, rival.live);
      expectProblem(await refer(referralBody(applicant, { scoreId: theirs.scoreId })), 404, 'resource_not_found');
      expectProblem(await refer(referralBody(applicant, { product: 'merchant' })), 422, 'product_mismatch');

      const old = await scoredApplicant(api, shop.live);
      // Decisions are immutable (a trigger): only a replica-role session can age one.
      await sql(ctx, `SET session_replication_role = replica; UPDATE score_decisions SET created_at = now() - interval '31 days' WHERE id = '${old.scoreId}'`);
      expectProblem(await refer(referralBody(old)), 422, 'score_stale');
      expect(await sql(ctx, 'SELECT count(*)::int AS n FROM referrals WHERE score_id = ANY($1)', [[other.scoreId, theirs.scoreId, old.scoreId]])).toEqual([{ n: 0 }]);
    });

    it('without a scoreId, matches on the latest score of this applicant within 30 days', async () => {
      const first = await scoredApplicant(api, shop.live);
      const again = await api.http().post('/v1/scores').set(shop.live).send(thinFileApplicant(first.idNumber, first.consentId, first.phone));
      expect(again.status).toBe(201);
      const res = await refer(referralBody(first, { scoreId: undefined }));
      expect(res.status).toBe(201);
      expect(res.body.score.id).toBe(again.body.id);

      const neverScored = residentId();
      const consentId = await consentFor(api, shop.live, { idNumber: neverScored }, ['referral_sharing']);
      const none = await refer(referralBody({ ...first, idNumber: neverScored, consentId }, { scoreId: undefined, applicant: { idNumber: neverScored } }));
      expectProblem(none, 422, 'score_required');
      expect(fieldsOf(none.body)).toEqual(['scoreId']);

      const aged = await scoredApplicant(api, shop.live);
      await sql(ctx, `SET session_replication_role = replica; UPDATE score_decisions SET created_at = now() - interval '31 days' WHERE id = '${aged.scoreId}'`);
      expectProblem(await refer(referralBody(aged, { scoreId: undefined })), 422, 'score_required');
      // Another tenant's score of the same person is not this partner's.
      const rival = await referringShop(api, ctx, 'Shop D');
      const rivalConsent = await consentFor(api, rival.live, { idNumber: neverScored }, ['credit_scoring']);
      await api.http().post('/v1/scores').set(rival.live).send(thinFileApplicant(neverScored, rivalConsent)).expect(201);
      expectProblem(await refer(referralBody({ ...first, idNumber: neverScored, consentId }, { scoreId: undefined, applicant: { idNumber: neverScored } })), 422, 'score_required');
    });

    it('without a scoreId, takes the latest score of the product asked for', async () => {
      const applicant = await scoredApplicant(api, shop.live);
      const merchant = await api.http().post('/v1/scores').set(shop.live).send({ ...thinFileApplicant(applicant.idNumber, applicant.consentId, applicant.phone), product: 'merchant', behaviour: undefined, cashFlow: DESIGN_CASH_FLOW });
      expect(merchant.status).toBe(201);
      const res = await refer(referralBody(applicant, { scoreId: undefined, product: 'consumer' }));
      expect(res.status).toBe(201);
      expect(res.body.score.id).toBe(applicant.scoreId);
      expect((await refer(referralBody(applicant, { scoreId: undefined }))).body.score.id).toBe(merchant.body.id);
    });

    it('a revoke issued while an acceptance is under way waits for it: the sharing happened under the consent', async () => {
      const applicant = await scoredApplicant(api, shop.live);
      const referral = (await refer(referralBody(applicant))).body;
      const offer = referral.offers[0];
      // Hold the lender product so the acceptance stops after it has locked the consent.
      const holder = new pg.Client({ connectionString: ctx.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM lender_products WHERE id = $1 FOR UPDATE', [offer.lenderProductId]);
        const accepting = accept(referral.id, offer.id).then((r) => r);
        await waitForLock(ctx, 'lender_products');
        const revoking = api.http().post(`/v1/consents/${applicant.consentId}/revoke`).set(shop.live).then((r) => r);
        await waitForLock(ctx, 'consents');
        await holder.query('COMMIT');
        const [accepted, revoked] = await Promise.all([accepting, revoking]);
        expect([accepted.status, revoked.status]).toEqual([200, 200]);
      } finally {
        await holder.end();
      }
      const [use] = await sql<{ used_at: Date; revoked_at: Date }>(ctx, 'SELECT u.used_at, c.revoked_at FROM consent_uses u JOIN consents c ON c.id = u.consent_id WHERE u.resource_id = $1', [offer.id]);
      expect(use.used_at.getTime()).toBeLessThanOrEqual(use.revoked_at.getTime());
    });

    it('a consent revoked after the offers stops the acceptance', async () => {
      const revocable = await scoredApplicant(api, shop.live);
      const referral = (await refer(referralBody(revocable))).body;
      await api.http().post(`/v1/consents/${revocable.consentId}/revoke`).set(shop.live).expect(200);
      expectProblem(await accept(referral.id, referral.offers[0].id), 403, 'consent_revoked');
      expect((await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body.status).toBe('offered');
    });
  });

  it('offers expire: an expired referral cannot be accepted, and lists by its derived status', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    await sql(ctx, `UPDATE referrals SET expires_at = now() - interval '1 second' WHERE id = $1`, [referral.id]);
    expect((await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body.status).toBe('expired');
    expectProblem(await accept(referral.id, referral.offers[0].id), 409, 'referral_expired');
    const expired = (await api.http().get('/v1/referrals?status=expired').set(shop.live)).body.data.map((r: { id: string }) => r.id);
    const offered = (await api.http().get('/v1/referrals?status=offered').set(shop.live)).body.data.map((r: { id: string }) => r.id);
    expect(expired).toContain(referral.id);
    expect(offered).not.toContain(referral.id);

    // The workers' minutely job then stores it and tells the referrer, once, batch after batch.
    const expiry = api.app.get(ReferralExpiry);
    const fresh = (await refer(referralBody(applicant))).body;
    const more = [(await refer(referralBody(applicant))).body.id, (await refer(referralBody(applicant))).body.id];
    await sql(ctx, `UPDATE referrals SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [more]);
    expect(await expiry.expireDue(new Date(), 1)).toBeGreaterThanOrEqual(3);
    expect(await expiry.expireDue()).toBe(0);
    expect(await sql(ctx, 'SELECT status FROM referrals WHERE id = ANY($1)', [more])).toEqual([{ status: 'expired' }, { status: 'expired' }]);
    expect(await sql(ctx, 'SELECT id, status FROM referrals WHERE id = ANY($1) ORDER BY id', [[referral.id, fresh.id]])).toEqual([
      { id: referral.id, status: 'expired' },
      { id: fresh.id, status: 'offered' },
    ]);
    const events = await sql<{ payload: string }>(ctx, 'SELECT payload::text AS payload FROM webhook_deliveries WHERE subject_id = $1', [referral.id]);
    const sent = events.map((e) => JSON.parse(e.payload) as { type: string; data: { id: string; status: string } });
    expect(sent.map((e) => [e.type, e.data.id, e.data.status])).toEqual([['referral.status_changed', referral.id, 'expired']]);
    expect((await api.http().get(`/v1/referrals/${referral.id}`).set(shop.live)).body.status).toBe('expired');
    expectProblem(await accept(referral.id, referral.offers[0].id), 409, 'referral_expired');
    expect((await api.http().get('/v1/referrals?status=expired').set(shop.live)).body.data.map((r: { id: string }) => r.id)).toContain(referral.id);
  });

  it('a paused product is offered to no one and its outstanding offers cannot be accepted; resumed, it is offered again', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const before = (await refer(referralBody(applicant))).body;
    const dearOffer = before.offers.find((o: { lenderProductId: string }) => o.lenderProductId === products.dear);
    const paused = await api.http().patch(`/v1/lender-products/${products.dear}`).set(dear.auth).send({ status: 'paused' });
    expect(paused.body).toMatchObject({ id: products.dear, status: 'paused' });
    try {
      expectProblem(await accept(before.id, dearOffer.id), 409, 'offer_unavailable');
      const after = (await refer(referralBody(applicant))).body;
      expect(after.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).toEqual([products.cheap]);
    } finally {
      await api.http().patch(`/v1/lender-products/${products.dear}`).set(dear.auth).send({ status: 'active' }).expect(200);
    }
    expect((await accept(before.id, dearOffer.id)).body).toMatchObject({ status: 'submitted', acceptedOfferId: dearOffer.id });
  });

  it('an offer of another referral is not this referral’s', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const one = (await refer(referralBody(applicant))).body;
    const two = (await refer(referralBody(applicant))).body;
    const res = await accept(one.id, two.offers[0].id);
    expectProblem(res, 422, 'offer_not_found');
    expect(fieldsOf(res.body)).toEqual(['offerId']);
  });

  it('matches regional products on the stated residence, never on the ID number’s region', async () => {
    const applicant = await scoredApplicant(api, shop.live); // ID numbers here are issued in Beijing (11)
    const guangdong = (await refer(referralBody(applicant, { applicant: { idNumber: applicant.idNumber, residenceRegion: '44' } }))).body;
    expect(guangdong.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).toContain(products.regional);
    const unstated = (await refer(referralBody(applicant, { applicant: { idNumber: applicant.idNumber } }))).body;
    expect(unstated.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).not.toContain(products.regional);
    expect(unstated.residenceRegion).toBeNull();
  });

  it('keeps the sandbox apart: test-key referrals meet only test-key products, and are free', async () => {
    const sandboxLender = await lender(api, ctx, 'Sandbox Bank', 'test');
    const sandboxProduct = await publish(api, sandboxLender.auth, productBody({ name: 'Sandbox loan' }));
    const applicant = await scoredApplicant(api, shop.sandbox);
    const res = await refer(referralBody(applicant), shop.sandbox);
    expect(res.status).toBe(201);
    expect(res.headers['guanxing-billable']).toBe('false');
    expect(res.body.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).toEqual([sandboxProduct.id]);
    const live = (await refer(referralBody(await scoredApplicant(api, shop.live)))).body;
    expect(live.offers.map((o: { lenderProductId: string }) => o.lenderProductId)).not.toContain(sandboxProduct.id);
    // Each mode sees only its own referrals.
    expectProblem(await api.http().get(`/v1/referrals/${res.body.id}`).set(shop.live), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/referrals/${live.id}`).set(shop.sandbox), 404, 'resource_not_found');
  });

  it("another tenant's referral answers 404 on every route", async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    const rival = await referringShop(api, ctx, 'Shop C');
    expectProblem(await api.http().get(`/v1/referrals/${referral.id}`).set(rival.live), 404, 'resource_not_found');
    expectProblem(await accept(referral.id, referral.offers[0].id, rival.live), 404, 'resource_not_found');
    expect((await api.http().get('/v1/referrals').set(rival.live)).body.data).toEqual([]);
    // A lender is not the referrer: its referrals:write-less key cannot even ask.
    expectProblem(await api.http().get(`/v1/referrals/${referral.id}`).set(cheap.auth), 403, 'insufficient_scope');
    expectProblem(await api.http().get('/v1/inbound-referrals').set(shop.live), 403, 'insufficient_scope');
  });

  it('takes a purpose of the 40 characters a score takes', async () => {
    const purpose = `p${'x'.repeat(39)}`;
    const res = await refer(referralBody(await scoredApplicant(api, shop.live), {}, { purpose }));
    expect(res.status).toBe(201);
    expect(res.body.request.purpose).toBe(purpose);
  });

  it('replays a referral sent again with the same Idempotency-Key instead of referring twice', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const body = referralBody(applicant);
    const first = await api.http().post('/v1/referrals').set({ ...shop.live, 'idempotency-key': `ref-${applicant.scoreId}` }).send(body);
    const again = await api.http().post('/v1/referrals').set({ ...shop.live, 'idempotency-key': `ref-${applicant.scoreId}` }).send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await sql(ctx, 'SELECT count(*)::int AS n FROM referrals WHERE score_id = $1', [applicant.scoreId])).toEqual([{ n: 1 }]);
  });

  describe('bad input', () => {
    const residentIdForBadInput = residentId();
    let applicant: ScoredApplicant;
    beforeAll(async () => {
      applicant = await scoredApplicant(api, shop.live);
    });

    it.each([
      ['an unknown field', { extra: true }, {}, 'extra'],
      ['a number for the consent id', { consentId: 42 }, {}, 'consentId'],
      ['a negative amount', {}, { amount: '-1.00' }, 'request.amount'],
      ['a float amount', {}, { amount: 20000 }, 'request.amount'],
      ['a huge amount', {}, { amount: '99999999999999999999.00' }, 'request.amount'],
      ['a term of 600 months', {}, { termMonths: 600 }, 'request.termMonths'],
      ['another currency', {}, { currency: 'USD' }, 'request.currency'],
      ['a region that is not a province code', { applicant: { idNumber: 'x', residenceRegion: 'Shanghai' } }, {}, 'applicant.residenceRegion'],
      ['a region code no province has', { applicant: { idNumber: residentIdForBadInput, residenceRegion: '99' } }, {}, 'applicant.residenceRegion'],
      ['an amount of zero', {}, { amount: '0.00' }, 'request.amount'],
    ])('%s → 400 naming the field', async (_label, overrides, request, field) => {
      const res = await refer(referralBody(applicant, overrides, request));
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('an invalid ID number is a 400 on applicant.idNumber, and never echoed', async () => {
      const res = await refer(referralBody(applicant, { applicant: { idNumber: '110105199003071230' } }));
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toEqual(['applicant.idNumber']);
      expect(JSON.stringify(res.body)).not.toContain('110105199003071230');
    });

    it('malformed JSON is a 400, a decision that is neither approved nor declined too', async () => {
      const malformed = await api.http().post('/v1/referrals').set({ ...shop.live, 'content-type': 'application/json' }).send('{"consentId": ');
      expect(malformed.status).toBe(400);
      const referral = (await refer(referralBody(applicant))).body;
      await accept(referral.id, referral.offers[0].id).expect(200);
      const res = await decide(referral.id, { decision: 'maybe' }, cheap.auth);
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toEqual(['decision']);
      expectProblem(await fund(referral.id, '-5.00', cheap.auth), 400, 'validation_failed');
      expect((await api.http().get(`/v1/inbound-referrals/${referral.id}`).set(cheap.auth)).body.status).toBe('submitted');
    });

    it('a malformed id answers 404 without a lookup', async () => {
      expectProblem(await api.http().get('/v1/referrals/ref_nope').set(shop.live), 404, 'resource_not_found');
      expectProblem(await api.http().get("/v1/inbound-referrals/1' OR '1'='1").set(cheap.auth), 404, 'resource_not_found');
    });
  });

  it('stores and logs no raw ID or phone number', async () => {
    const applicant = await scoredApplicant(api, shop.live);
    const referral = (await refer(referralBody(applicant))).body;
    await accept(referral.id, referral.offers[0].id).expect(200);
    const rows = await sql<{ row: string }>(
      ctx,
      `SELECT row_to_json(r)::text AS row FROM referrals r WHERE id = $1
       UNION ALL SELECT row_to_json(o)::text FROM referral_offers o WHERE referral_id = $1
       UNION ALL SELECT payload::text FROM webhook_deliveries WHERE subject_id = $1`,
      [referral.id],
    );
    expect(rows.length).toBeGreaterThan(2);
    for (const { row } of rows) {
      expect(row).not.toContain(applicant.idNumber);
      expect(row).not.toContain(applicant.phone);
    }
    expect(api.logs.text()).not.toContain(applicant.idNumber);
    expect(api.logs.text()).not.toContain(applicant.phone);
  });

  /** A key of the shop's tenant that may quote installments, to compare offers with quotes. */
  let quotingKey: Auth | undefined;
  async function installmentsKey(): Promise<Auth> {
    if (!quotingKey) {
      quotingKey = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, shop.id, ['installments:write'])).key}` };
    }
    return quotingKey;
  }
});
