import { existsSync, readFileSync } from 'node:fs';
import { partner } from '../support/factories.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { expectProblem, fieldsOf, shanghaiToday, shop, sql } from './helpers.js';

interface Vector {
  id: string;
  method: 'annuity' | 'equal_principal' | 'fee_per_period';
  principal: string;
  terms: number;
  start_date: string;
  annual_rate?: string;
  fee_rate_per_period?: string;
  expected: {
    level_installment?: string;
    total_interest_or_fees: string;
    total_repayment: string;
    apr_percent: string;
    effective_annual_rate_percent: string;
    schedule: { n: number; due_date: string; principal: string; interest: string; fee: string; total: string; remaining_balance: string }[];
  };
}

const VECTORS_PATH = '/work/shared/vectors/installments.json';
const vectors: Vector[] = existsSync(VECTORS_PATH) ? (JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as { vectors: Vector[] }).vectors : [];

/** "0.0999" (a fraction) → "9.99" (percent), exactly. */
function percent(fraction: string): string {
  const [units = '0', decimals = ''] = fraction.split('.');
  const digits = decimals.padEnd(2, '0');
  return `${BigInt(units + digits.slice(0, 2)).toString()}${digits.length > 2 ? `.${digits.slice(2)}` : ''}`;
}

function pricingOf(vector: Vector): Record<string, string> {
  if (vector.method === 'fee_per_period') return { method: 'fee_per_period', feeRatePerPeriodPercent: percent(vector.fee_rate_per_period ?? '0') };
  return { method: vector.method === 'annuity' ? 'equal_installment' : 'equal_principal', annualRatePercent: percent(vector.annual_rate ?? '0') };
}

