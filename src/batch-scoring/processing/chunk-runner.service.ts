import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiKeyMode } from '../../api-keys/api-key.entity.js';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { JobPayloads } from '../../queues/queue-registry.js';
import { ModelRegistry } from '../../scoring/engine/model-registry.js';
import { TERMINAL_STATUSES, type BatchJobStatus } from '../jobs/batch-job.entity.js';
import { copyResultsSql, readBlockSql } from '../storage/job-tables.js';
import { sqlState, UNDEFINED_TABLE } from '../storage/pg-pool.js';
import { BATCH_ROWS_METER, type BatchRowsMeter } from './batch-rows-meter.js';
import { ScoringPool } from '../threads/scoring-pool.js';

type ChunkData = JobPayloads['batch.chunk'];

interface JobHeader {
  status: BatchJobStatus;
  tenant_id: string;
  mode: ApiKeyMode;
  api_key_id: string;
  model_pins: Record<string, string>;
}

export type ChunkOutcome = { written: true; scored: number; failed: number } | { written: false; reason: string };

/**
 * One chunk: read its staged rows, score them in memory, then in ONE transaction insert the
 * chunk's `batch_chunks` row (primary key = the idempotency gate), COPY its result rows and
 * record its billable units, unless the job was cancelled or closed meanwhile. A worker
 * killed at any point leaves either all of that or none of it; the retried chunk (or a
 * duplicate running after a stalled lock) finds the gate row and writes nothing.
 */
@Injectable()
export class ChunkRunner {
  private readonly logger = new Logger(ChunkRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly models: ModelRegistry,
    private readonly scoring: ScoringPool,
    @Optional() @Inject(BATCH_ROWS_METER) private readonly meter?: BatchRowsMeter,
  ) {}

  async run(chunk: ChunkData): Promise<ChunkOutcome> {
    const header = await this.header(chunk.jobId);
    if (!header) throw new UnrecoverableError(`batch job ${chunk.jobId} does not exist`);
    if (TERMINAL_STATUSES.includes(header.status)) return { written: false, reason: header.status };
    if (header.status === 'queued') {
      await this.db.query(`UPDATE batch_jobs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [chunk.jobId]);
    }
    this.assertPinsResolve(header.model_pins);
    const started = performance.now();
    const outcome = await this.scoreAndWrite(chunk, header);
    this.logger.debug({ jobId: chunk.jobId, chunk: chunk.chunkIndex, ...outcome, ms: Math.round(performance.now() - started) }, 'chunk done');
    return outcome;
  }

  private async header(jobId: string): Promise<JobHeader | undefined> {
    const rows: JobHeader[] = await this.db.query(`SELECT status, tenant_id, mode, api_key_id, model_pins FROM batch_jobs WHERE id = $1`, [jobId]);
    return rows[0];
  }

  /** A pin to a model this process does not have would fail every row: fail the chunk instead. */
  private assertPinsResolve(pins: Record<string, string>): void {
    for (const [name, version] of Object.entries(pins)) {
      try {
        this.models.resolve(name, version);
      } catch (err) {
        throw new UnrecoverableError(`the tenant is pinned to an unknown model: ${(err as Error).message}`);
      }
    }
  }

  /**
   * The chunk's transaction: gate row first (a duplicate stops here, before any work), then
   * the chunk's block of staged rows, scored (on a scoring thread), COPYed into the results,
   * then the chunk's counts and its billable units, then COMMIT.
   */
  private async scoreAndWrite(chunk: ChunkData, header: JobHeader): Promise<ChunkOutcome> {
    const runner = this.db.createQueryRunner();
    const writer = (await runner.connect()) as pg.PoolClient;
    try {
      await runner.startTransaction();
      const now = new Date();
      const claimed = (await runner.query(
        `INSERT INTO batch_chunks (job_id, chunk_index, tenant_id, first_row, last_row, scored_rows, failed_rows, summary, completed_at)
         VALUES ($1, $2, $3, $4, $5, 0, 0, '{}'::jsonb, $6) ON CONFLICT (job_id, chunk_index) DO NOTHING RETURNING chunk_index`,
        [chunk.jobId, chunk.chunkIndex, header.tenant_id, chunk.firstRow, chunk.lastRow, now],
      )) as unknown[];
      if (claimed.length === 0) {
        await runner.rollbackTransaction();
        return { written: false, reason: 'duplicate' };
      }
      const staged = await this.readStaged(chunk);
      if (!staged) {
        await runner.rollbackTransaction();
        return { written: false, reason: 'input dropped' };
      }
      const scored = await this.scoring.score(staged, header.model_pins);
      const expected = chunk.lastRow - chunk.firstRow + 1;
      if (scored.rows !== expected) {
        throw new UnrecoverableError(`staged rows ${chunk.firstRow}–${chunk.lastRow} are missing (the database restarted since the upload); upload the file again`);
      }
      await pipeline(Readable.from([scored.output]), writer.query(copyFrom(copyResultsSql(chunk.jobId))));
      const { summary } = scored;
      await runner.query(`UPDATE batch_chunks SET scored_rows = $3, failed_rows = $4, summary = $5 WHERE job_id = $1 AND chunk_index = $2`, [
        chunk.jobId,
        chunk.chunkIndex,
        summary.scored,
        summary.failed,
        JSON.stringify(summary),
      ]);
      await this.meter?.recordChunk(runner.manager, {
        tenantId: header.tenant_id,
        mode: header.mode,
        apiKeyId: header.api_key_id,
        jobId: chunk.jobId,
        chunkIndex: chunk.chunkIndex,
        scoredRows: summary.scored,
        resourceId: `${chunk.jobId}:${chunk.chunkIndex}`,
        occurredAt: now,
      });
      // Last, under a share lock on the job row: a cancel that committed first wins and the chunk
      // is dropped unbilled; a cancel that comes later waits for this commit, so the rows its
      // answer reports are exactly the rows kept and billed.
      const [job] = (await runner.query(`SELECT status FROM batch_jobs WHERE id = $1 FOR SHARE`, [chunk.jobId])) as { status: BatchJobStatus }[];
      if (!job || TERMINAL_STATUSES.includes(job.status)) {
        await runner.rollbackTransaction();
        return { written: false, reason: job?.status ?? 'job gone' };
      }
      await runner.commitTransaction();
      return { written: true, scored: summary.scored, failed: summary.failed };
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** The chunk's block of staged rows; null when the job's input table is gone (the job ended meanwhile). */
  private async readStaged(chunk: ChunkData): Promise<string | null> {
    try {
      const rows: { rows: string }[] = await this.db.query(readBlockSql(chunk.jobId), [chunk.chunkIndex]);
      return rows[0]?.rows ?? '';
    } catch (err) {
      if (sqlState(err) !== UNDEFINED_TABLE) throw err;
      const header = await this.header(chunk.jobId);
      if (header && TERMINAL_STATUSES.includes(header.status)) return null;
      throw new UnrecoverableError(`the staged rows of batch job ${chunk.jobId} are gone`);
    }
  }
}
