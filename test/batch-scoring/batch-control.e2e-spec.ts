import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueKey, partner } from '../support/factories.js';
import { mobile, residentId } from '../support/people.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { dataSource, startBatchApp } from './support/batch-app.js';
import { csvResults, csvText, uploadCsv, uploadNdjson, waitForJob, type Auth } from './support/batch-helpers.js';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { BatchRecovery } from '../../src/batch-scoring/processing/batch-recovery.service.js';

const row = () => ({ product: 'consumer', applicant: { idNumber: residentId() } });

/** Cancel, tenant isolation, limits, media types: an api without processors (jobs stay queued until a worker app starts). */
describe('batch scoring jobs: control, isolation and limits', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Auth;
  let tenantId: string;
  const extraApps: TestApp[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await startBatchApp(ctx, { workers: false, batch: { maxRows: 5, maxBytes: 4096, chunkSize: 2 } });
    const p = await partner(api, ctx.adminToken, ['batch:write'], { kind: 'bank' });
    auth = p.auth;
    tenantId = p.tenant.id;
  });
  afterAll(async () => {
    for (const app of extraApps) await app.close();
    await api?.close();
    await ctx.close();
  });

  const countJobs = async () => (await dataSource(api).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM batch_jobs WHERE tenant_id = $1`, [tenantId]))[0].n;
  const batchTables = async () =>
    (await dataSource(api).query<{ table_name: string }[]>(`SELECT table_name FROM information_schema.tables WHERE table_name ~ '^batch_(input|results)_'`)).map((t) => t.table_name);

  it('stages only hashes and derived facts: the queued job holds no raw ID or phone number', async () => {
    const idNumber = residentId('19880808');
    const phone = mobile();
    const res = await uploadCsv(api, auth, csvText(['externalRef', 'product', 'applicant.idNumber', 'applicant.phone'], [['p-1', 'consumer', idNumber, phone]]));
    expect(res.status).toBe(202);
    const staged: unknown[] = await dataSource(api).query(`SELECT * FROM "batch_input_${res.body.id.toLowerCase()}"`);
    expect(staged).toHaveLength(1);
    const text = JSON.stringify(staged);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(phone);
    expect(text).toMatch(/[0-9a-f]{64}/); // the keyed hash
    expect(api.logs.text()).not.toContain(idNumber);
  });

  it('cancels a queued job, idempotently', async () => {
    const upload = await uploadNdjson(api, auth, [row(), row(), row()]);
    expect(upload.body.status).toBe('queued');
    const cancel = await api.http().post(`/v1/batch-scoring-jobs/${upload.body.id}/cancel`).set(auth);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ id: upload.body.id, status: 'cancelled', processedRows: 0 });
    expect(cancel.body.finishedAt).toEqual(expect.any(String));
    const again = await api.http().post(`/v1/batch-scoring-jobs/${upload.body.id}/cancel`).set(auth);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    // Nothing was processed: the results are just the header.
    expect(await csvResults(api, auth, upload.body.id)).toEqual([]);
  });

  it('answers 409 for the results of a job still queued', async () => {
    const upload = await uploadNdjson(api, auth, [row()]);
    const res = await api.http().get(`/v1/batch-scoring-jobs/${upload.body.id}/results`).set(auth);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('batch_job_not_finished');
    await api.http().post(`/v1/batch-scoring-jobs/${upload.body.id}/cancel`).set(auth).expect(200);
  });

  it("answers 404 for another tenant's job on every route, and lists only the caller's jobs", async () => {
    const mine = await uploadNdjson(api, auth, [row()]);
    const other = await partner(api, ctx.adminToken, ['batch:write']);
    const id = mine.body.id as string;
    for (const req of [
      api.http().get(`/v1/batch-scoring-jobs/${id}`),
      api.http().get(`/v1/batch-scoring-jobs/${id}/results`),
      api.http().post(`/v1/batch-scoring-jobs/${id}/cancel`),
    ]) {
      const res = await req.set(other.auth);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('resource_not_found');
    }
    expect((await api.http().get('/v1/batch-scoring-jobs').set(other.auth)).body.data).toEqual([]);
    expect((await api.http().get('/v1/batch-scoring-jobs/bat_nope').set(auth)).status).toBe(404);
    // Still there for its owner, and still queued (the other tenant's cancel did nothing).
    expect((await api.http().get(`/v1/batch-scoring-jobs/${id}`).set(auth)).body.status).toBe('queued');
  });

  it("answers 404 for a job of the other mode (a test key's sandbox job to the tenant's live key, and the reverse)", async () => {
    const tenant = await partner(api, ctx.adminToken, ['batch:write'], { kind: 'bank' });
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.tenant.id, ['batch:write'], 'test')).key}` };
    const liveJob = (await uploadNdjson(api, tenant.auth, [row()])).body.id as string;
    const sandboxJob = (await uploadNdjson(api, sandbox, [row()])).body.id as string;
    for (const [caller, foreign] of [[sandbox, liveJob], [tenant.auth, sandboxJob]] as const) {
      for (const req of [
        api.http().get(`/v1/batch-scoring-jobs/${foreign}`),
        api.http().get(`/v1/batch-scoring-jobs/${foreign}/results`),
        api.http().post(`/v1/batch-scoring-jobs/${foreign}/cancel`),
      ]) {
        expect((await req.set(caller)).status).toBe(404);
      }
      expect((await api.http().get('/v1/batch-scoring-jobs').set(caller)).body.data.map((j: { id: string }) => j.id)).not.toContain(foreign);
    }
    for (const [caller, own] of [[tenant.auth, liveJob], [sandbox, sandboxJob]] as const) {
      expect((await api.http().get(`/v1/batch-scoring-jobs/${own}`).set(caller)).body.status).toBe('queued');
      await api.http().post(`/v1/batch-scoring-jobs/${own}/cancel`).set(caller).expect(200);
    }
  });

  it('refuses more rows or bytes than the limits with 413 problem+json, storing nothing', async () => {
    const before = await countJobs();
    const tablesBefore = await batchTables();
    const tooMany = await uploadNdjson(api, auth, [row(), row(), row(), row(), row(), row()]);
    expect(tooMany.status).toBe(413);
    expect(tooMany.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooMany.body).toMatchObject({ status: 413, code: 'payload_too_large', limit: { rows: 5 } });

    const big = `externalRef,product,applicant.idNumber\n${Array.from({ length: 5 }, (_, i) => `${'x'.repeat(120)}-${i},consumer,${residentId()}`).join('\n')}\n`.repeat(8);
    const tooBig = await uploadCsv(api, auth, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'payload_too_large', limit: { bytes: 4096 } });

    // Without a Content-Length (chunked): counted while streaming.
    const chunked = await postChunked(api, auth, 'text/csv', ['externalRef,product,applicant.idNumber\n', ...Array.from({ length: 60 }, (_, i) => `${'y'.repeat(100)}-${i},consumer,${residentId()}\n`)]);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'payload_too_large' });

    expect(await countJobs()).toBe(before);
    expect(await batchTables()).toEqual(tablesBefore);
    // Exactly at the limit is fine.
    expect((await uploadNdjson(api, auth, [row(), row(), row(), row(), row()])).status).toBe(202);
  });

  it('refuses unreadable uploads with 400 and stores nothing', async () => {
    const before = await countJobs();
    const unknownColumn = await uploadCsv(api, auth, 'externalRef,product,applicant.idNumber,favouriteColour\nr,consumer,1,blue\n');
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.errors[0]).toMatchObject({ field: 'header' });
    const noId = await uploadCsv(api, auth, 'externalRef,product\nr,consumer\n');
    expect(noId.status).toBe(400);
    const empty = await uploadCsv(api, auth, 'externalRef,product,applicant.idNumber\n');
    expect(empty.status).toBe(400);
    const quote = await uploadCsv(api, auth, `externalRef,product,applicant.idNumber\n"open,consumer,${residentId()}\n`);
    expect(quote.status).toBe(400);
    const noAttestation = await api.http().post('/v1/batch-scoring-jobs').set(auth).set('content-type', 'text/csv').send('product,applicant.idNumber\nconsumer,1\n');
    expect(noAttestation.status).toBe(400);
    expect(noAttestation.body.errors.map((e: { field: string }) => e.field)).toContain('consentAttestation');
    expect(await countJobs()).toBe(before);
  });

  it('takes CSV, NDJSON and multipart on the upload route only: everywhere else they stay 415', async () => {
    const json = await api.http().post('/v1/batch-scoring-jobs?consentAttestation=a').set(auth).send({ product: 'consumer' });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('unsupported_media_type');
    const key = await issueKey(api, ctx.adminToken, tenantId, ['consents:write', 'batch:write']);
    for (const type of ['text/csv', 'application/x-ndjson']) {
      const res = await api.http().post('/v1/consents').set({ authorization: `Bearer ${key.key}` }).set('content-type', type).send('a,b\n');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
    }
    const multipart = await api.http().post('/v1/consents').set({ authorization: `Bearer ${key.key}` }).attach('file', Buffer.from('a'), 'a.csv');
    expect(multipart.status).toBe(415);
    const text = await api.http().post('/v1/batch-scoring-jobs?consentAttestation=a').set(auth).set('content-type', 'text/plain').send('x');
    expect(text.status).toBe(415);
  });

  it('needs the batch:write scope', async () => {
    const p = await partner(api, ctx.adminToken, ['scores:write']);
    const res = await uploadNdjson(api, p.auth, [row()]);
    expect(res.status).toBe(403);
    expect((await api.http().get('/v1/batch-scoring-jobs').set(p.auth)).status).toBe(403);
  });

  it('enqueues, from the recovery sweep, a job whose upload committed but never reached BullMQ', async () => {
    const upload = await uploadNdjson(api, auth, [row(), row(), row()]);
    // As if the api died right after the commit: no flow in Redis, no enqueued_at.
    for (const name of ['batch-chunks', 'batch-jobs']) await api.app.get<Queue>(getQueueToken(name)).obliterate({ force: true });
    await dataSource(api).query(`UPDATE batch_jobs SET enqueued_at = NULL, created_at = now() - interval '5 minutes' WHERE id = $1`, [upload.body.id]);
    expect(await api.app.get(BatchRecovery, { strict: false }).recover()).toEqual({ enqueued: 1 });
    const workers = await startBatchApp(ctx, { batch: { chunkSize: 2 } });
    extraApps.push(workers);
    const job = await waitForJob(workers, auth, upload.body.id);
    expect(job).toMatchObject({ status: 'completed', processedRows: 3 });
    // A second sweep finds nothing (and a duplicate enqueue would be a no-op anyway).
    expect(await workers.app.get(BatchRecovery, { strict: false }).recover()).toEqual({ enqueued: 0 });
  });
});

/** POST without Content-Length (Transfer-Encoding: chunked), which supertest cannot do. */
function postChunked(api: TestApp, auth: Auth, type: string, pieces: string[]): Promise<{ status: number; body: string }> {
  const server = api.app.getHttpServer();
  const listening = server.listening ? Promise.resolve() : new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return listening.then(
    () =>
      new Promise((resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/batch-scoring-jobs?consentAttestation=a', headers: { ...auth, 'content-type': type } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        for (const piece of pieces) req.write(piece);
        req.end();
      }),
  );
}
