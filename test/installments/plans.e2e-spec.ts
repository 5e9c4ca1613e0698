import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { consentFor, expectProblem, fieldsOf, openLine, openPlan, quoteFor, readyToOpen, shop, shopWithSandbox, sql } from './helpers.js';

describe('installment plans', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  const create = (body: unknown, headers = auth) => api.http().post('/v1/installment-plans').set(headers).send(body as object);
  const line = async (ref: string) => (await api.http().get(`/v1/credit-lines/${ref}`).set(auth)).body;
  const planCount = async (ref: string) => (await sql<{ n: string }>(ctx, 'SELECT count(*) AS n FROM installment_plans WHERE customer_ref = $1', [ref]))[0]?.n;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    auth = await shop(api, ctx);
  });
  afterAll(() => ctx.close());

  it('opens a plan from a quoted term, draws the principal and records the consent use', async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-open', { pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' } });
    const res = await create({ quoteId, termMonths: 12, consentId });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^pln_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.body).toMatchObject({
      status: 'active',
      customerRef: 'u-open',
      quoteId,
      consentId,
      currency: 'CNY',
      method: 'fee_per_period',
      feeRatePerPeriodPercent: '0.60',
      termMonths: 12,
      principal: '6000.00',
      installmentAmount: '536.00',
      totalFees: '432.00',
      totalRepayable: '6432.00',
      aprPercent: '13.03',
      effectiveAnnualRatePercent: '13.84',
      startDate: '2026-12-01',
      paid: { principal: '0.00', interest: '0.00', fees: '0.00', total: '0.00' },
      outstanding: { principal: '6000.00', interest: '0.00', fees: '432.00', total: '6432.00' },
      nextInstallment: { n: 1, dueDate: '2027-01-01', amountDue: '536.00' },
      paidOffAt: null,
      cancelledAt: null,
    });
    expect(res.body.disclosure).toContain('CNY 536.00');
    expect(res.body.schedule).toHaveLength(12);
    expect(res.body.schedule[0]).toMatchObject({ n: 1, dueDate: '2027-01-01', total: '536.00', principalPaid: '0.00', amountDue: '536.00', status: 'pending' });
    expect(Date.parse(res.body.coolingOffEndsAt) - Date.parse(res.body.createdAt)).toBe(7 * 86_400_000);
    expect(await line('u-open')).toMatchObject({ limit: '10000.00', used: '6000.00', available: '4000.00' });
    expect(await sql(ctx, 'SELECT consent_id, purpose FROM consent_uses WHERE resource_id = $1', [res.body.id])).toEqual([{ consent_id: consentId, purpose: 'installment_plan' }]);

    const got = await api.http().get(`/v1/installment-plans/${res.body.id}`).set(auth);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('refuses terms the quote does not offer, and expired quotes', async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-terms');
    const wrongTerm = await create({ quoteId, termMonths: 24, consentId });
    expectProblem(wrongTerm, 422, 'term_not_quoted');
    expect(fieldsOf(wrongTerm.body)).toEqual(['termMonths']);

    await sql(ctx, `UPDATE installment_quotes SET expires_at = now() - interval '1 second' WHERE id = $1`, [quoteId]);
    expectProblem(await create({ quoteId, termMonths: 12, consentId }), 422, 'quote_expired');
    expect(await planCount('u-terms')).toBe('0');
    expect((await line('u-terms')).used).toBe('0.00');
  });

  describe('consent', () => {
    it.each([
      ['of another purpose', ['credit_scoring'], 'u-c1', 'consent_required'],
      ['naming another customer', ['installment_plan'], 'u-someone-else', 'consent_subject_mismatch'],
    ])('refuses a consent %s (403)', async (_what, purposes, consentRef, code) => {
      const { quoteId } = await readyToOpen(api, auth, 'u-c1');
      const consentId = await consentFor(api, auth, consentRef, purposes);
      expectProblem(await create({ quoteId, termMonths: 6, consentId }), 403, code);
      expect(await planCount('u-c1')).toBe('0');
      expect((await line('u-c1')).used).toBe('0.00');
    });

    it('refuses a revoked, an expired, an unknown or another tenant’s consent (403)', async () => {
      const { quoteId, consentId } = await readyToOpen(api, auth, 'u-c2');
      await api.http().post(`/v1/consents/${consentId}/revoke`).set(auth).expect(200);
      expectProblem(await create({ quoteId, termMonths: 6, consentId }), 403, 'consent_revoked');

      const expiring = await consentFor(api, auth, 'u-c2');
      await sql(ctx, `UPDATE consents SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring]);
      expectProblem(await create({ quoteId, termMonths: 6, consentId: expiring }), 403, 'consent_expired');

      expectProblem(await create({ quoteId, termMonths: 6, consentId: 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E' }), 403, 'consent_required');
      expectProblem(await create({ quoteId, termMonths: 6 }), 403, 'consent_required');
      const other = await shop(api, ctx);
      const foreign = await consentFor(api, other, 'u-c2');
      expectProblem(await create({ quoteId, termMonths: 6, consentId: foreign }), 403, 'consent_required');
      expect(await planCount('u-c2')).toBe('0');
    });

    it("refuses a consent recorded with one of the tenant's test keys: a sandbox consent authorises nothing live (403)", async () => {
      const { live, sandbox } = await shopWithSandbox(api, ctx);
      const { quoteId } = await readyToOpen(api, live, 'u-c3');
      const sandboxConsent = await consentFor(api, sandbox, 'u-c3');
      const refused = await api.http().post('/v1/installment-plans').set(live).send({ quoteId, termMonths: 6, consentId: sandboxConsent });
      expectProblem(refused, 403, 'consent_required');
      expect(refused.body.detail).toContain('live and test keys each see only their own consents');
      expect((await api.http().get('/v1/credit-lines/u-c3').set(live)).body.used).toBe('0.00');
    });
  });

  it('needs a credit line with enough available credit', async () => {
    const consentId = await consentFor(api, auth, 'u-noline');
    const quote = await quoteFor(api, auth, { amount: '6000.00', terms: [6], customerRef: 'u-noline' });
    expectProblem(await create({ quoteId: quote.id, termMonths: 6, consentId }), 422, 'credit_line_missing');

    await openLine(api, auth, 'u-noline', '5000.00');
    const short = await create({ quoteId: quote.id, termMonths: 6, consentId });
    expectProblem(short, 422, 'credit_limit_exceeded');
    expect(short.body).toMatchObject({ available: '5000.00', currency: 'CNY' });
    expect(await planCount('u-noline')).toBe('0');
    expect(await sql(ctx, `SELECT 1 FROM consent_uses WHERE consent_id = $1`, [consentId])).toEqual([]);
  });

  it('never overdraws a line under concurrency: 10 plans of 3,000.00 on 10,000.00 → exactly 3', async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-race', { amount: '3000.00', terms: [6] });
    const results = await Promise.all(Array.from({ length: 10 }, () => create({ quoteId, termMonths: 6, consentId })));
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422, 422, 422]);
    for (const res of results.filter((r) => r.status === 422)) expect(res.body.code).toBe('credit_limit_exceeded');
    expect(await line('u-race')).toMatchObject({ used: '9000.00', available: '1000.00' });
    expect(await planCount('u-race')).toBe('3');
  });

  it('50 parallel plans of random sizes never take more than the limit', async () => {
    await openLine(api, auth, 'u-race50', '50000.00');
    const consentId = await consentFor(api, auth, 'u-race50');
    const amounts = ['1500.00', '2300.00', '3100.00', '4700.00', '999.99'];
    const quotes = await Promise.all(amounts.map((amount) => quoteFor(api, auth, { amount, terms: [3], customerRef: 'u-race50' })));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => create({ quoteId: quotes[i % quotes.length].id, termMonths: 3, consentId })));
    const opened = results.filter((res) => res.status === 201);
    const drawn = opened.reduce((sum, res) => sum + Math.round(Number(res.body.principal) * 100), 0);
    expect(results.every((res) => res.status === 201 || res.body.code === 'credit_limit_exceeded')).toBe(true);
    expect(drawn).toBeLessThanOrEqual(5_000_000);
    const after = await line('u-race50');
    expect(Math.round(Number(after.used) * 100)).toBe(drawn);
    // Every refusal saw less available than its amount, so what is left is below the largest amount.
    expect(5_000_000 - drawn).toBeLessThan(470_000);
  });

  it('is idempotent: the same Idempotency-Key twice opens one plan', async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-idem');
    const body = { quoteId, termMonths: 3, consentId };
    const first = await create(body, { ...auth, 'idempotency-key': 'plan-u-idem-1' });
    const replay = await create(body, { ...auth, 'idempotency-key': 'plan-u-idem-1' });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await planCount('u-idem')).toBe('1');
    expect((await line('u-idem')).used).toBe('6000.00');
    expectProblem(await create({ ...body, termMonths: 6 }, { ...auth, 'idempotency-key': 'plan-u-idem-1' }), 422, 'idempotency_key_reused');
  });

  it('lists plans newest first, by customer and by status, including overdue', async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-list', { limit: '50000.00', amount: '1000.00', terms: [3] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await openPlan(api, auth, { quoteId, consentId, termMonths: 3 })).id as string);
    const page = await api.http().get('/v1/installment-plans').query({ customerRef: 'u-list', limit: 2 }).set(auth);
    expect(page.status).toBe(200);
    expect(page.body.data.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(page.body.hasMore).toBe(true);
    const rest = await api.http().get('/v1/installment-plans').query({ customerRef: 'u-list', startingAfter: page.body.nextCursor }).set(auth);
    expect(rest.body.data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    expect(rest.body.hasMore).toBe(false);

    // Installment 1 of the oldest plan fell due yesterday and is unpaid.
    await sql(ctx, `UPDATE installment_plan_installments SET due_date = (now() AT TIME ZONE 'Asia/Shanghai')::date - 1 WHERE plan_id = $1 AND n = 1`, [ids[0]]);
    const overdue = await api.http().get(`/v1/installment-plans/${ids[0]}`).set(auth);
    expect(overdue.body.status).toBe('overdue');
    expect(overdue.body.schedule[0].status).toBe('overdue');
    const byStatus = async (status: string) =>
      (await api.http().get('/v1/installment-plans').query({ customerRef: 'u-list', status }).set(auth)).body.data.map((p: { id: string }) => p.id);
    expect(await byStatus('overdue')).toEqual([ids[0]]);
    expect(await byStatus('active')).toEqual([ids[2], ids[1]]);
    expect(await byStatus('paid_off')).toEqual([]);
    expectProblem(await api.http().get('/v1/installment-plans').query({ status: 'late' }).set(auth), 400, 'validation_failed');
  });

  it.each([
    [{ termMonths: 3, consentId: 'cns_x' }, 'quoteId'],
    [{ quoteId: 'qte_x', termMonths: '3', consentId: 'cns_x' }, 'termMonths'],
    [{ quoteId: 'qte_x', termMonths: 0, consentId: 'cns_x' }, 'termMonths'],
    [{ quoteId: 'qte_x', termMonths: 3, consentId: 'cns_x', amount: '1.00' }, 'amount'],
    [{ quoteId: 'qte_\u0000', termMonths: 3, consentId: 'cns_x' }, 'quoteId'],
    [{ quoteId: 'qte_x', termMonths: 3, consentId: 'cns x' }, 'consentId'],
    [{ quoteId: 42, termMonths: 3, consentId: 'cns_x' }, 'quoteId'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await create(body);
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res.body)).toContain(field);
  });

  it("tenant isolation: another tenant's quote or plan answers 404", async () => {
    const { quoteId, consentId } = await readyToOpen(api, auth, 'u-iso');
    const plan = await openPlan(api, auth, { quoteId, consentId, termMonths: 3 });
    const other = await shop(api, ctx);
    const otherConsent = await consentFor(api, other, 'u-iso');
    await openLine(api, other, 'u-iso', '10000.00');
    expectProblem(await create({ quoteId, termMonths: 3, consentId: otherConsent }, other), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${plan.id}`).set(other), 404, 'resource_not_found');
    expectProblem(await api.http().get('/v1/installment-plans/pln_garbage').set(auth), 404, 'resource_not_found');
    const list = await api.http().get('/v1/installment-plans').query({ customerRef: 'u-iso' }).set(other);
    expect(list.body.data).toEqual([]);
  });

  it("sandbox isolation: a test key has its own lines, quotes and plans; the tenant's live ones answer it 404, and the reverse", async () => {
    const { live, sandbox } = await shopWithSandbox(api, ctx);
    const livePlan = await openPlan(api, live, { ...(await readyToOpen(api, live, 'u-sbx')), termMonths: 3 });
    const liveQuote = livePlan.quoteId as string;

    // The live line is invisible to the test key, which opens a sandbox line of its own under the same reference.
    expectProblem(await api.http().get('/v1/credit-lines/u-sbx').set(sandbox), 404, 'resource_not_found');
    expect((await api.http().put('/v1/credit-lines/u-sbx').set(sandbox).send({ limit: '5000.00' })).body).toMatchObject({ limit: '5000.00', used: '0.00' });
    expect((await api.http().get('/v1/credit-lines/u-sbx').set(live)).body).toMatchObject({ limit: '10000.00', used: '6000.00' });

    // Live quotes and plans answer the test key 404 on every route, and nothing moves.
    const sandboxConsent = await consentFor(api, sandbox, 'u-sbx');
    expectProblem(await api.http().get(`/v1/installment-quotes/${liveQuote}`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await create({ quoteId: liveQuote, termMonths: 3, consentId: sandboxConsent }, sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${livePlan.id}`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().post(`/v1/installment-plans/${livePlan.id}/repayments`).set(sandbox).send({ amount: '10.00' }), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${livePlan.id}/repayments`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().post(`/v1/installment-plans/${livePlan.id}/cancel`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${livePlan.id}/payoff-quote`).set(sandbox), 404, 'resource_not_found');
    expectProblem(await api.http().post(`/v1/installment-plans/${livePlan.id}/payoff`).set(sandbox).send({ execute: false }), 404, 'resource_not_found');
    expectProblem(await api.http().post(`/v1/installment-plans/${livePlan.id}/payoff`).set(sandbox), 404, 'resource_not_found');
    expect((await api.http().get('/v1/installment-plans').query({ customerRef: 'u-sbx' }).set(sandbox)).body.data).toEqual([]);
    expect((await api.http().get(`/v1/installment-plans/${livePlan.id}`).set(live)).body).toMatchObject({ status: 'active', paid: { total: '0.00' } });

    // A sandbox plan draws on the sandbox line only, and is invisible to the live key.
    const sandboxQuote = await quoteFor(api, sandbox, { amount: '3000.00', terms: [3], customerRef: 'u-sbx', startDate: '2026-12-01' });
    const sandboxPlan = await openPlan(api, sandbox, { quoteId: sandboxQuote.id, consentId: sandboxConsent, termMonths: 3 });
    expect((await api.http().get('/v1/credit-lines/u-sbx').set(sandbox)).body).toMatchObject({ limit: '5000.00', used: '3000.00' });
    expect((await api.http().get('/v1/credit-lines/u-sbx').set(live)).body).toMatchObject({ limit: '10000.00', used: '6000.00' });
    expectProblem(await api.http().get(`/v1/installment-plans/${sandboxPlan.id}`).set(live), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-quotes/${sandboxQuote.id}`).set(live), 404, 'resource_not_found');
    const liveList = await api.http().get('/v1/installment-plans').query({ customerRef: 'u-sbx' }).set(live);
    expect(liveList.body.data.map((p: { id: string }) => p.id)).toEqual([livePlan.id]);
  });
});
