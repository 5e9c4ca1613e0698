import { partner } from '../support/factories.js';
import { spawnNode, type Spawned } from '../support/processes.js';
import { createTestContext, REDIS_URL, type TestApp, type TestContext } from '../support/test-app.js';
import { dataSource, PII_SECRET, startBatchApp } from './support/batch-app.js';
import { textParser, uploadCsv, waitForJob, type Auth } from './support/batch-helpers.js';
import { portfolioCsv } from './support/portfolio.js';

const ROWS = 200_000;

/**
 * The acceptance fault test: a 200,000-row job, its worker process SIGKILLed mid-way, a new
 * worker started. The killed worker's chunks are retried (stalled-job detection); the chunk
 * gate and the results' primary key make the retry write each row exactly once.
 */
describe('batch scoring survives a killed worker', () => {
  let ctx: TestContext;
  let api: TestApp;
  let auth: Auth;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    api = await startBatchApp(ctx, { workers: false });
    ({ auth } = await partner(api, ctx.adminToken, ['batch:write'], { kind: 'bank' }));
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await api?.close();
    await ctx.close();
  });

  const startWorker = async () => {
    const worker = spawnNode('dist/worker.js', {
      NODE_ENV: 'production',
      DATABASE_URL: ctx.db.url,
      DB_POOL_MAX: '6',
      REDIS_URL,
      REDIS_PREFIX: ctx.redisPrefix,
      ADMIN_TOKEN: ctx.adminToken,
      PII_HASH_SECRET: PII_SECRET,
      LOG_LEVEL: 'info',
    });
    workers.push(worker);
    await worker.waitFor(/"msg":"worker started"/, 30_000);
    return worker;
  };

  it('completes with exactly 200,000 result rows, none duplicated, none lost', async () => {
    const upload = await uploadCsv(api, auth, portfolioCsv(ROWS));
    expect(upload.status).toBe(202);
    expect(upload.body.totalRows).toBe(ROWS);
    const id = upload.body.id as string;

    const first = await startWorker();
    // Kill it once some chunks are written and most are not.
    const started = Date.now();
    for (;;) {
      const job = (await api.http().get(`/v1/batch-scoring-jobs/${id}`).set(auth)).body;
      if (job.processedRows > 0) {
        expect(job.processedRows).toBeLessThan(ROWS);
        break;
      }
      if (Date.now() - started > 60_000) throw new Error(`no progress: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    first.kill('SIGKILL');
    expect(await first.exited(10_000)).toBeNull(); // killed by the signal
    const atKill = (await api.http().get(`/v1/batch-scoring-jobs/${id}`).set(auth)).body;
    expect(atKill.status).toBe('running');
    expect(atKill.processedRows).toBeLessThan(ROWS);

    await startWorker();
    const job = await waitForJob(api, auth, id, 90_000);
    expect(job).toMatchObject({ status: 'completed', totalRows: ROWS, processedRows: ROWS });
    expect(job.summary.scoredRows + job.summary.failedRows).toBe(ROWS);

    const db = dataSource(api);
    const [counts] = await db.query<{ rows: number; distinct_rows: number; first: number; last: number }[]>(
      `SELECT count(*)::int AS rows, count(DISTINCT row_number)::int AS distinct_rows, min(row_number) AS first, max(row_number) AS last FROM "batch_results_${id.toLowerCase()}"`,
    );
    expect(counts).toEqual({ rows: ROWS, distinct_rows: ROWS, first: 1, last: ROWS });
    const [chunks] = await db.query<{ n: number; rows: number }[]>(`SELECT count(*)::int AS n, sum(scored_rows + failed_rows)::int AS rows FROM batch_chunks WHERE job_id = $1`, [id]);
    expect(chunks).toEqual({ n: Math.ceil(ROWS / 5_000), rows: ROWS });

    // And through the API: one line per input row, in order.
    const res = await api.http().get(`/v1/batch-scoring-jobs/${id}/results`).set(auth).set('accept', 'text/csv').buffer(true).parse(textParser);
    expect(res.status).toBe(200);
    const lines = (res.body as string).split('\n').filter(Boolean);
    expect(lines).toHaveLength(ROWS + 1);
    for (let i = 1; i <= ROWS; i++) {
      if (!lines[i].startsWith(`${i},`)) throw new Error(`line ${i} is ${lines[i].slice(0, 40)}`);
    }
  }, 180_000);
});
