import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookPublisher } from '../../webhooks/webhook-publisher.service.js';
import { BatchJob } from '../jobs/batch-job.entity.js';
import { presentJob } from '../jobs/batch-job.presenter.js';
import { dropInputSql } from '../storage/job-tables.js';
import { type ChunkTotals, chunkTotals } from '../jobs/chunk-totals.js';
import { presentSummary } from './batch-summary.js';

/**
 * The parent of a job's flow: runs once every chunk has finished (or exhausted its
 * attempts). Every chunk written → `completed` with the portfolio summary; any missing →
 * `failed`. The status change and the webhook event commit together; the deliveries are
 * enqueued after the commit, and a retried finalize re-enqueues them (same job ids). Then the
 * staged input is dropped.
 */
@Injectable()
export class BatchFinalizer {
  private readonly logger = new Logger(BatchFinalizer.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly webhooks: WebhookPublisher,
  ) {}

  async finalize(jobId: string): Promise<{ status: string }> {
    const job = await this.db.getRepository(BatchJob).findOneBy({ id: jobId });
    if (!job) return { status: 'missing' };
    let status: string = job.status;
    if (job.status === 'queued' || job.status === 'running') status = await this.close(job);
    else if (job.status !== 'cancelled') await this.webhooks.dispatchPendingFor(job.id);
    await this.db.query(dropInputSql(jobId));
    return { status };
  }

  private async close(job: BatchJob): Promise<string> {
    let status: string = job.status;
    let written: ChunkTotals | undefined;
    const deliveries = await this.db.transaction(async (manager) => {
      // The job row first, exclusively: a chunk commits only under a share lock on it, so the
      // totals read next are final (a straggling duplicate of a chunk then finds the job closed).
      const [locked] = await manager.query<{ status: string }[]>(`SELECT status FROM batch_jobs WHERE id = $1 FOR UPDATE`, [job.id]);
      if (locked?.status !== 'queued' && locked?.status !== 'running') {
        status = locked?.status ?? 'missing';
        return []; // cancelled meanwhile
      }
      written = await chunkTotals(manager, job.id);
      const complete = written.chunks === job.chunkCount;
      const closed = complete ? 'completed' : 'failed';
      status = closed;
      await manager
        .createQueryBuilder()
        .update(BatchJob)
        .set({
          status: closed,
          processedRows: written.processedRows,
          failedRows: written.failedRows,
          summary: complete ? presentSummary(written.totals) : null,
          startedAt: () => 'COALESCE(started_at, now())',
          finishedAt: () => 'now()',
          failureReason: () => (complete ? 'NULL' : 'COALESCE(failure_reason, :reason)'),
        })
        .where('id = :id', { id: job.id }) // locked above and still open
        .setParameter('reason', `${job.chunkCount - written.chunks} of ${job.chunkCount} chunks could not be processed`)
        .execute();
      const finished = await manager.findOneByOrFail(BatchJob, { id: job.id });
      return this.webhooks.record(manager, {
        tenantId: job.tenantId,
        mode: job.mode,
        type: complete ? 'batch_job.completed' : 'batch_job.failed',
        subjectId: job.id,
        data: presentJob(finished),
      });
    });
    await this.webhooks.dispatch(deliveries);
    this.logger.log({ jobId: job.id, tenantId: job.tenantId, status, scored: written?.totals.scored ?? 0, failed: written?.failedRows ?? 0 }, 'batch job finished');
    return status;
  }
}
