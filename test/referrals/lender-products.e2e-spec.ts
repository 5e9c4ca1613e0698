import { expectProblem, fieldsOf, sql } from '../installments/helpers.js';
import { createTenant, issueKey } from '../support/factories.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { lender, productBody, publish } from './helpers.js';

describe('lender products', () => {
  let ctx: TestContext;
  let api: TestApp;
  let bank: Awaited<ReturnType<typeof lender>>;
  const create = (body: unknown, auth = bank.auth) => api.http().post('/v1/lender-products').set(auth).send(body as object);
  const productCount = async () => (await sql<{ n: number }>(ctx, 'SELECT count(*)::int AS n FROM lender_products'))[0]?.n;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    bank = await lender(api, ctx, 'Guanxing Bank');
  });
  afterAll(() => ctx.close());

  it('publishes a product with its terms normalised, and reads it back', async () => {
    const res = await create(productBody({ pricing: { method: 'equal_installment', annualRatePercent: '9.9' }, referralFeePercent: '1.5' }, { termMonths: [24, 6, 12], regions: ['32', '31'], maxFraudScore: 400 }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^lpr_[0-9A-HJKMNP-TV-Z]{26}$/),
      name: 'Consumer loan',
      product: 'consumer',
      status: 'active',
      currency: 'CNY',
      eligibility: { minCreditScore: 300, maxCreditScore: 900, maxFraudScore: 400, minAmount: '1000.00', maxAmount: '100000.00', termMonths: [6, 12, 24], minTermMonths: 6, maxTermMonths: 24, regions: ['31', '32'] },
      pricing: { method: 'equal_installment', annualRatePercent: '9.90' },
      referralFeePercent: '1.50',
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
    });
    expect((await api.http().get(`/v1/lender-products/${res.body.id}`).set(bank.auth)).body).toEqual(res.body);
    const listed = await api.http().get('/v1/lender-products?status=active&limit=1').set(bank.auth);
    expect(listed.body).toMatchObject({ data: [{ id: res.body.id }] });
  });

  it('takes a range of terms instead of a list', async () => {
    const ranged = await create(productBody({}, { termMonths: undefined, minTermMonths: 6, maxTermMonths: 9 }));
    expect(ranged.status).toBe(201);
    expect(ranged.body.eligibility).toMatchObject({ termMonths: [6, 7, 8, 9], minTermMonths: 6, maxTermMonths: 9 });
    const problems = [
      [{ minTermMonths: 6, maxTermMonths: 9 }, 400, 'eligibility.termMonths'], // both forms
      [{ termMonths: undefined }, 400, 'eligibility.termMonths'], // neither
      [{ termMonths: undefined, minTermMonths: 6 }, 400, 'eligibility.maxTermMonths'],
      [{ termMonths: undefined, maxTermMonths: 6 }, 400, 'eligibility.minTermMonths'],
      [{ termMonths: undefined, minTermMonths: 12, maxTermMonths: 6 }, 422, 'eligibility.maxTermMonths'],
      [{ termMonths: undefined, minTermMonths: 0, maxTermMonths: 61 }, 400, 'eligibility.minTermMonths'],
    ] as const;
    for (const [eligibility, status, field] of problems) {
      const res = await create(productBody({}, eligibility));
      expectProblem(res, status);
      expect(fieldsOf(res.body)).toContain(field);
    }
  });

  it('refuses terms that do not hold together, naming each field, and stores nothing', async () => {
    const before = await productCount();
    const inconsistent = await create(productBody({}, { minCreditScore: 800, maxCreditScore: 700, minAmount: '5000.00', maxAmount: '4000.00', regions: ['99'] }));
    expectProblem(inconsistent, 422, 'lender_product_invalid');
    expect(fieldsOf(inconsistent.body).sort()).toEqual(['eligibility.maxAmount', 'eligibility.maxCreditScore', 'eligibility.regions[0]']);
    expect(fieldsOf((await create(productBody({}, { minAmount: '0.00' }))).body)).toEqual(['eligibility.minAmount']);
    expect(fieldsOf((await create(productBody({ referralFeePercent: '10.000001' }))).body)).toEqual(['referralFeePercent']);

    // A price above the legal APR cap (24 %) cannot be published: no offer could be disclosed lawfully.
    const usurious = await create(productBody({ pricing: { method: 'equal_installment', annualRatePercent: '30.00' } }));
    expectProblem(usurious, 422);
    expect(fieldsOf(usurious.body)).toEqual(['pricing.annualRatePercent']);
    const feeTooHigh = await create(productBody({ pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '1.90' } }));
    expectProblem(feeTooHigh, 422);
    expect(fieldsOf(feeTooHigh.body)).toContain('pricing.feeRatePerPeriodPercent');
    // An amount bound too small to split into its terms is the bound's fault, not a schedule's `amount`.
    const tooSmall = await create(productBody({}, { minAmount: '0.01' }));
    expectProblem(tooSmall, 422);
    expect(new Set(fieldsOf(tooSmall.body))).toEqual(new Set(['eligibility.minAmount'])); // one message per term it cannot fill
    expect(await productCount()).toBe(before);
  });

  it('caps a lender at 100 active products per mode; a paused one makes room', async () => {
    const busy = await lender(api, ctx, 'Busy Bank');
    const published = [];
    for (let i = 0; i < 100; i++) published.push(await publish(api, busy.auth, productBody({ name: `Loan ${i}` })));
    expectProblem(await create(productBody({ name: 'One too many' }), busy.auth), 409, 'lender_product_limit');
    expect((await create(productBody({ name: 'Sandbox is apart' }), busy.sandbox)).status).toBe(201);
    await api.http().patch(`/v1/lender-products/${published[0].id}`).set(busy.auth).send({ status: 'paused' }).expect(200);
    const replacement = await publish(api, busy.auth, productBody({ name: 'Replacement' }));
    expectProblem(await api.http().patch(`/v1/lender-products/${published[0].id}`).set(busy.auth).send({ status: 'active' }), 409, 'lender_product_limit');
    await api.http().patch(`/v1/lender-products/${replacement.id}`).set(busy.auth).send({ status: 'paused' }).expect(200);
    expect((await api.http().patch(`/v1/lender-products/${published[0].id}`).set(busy.auth).send({ status: 'active' })).body.status).toBe('active');

    // A burst cannot slip past the cap: publications count one after another.
    const burst = await lender(api, ctx, 'Burst Bank');
    for (let i = 0; i < 97; i++) await publish(api, burst.auth, productBody({ name: `Loan ${i}` }));
    const results = await Promise.all([...Array(8).keys()].map((i) => create(productBody({ name: `Burst ${i}` }), burst.auth)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    expect(await sql(ctx, "SELECT count(*)::int AS n FROM lender_products WHERE tenant_id = $1 AND status = 'active'", [burst.id])).toEqual([{ n: 100 }]);
  });

  it.each([
    ['an unknown field', { secret: 1 }, {}, 'secret'],
    ['no eligibility', { eligibility: undefined }, {}, 'eligibility'],
    ['a negative amount', {}, { minAmount: '-1.00' }, 'eligibility.minAmount'],
    ['a float amount', {}, { maxAmount: 100000 }, 'eligibility.maxAmount'],
    ['a score out of range', {}, { minCreditScore: 1200 }, 'eligibility.minCreditScore'],
    ['a string for a score', {}, { maxFraudScore: '400' }, 'eligibility.maxFraudScore'],
    ['a term of 0 months', {}, { termMonths: [0, 12] }, 'eligibility.termMonths'],
    ['no terms', {}, { termMonths: [] }, 'eligibility.termMonths'],
    ['an unknown product', { product: 'mortgage' }, {}, 'product'],
    ['an unknown pricing method', { pricing: { method: 'balloon' } }, {}, 'pricing.method'],
    ['a negative fee', { referralFeePercent: '-1' }, {}, 'referralFeePercent'],
    ['an empty name', { name: '' }, {}, 'name'],
  ])('%s → 400 naming the field', async (_label, overrides, eligibility, field) => {
    const res = await create(productBody(overrides, eligibility));
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('pauses and resumes; only the status can change', async () => {
    const product = await publish(api, bank.auth, productBody());
    const paused = await api.http().patch(`/v1/lender-products/${product.id}`).set(bank.auth).send({ status: 'paused' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ id: product.id, status: 'paused' });
    expect(Date.parse(paused.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(paused.body.createdAt));
    const pausedIds = (await api.http().get('/v1/lender-products?status=paused').set(bank.auth)).body.data.map((p: { id: string }) => p.id);
    expect(pausedIds).toEqual([product.id]);
    expectProblem(await api.http().patch(`/v1/lender-products/${product.id}`).set(bank.auth).send({ status: 'paused', name: 'Renamed' }), 400, 'validation_failed');
    expectProblem(await api.http().patch(`/v1/lender-products/${product.id}`).set(bank.auth).send({ status: 'deleted' }), 400, 'validation_failed');
    expect((await api.http().patch(`/v1/lender-products/${product.id}`).set(bank.auth).send({ status: 'active' })).body).toMatchObject({ status: 'active', name: 'Consumer loan' });
  });

  it("another tenant's or mode's product answers 404, and a key without lending:write 403", async () => {
    const product = await publish(api, bank.auth, productBody());
    const rival = await lender(api, ctx, 'Rival Bank');
    // Another tenant, and the same bank's own test key.
    for (const other of [rival.auth, bank.sandbox]) {
      expectProblem(await api.http().get(`/v1/lender-products/${product.id}`).set(other), 404, 'resource_not_found');
      expectProblem(await api.http().patch(`/v1/lender-products/${product.id}`).set(other).send({ status: 'paused' }), 404, 'resource_not_found');
      expect((await api.http().get('/v1/lender-products').set(other)).body.data).toEqual([]);
    }
    expect((await api.http().get(`/v1/lender-products/${product.id}`).set(bank.auth)).body.status).toBe('active');

    const shop = await createTenant(api, ctx.adminToken, { kind: 'ecommerce' });
    const referrer = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, shop.id, ['referrals:write'])).key}` };
    expectProblem(await create(productBody(), referrer), 403, 'insufficient_scope');
  });

  it('replays a publication sent again with the same Idempotency-Key', async () => {
    const headers = { ...bank.auth, 'idempotency-key': 'publish-once' };
    const first = await api.http().post('/v1/lender-products').set(headers).send(productBody({ name: 'Once' }));
    const again = await api.http().post('/v1/lender-products').set(headers).send(productBody({ name: 'Once' }));
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await sql(ctx, "SELECT count(*)::int AS n FROM lender_products WHERE name = 'Once'")).toEqual([{ n: 1 }]);
  });
});
