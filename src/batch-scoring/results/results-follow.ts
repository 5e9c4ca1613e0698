import { Readable, pipeline } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Language } from '../../common/http/language.js';
import { chunkRange } from '../jobs/batch-flow.service.js';
import { TERMINAL_STATUSES, type BatchJob, type BatchJobStatus } from '../jobs/batch-job.entity.js';
import type { ReasonTexts } from './reason-texts.js';
import { CSV_HEADER_LINE, csvResultsSql, NdjsonResults, ndjsonResultsSql, type ResultFormat } from './results-export.js';

const POLL_MS = 100;

/**
 * `?follow=true`: the results of a job still running, streamed in row order as its chunks
 * are written: each chunk's rows go out as soon as it and every chunk before it are in the
 * database. A client can consume a million-row job while it is being scored. The stream
 * ends when every chunk has been sent, or (cancelled, failed) with the chunks that exist.
 * One pooled connection per chunk, held only while that chunk is copied out.
 */
export function followResults(pool: pg.Pool, job: BatchJob, format: ResultFormat, texts: ReasonTexts, language: Language): Readable {
  const source = Readable.from(chunks(pool, job, format));
  if (format === 'csv') return source;
  const ndjson = new NdjsonResults(texts, language);
  pipeline(source, ndjson, () => undefined);
  return ndjson;
}

async function* chunks(pool: pg.Pool, job: BatchJob, format: ResultFormat): AsyncGenerator<Buffer | string> {
  if (format === 'csv') yield CSV_HEADER_LINE;
  let next = 0;
  while (next < job.chunkCount) {
    const { rows } = await pool.query<{ chunk_index: number | null; status: BatchJobStatus }>(
      `SELECT c.chunk_index, j.status FROM batch_jobs j LEFT JOIN batch_chunks c ON c.job_id = j.id AND c.chunk_index >= $2 WHERE j.id = $1 ORDER BY c.chunk_index`,
      [job.id, next],
    );
    const terminal = rows.length > 0 && TERMINAL_STATUSES.includes(rows[0].status);
    let advanced = false;
    for (const { chunk_index: index } of rows) {
      if (index === null) break;
      // Once the job has ended, a missing chunk will never come: skip it.
      if (index !== next && !terminal) break;
      next = index;
      yield* copyChunk(pool, job, format, index);
      next++;
      advanced = true;
    }
    if (terminal) return;
    if (!advanced) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function* copyChunk(pool: pg.Pool, job: BatchJob, format: ResultFormat, index: number): AsyncGenerator<Buffer> {
  const range = chunkRange(index, job.chunkSize, job.totalRows);
  const client = await pool.connect();
  let failure: Error | undefined = new Error('results stream closed early');
  try {
    yield* client.query(copyTo(format === 'csv' ? csvResultsSql(job.id, { header: false, range }) : ndjsonResultsSql(job.id, range))) as AsyncIterable<Buffer>;
    failure = undefined;
  } catch (err) {
    failure = err as Error;
    throw err;
  } finally {
    // A connection left in the middle of a COPY cannot go back to the pool.
    client.release(failure);
  }
}
