import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { consentFor, expectProblem, fieldsOf, openPlan, quoteFor, shop } from './helpers.js';
import { issueKey, partner } from '../support/factories.js';
import { mobile, residentId, withWrongCheckCharacter } from '../support/people.js';
import { consentFor as scoringConsent, DESIGN_BUREAU, thinFileApplicant } from '../support/scoring.js';

describe('credit lines', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  const put = (ref: string, body: unknown, headers = auth) => api.http().put(`/v1/credit-lines/${ref}`).set(headers).send(body as object);
  const get = (ref: string, headers = auth) => api.http().get(`/v1/credit-lines/${ref}`).set(headers);

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    auth = await shop(api, ctx);
  });
  afterAll(() => ctx.close());

  it('opens a line, reads it back, and changes its limit', async () => {
    const created = await put('u-1', { limit: '10000.00', currency: 'CNY' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ customerRef: 'u-1', limit: '10000.00', used: '0.00', available: '10000.00', currency: 'CNY' });
    expect((await get('u-1')).body).toEqual(created.body);
    const raised = await put('u-1', { limit: '20000.00' });
    expect(raised.body).toMatchObject({ limit: '20000.00', used: '0.00', available: '20000.00', currency: 'CNY' });
    expect(raised.body.createdAt).toBe(created.body.createdAt);
  });

  it('keeps limits inside policy (5,000.00–100,000.00 CNY)', async () => {
    expect((await put('u-bounds', { limit: '5000.00' })).status).toBe(200);
    expect((await put('u-bounds', { limit: '100000.00' })).status).toBe(200);
    for (const limit of ['4999.99', '100000.01', '0.00']) {
      const res = await put('u-bounds', { limit });
      expectProblem(res, 422, 'credit_limit_out_of_policy');
      expect(fieldsOf(res.body)).toEqual(['limit']);
    }
    expect((await get('u-bounds')).body.limit).toBe('100000.00');
  });

  it('refuses a limit below what open plans use', async () => {
    await put('u-used', { limit: '10000.00' });
    const consentId = await consentFor(api, auth, 'u-used');
    const quote = await quoteFor(api, auth, { amount: '8000.00', terms: [6], customerRef: 'u-used', startDate: '2026-12-01' });
    await openPlan(api, auth, { quoteId: quote.id, consentId, termMonths: 6 });
    const res = await put('u-used', { limit: '7999.99' });
    expectProblem(res, 422, 'credit_limit_below_used');
    expect(fieldsOf(res.body)).toEqual(['limit']);
    expect((await put('u-used', { limit: '8000.00' })).body).toMatchObject({ limit: '8000.00', used: '8000.00', available: '0.00' });
  });

  it.each([
    [{ limit: '-5000.00' }, 'limit'],
    [{ limit: '5000' }, 'limit'],
    [{ limit: 5000 }, 'limit'],
    [{ limit: '5000.001' }, 'limit'],
    [{}, 'limit'],
    [{ limit: '5000.00', currency: 'cny' }, 'currency'],
    [{ limit: '5000.00', used: '0.00' }, 'used'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await put('u-bad', body);
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res.body)).toContain(field);
    expectProblem(await get('u-bad'), 404, 'resource_not_found');
  });

  it('offers CNY only', async () => {
    const res = await put('u-usd', { limit: '5000.00', currency: 'USD' });
    expectProblem(res, 422, 'currency_not_supported');
    expect(fieldsOf(res.body)).toEqual(['currency']);
  });

  it('a malformed customerRef: 400 to write, 404 to read', async () => {
    expectProblem(await put('has%20space', { limit: '5000.00' }), 400, 'validation_failed');
    expectProblem(await get('has%20space'), 404, 'resource_not_found');
  });

  it("is tenant-scoped: another tenant neither sees nor changes the line, and may hold its own for the same reference", async () => {
    await put('u-shared', { limit: '10000.00' });
    const other = await shop(api, ctx);
    expectProblem(await get('u-shared', other), 404, 'resource_not_found');
    expect((await put('u-shared', { limit: '5000.00' }, other)).body.limit).toBe('5000.00');
    expect((await get('u-shared')).body.limit).toBe('10000.00');
  });

  it("opens a line only at a score of the key's own mode: another mode's score answers 404", async () => {
    const tenant = await partner(api, ctx.adminToken, ['scores:write', 'consents:write', 'installments:write']);
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.tenant.id, ['scores:write', 'consents:write', 'installments:write'], 'test')).key}` };
    const idNumber = residentId('19860606');
    const score = await api.http().post('/v1/scores').set(sandbox).send({ ...thinFileApplicant(idNumber, await scoringConsent(api, sandbox, { idNumber })), bureau: DESIGN_BUREAU });
    expect(score.status).toBe(201);
    const refused = await put('u-sandbox-score', { scoreId: score.body.id }, tenant.auth);
    expectProblem(refused, 404, 'resource_not_found');
    expect(refused.body.detail).toContain(score.body.id); // the score is what is missing, not the line
    expectProblem(await get('u-sandbox-score', tenant.auth), 404, 'resource_not_found');
    expect((await put('u-sandbox-score', { scoreId: score.body.id }, sandbox)).body).toMatchObject({ customerRef: 'u-sandbox-score', limit: score.body.creditLimit });
    const liveScore = await api.http().post('/v1/scores').set(tenant.auth).send({ ...thinFileApplicant(idNumber, await scoringConsent(api, tenant.auth, { idNumber })), bureau: DESIGN_BUREAU });
    expect(liveScore.status).toBe(201);
    expectProblem(await put('u-live-score', { scoreId: liveScore.body.id }, sandbox), 404, 'resource_not_found');
  });

  it("opens a line at a consumer score's credit limit, and refuses declined, merchant or foreign scores", async () => {
    const scorer = await partner(api, ctx.adminToken, ['scores:write', 'consents:write', 'installments:write']);
    const scoreFor = async (idNumber: string, extra: object = {}) => {
      const res = await api.http().post('/v1/scores').set(scorer.auth).send({ ...thinFileApplicant(idNumber, await scoringConsent(api, scorer.auth, { idNumber })), ...extra });
      expect(res.status).toBe(201);
      return res.body as { id: string; decision: string; creditLimit: string };
    };
    const good = await scoreFor(residentId('19850101'), { bureau: DESIGN_BUREAU });
    expect(good.decision).not.toBe('decline');
    const line = await api.http().put('/v1/credit-lines/u-scored').set(scorer.auth).send({ scoreId: good.id });
    expect(line.status).toBe(200);
    expect(line.body).toMatchObject({ customerRef: 'u-scored', limit: good.creditLimit, used: '0.00' });

    const phone = mobile();
    const phoneConsent = await scoringConsent(api, scorer.auth, { phone });
    const declined = await api.http().post('/v1/scores').set(scorer.auth).send(thinFileApplicant(withWrongCheckCharacter(residentId('19850103')), phoneConsent, phone));
    expect(declined.body.decision).toBe('decline');
    expectProblem(await api.http().put('/v1/credit-lines/u-declined').set(scorer.auth).send({ scoreId: declined.body.id }), 422, 'score_not_usable');
    expectProblem(await api.http().put('/v1/credit-lines/u-both').set(scorer.auth).send({ scoreId: good.id, limit: '5000.00' }), 400, 'validation_failed');
    expectProblem(await api.http().put('/v1/credit-lines/u-none').set(scorer.auth).send({}), 400, 'validation_failed');
    expectProblem(await api.http().put('/v1/credit-lines/u-foreign').set(auth).send({ scoreId: good.id }), 404, 'resource_not_found');
  });
});
