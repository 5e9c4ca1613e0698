import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, type Repository } from 'typeorm';
import { type DataOwner, ownerFilter } from '../../auth/principal.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import type { Language } from '../../common/http/language.js';
import { paginate, type Page, type PaginationQueryDto } from '../../common/pagination/pagination.js';
import { ModelRegistry } from '../../scoring/engine/model-registry.js';
import { BatchJobFinishedError, BatchJobNotFinishedError } from '../batch-errors.js';
import { presentSummary } from '../processing/batch-summary.js';
import { ReasonTexts } from '../results/reason-texts.js';
import { type ResultFormat, streamResults } from '../results/results-export.js';
import { followResults } from '../results/results-follow.js';
import { pgPool } from '../storage/pg-pool.js';
import { BatchJob } from './batch-job.entity.js';
import type { JobProgress } from './batch-job.presenter.js';
import { chunkTotals } from './chunk-totals.js';

/** Reading, listing and cancelling jobs, and opening their results; every lookup is tenant-scoped. */
@Injectable()
export class BatchJobsService {
  private readonly texts: ReasonTexts;

  constructor(
    @InjectRepository(BatchJob) private readonly jobs: Repository<BatchJob>,
    @InjectDataSource() private readonly db: DataSource,
    models: ModelRegistry,
  ) {
    this.texts = new ReasonTexts(models);
  }

  async get(owner: DataOwner, id: string): Promise<BatchJob> {
    const job = await this.jobs.findOneBy({ id, ...ownerFilter(owner) });
    if (!job) throw new NotFoundError('batch scoring job', id);
    return job;
  }

  list(owner: DataOwner, page: PaginationQueryDto): Promise<Page<BatchJob>> {
    return paginate(this.jobs.createQueryBuilder('job').where(ownerFilter(owner)), page);
  }

  /** Live counters of unfinished jobs, summed from their finished chunks (one query for a page); a closed job's are stored. */
  async progress(jobs: readonly BatchJob[]): Promise<Map<string, JobProgress>> {
    const open = jobs.filter((j) => j.status === 'queued' || j.status === 'running').map((j) => j.id);
    const out = new Map<string, JobProgress>();
    if (open.length === 0) return out;
    const rows: { job_id: string; processed: number; failed: number }[] = await this.db.query(
      `SELECT job_id, sum(scored_rows + failed_rows)::int AS processed, sum(failed_rows)::int AS failed FROM batch_chunks WHERE job_id = ANY($1) GROUP BY job_id`,
      [open],
    );
    for (const id of open) out.set(id, { processedRows: 0, failedRows: 0 });
    for (const r of rows) out.set(r.job_id, { processedRows: r.processed, failedRows: r.failed });
    return out;
  }

  /**
   * Queued or running → cancelled: chunks not yet written are dropped unbilled (a chunk being
   * written holds the job row until it commits, so this waits for it), the finalizer drops the
   * staged input. The answer's counts, and the summary of the rows scored, are final; those
   * results stay readable. Cancelling again is a no-op.
   */
  async cancel(owner: DataOwner, id: string): Promise<BatchJob> {
    await this.db.transaction(async (manager) => {
      const cancelled: unknown[] = await manager.query(
        `UPDATE batch_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND tenant_id = $2 AND mode = $3 AND status IN ('queued', 'running') RETURNING id`,
        [id, owner.tenantId, owner.mode],
      );
      if (cancelled.length === 0) return;
      // No chunk can commit any more (each checks this row under a share lock): what is written is all there will be.
      const written = await chunkTotals(manager, id);
      if (written.chunks === 0) return;
      await manager.query(`UPDATE batch_jobs SET processed_rows = $2, failed_rows = $3, summary = $4 WHERE id = $1`, [
        id,
        written.processedRows,
        written.failedRows,
        JSON.stringify(presentSummary(written.totals)),
      ]);
    });
    const job = await this.get(owner, id);
    if (job.status === 'completed' || job.status === 'failed') throw new BatchJobFinishedError(id, job.status);
    return job;
  }

  /**
   * The results stream of a finished job (completed, cancelled or failed: what was
   * processed); with `follow`, also of a job still running, chunk by chunk as they land.
   */
  async openResults(owner: DataOwner, id: string, format: ResultFormat, language: Language, follow = false): Promise<Readable> {
    const job = await this.get(owner, id);
    if (job.status === 'queued' || job.status === 'running') {
      if (!follow) throw new BatchJobNotFinishedError(id, job.status);
      return followResults(pgPool(this.db), job, format, this.texts, language);
    }
    return streamResults(pgPool(this.db), job, format, this.texts, language);
  }
}
