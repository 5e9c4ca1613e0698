import { SCOPES } from '../../src/auth/scopes.js';
import { startBatchApp } from '../batch-scoring/support/batch-app.js';
import { ndjsonResults, uploadCsv, uploadNdjson, waitForJob } from '../batch-scoring/support/batch-helpers.js';
import { partner } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';

/**
 * ID and phone numbers are only ever stored as keyed hashes. Partners' own references are
 * stored and logged as sent, so one made of an ID or phone number is refused, and an id or
 * path a client fills with one is never echoed or logged.
 */
describe('ID and phone numbers in references, ids and paths', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Record<string, string>;
  const idNumber = residentId('19850615');
  const phone = '13600002222';

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await startBatchApp(ctx);
    auth = (await partner(api, ctx.adminToken, [...SCOPES], { plan: { rateLimitPerSecond: 1000 } })).auth;
  });
  afterAll(async () => {
    await api?.close();
    await ctx?.close();
  });

  const fieldsOf = (body: { errors?: { field: string; message: string }[] }) => (body.errors ?? []).map((e) => e.field);

  it('refuses them as customerRef (consents, quotes, credit lines) and as a batch externalRef', async () => {
    const consent = await api.http().post('/v1/consents').set(auth).send({ subject: { customerRef: phone }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } });
    expect(consent.status).toBe(400);
    expect(consent.body.errors).toEqual([{ field: 'subject.customerRef', message: expect.stringMatching(/not an ID or phone number/) }]);
    const quote = await api.http().post('/v1/installment-quotes').set(auth).send({ amount: '6000.00', currency: 'CNY', terms: [3], customerRef: `u-${idNumber}` });
    expect(quote.status).toBe(400);
    expect(fieldsOf(quote.body)).toEqual(['customerRef']);
    const line = await api.http().put(`/v1/credit-lines/${phone}`).set(auth).send({ limit: '10000.00', currency: 'CNY' });
    expect(line.status).toBe(400);
    expect(fieldsOf(line.body)).toEqual(['customerRef']);
    expect((await api.http().put('/v1/credit-lines/u-ok-1').set(auth).send({ limit: '10000.00', currency: 'CNY' })).status).toBe(200);

    const upload = await uploadNdjson(api, auth, [{ product: 'consumer', applicant: { idNumber }, externalRef: idNumber }, { product: 'consumer', applicant: { idNumber }, externalRef: 'loan-1' }]);
    await waitForJob(api, auth, upload.body.id);
    const [refused, scored] = await ndjsonResults(api, auth, upload.body.id);
    expect(refused).toMatchObject({ rowNumber: 1, error: { field: 'externalRef', message: expect.stringMatching(/not an ID or phone number/) } });
    expect(JSON.stringify(refused)).not.toContain(idNumber);
    expect(scored).toMatchObject({ rowNumber: 2, externalRef: 'loan-1', creditScore: expect.any(Number) });
  });

  it('never echoes one from an id, a path or a headerless CSV, nor logs it', async () => {
    const score = await api.http().get(`/v1/scores/${idNumber}`).set(auth);
    expect(score.status).toBe(404);
    const line = await api.http().get(`/v1/credit-lines/${phone}`).set(auth);
    expect(line.status).toBe(404);
    const unmatched = await api.http().get(`/v1/people/${idNumber}`).set(auth);
    expect(unmatched.status).toBe(404);
    const headerless = await uploadCsv(api, auth, `${idNumber},consumer\n`);
    expect(headerless.status).toBe(400);
    for (const res of [score, line, unmatched, headerless]) {
      expect(res.text).not.toContain(idNumber);
      expect(res.text).not.toContain(phone);
    }
    const logs = api.logs.lines.join('\n');
    expect(logs).not.toContain(idNumber);
    expect(logs).not.toContain(phone);
    expect(logs).toContain('/v1/scores/[redacted]');
  });
});
