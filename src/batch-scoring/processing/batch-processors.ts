import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type JobHandlers, type JobPayloads, QueueName } from '../../queues/queue-registry.js';
import { TypedProcessor } from '../../queues/typed-processor.js';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';
import { BatchFinalizer } from './batch-finalizer.service.js';
import { BatchRecovery } from './batch-recovery.service.js';
import { ChunkRunner } from './chunk-runner.service.js';

/**
 * Chunk jobs. A short lock (renewed every 7.5 s while a chunk runs) so that the chunks of a
 * killed worker are noticed as stalled and handed to another worker within ~20 s; a chunk
 * may stall a few times (each kill of a worker) before it counts as failed.
 */
@Processor(QueueName.BatchChunks, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5 })
export class BatchChunkProcessor extends TypedProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(BatchChunkProcessor.name);
  readonly queue = QueueName.BatchChunks;
  readonly handlers: JobHandlers = {
    'batch.chunk': (data) => this.runner.run(data),
  };

  constructor(
    private readonly runner: ChunkRunner,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.options.chunkConcurrency;
  }

  /** A chunk out of attempts: the job will finalize as failed; keep the first reason for the partner. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobPayloads['batch.chunk']> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ jobId: job.data.jobId, chunk: job.data.chunkIndex, attempt: job.attemptsMade, final, err: error.message }, 'batch chunk failed');
    if (!final) return;
    await this.db
      .query(`UPDATE batch_jobs SET failure_reason = COALESCE(failure_reason, $2) WHERE id = $1`, [job.data.jobId, error.message.slice(0, 300)])
      .catch((err: unknown) => this.logger.error({ err }, 'could not record the chunk failure'));
  }
}

/** Finalize (the parent of each flow) and the recovery sweep. */
@Processor(QueueName.BatchJobs)
export class BatchJobsProcessor extends TypedProcessor {
  private readonly logger = new Logger(BatchJobsProcessor.name);
  readonly queue = QueueName.BatchJobs;
  readonly handlers: JobHandlers = {
    'batch.finalize': ({ jobId }) => this.finalizer.finalize(jobId),
    'batch.recover': () => this.recovery.recover(),
  };

  constructor(
    private readonly finalizer: BatchFinalizer,
    private readonly recovery: BatchRecovery,
  ) {
    super();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'batch job step failed');
  }
}

/** Registers the recovery sweep (one scheduler id, whoever starts first). */
@Injectable()
export class BatchRecoveryScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.BatchJobs) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('batch.recover', { every: 60_000 }, { name: 'batch.recover', data: {} });
  }
}
