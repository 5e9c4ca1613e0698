import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { verifySignature } from '../../src/webhooks/signature.js';
import { WebhookPublisher } from '../../src/webhooks/webhook-publisher.service.js';
import { createTenant, issueKey } from '../support/factories.js';
import { residentId } from '../support/people.js';
import { createTestContext, deleteRedisPrefix, REDIS_URL, type TestApp, type TestContext } from '../support/test-app.js';
import { dataSource, startBatchApp } from '../batch-scoring/support/batch-app.js';
import { openLine, quoteFor, readyToOpen } from '../installments/helpers.js';
import { uploadNdjson, waitForJob, type Auth } from '../batch-scoring/support/batch-helpers.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint: records every request and answers with the next scripted status (then 200). */
class Receiver {
  readonly requests: Received[] = [];
  statuses: number[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        this.requests.push({ path: req.url ?? '', headers: req.headers, body });
        res.statusCode = this.statuses.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/guanxing`;
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<Received[]> {
    const started = Date.now();
    while (this.requests.length < count) {
      if (Date.now() - started > timeoutMs) throw new Error(`received ${this.requests.length} of ${count} webhook requests`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.requests;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const row = () => ({ product: 'consumer', applicant: { idNumber: residentId() } });

describe('webhooks', () => {
  let ctx: TestContext;
  let api: TestApp;
  let receiver: Receiver;
  let testAuth: Auth;
  let liveAuth: Auth;
  const extraApps: TestApp[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    // Short retry delays: 100 ms, 200 ms, … (the production schedule spans more than 24 h).
    api = await startBatchApp(ctx, { webhooks: { backoffBaseMs: 100, maxAttempts: 4, requestTimeoutMs: 2_000 } });
    receiver = new Receiver();
    await receiver.start();
    const tenant = await createTenant(api, ctx.adminToken, { kind: 'bank', plan: { rateLimitPerSecond: 1000 } });
    testAuth = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, ['batch:write', 'webhooks:write'], 'test')).key}` };
    const other = await createTenant(api, ctx.adminToken, { kind: 'bank' });
    liveAuth = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, other.id, ['batch:write', 'webhooks:write'], 'live')).key}` };
  });
  afterAll(async () => {
    await receiver?.stop();
    try {
      for (const app of extraApps) await app.close();
      await api?.close();
    } finally {
      if (ctx) for (const suffix of ['_fail', '_slow', '_strict', '_lax']) await deleteRedisPrefix(`${ctx.redisPrefix}${suffix}`);
      await ctx?.close();
    }
  });

  it('refuses non-http(s) URLs and unknown events', async () => {
    const put = (auth: Auth, url: string) => api.http().put('/v1/webhook-endpoint').set(auth).send({ url, events: ['batch_job.completed'] });
    for (const url of ['ftp://example.com/hook', 'not a url', 'http://user:pass@example.com/hook']) {
      const res = await put(liveAuth, url);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('url');
    }
    const unknownEvent = await api.http().put('/v1/webhook-endpoint').set(liveAuth).send({ url: 'https://93.184.215.14/hook', events: ['batch_job.exploded'] });
    expect(unknownEvent.status).toBe(400);
    const publicOk = await put(liveAuth, 'https://93.184.215.14/hook');
    expect(publicOk.status).toBe(200);
    expect(publicOk.body).toMatchObject({ url: 'https://93.184.215.14/hook', mode: 'live', events: ['batch_job.completed'] });
    expect(publicOk.body.secret).toMatch(/^whsec_/);
  });

  it('sets the endpoint with a secret shown once; rotating issues a new one', async () => {
    const first = await api.http().put('/v1/webhook-endpoint').set(testAuth).send({ url: receiver.url, events: ['batch_job.completed', 'batch_job.failed'] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^whe_/), url: receiver.url, mode: 'test', events: ['batch_job.completed', 'batch_job.failed'] });
    expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(first.body.secretHint).toBe(first.body.secret.slice(0, 10));

    const update = await api.http().put('/v1/webhook-endpoint').set(testAuth).send({ url: receiver.url, events: ['batch_job.completed', 'batch_job.failed'] });
    expect(update.status).toBe(200);
    expect(update.body.secret).toBeUndefined();
    expect(update.body.id).toBe(first.body.id);
    const got = await api.http().get('/v1/webhook-endpoint').set(testAuth);
    expect(got.body.secret).toBeUndefined();
    expect(got.body.secretHint).toBe(first.body.secretHint);

    // The secret is stored encrypted, never as is.
    const stored = JSON.stringify(await dataSource(api).query(`SELECT * FROM webhook_endpoints`));
    expect(stored).not.toContain(first.body.secret);
  });

  it('delivers batch_job.completed signed (t=…,v1=HMAC-SHA-256 of "t.body"), retrying after the receiver fails', async () => {
    const put = await api.http().put('/v1/webhook-endpoint').set(testAuth).send({ url: receiver.url, events: ['batch_job.completed', 'batch_job.failed'], rotateSecret: true });
    const secret = put.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    receiver.requests.length = 0;
    receiver.statuses = [500, 503];

    const upload = await uploadNdjson(api, testAuth, [row(), row()]);
    const job = await waitForJob(api, testAuth, upload.body.id);
    expect(job.status).toBe('completed');

    const requests = await receiver.waitFor(3);
    expect(requests).toHaveLength(3);
    const bodies = new Set(requests.map((r) => r.body));
    expect(bodies.size).toBe(1); // the same event, byte for byte, on every attempt
    for (const [i, req] of requests.entries()) {
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['guanxing-event-type']).toBe('batch_job.completed');
      expect(req.headers['guanxing-delivery-attempt']).toBe(String(i + 1));
      const header = req.headers['guanxing-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      // The recipe in src/webhooks/README.md, and the same by hand.
      expect(verifySignature(header, req.body, secret)).toBe(true);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(createHmac('sha256', secret).update(`${t}.${req.body}`).digest('hex')).toBe(v1);
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifySignature(header, req.body.replace('completed', 'failed'), secret)).toBe(false);
      expect(verifySignature(header, req.body, 'whsec_wrong')).toBe(false);
    }
    const event = JSON.parse(requests[0].body);
    expect(event).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'batch_job.completed', mode: 'test', createdAt: expect.any(String) });
    expect(event.data).toMatchObject({ id: upload.body.id, status: 'completed', totalRows: 2, processedRows: 2 });
    expect(event.data.summary.scoredRows).toBe(2);
    expect(requests[0].headers['guanxing-event-id']).toBe(event.id);

    // Every attempt is logged.
    let delivery;
    for (let i = 0; i < 50; i++) {
      delivery = (await api.http().get(`/v1/webhook-deliveries/${event.id}`).set(testAuth)).body;
      if (delivery.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(delivery).toMatchObject({ id: event.id, eventType: 'batch_job.completed', subjectId: upload.body.id, status: 'delivered', attempts: 3, lastStatusCode: 200 });
    expect(delivery.attemptLog.map((a: { statusCode: number; delivered: boolean }) => [a.statusCode, a.delivered])).toEqual([
      [500, false],
      [503, false],
      [200, true],
    ]);
    expect(delivery.attemptLog[0]).toMatchObject({ attempt: 1, url: receiver.url, error: 'HTTP 500', durationMs: expect.any(Number) });

    const list = await api.http().get('/v1/webhook-deliveries').set(testAuth);
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ id: event.id, status: 'delivered', attempts: 3 });
    expect(list.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(api.logs.lines.filter((l) => l.includes('"webhook delivery attempt"') && l.includes(event.id))).toHaveLength(3);
  });

  it('marks a delivery failed when the schedule is exhausted; a manual retry re-sends it', async () => {
    receiver.requests.length = 0;
    receiver.statuses = [500, 500, 500, 500];
    const upload = await uploadNdjson(api, testAuth, [row()]);
    await waitForJob(api, testAuth, upload.body.id);
    await receiver.waitFor(4);
    let failed;
    for (let i = 0; i < 100; i++) {
      failed = (await api.http().get('/v1/webhook-deliveries?status=failed').set(testAuth)).body.data[0];
      if (failed?.subjectId === upload.body.id) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(failed).toMatchObject({ subjectId: upload.body.id, status: 'failed', attempts: 4, lastStatusCode: 500 });

    const retry = await api.http().post(`/v1/webhook-deliveries/${failed.id}/retry`).set(testAuth);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id: failed.id, status: 'pending' });
    await receiver.waitFor(5);
    let after;
    for (let i = 0; i < 100; i++) {
      after = (await api.http().get(`/v1/webhook-deliveries/${failed.id}`).set(testAuth)).body;
      if (after.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(after).toMatchObject({ status: 'delivered', attempts: 5 });
    expect(after.attemptLog).toHaveLength(5);
  });

  it('a delivery whose enqueue was lost (recorded, never sent) goes out with the minutely sweep', async () => {
    const tenant = await createTenant(api, ctx.adminToken);
    const shop = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, ['webhooks:write'], 'test')).key}` };
    await api.http().put('/v1/webhook-endpoint').set(shop).send({ url: receiver.url, events: ['installment_plan.created'] }).expect(200);
    receiver.requests.length = 0;
    const publisher = api.app.get(WebhookPublisher);
    const record = (at: Date) =>
      dataSource(api).transaction((manager) => publisher.record(manager, { tenantId: tenant.id, mode: 'test', type: 'installment_plan.created', subjectId: 'pln_01JD3Q6Z5V7Y8X9W0A1B2C3D4E', data: {} }, at));
    const [stranded] = await record(new Date(Date.now() - 120_000));
    const [fresh] = await record(new Date()); // its own dispatch may still be on the way: not the sweep's

    expect(await publisher.dispatchStranded()).toBe(1);
    const [req] = await receiver.waitFor(1);
    expect(JSON.parse(req.body).id).toBe(stranded);
    expect((await api.http().get(`/v1/webhook-deliveries/${fresh}`).set(shop)).body).toMatchObject({ status: 'pending', attempts: 0 });
    // The workers run the sweep every minute.
    const queue = new Queue('webhooks', { connection: { url: REDIS_URL }, prefix: `${ctx.redisPrefix}:bull` });
    try {
      expect(await queue.getJobScheduler('webhook.sweep')).toMatchObject({ every: 60_000 });
    } finally {
      await queue.close();
    }
  });

  it('a failed manual retry leaves the delivery pending while its automatic schedule still runs', async () => {
    // Its own queues, with a schedule slow enough to still be waiting when the manual attempt fails.
    const slow = await startBatchApp({ ...ctx, redisPrefix: `${ctx.redisPrefix}_slow` }, { webhooks: { backoffBaseMs: 60_000, maxAttempts: 3, requestTimeoutMs: 2_000 } });
    extraApps.push(slow);
    const tenant = await createTenant(slow, ctx.adminToken, { plan: { rateLimitPerSecond: 1000 } });
    const shop = { authorization: `Bearer ${(await issueKey(slow, ctx.adminToken, tenant.id, ['installments:write', 'consents:write', 'webhooks:write'], 'test')).key}` };
    await slow.http().put('/v1/webhook-endpoint').set(shop).send({ url: receiver.url, events: ['installment_plan.created'] }).expect(200);
    receiver.requests.length = 0;
    receiver.statuses = [500, 500];
    const ready = await readyToOpen(slow, shop, 'u-slow', { amount: '3000.00', terms: [3] });
    await slow.http().post('/v1/installment-plans').set(shop).send({ ...ready, termMonths: 3 }).expect(201);
    await receiver.waitFor(1);
    const { id } = (await slow.http().get('/v1/webhook-deliveries').set(shop)).body.data[0];
    /** The delivery once its attempt log holds `attempts` entries. */
    const afterAttempts = async (attempts: number) => {
      for (let i = 0; i < 100; i++) {
        const delivery = (await slow.http().get(`/v1/webhook-deliveries/${id}`).set(shop)).body;
        if (delivery.attemptLog.length === attempts) return delivery;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`delivery ${id} never logged attempt ${attempts}`);
    };
    expect(await afterAttempts(1)).toMatchObject({ status: 'pending' });

    expect((await slow.http().post(`/v1/webhook-deliveries/${id}/retry`).set(shop)).status).toBe(202);
    await afterAttempts(2);
    await new Promise((r) => setTimeout(r, 500)); // time for the worker's failed-job handler
    expect((await slow.http().get(`/v1/webhook-deliveries/${id}`).set(shop)).body).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 500 });
  });

  it('sends batch_job.failed when a job cannot complete', async () => {
    receiver.requests.length = 0;
    // Queues of their own (same database), so no worker can take the job before its staged
    // rows are gone: on the shared prefix the main api's worker sometimes finished it first.
    const isolated = { ...ctx, redisPrefix: `${ctx.redisPrefix}_fail` };
    const noWorkers = await startBatchApp(isolated, { workers: false });
    extraApps.push(noWorkers);
    const upload = await uploadNdjson(noWorkers, testAuth, [row(), row()]);
    // The staged rows vanish before any worker starts (as after a database crash).
    await dataSource(api).query(`DROP TABLE "batch_input_${upload.body.id.toLowerCase()}"`);
    const workers = await startBatchApp(isolated, { webhooks: { backoffBaseMs: 100, maxAttempts: 4, requestTimeoutMs: 2_000 } });
    extraApps.push(workers);
    const job = await waitForJob(api, testAuth, upload.body.id, 30_000);
    expect(job.status).toBe('failed');
    expect(job.failureReason).toEqual(expect.any(String));
    const [req] = await receiver.waitFor(1);
    expect(JSON.parse(req.body)).toMatchObject({ type: 'batch_job.failed', data: { id: upload.body.id, status: 'failed' } });
  });

  it('delivers installment_plan.created with the plan as GET returns it; a refused plan sends nothing', async () => {
    const tenant = await createTenant(api, ctx.adminToken, { plan: { rateLimitPerSecond: 1000 } });
    // A live key, to a receiver on loopback: a development gateway allows private targets to any key.
    const key = await issueKey(api, ctx.adminToken, tenant.id, ['installments:write', 'consents:write', 'webhooks:write'], 'live');
    const shop = { authorization: `Bearer ${key.key}` };
    const put = await api.http().put('/v1/webhook-endpoint').set(shop).send({ url: receiver.url, events: ['installment_plan.created'] });
    const secret = put.body.secret as string;
    receiver.requests.length = 0;

    const { quoteId, consentId } = await readyToOpen(api, shop, 'u-hook', { limit: '5000.00', amount: '3000.00', terms: [6] });
    const tooBig = await quoteFor(api, shop, { amount: '6000.00', terms: [6], customerRef: 'u-hook' });
    const refused = await api.http().post('/v1/installment-plans').set(shop).send({ quoteId: tooBig.id, termMonths: 6, consentId });
    expect(refused.body.code).toBe('credit_limit_exceeded');
    const opened = await api.http().post('/v1/installment-plans').set(shop).send({ quoteId, termMonths: 6, consentId });
    expect(opened.status).toBe(201);

    const [req] = await receiver.waitFor(1);
    expect(req.headers['guanxing-event-type']).toBe('installment_plan.created');
    expect(verifySignature(req.headers['guanxing-signature'] as string, req.body, secret)).toBe(true);
    const event = JSON.parse(req.body);
    expect(event).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'installment_plan.created', mode: 'live' });
    expect(event.data).toEqual(opened.body);
    expect(event.data).toEqual((await api.http().get(`/v1/installment-plans/${opened.body.id}`).set(shop)).body);
    const recorded = await dataSource(api).query(`SELECT event_type, subject_id FROM webhook_deliveries WHERE tenant_id = $1`, [tenant.id]);
    expect(recorded).toEqual([{ event_type: 'installment_plan.created', subject_id: opened.body.id }]);

    // A tenant that did not subscribe to the event gets no delivery for its plans.
    await api.http().put('/v1/webhook-endpoint').set(shop).send({ url: receiver.url, events: ['batch_job.completed'] });
    await openLine(api, shop, 'u-hook', '10000.00');
    await api.http().post('/v1/installment-plans').set(shop).send({ quoteId: tooBig.id, termMonths: 6, consentId }).expect(201);
    expect(await dataSource(api).query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1`, [tenant.id])).toEqual([{ n: 1 }]);
  });

  it('where the deployment forbids private targets (production), no key can reach them', async () => {
    const tenant = await createTenant(api, ctx.adminToken, { plan: { rateLimitPerSecond: 1000 } });
    const key = await issueKey(api, ctx.adminToken, tenant.id, ['installments:write', 'consents:write', 'webhooks:write'], 'test');
    const shop = { authorization: `Bearer ${key.key}` };
    // Set while private targets were allowed (a development deployment on the same database)…
    await api.http().put('/v1/webhook-endpoint').set(shop).send({ url: receiver.url, events: ['installment_plan.created'] }).expect(200);
    // (Extra apps start in the later tests of this file: Nest's logger follows the newest app,
    // and the earlier tests read the main app's log lines.)
    const strict = await startBatchApp({ ...ctx, redisPrefix: `${ctx.redisPrefix}_strict` }, { env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }, webhooks: { maxAttempts: 1 } });
    extraApps.push(strict);

    // …a strict deployment refuses such URLs from test and live keys alike…
    const privateTargets = [receiver.url, 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://localhost/hook', 'http://192.168.1.1/x'];
    for (const [auth, url] of [...privateTargets.map((url) => [shop, url] as const), ...privateTargets.map((url) => [liveAuth, url] as const)]) {
      const refused = await strict.http().put('/v1/webhook-endpoint').set(auth).send({ url, events: ['installment_plan.created'] });
      expect({ url, status: refused.status, error: refused.body.errors?.[0] }).toEqual({ url, status: 400, error: { field: 'url', message: expect.stringMatching(/public address/) } });
    }
    expect((await strict.http().put('/v1/webhook-endpoint').set(liveAuth).send({ url: 'https://93.184.215.14/hook', events: ['batch_job.completed'] })).status).toBe(200);

    // …and never connects to the one already stored.
    receiver.requests.length = 0;
    const ready = await readyToOpen(strict, shop, 'u-strict', { amount: '3000.00', terms: [3] });
    await strict.http().post('/v1/installment-plans').set(shop).send({ ...ready, termMonths: 3 }).expect(201);
    let delivery;
    for (let i = 0; i < 100 && delivery?.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      delivery = (await strict.http().get('/v1/webhook-deliveries').set(shop)).body.data[0];
    }
    expect(delivery).toMatchObject({ status: 'failed', lastStatusCode: null, lastError: expect.stringMatching(/public address|private/) });
    expect(receiver.requests).toEqual([]);
  });

  it('a production gateway that allows private targets says so in its log at every start', async () => {
    const warning = 'WEBHOOK_ALLOW_PRIVATE_TARGETS is on in production';
    expect(api.logs.text()).not.toContain(warning); // a development gateway: allowed, and no warning
    const lax = await startBatchApp({ ...ctx, redisPrefix: `${ctx.redisPrefix}_lax` }, { env: { NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }, workers: false });
    extraApps.push(lax);
    expect(lax.logs.text()).toContain(warning);
  });

  it('keeps deliveries per tenant: another tenant sees none and gets 404', async () => {
    const mine = (await api.http().get('/v1/webhook-deliveries').set(testAuth)).body.data[0];
    const theirs = await api.http().get('/v1/webhook-deliveries').set(liveAuth);
    expect(theirs.body.data).toEqual([]);
    expect((await api.http().get(`/v1/webhook-deliveries/${mine.id}`).set(liveAuth)).status).toBe(404);
    expect((await api.http().post(`/v1/webhook-deliveries/${mine.id}/retry`).set(liveAuth)).status).toBe(404);
  });

  it("has an endpoint per mode: each mode's events go to its own, and a test key neither sees, changes nor retries the live one", async () => {
    const tenant = await createTenant(api, ctx.adminToken, { plan: { rateLimitPerSecond: 1000 } });
    const scopes = ['installments:write', 'consents:write', 'webhooks:write'];
    const live = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, scopes, 'live')).key}` };
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, tenant.id, scopes, 'test')).key}` };
    const events = ['installment_plan.created'];
    const liveSecret = (await api.http().put('/v1/webhook-endpoint').set(live).send({ url: `${receiver.url}/live`, events }).expect(200)).body.secret as string;
    const sandboxSecret = (await api.http().put('/v1/webhook-endpoint').set(sandbox).send({ url: `${receiver.url}/sandbox`, events }).expect(200)).body.secret as string;
    expect(sandboxSecret).toEqual(expect.any(String)); // the sandbox's own endpoint, created with its own secret
    expect((await api.http().get('/v1/webhook-endpoint').set(live)).body).toMatchObject({ url: `${receiver.url}/live`, mode: 'live' });
    expect((await api.http().get('/v1/webhook-endpoint').set(sandbox)).body).toMatchObject({ url: `${receiver.url}/sandbox`, mode: 'test' });
    receiver.requests.length = 0;

    for (const auth of [live, sandbox]) {
      const { quoteId, consentId } = await readyToOpen(api, auth, 'u-modes', { limit: '5000.00', amount: '3000.00', terms: [6] });
      await api.http().post('/v1/installment-plans').set(auth).send({ quoteId, termMonths: 6, consentId }).expect(201);
    }
    const received = await receiver.waitFor(2);
    const byPath = Object.fromEntries(received.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/hooks/guanxing/live', '/hooks/guanxing/sandbox']);
    const liveEvent = byPath['/hooks/guanxing/live'];
    expect(JSON.parse(liveEvent.body)).toMatchObject({ type: 'installment_plan.created', mode: 'live' });
    expect(verifySignature(liveEvent.headers['guanxing-signature'] as string, liveEvent.body, liveSecret)).toBe(true);
    expect(JSON.parse(byPath['/hooks/guanxing/sandbox'].body)).toMatchObject({ type: 'installment_plan.created', mode: 'test' });

    // Deliveries are per mode too: the live one answers the test key 404, also to a retry.
    const liveDeliveries = (await api.http().get('/v1/webhook-deliveries').set(live)).body.data;
    const sandboxDeliveries = (await api.http().get('/v1/webhook-deliveries').set(sandbox)).body.data;
    expect([liveDeliveries.length, sandboxDeliveries.length]).toEqual([1, 1]);
    expect(liveDeliveries[0].id).toBe(JSON.parse(liveEvent.body).id);
    expect((await api.http().get(`/v1/webhook-deliveries/${liveDeliveries[0].id}`).set(sandbox)).status).toBe(404);
    expect((await api.http().post(`/v1/webhook-deliveries/${liveDeliveries[0].id}/retry`).set(sandbox)).status).toBe(404);

    // Removing the sandbox endpoint leaves the live one.
    await api.http().delete('/v1/webhook-endpoint').set(sandbox).expect(204);
    expect((await api.http().get('/v1/webhook-endpoint').set(sandbox)).status).toBe(404);
    expect((await api.http().get('/v1/webhook-endpoint').set(live)).body.url).toBe(`${receiver.url}/live`);
  });

  it('needs the webhooks:write scope', async () => {
    const tenant = await createTenant(api, ctx.adminToken);
    const key = await issueKey(api, ctx.adminToken, tenant.id, ['batch:write'], 'test');
    const res = await api.http().put('/v1/webhook-endpoint').set({ authorization: `Bearer ${key.key}` }).send({ url: receiver.url, events: ['batch_job.completed'] });
    expect(res.status).toBe(403);
  });
});
