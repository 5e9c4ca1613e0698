import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';
import { BatchFlowService } from '../jobs/batch-flow.service.js';

/**
 * An upload commits its job before the flow is enqueued; if the api dies (or Redis blinks)
 * in between, the job would wait forever. This sweep, scheduled every minute on the workers,
 * enqueues such jobs. The flow's ids are deterministic, so a sweep racing a slow api cannot
 * create a second flow.
 */
@Injectable()
export class BatchRecovery {
  private readonly logger = new Logger(BatchRecovery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly flows: BatchFlowService,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
  ) {}

  async recover(): Promise<{ enqueued: number }> {
    const stranded: { id: string; total_rows: number; chunk_size: number; chunk_count: number }[] = await this.db.query(
      `SELECT id, total_rows, chunk_size, chunk_count FROM batch_jobs
        WHERE status = 'queued' AND enqueued_at IS NULL AND created_at < now() - make_interval(secs => $1)
        ORDER BY id LIMIT 100`,
      [this.options.recoverAfterMs / 1000],
    );
    for (const job of stranded) {
      await this.flows.enqueue({ id: job.id, totalRows: job.total_rows, chunkSize: job.chunk_size, chunkCount: job.chunk_count });
      this.logger.warn({ jobId: job.id }, 'enqueued a batch job its upload could not enqueue');
    }
    return { enqueued: stranded.length };
  }
}
