import { consentFor as recordConsent } from '../support/scoring.js';
import pg from 'pg';
import { issueKey, partner } from '../support/factories.js';
import type { TestApp, TestContext } from '../support/test-app.js';

export const PROBLEM = /^application\/problem\+json/;

type Headers = Record<string, string>;

/** A partner whose key can record consents and run installments (a checkout integration), not held back by rate limits. */
export async function shop(api: TestApp, ctx: TestContext): Promise<Headers> {
  return (await shopWithSandbox(api, ctx, false)).live;
}

/** A shop's live key and, unless `withTestKey` is false, a test key of the same tenant (the sandbox). */
export async function shopWithSandbox(api: TestApp, ctx: TestContext, withTestKey = true): Promise<{ live: Headers; sandbox: Headers }> {
  const scopes = ['installments:write', 'consents:write'];
  const owner = await partner(api, ctx.adminToken, scopes, { plan: { rateLimitPerSecond: 10_000 } });
  const sandbox: Headers = withTestKey ? { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, owner.tenant.id, scopes, 'test')).key}` } : {};
  return { live: owner.auth, sandbox };
}

export function consentFor(api: TestApp, auth: Headers, customerRef: string, purposes: string[] = ['installment_plan']): Promise<string> {
  return recordConsent(api, auth, { customerRef }, purposes);
}

export async function openLine(api: TestApp, auth: Headers, customerRef: string, limit: string): Promise<void> {
  const res = await api.http().put(`/v1/credit-lines/${customerRef}`).set(auth).send({ limit, currency: 'CNY' });
  if (res.status !== 200) throw new Error(`credit line: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface QuoteInput {
  amount: string;
  terms: number[];
  customerRef: string;
  startDate?: string;
  pricing?: Record<string, string>;
}

export async function quoteFor(api: TestApp, auth: Headers, input: QuoteInput): Promise<{ id: string } & Record<string, unknown>> {
  const res = await api.http().post('/v1/installment-quotes').set(auth).send({ currency: 'CNY', ...input });
  if (res.status !== 201) throw new Error(`quote: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** A customer with a line, a consent and a quote: the usual starting point of a plan test. */
export async function readyToOpen(
  api: TestApp,
  auth: Headers,
  customerRef: string,
  { limit = '10000.00', amount = '6000.00', terms = [3, 6, 12], startDate = '2026-12-01', pricing }: Partial<QuoteInput> & { limit?: string } = {},
): Promise<{ quoteId: string; consentId: string }> {
  await openLine(api, auth, customerRef, limit);
  const consentId = await consentFor(api, auth, customerRef);
  const quote = await quoteFor(api, auth, { amount, terms, customerRef, startDate, ...(pricing ? { pricing } : {}) });
  return { quoteId: quote.id, consentId };
}

export async function openPlan(api: TestApp, auth: Headers, body: { quoteId: string; consentId: string; termMonths: number }) {
  const res = await api.http().post('/v1/installment-plans').set(auth).send(body);
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Direct SQL on the test file's database: ageing quotes and plans, and checking that nothing half-written remains. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(ctx: TestContext, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: ctx.db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Today in Asia/Shanghai (UTC+8, no daylight saving), `YYYY-MM-DD`. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, code?: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code: code ?? res.body.code });
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(typeof res.body.detail).toBe('string');
}

export function fieldsOf(body: Record<string, unknown>): string[] {
  return ((body.errors as { field: string }[] | undefined) ?? []).map((error) => error.field);
}
