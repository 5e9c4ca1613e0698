import type { Response } from 'supertest';
import { SCOPES } from '../../src/auth/scopes.js';
import { uploadNdjson } from '../batch-scoring/support/batch-helpers.js';
import { readyToOpen } from '../installments/helpers.js';
import { partner } from '../support/factories.js';
import { OpenApiResponseValidator } from '../support/openapi-validator.js';
import { residentId } from '../support/people.js';
import { DESIGN_BUREAU, thinFileApplicant } from '../support/scoring.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';

/**
 * Integrators generate clients and response validators from /openapi.json: what the API sends
 * must match what it documents, including the `null`s of a closed plan and a queued job, and
 * the headers of the conventions (request id, rate limits, replays).
 */
describe('responses match the published OpenAPI document', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  let spec: OpenApiResponseValidator;
  const checked: string[] = [];

  const expectDocumented = (method: string, template: string, res: Response) => {
    checked.push(`${method} ${template} ${res.status}`);
    expect(spec.problems(method, template, res)).toEqual([]);
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp(); // no workers: a batch job stays queued
    auth = (await partner(api, ctx.adminToken, [...SCOPES], { plan: { rateLimitPerSecond: 1000 } })).auth;
    spec = new OpenApiResponseValidator((await api.http().get('/openapi.json')).body);
  });
  afterAll(() => ctx.close());

  it('scores, consents and identity checks', async () => {
    const idNumber = residentId('19880808');
    const consent = await api.http().post('/v1/consents').set(auth).send({ subject: { idNumber }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } });
    expectDocumented('POST', '/v1/consents', consent);
    expectDocumented('GET', '/v1/consents/{id}', await api.http().get(`/v1/consents/${consent.body.id}`).set(auth));
    const score = await api.http().post('/v1/scores').set(auth).send({ ...thinFileApplicant(idNumber, consent.body.id), bureau: DESIGN_BUREAU });
    expectDocumented('POST', '/v1/scores', score);
    expectDocumented('GET', '/v1/scores/{id}', await api.http().get(`/v1/scores/${score.body.id}`).set(auth));
    expectDocumented('GET', '/v1/scores', await api.http().get('/v1/scores').set(auth));
    expectDocumented('POST', '/v1/consents/{id}/revoke', await api.http().post(`/v1/consents/${consent.body.id}/revoke`).set(auth));
    expectDocumented('POST', '/v1/scores', await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consent.body.id)));
    expectDocumented('POST', '/v1/identity-checks', await api.http().post('/v1/identity-checks').set(auth).send({ idNumber, phone: '13800138000', name: '张三' }));
  });

  it('an open plan, and a paid-off one whose nextInstallment is null', async () => {
    const ready = await readyToOpen(api, auth, 'u-spec', { amount: '6000.00', terms: [3] });
    const plan = await api.http().post('/v1/installment-plans').set(auth).send({ ...ready, termMonths: 3 });
    expectDocumented('POST', '/v1/installment-plans', plan);
    expect(plan.body.nextInstallment).not.toBeNull();
    const payoff = await api.http().post(`/v1/installment-plans/${plan.body.id}/payoff`).set(auth);
    expectDocumented('POST', '/v1/installment-plans/{id}/payoff', payoff);
    const closed = await api.http().get(`/v1/installment-plans/${plan.body.id}`).set(auth);
    expect(closed.body.nextInstallment).toBeNull();
    expectDocumented('GET', '/v1/installment-plans/{id}', closed);
    expectDocumented('GET', '/v1/credit-lines/{customerRef}', await api.http().get('/v1/credit-lines/u-spec').set(auth));
  });

  it('a queued batch job, whose summary is null', async () => {
    const upload = await uploadNdjson(api, auth, [{ product: 'consumer', applicant: { idNumber: residentId() } }]);
    expectDocumented('POST', '/v1/batch-scoring-jobs', upload);
    const job = await api.http().get(`/v1/batch-scoring-jobs/${upload.body.id}`).set(auth);
    expect(job.body).toMatchObject({ status: 'queued', summary: null });
    expectDocumented('GET', '/v1/batch-scoring-jobs/{id}', job);
  });

  it('referrals on both sides, from offers to the fee, with their nulls', async () => {
    // A partner never refers to itself: the lender is another tenant.
    const lenderAuth = (await partner(api, ctx.adminToken, ['lending:write'], { kind: 'lender', plan: { rateLimitPerSecond: 1000 } })).auth;
    const product = await api.http().post('/v1/lender-products').set(lenderAuth).send({
      name: 'Spec loan',
      eligibility: { minAmount: '1000.00', maxAmount: '50000.00', termMonths: [12] },
      pricing: { method: 'equal_installment', annualRatePercent: '9.90' },
      referralFeePercent: '1.00',
    });
    expectDocumented('POST', '/v1/lender-products', product);
    expectDocumented('GET', '/v1/lender-products/{id}', await api.http().get(`/v1/lender-products/${product.body.id}`).set(lenderAuth));
    expectDocumented('GET', '/v1/lender-products', await api.http().get('/v1/lender-products').set(lenderAuth));
    const idNumber = residentId('19850505');
    const consent = await api.http().post('/v1/consents').set(auth).send({ subject: { idNumber }, purposes: ['credit_scoring', 'referral_sharing'], evidence: { channel: 'app', noticeVersion: '2026-10' } });
    const score = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consent.body.id));
    const referral = await api.http().post('/v1/referrals').set(auth).send({
      consentId: consent.body.id,
      scoreId: score.body.id,
      applicant: { idNumber },
      request: { amount: '8000.00', currency: 'CNY', termMonths: 12 },
    });
    expect(referral.body).toMatchObject({ customerRef: null, residenceRegion: null, acceptedOfferId: null, lenderDecision: null, funding: null, referralFee: null });
    expectDocumented('POST', '/v1/referrals', referral);
    const id = referral.body.id as string;
    expectDocumented('POST', '/v1/referrals/{id}/accept', await api.http().post(`/v1/referrals/${id}/accept`).set(auth).send({ offerId: referral.body.offers[0].id }));
    expectDocumented('GET', '/v1/inbound-referrals/{id}', await api.http().get(`/v1/inbound-referrals/${id}`).set(lenderAuth));
    expectDocumented('POST', '/v1/inbound-referrals/{id}/decision', await api.http().post(`/v1/inbound-referrals/${id}/decision`).set(lenderAuth).send({ decision: 'approved' }));
    expectDocumented('POST', '/v1/inbound-referrals/{id}/funded', await api.http().post(`/v1/inbound-referrals/${id}/funded`).set(lenderAuth).send({ amount: '8000.00' }));
    expectDocumented('GET', '/v1/referrals/{id}', await api.http().get(`/v1/referrals/${id}`).set(auth));
    expectDocumented('GET', '/v1/referrals', await api.http().get('/v1/referrals').set(auth));
    expectDocumented('GET', '/v1/inbound-referrals', await api.http().get('/v1/inbound-referrals').set(lenderAuth));
    expectDocumented('PATCH', '/v1/lender-products/{id}', await api.http().patch(`/v1/lender-products/${product.body.id}`).set(lenderAuth).send({ status: 'paused' }));
    expectDocumented('POST', '/v1/inbound-referrals/{id}/funded', await api.http().post(`/v1/inbound-referrals/${id}/funded`).set(lenderAuth).send({ amount: '1.00' }));
  });

  it('usage, the key itself, and errors', async () => {
    expectDocumented('GET', '/v1/me', await api.http().get('/v1/me').set(auth));
    expectDocumented('GET', '/v1/usage/quota', await api.http().get('/v1/usage/quota').set(auth));
    expectDocumented('POST', '/v1/scores', await api.http().post('/v1/scores').set(auth).send({ product: 'car' }));
    expectDocumented('GET', '/v1/scores/{id}', await api.http().get('/v1/scores/scr_01JD3Q6Z5V7Y8X9W0A1B2C3D4E').set(auth));
    expectDocumented('GET', '/v1/me', await api.http().get('/v1/me'));
    // A replay and a rate-limit refusal carry their own headers.
    const body = { subject: { customerRef: 'u-replay' }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } };
    await api.http().post('/v1/consents').set(auth).set('idempotency-key', 'spec-replay').send(body).expect(201);
    const replay = await api.http().post('/v1/consents').set(auth).set('idempotency-key', 'spec-replay').send(body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectDocumented('POST', '/v1/consents', replay);
    const missing = () => api.http().post('/v1/consents/cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E/revoke').set(auth).set('idempotency-key', 'spec-404');
    await missing().expect(404);
    const replayed404 = await missing();
    expect(replayed404.headers['idempotent-replayed']).toBe('true');
    expectDocumented('POST', '/v1/consents/{id}/revoke', replayed404);
    const slow = (await partner(api, ctx.adminToken, ['scores:write'], { plan: { rateLimitPerSecond: 1 } })).auth;
    const burst = await Promise.all([1, 2, 3].map(() => api.http().get('/v1/me').set(slow)));
    const refused = burst.find((res) => res.status === 429)!;
    expect(refused.headers['retry-after']).toEqual(expect.any(String));
    expectDocumented('GET', '/v1/me', refused);
    expect(new Set(checked.map((c) => c.split(' ').pop()))).toEqual(new Set(['200', '201', '202', '400', '401', '403', '404', '409', '429']));
  });
});
