import pg from 'pg';
import { newId } from '../../src/common/ids.js';
import { ReasonTexts } from '../../src/batch-scoring/results/reason-texts.js';
import { RESULT_PAGE_ROWS, streamResults } from '../../src/batch-scoring/results/results-export.js';
import { createJobTablesSql, resultsTable } from '../../src/batch-scoring/storage/job-tables.js';
import { loadShippedModels } from '../../src/scoring/models/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A results download must not hold a database connection while its client is slow to read:
 * a dozen stalled downloads would otherwise drain the pool every request needs.
 */
describe('results downloads hold a connection only while PostgreSQL copies a page', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const jobId = newId('bat');
  const totalRows = RESULT_PAGE_ROWS * 2 + 17;
  const texts = new ReasonTexts(loadShippedModels());

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    for (const sql of createJobTablesSql(jobId)) await pool.query(sql);
    await pool.query(
      `INSERT INTO ${resultsTable(jobId)} (row_number, external_ref, product, model_version, credit_score, fraud_score, grade, decision, credit_limit_minor, apr_percent)
       SELECT n, 'r-' || n, 'consumer', 'consumer-thin-file@2026-11-24', 600, 10, 'C', 'approve', 1000000, '15.90' FROM generate_series(1, $1) AS n`,
      [totalRows],
    );
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const firstChunk = (stream: NodeJS.ReadableStream) => new Promise<string>((resolve) => stream.once('data', (chunk: Buffer | string) => resolve(chunk.toString())));
  /** A query on the pool's only connection: it can run only if the stalled download gave it back. */
  const poolAnswers = async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([pool.query('SELECT 1 AS ok').then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 2_000)))]);
    } finally {
      clearTimeout(timer); // a pending timer would hold the Jest worker past its exit
    }
  };

  it.each(['csv', 'ndjson'] as const)('%s: a stalled download leaves the pool free, and a full one has every row in order', async (format) => {
    const stalled = streamResults(pool, { id: jobId, totalRows }, format, texts, 'en');
    expect(await firstChunk(stalled)).toMatch(format === 'csv' ? /^rowNumber,externalRef/ : /^\{"rowNumber":1,/);
    stalled.pause();
    expect(await poolAnswers()).toBe(true);
    stalled.destroy();

    let body = '';
    for await (const chunk of streamResults(pool, { id: jobId, totalRows }, format, texts, 'en')) body += chunk.toString();
    const lines = body.trimEnd().split('\n');
    const data = format === 'csv' ? lines.slice(1) : lines;
    expect(data).toHaveLength(totalRows);
    const numbers = data.map((line) => (format === 'csv' ? Number(line.split(',')[0]) : (JSON.parse(line) as { rowNumber: number }).rowNumber));
    expect(numbers).toEqual(Array.from({ length: totalRows }, (_, i) => i + 1));
    expect(await poolAnswers()).toBe(true);
  });
});
