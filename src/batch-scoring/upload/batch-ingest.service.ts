import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal.js';
import { newId } from '../../common/ids.js';
import { chinaDate } from '../../identity/domain/civil-date.js';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';
import { BatchTooLargeError, EmptyBatchError } from '../batch-errors.js';
import { BatchFlowService } from '../jobs/batch-flow.service.js';
import type { BatchJob, UploadFormat } from '../jobs/batch-job.entity.js';
import { copyInputSql, createJobTablesSql } from '../storage/job-tables.js';
import { pgPool } from '../storage/pg-pool.js';
import { IngestPool, type IngestReply } from '../threads/ingest-pool.js';

export interface OpenedUpload {
  format: UploadFormat;
  /** The declared size (Content-Length of a raw body), checked before reading. */
  declaredBytes: number | null;
  chunks: AsyncIterable<Buffer>;
}

/**
 * Upload → PostgreSQL in one transaction: create the job's tables, stream the rows through
 * the parser and row checks into `COPY … FROM STDIN` (backpressure all the way to the
 * socket), insert the job, commit, then hand the job to BullMQ. Over a limit, or on any
 * error, the connection is discarded and the transaction with it: nothing is stored.
 */
@Injectable()
export class BatchIngestService {
  private readonly logger = new Logger(BatchIngestService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
    private readonly flows: BatchFlowService,
    private readonly encoders: IngestPool,
  ) {}

  async ingest(principal: Principal, upload: OpenedUpload, consentAttestation: string): Promise<BatchJob> {
    if (upload.declaredBytes !== null && upload.declaredBytes > this.options.maxBytes) throw new BatchTooLargeError('bytes', this.options.maxBytes);
    const now = new Date();
    const id = newId('bat');
    const client = await pgPool(this.db).connect();
    let job: BatchJob;
    try {
      await client.query('BEGIN');
      for (const sql of createJobTablesSql(id)) await client.query(sql);
      const staged = await this.stage(upload, chinaDate(now), client.query(copyFrom(copyInputSql(id))));
      if (staged.rows === 0) throw new EmptyBatchError();
      job = {
        id,
        tenantId: principal.tenantId,
        apiKeyId: principal.keyId,
        mode: principal.mode,
        status: 'queued',
        format: upload.format,
        consentAttestation,
        modelPins: { ...principal.modelPins },
        totalRows: staged.rows,
        invalidRows: staged.invalidRows,
        uploadBytes: staged.bytes,
        chunkSize: this.options.chunkSize,
        chunkCount: Math.ceil(staged.rows / this.options.chunkSize),
        processedRows: 0,
        failedRows: 0,
        summary: null,
        failureReason: null,
        createdAt: now,
        enqueuedAt: null,
        startedAt: null,
        finishedAt: null,
      };
      await client.query(
        `INSERT INTO batch_jobs (id, tenant_id, api_key_id, mode, status, format, consent_attestation, model_pins, total_rows, invalid_rows,
           upload_bytes, chunk_size, chunk_count, processed_rows, failed_rows, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, 0, $14)`,
        [id, job.tenantId, job.apiKeyId, job.mode, job.status, job.format, consentAttestation, JSON.stringify(job.modelPins), job.totalRows, job.invalidRows, job.uploadBytes, job.chunkSize, job.chunkCount, now],
      );
      await client.query('COMMIT');
      client.release();
    } catch (err) {
      // Mid-COPY the connection cannot be reused: drop it, and the open transaction with it.
      client.release(true);
      throw err;
    }
    this.logger.log({ jobId: id, tenantId: job.tenantId, rows: job.totalRows, invalidRows: job.invalidRows, bytes: job.uploadBytes, ms: Date.now() - now.getTime() }, 'batch upload staged');
    try {
      await this.flows.enqueue(job);
      job.enqueuedAt = new Date();
    } catch (err) {
      // The job is stored: the recovery sweep enqueues it (deterministic ids make that safe).
      this.logger.warn({ jobId: id, err: (err as Error).message }, 'batch job not enqueued yet; the recovery sweep will');
    }
    return job;
  }

  /**
   * Streams the upload through the encoder (on the ingest thread) into the COPY. Up to
   * `PIPELINE_DEPTH` pieces are in the encoder at once, so reading the socket, encoding and
   * writing to PostgreSQL overlap; nothing else is buffered.
   */
  private async stage(upload: OpenedUpload, today: string, copy: Writable): Promise<{ rows: number; invalidRows: number; bytes: number }> {
    const done = finished(copy);
    done.catch(() => undefined); // observed below; a COPY error must not be an unhandled rejection meanwhile
    const encoder = await this.encoders.open(upload.format, today);
    const decoder = new StringDecoder('utf8');
    const inFlight: Promise<IngestReply>[] = [];
    const submit = (reply: Promise<IngestReply>) => {
      reply.catch(() => undefined); // awaited in order below
      inFlight.push(reply);
    };
    let last: IngestReply = { copy: new Uint8Array(0), rows: 0, invalidRows: 0 };
    const drainOne = async () => {
      last = await inFlight.shift()!;
      if (last.copy.byteLength > 0 && !copy.write(last.copy)) await Promise.race([once(copy, 'drain'), done]);
    };
    let bytes = 0;
    try {
      for await (const chunk of upload.chunks) {
        bytes += chunk.length;
        if (bytes > this.options.maxBytes) throw new BatchTooLargeError('bytes', this.options.maxBytes);
        submit(encoder.push(decoder.write(chunk)));
        if (inFlight.length >= PIPELINE_DEPTH) await drainOne();
      }
      submit(encoder.push(decoder.end()));
      submit(encoder.end());
      while (inFlight.length > 0) await drainOne();
    } catch (err) {
      encoder.close();
      throw err;
    }
    copy.end();
    await done;
    return { rows: last.rows, invalidRows: last.invalidRows, bytes };
  }
}

const PIPELINE_DEPTH = 3;
