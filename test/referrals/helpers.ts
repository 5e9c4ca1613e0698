import { createTenant, issueKey } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { consentFor, thinFileApplicant } from '../support/scoring.js';
import type { TestApp, TestContext } from '../support/test-app.js';

export type Auth = Record<string, string>;

/** A lender whose keys publish products and work its inbound referrals: a key of `mode`, and a test key of the same tenant. */
export async function lender(api: TestApp, ctx: TestContext, name: string, mode: 'live' | 'test' = 'live'): Promise<{ id: string; auth: Auth; sandbox: Auth }> {
  const tenant = await createTenant(api, ctx.adminToken, { name, kind: 'lender', plan: { rateLimitPerSecond: 10_000 } });
  const scopes = ['lending:write', 'webhooks:write'];
  const key = await issueKey(api, ctx.adminToken, tenant.id, scopes, mode);
  const sandbox = await issueKey(api, ctx.adminToken, tenant.id, scopes, 'test');
  return { id: tenant.id, auth: { authorization: `Bearer ${key.key}` }, sandbox: { authorization: `Bearer ${sandbox.key}` } };
}

/** A shop that scores shoppers and refers them, with a live key and a test (sandbox) key. */
export async function referringShop(api: TestApp, ctx: TestContext, name = 'Shop A'): Promise<{ id: string; live: Auth; sandbox: Auth }> {
  const tenant = await createTenant(api, ctx.adminToken, { name, kind: 'ecommerce', plan: { rateLimitPerSecond: 10_000 } });
  const scopes = ['referrals:write', 'scores:write', 'consents:write', 'webhooks:write'];
  const live = await issueKey(api, ctx.adminToken, tenant.id, scopes, 'live');
  const sandbox = await issueKey(api, ctx.adminToken, tenant.id, scopes, 'test');
  return { id: tenant.id, live: { authorization: `Bearer ${live.key}` }, sandbox: { authorization: `Bearer ${sandbox.key}` } };
}

export const productBody = (overrides: Record<string, unknown> = {}, eligibility: Record<string, unknown> = {}) => ({
  name: 'Consumer loan',
  product: 'consumer',
  eligibility: { minCreditScore: 300, maxCreditScore: 900, minAmount: '1000.00', maxAmount: '100000.00', termMonths: [6, 12, 24], ...eligibility },
  pricing: { method: 'equal_installment', annualRatePercent: '12.00' },
  referralFeePercent: '1.50',
  ...overrides,
});

export async function publish(api: TestApp, auth: Auth, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await api.http().post('/v1/lender-products').set(auth).send(body);
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

export interface ScoredApplicant {
  idNumber: string;
  phone: string;
  consentId: string;
  scoreId: string;
  creditScore: number;
}

/** A shopper with a consent to score and refer them, scored as a thin-file consumer. */
export async function scoredApplicant(api: TestApp, auth: Auth, purposes = ['credit_scoring', 'referral_sharing']): Promise<ScoredApplicant> {
  const idNumber = residentId();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const consentId = await consentFor(api, auth, { idNumber, phone }, purposes.includes('credit_scoring') ? purposes : [...purposes, 'credit_scoring']);
  const score = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, consentId, phone));
  if (score.status !== 201) throw new Error(`score: ${score.status} ${JSON.stringify(score.body)}`);
  return { idNumber, phone, consentId, scoreId: score.body.id, creditScore: score.body.creditScore };
}

export const referralBody = (applicant: ScoredApplicant, overrides: Record<string, unknown> = {}, request: Record<string, unknown> = {}) => ({
  consentId: applicant.consentId,
  scoreId: applicant.scoreId,
  applicant: { idNumber: applicant.idNumber, phone: applicant.phone, name: '张三', customerRef: 'u-ref', residenceRegion: '31' },
  request: { amount: '20000.00', currency: 'CNY', termMonths: 12, purpose: 'consumer_goods', ...request },
  ...overrides,
});
