import { Readable } from 'node:stream';
import type pg from 'pg';
import type { Language } from '../../common/http/language.js';
import { chunkRange } from '../jobs/batch-flow.service.js';
import { TERMINAL_STATUSES, type BatchJob, type BatchJobStatus } from '../jobs/batch-job.entity.js';
import type { ReasonTexts } from './reason-texts.js';
import { copyRange, CSV_HEADER_LINE, pagesOf, type ResultFormat, resultsBody } from './results-export.js';

const POLL_MS = 100;

/**
 * `?follow=true`: the results of a job still running, streamed in row order as its chunks
 * are written: each chunk's rows go out as soon as it and every chunk before it are in the
 * database. A client can consume a million-row job while it is being scored. The stream
 * ends when every chunk has been sent, or (cancelled, failed) with the chunks that exist.
 * Connections are held only while a page of a chunk is copied out (see `copyRange`).
 */
export function followResults(pool: pg.Pool, job: BatchJob, format: ResultFormat, texts: ReasonTexts, language: Language): Readable {
  return resultsBody(Readable.from(chunks(pool, job, format)), format, texts, language);
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
      for (const page of pagesOf(chunkRange(index, job.chunkSize, job.totalRows))) yield* await copyRange(pool, job.id, format, page);
      next++;
      advanced = true;
    }
    if (terminal) return;
    if (!advanced) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