describe('installment quotes', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  const post = (body: unknown, language = 'en') => api.http().post('/v1/installment-quotes').set(auth).set('accept-language', language).send(body as object);
  const base = { amount: '6000.00', currency: 'CNY', terms: [3, 6, 12], customerRef: 'u-1', startDate: '2026-12-01' };

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await ctx.startApp();
    auth = await shop(api, ctx);
  });
  afterAll(() => ctx.close());

  it('quotes a fee plan to the cent, with its true APR and an English disclosure', async () => {
    const before = Date.now();
    const res = await post({ ...base, pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.6' } });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^qte_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(res.body).toMatchObject({ currency: 'CNY', customerRef: 'u-1', amount: '6000.00', startDate: '2026-12-01' });
    const ttl = Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt);
    expect(ttl).toBe(15 * 60_000);
    expect(Date.parse(res.body.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.options.map((o: { termMonths: number }) => o.termMonths)).toEqual([3, 6, 12]);

    const twelve = res.body.options[2];
    expect(twelve).toMatchObject({
      termMonths: 12,
      method: 'fee_per_period',
      feeRatePerPeriodPercent: '0.60',
      installmentAmount: '536.00',
      totalInterest: '0.00',
      totalFees: '432.00',
      totalRepayable: '6432.00',
      aprPercent: '13.03',
      effectiveAnnualRatePercent: '13.84',
      disclosure: 'You pay 12 monthly installments of CNY 536.00 (CNY 6,432.00 in total, including CNY 432.00 in fees). APR 13.03 %.',
    });
    expect(twelve).not.toHaveProperty('annualRatePercent');
    expect(twelve.schedule).toHaveLength(12);
    expect(twelve.schedule[0]).toEqual({ n: 1, dueDate: '2027-01-01', principal: '500.00', interest: '0.00', fee: '36.00', total: '536.00', remainingBalance: '5500.00' });
    expect(twelve.schedule[11]).toEqual({ n: 12, dueDate: '2027-12-01', principal: '500.00', interest: '0.00', fee: '36.00', total: '536.00', remainingBalance: '0.00' });
  });

  it('discloses in Chinese when asked, and GET renders the stored quote in the language asked', async () => {
    const zh = await post({ ...base, terms: [12], pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.60' } }, 'zh-CN,zh;q=0.9');
    expect(zh.body.options[0].disclosure).toBe('分12期，每期还款 536.00 元，共计 6,432.00 元（含手续费 432.00 元），年化利率 13.03%。');
    const en = await api.http().get(`/v1/installment-quotes/${zh.body.id}`).set(auth).set('accept-language', 'en');
    expect(en.status).toBe(200);
    expect(en.body.options[0].disclosure).toBe('You pay 12 monthly installments of CNY 536.00 (CNY 6,432.00 in total, including CNY 432.00 in fees). APR 13.03 %.');
    expect({ ...en.body, options: [] }).toEqual({ ...zh.body, options: [] });
  });

  it('quotes equal installments (等额本息) like the Fineract vector, the last installment absorbing the rounding', async () => {
    const res = await post({ amount: '5000.00', terms: [18], customerRef: 'u-ann', startDate: '2022-11-01', pricing: { method: 'equal_installment', annualRatePercent: '12' } });
    expect(res.status).toBe(201);
    const option = res.body.options[0];
    expect(option).toMatchObject({
      method: 'equal_installment',
      annualRatePercent: '12.00',
      installmentAmount: '304.91',
      totalInterest: '488.41',
      totalFees: '0.00',
      totalRepayable: '5488.41',
      aprPercent: '12.00',
      effectiveAnnualRatePercent: '12.68',
    });
    expect(option.schedule[0]).toEqual({ n: 1, dueDate: '2022-12-01', principal: '254.91', interest: '50.00', fee: '0.00', total: '304.91', remainingBalance: '4745.09' });
    expect(option.schedule[17].total).toBe('304.94');
    expect(option.disclosure).toBe(
      'You pay 18 monthly installments of CNY 304.91, the last one CNY 304.94 (CNY 5,488.41 in total, including CNY 488.41 in interest). APR 12.00 %.',
    );
    const zh = await api.http().get(`/v1/installment-quotes/${res.body.id}`).set(auth).set('accept-language', 'zh-CN');
    expect(zh.body.options[0].disclosure).toBe('分18期，每期还款 304.91 元（末期 304.94 元），共计 5,488.41 元（含利息 488.41 元），年化利率 12.00%。');
  });

  it('quotes equal principal (等额本金) with falling installments', async () => {
    const res = await post({ amount: '5000.00', terms: [18], customerRef: 'u-ep', startDate: '2022-11-01', pricing: { method: 'equal_principal', annualRatePercent: '12.000' } });
    expect(res.status).toBe(201);
    const option = res.body.options[0];
    expect(option).toMatchObject({ method: 'equal_principal', annualRatePercent: '12.00', totalInterest: '475.00', totalRepayable: '5475.00', aprPercent: '12.00' });
    expect(option.schedule[0]).toMatchObject({ principal: '277.78', interest: '50.00', total: '327.78' });
    expect(option.schedule[17]).toMatchObject({ principal: '277.74', remainingBalance: '0.00' });
    expect(option.installmentAmount).toBe('327.78');
    expect(option.disclosure).toBe(
      `You pay 18 monthly installments, from CNY 327.78 falling to CNY ${option.schedule[17].total} (CNY 5,475.00 in total, including CNY 475.00 in interest). APR 12.00 %.`,
    );
  });

  it('a zero-cost plan shows APR 0.00 and says there is no cost', async () => {
    const res = await post({ amount: '2999.00', terms: [6], customerRef: 'u-0', startDate: '2025-11-11', pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0' } });
    expect(res.body.options[0]).toMatchObject({ feeRatePerPeriodPercent: '0.00', totalRepayable: '2999.00', aprPercent: '0.00', effectiveAnnualRatePercent: '0.00' });
    expect(res.body.options[0].disclosure).toContain('with no interest or fees');
  });

  it("applies the default pricing (fee_per_period 0.60 %) and today's date in Asia/Shanghai", async () => {
    const res = await post({ amount: '6000.00', currency: 'CNY', terms: [12], customerRef: 'u-default' });
    expect(res.status).toBe(201);
    expect(res.body.startDate).toBe(shanghaiToday());
    expect(res.body.options[0]).toMatchObject({ method: 'fee_per_period', feeRatePerPeriodPercent: '0.60', installmentAmount: '536.00', aprPercent: '13.03' });
    const noCurrency = await post({ amount: '100.00', terms: [1], customerRef: 'u-default' });
    expect(noCurrency.body.currency).toBe('CNY');
  });

  it('counts due dates from the start date, clamped to month end (31 Jan → 29 Feb → 31 Mar)', async () => {
    const res = await post({ amount: '3000.00', terms: [3], customerRef: 'u-dates', startDate: '2028-01-31' });
    expect(res.body.options[0].schedule.map((line: { dueDate: string }) => line.dueDate)).toEqual(['2028-02-29', '2028-03-31', '2028-04-30']);
  });

  it('quotes the largest well-formed amount exactly, without overflow', async () => {
    const res = await post({ amount: '9999999999999.99', terms: [60], customerRef: 'u-huge', pricing: { method: 'equal_installment', annualRatePercent: '24' } });
    expect(res.status).toBe(201);
    const option = res.body.options[0];
    const cents = (text: string) => BigInt(text.replace('.', ''));
    expect(option.schedule.reduce((sum: bigint, line: { principal: string }) => sum + cents(line.principal), 0n)).toBe(999_999_999_999_999n);
    expect(option.schedule[59].remainingBalance).toBe('0.00');
    expect(option.totalRepayable).toMatch(/^\d+\.\d{2}$/);
    expect(option.aprPercent).toBe('24.00');
    const got = await api.http().get(`/v1/installment-quotes/${res.body.id}`).set(auth);
    expect(got.body.amount).toBe('9999999999999.99');
  });

  describe.each(vectors.map((vector) => [vector.id, vector] as const))('shared vector %s through the API', (_id, vector) => {
    it('reproduces every line, the totals and the APR', async () => {
      const res = await post({ amount: vector.principal, terms: [vector.terms], customerRef: 'u-vec', startDate: vector.start_date, pricing: pricingOf(vector) });
      expect(res.status).toBe(201);
      const option = res.body.options[0];
      expect(
        option.schedule.map((line: Record<string, string>) => ({
          n: line.n,
          due_date: line.dueDate,
          principal: line.principal,
          interest: line.interest,
          fee: line.fee,
          total: line.total,
          remaining_balance: line.remainingBalance,
        })),
      ).toEqual(vector.expected.schedule);
      expect(option.totalRepayable).toBe(vector.expected.total_repayment);
      expect((Number(option.totalInterest) + Number(option.totalFees)).toFixed(2)).toBe(vector.expected.total_interest_or_fees);
      expect(option.aprPercent).toBe(vector.expected.apr_percent);
      expect(option.effectiveAnnualRatePercent).toBe(vector.expected.effective_annual_rate_percent);
      if (vector.expected.level_installment) expect(option.installmentAmount).toBe(vector.expected.level_installment);
    });
  });

  it.each([
    [{ ...base, amount: '0.05', terms: [12] }, 'schedule_invalid', 'amount'],
    [{ ...base, amount: '0.00' }, 'amount_invalid', 'amount'],
    [{ ...base, terms: [0] }, 'term_out_of_range', 'terms'],
    [{ ...base, terms: [6, 1000] }, 'term_out_of_range', 'terms'],
    [{ ...base, startDate: '2026-02-30' }, 'date_invalid', 'startDate'],
    [{ ...base, pricing: { method: 'equal_installment', annualRatePercent: '-1' } }, 'rate_out_of_range', 'pricing.annualRatePercent'],
    [{ ...base, pricing: { method: 'equal_installment', annualRatePercent: '36' } }, 'rate_out_of_range', 'pricing.annualRatePercent'],
    [{ ...base, pricing: { method: 'equal_installment', annualRatePercent: '9.9%' } }, 'rate_invalid', 'pricing.annualRatePercent'],
    [{ ...base, pricing: { method: 'equal_principal' } }, 'rate_invalid', 'pricing.annualRatePercent'],
    [{ ...base, pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '1.5' } }, 'apr_above_cap', 'pricing.feeRatePerPeriodPercent'],
    [{ ...base, pricing: { method: 'fee_per_period', feeRatePerPeriodPercent: '0.6', annualRatePercent: '9.9' } }, 'rate_not_applicable', 'pricing.annualRatePercent'],
    [{ ...base, currency: 'USD' }, 'currency_not_supported', 'currency'],
  ])('refuses %j with 422 %s naming %s', async (body, code, field) => {
    const res = await post(body);
    expectProblem(res, 422, code);
    expect(fieldsOf(res.body)).toContain(field);
  });

  it.each([
    [{ ...base, amount: '-100.00' }, 'amount'],
    [{ ...base, amount: '100.005' }, 'amount'],
    [{ ...base, amount: 6000 }, 'amount'],
    [{ ...base, amount: '99999999999999999999.00' }, 'amount'],
    [{ ...base, amount: '1e5' }, 'amount'],
    [{ ...base, currency: 'yuan' }, 'currency'],
    [{ ...base, terms: [] }, 'terms'],
    [{ ...base, terms: [3, 3] }, 'terms'],
    [{ ...base, terms: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] }, 'terms'],
    [{ ...base, terms: ['12'] }, 'terms'],
    [{ ...base, terms: [6.5] }, 'terms'],
    [{ ...base, terms: 12 }, 'terms'],
    [{ ...base, customerRef: 'has space' }, 'customerRef'],
    [{ ...base, customerRef: undefined }, 'customerRef'],
    [{ ...base, startDate: '01/12/2026' }, 'startDate'],
    [{ ...base, pricing: { method: 'balloon', annualRatePercent: '9.9' } }, 'pricing.method'],
    [{ ...base, pricing: { method: 'equal_installment', annualRatePercent: 9.9 } }, 'pricing.annualRatePercent'],
    [{ ...base, pricing: { method: 'equal_installment', annualRatePercent: '9.9', discount: '1' } }, 'pricing.discount'],
    [{ ...base, pricing: 'cheap' }, 'pricing'],
    [{ ...base, promo: 'x' }, 'promo'],
  ])('refuses malformed %j with 400 naming %s', async (body, field) => {
    const res = await post(body);
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('writes nothing for refused quotes', async () => {
    await post({ ...base, customerRef: 'u-refused', terms: [0] });
    await post({ ...base, customerRef: 'u-refused', amount: '-1.00' });
    expect(await sql(ctx, `SELECT id FROM installment_quotes WHERE customer_ref = 'u-refused'`)).toEqual([]);
  });

  it("another tenant's quote answers 404; malformed ids too", async () => {
    const created = await post(base);
    const other = await shop(api, ctx);
    const res = await api.http().get(`/v1/installment-quotes/${created.body.id}`).set(other);
    expectProblem(res, 404, 'resource_not_found');
    expectProblem(await api.http().get('/v1/installment-quotes/qte_nope').set(auth), 404, 'resource_not_found');
    expectProblem(await api.http().get('/v1/installment-quotes/pln_01JD3Q6Z5V7Y8X9W0A1B2C3D4E').set(auth), 404, 'resource_not_found');
  });

  it('needs the installments:write scope', async () => {
    const scoresOnly = await partner(api, ctx.adminToken, ['scores:write']);
    expectProblem(await api.http().post('/v1/installment-quotes').set(scoresOnly.auth).send(base), 403, 'insufficient_scope');
  });
});
