import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { expectProblem, fieldsOf, openPlan, readyToOpen, shanghaiToday, shop, sql } from './helpers.js';

const FEE_PLAN = { pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' } };

describe('installment plan lifecycle: repayments, payoff, cancel', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  const repay = (id: string, body: unknown, headers = auth) => api.http().post(`/v1/installment-plans/${id}/repayments`).set(headers).send(body as object);
  const payoff = (id: string, body?: unknown, headers = auth) => {
    const req = api.http().post(`/v1/installment-plans/${id}/payoff`).set(headers);
    return body === undefined ? req : req.send(body as object);
  };
  const cancel = (id: string, headers = auth) => api.http().post(`/v1/installment-plans/${id}/cancel`).set(headers);
  const plan = async (id: string) => (await api.http().get(`/v1/installment-plans/${id}`).set(auth)).body;
  const line = async (ref: string) => (await api.http().get(`/v1/credit-lines/${ref}`).set(auth)).body;

  /** A 6,000.00 fee plan over 12 months (536.00 a month) on a 10,000.00 line. */
  async function feePlan(customerRef: string, startDate = '2026-12-01') {
    const ready = await readyToOpen(api, auth, customerRef, { ...FEE_PLAN, startDate });
    return openPlan(api, auth, { ...ready, termMonths: 12 });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    auth = await shop(api, ctx);
  });
  afterAll(() => ctx.close());

  describe('repayments', () => {
    it('allocate fees → interest → principal, oldest installment first, and give principal back to the line', async () => {
      const { id } = await feePlan('u-rep');
      const paidAt = new Date(Date.now() + 1000).toISOString();
      const first = await repay(id, { amount: '536.00', paidAt });
      expect(first.status).toBe(201);
      expect(first.body.id).toMatch(/^rep_/);
      expect(first.body).toMatchObject({
        planId: id,
        kind: 'repayment',
        amount: '536.00',
        currency: 'CNY',
        allocation: { fees: '36.00', interest: '0.00', principal: '500.00', installments: [{ n: 1, fee: '36.00', interest: '0.00', principal: '500.00', total: '536.00', settled: true }] },
        creditRestored: '500.00',
        paidAt,
        creditLine: { used: '5500.00', available: '4500.00' },
      });
      expect(first.body.plan).toMatchObject({
        status: 'active',
        paid: { principal: '500.00', fees: '36.00', total: '536.00' },
        outstanding: { principal: '5500.00', fees: '396.00', total: '5896.00' },
        nextInstallment: { n: 2, dueDate: '2027-02-01', amountDue: '536.00' },
      });
      expect(first.body.plan.schedule[0]).toMatchObject({ status: 'paid', principalPaid: '500.00', feePaid: '36.00', amountDue: '0.00' });

      // 20.00 pays part of installment 2's fee only; 600.00 then settles 2 and reaches into 3.
      const partial = await repay(id, { amount: '20.00' });
      expect(partial.body.allocation).toMatchObject({ fees: '20.00', principal: '0.00', installments: [{ n: 2, fee: '20.00', settled: false }] });
      expect(partial.body.creditRestored).toBe('0.00');
      const more = await repay(id, { amount: '600.00' });
      expect(more.body.allocation.installments).toEqual([
        { n: 2, fee: '16.00', interest: '0.00', principal: '500.00', total: '516.00', settled: true },
        { n: 3, fee: '36.00', interest: '0.00', principal: '48.00', total: '84.00', settled: false },
      ]);
      expect(more.body.creditLine).toMatchObject({ used: '4952.00', available: '5048.00' });
      expect(more.body.plan.nextInstallment).toEqual({ n: 3, dueDate: '2027-03-01', amountDue: '452.00' });

      const list = await api.http().get(`/v1/installment-plans/${id}/repayments`).set(auth);
      expect(list.body.data.map((r: { amount: string }) => r.amount)).toEqual(['600.00', '20.00', '536.00']);
    });

    it('allocate interest before principal on an interest-bearing plan', async () => {
      const ready = await readyToOpen(api, auth, 'u-rep-int', { amount: '5000.00', terms: [18], pricing: { method: 'equal_installment', annualRatePercent: '12' } });
      const { id } = await openPlan(api, auth, { ...ready, termMonths: 18 });
      const res = await repay(id, { amount: '60.00' });
      expect(res.body.allocation.installments).toEqual([
        { n: 1, fee: '0.00', interest: '50.00', principal: '10.00', total: '60.00', settled: false },
      ]);
      expect(res.body.creditLine.used).toBe('4990.00');
    });

    it('refuse overpayment (422 with what is outstanding) and change nothing', async () => {
      const { id } = await feePlan('u-over');
      const res = await repay(id, { amount: '6432.01' });
      expectProblem(res, 422, 'repayment_exceeds_balance');
      expect(res.body.amountOutstanding).toBe('6432.00');
      expect(fieldsOf(res.body)).toEqual(['amount']);
      expect((await plan(id)).paid.total).toBe('0.00');
      expect((await line('u-over')).used).toBe('6000.00');
      expect(await sql(ctx, 'SELECT id FROM installment_repayments WHERE plan_id = $1', [id])).toEqual([]);
    });

    it("may name the plan's currency; another currency is a 422 and changes nothing, a malformed one a 400", async () => {
      const { id } = await feePlan('u-ccy');
      expect((await repay(id, { amount: '536.00', currency: 'CNY' })).status).toBe(201);
      const usd = await repay(id, { amount: '536.00', currency: 'USD' });
      expectProblem(usd, 422, 'currency_mismatch');
      expect(fieldsOf(usd.body)).toEqual(['currency']);
      expectProblem(await repay(id, { amount: '536.00', currency: 'cny' }), 400, 'validation_failed');
      expectProblem(await payoff(id, { execute: false, currency: 'USD' }), 422, 'currency_mismatch');
      expectProblem(await payoff(id, { currency: 'EUR' }), 422, 'currency_mismatch');
      expect((await plan(id)).paid.total).toBe('536.00');
      expect((await payoff(id, { execute: false, currency: 'CNY' })).status).toBe(200);
    });

    it('pay the plan off when the last amount owed is paid, restoring all the credit', async () => {
      const { id } = await feePlan('u-full');
      await repay(id, { amount: '6000.00' }).expect(201);
      const last = await repay(id, { amount: '432.00' });
      expect(last.status).toBe(201);
      expect(last.body.plan).toMatchObject({ status: 'paid_off', outstanding: { total: '0.00' }, paid: { total: '6432.00' }, nextInstallment: null });
      expect(last.body.plan.paidOffAt).not.toBeNull();
      expect(last.body.creditLine).toMatchObject({ used: '0.00', available: '10000.00' });
      expect(last.body.plan.schedule.every((i: { status: string }) => i.status === 'paid')).toBe(true);
      expectProblem(await repay(id, { amount: '1.00' }), 409, 'plan_not_active');
    });

    it('are idempotent with an Idempotency-Key', async () => {
      const { id } = await feePlan('u-rep-idem');
      const headers = { ...auth, 'idempotency-key': `rep-${id}` };
      const first = await repay(id, { amount: '100.00' }, headers);
      const again = await repay(id, { amount: '100.00' }, headers);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect((await plan(id)).paid.total).toBe('100.00');
    });

    it.each([
      [{ amount: '-10.00' }, 400, 'amount'],
      [{ amount: '10.001' }, 400, 'amount'],
      [{ amount: 10 }, 400, 'amount'],
      [{ amount: '99999999999999999.00' }, 400, 'amount'],
      [{}, 400, 'amount'],
      [{ amount: '10.00', paidAt: 'yesterday' }, 400, 'paidAt'],
      [{ amount: '10.00', method: 'card' }, 400, 'method'],
      [{ amount: '0.00' }, 422, 'amount'],
      [{ amount: '10.00', paidAt: '2099-01-01T00:00:00Z' }, 422, 'paidAt'],
      [{ amount: '10.00', paidAt: '2020-01-01T00:00:00Z' }, 422, 'paidAt'],
    ])('refuse %j with %i naming %s, writing nothing', async (body, status, field) => {
      const { id } = await feePlan(`u-bad-${Math.random().toString(36).slice(2, 8)}`);
      const res = await repay(id, body);
      expectProblem(res, status);
      expect(fieldsOf(res.body)).toContain(field);
      expect((await plan(id)).paid.total).toBe('0.00');
    });
  });

  describe('payoff', () => {
    it('before the plan starts costs the principal only: quote, then execute, releasing the credit', async () => {
      const { id } = await feePlan('u-payoff');
      const quote = await payoff(id, { execute: false });
      expect(quote.status).toBe(200);
      expect(quote.body).toMatchObject({
        planId: id,
        executed: false,
        payoffDate: '2026-12-01',
        currency: 'CNY',
        principal: '6000.00',
        interest: '0.00',
        fees: '0.00',
        total: '6000.00',
        refundDue: '0.00',
        feesWaived: '432.00',
        repaymentId: null,
      });
      expect(quote.body.lines[0]).toMatchObject({ n: 1, status: 'not_started', principal: '500.00', fee: '0.00', feeWaived: '36.00' });
      expect(quote.body.plan.status).toBe('active');
      const viaGet = await api.http().get(`/v1/installment-plans/${id}/payoff-quote`).set(auth);
      expect({ ...viaGet.body, plan: null }).toEqual({ ...quote.body, plan: null });
      expect((await line('u-payoff')).used).toBe('6000.00');

      expectProblem(await payoff(id, { amount: '5999.99' }), 409, 'payoff_amount_changed');
      const done = await payoff(id, { execute: true, amount: '6000.00' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ executed: true, total: '6000.00' });
      expect(done.body.repaymentId).toMatch(/^rep_/);
      expect(done.body.plan).toMatchObject({ status: 'paid_off', outstanding: { total: '0.00' }, paid: { principal: '6000.00', fees: '0.00' } });
      expect(done.body.plan.schedule[0]).toMatchObject({ status: 'paid', feeWaived: '36.00' });
      expect((await line('u-payoff')).used).toBe('0.00');
      const repayments = await api.http().get(`/v1/installment-plans/${id}/repayments`).set(auth);
      expect(repayments.body.data).toEqual([expect.objectContaining({ id: done.body.repaymentId, kind: 'payoff', amount: '6000.00' })]);
      expectProblem(await payoff(id), 409, 'plan_not_active');
    });

    it('mid-plan charges due installments in full, the current period pro rata, and waives the rest', async () => {
      // Started 40 days ago: installment 1 is due (unpaid, so the plan is overdue), 2 is under way.
      const start = new Date(Date.now() - 40 * 86_400_000);
      const startDate = shanghaiToday(start);
      const ready = await readyToOpen(api, auth, 'u-mid', { amount: '6000.00', terms: [6], startDate, pricing: { method: 'equal_installment', annualRatePercent: '12' } });
      const opened = await openPlan(api, auth, { ...ready, termMonths: 6 });
      expect(opened.status).toBe('overdue');
      const res = await payoff(opened.id); // no body: executes
      expect(res.status).toBe(200);
      expect(res.body.executed).toBe(true);
      expect(res.body.payoffDate).toBe(shanghaiToday());
      expect(res.body.lines.map((l: { status: string }) => l.status)).toEqual(['due', 'current', 'not_started', 'not_started', 'not_started', 'not_started']);
      const money = (text: string) => Math.round(Number(text) * 100);
      const b = res.body;
      expect(money(b.principal)).toBe(600_000);
      expect(money(b.interest)).toBeGreaterThan(6000); // all of installment 1's 60.00 plus some of 2's
      expect(money(b.interest)).toBeLessThan(6000 + money(opened.schedule[1].interest));
      expect(money(b.total)).toBe(money(b.principal) + money(b.interest) + money(b.fees) - money(b.credit));
      expect(money(b.interest) + money(b.interestWaived)).toBe(money(opened.totalInterest));
      expect(b.plan).toMatchObject({ status: 'paid_off', outstanding: { total: '0.00' } });
      expect((await line('u-mid')).used).toBe('0.00');
    });

    it.each([[{ execute: 'yes' }, 'execute'], [{ amount: '1' }, 'amount'], [{ when: 'now' }, 'when']])('refuses %j with 400 naming %s', async (body, field) => {
      const { id } = await feePlan(`u-pbad-${field}`);
      const res = await payoff(id, body);
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res.body)).toContain(field);
      expect((await plan(id)).status).toBe('active');
    });
  });

  describe('cancel', () => {
    it('inside the cooling-off window without repayments: cancelled, credit released; again is a no-op', async () => {
      const { id } = await feePlan('u-cancel');
      const res = await cancel(id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', outstanding: { total: '0.00' }, nextInstallment: null });
      expect(res.body.cancelledAt).not.toBeNull();
      expect(res.body.schedule[0].status).toBe('cancelled');
      expect((await line('u-cancel')).used).toBe('0.00');
      const again = await cancel(id);
      expect(again.status).toBe(200);
      expect(again.body.cancelledAt).toBe(res.body.cancelledAt);
      expect((await line('u-cancel')).used).toBe('0.00');
      expectProblem(await repay(id, { amount: '10.00' }), 409, 'plan_not_active');
      expectProblem(await payoff(id), 409, 'plan_not_active');
    });

    it('after a repayment: 409 plan_has_repayments', async () => {
      const { id } = await feePlan('u-cancel-paid');
      await repay(id, { amount: '10.00' }).expect(201);
      expectProblem(await cancel(id), 409, 'plan_has_repayments');
      expect((await plan(id)).status).toBe('active');
    });

    it('after the 7-day window: 409 cooling_off_expired', async () => {
      const { id } = await feePlan('u-cancel-late');
      await sql(ctx, `UPDATE installment_plans SET created_at = now() - interval '7 days 1 minute' WHERE id = $1`, [id]);
      expectProblem(await cancel(id), 409, 'cooling_off_expired');
      expect((await line('u-cancel-late')).used).toBe('6000.00');
      await sql(ctx, `UPDATE installment_plans SET created_at = now() - interval '6 days 23 hours' WHERE id = $1`, [id]);
      expect((await cancel(id)).status).toBe(200);
    });

    it('a paid-off plan cannot be cancelled', async () => {
      const { id } = await feePlan('u-cancel-off');
      await payoff(id).expect(200);
      expectProblem(await cancel(id), 409, 'plan_not_active');
    });
  });

  it("tenant isolation: another tenant's plan answers 404 on every servicing route, and nothing moves", async () => {
    const { id } = await feePlan('u-iso-life');
    const other = await shop(api, ctx);
    expectProblem(await repay(id, { amount: '10.00' }, other), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${id}/repayments`).set(other), 404, 'resource_not_found');
    expectProblem(await payoff(id, { execute: false }, other), 404, 'resource_not_found');
    expectProblem(await payoff(id, undefined, other), 404, 'resource_not_found');
    expectProblem(await api.http().get(`/v1/installment-plans/${id}/payoff-quote`).set(other), 404, 'resource_not_found');
    expectProblem(await cancel(id, other), 404, 'resource_not_found');
    const after = await plan(id);
    expect(after).toMatchObject({ status: 'active', paid: { total: '0.00' } });
    expect((await line('u-iso-life')).used).toBe('6000.00');
  });
});
