import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FlowProducer, type FlowJobNode, type Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { type JobPayloads, QueueName } from '../../queues/queue-registry.js';
import { BATCH_SCORING_OPTIONS, type BatchScoringOptions } from '../batch-scoring.options.js';

/** Rows first..last of chunk `index` (1-based rows). */
export function chunkRange(index: number, chunkSize: number, totalRows: number): { firstRow: number; lastRow: number } {
  const firstRow = index * chunkSize + 1;
  return { firstRow, lastRow: Math.min(totalRows, firstRow + chunkSize - 1) };
}

export interface FlowSubject {
  id: string;
  totalRows: number;
  chunkSize: number;
  chunkCount: number;
}

const DAY_SECONDS = 24 * 3_600;

/**
 * Hands an accepted job to BullMQ as a flow: the parent `batch.finalize` waits for one
 * `batch.chunk` child per chunk. Job ids are deterministic (`<job>` and `<job>-<chunk>`), so
 * enqueueing the same job twice (the recovery sweep racing a slow api) adds nothing. A child
 * that exhausts its attempts is recorded as a failed dependency rather than blocking the
 * parent, which then finalizes the job as failed.
 */
@Injectable()
export class BatchFlowService implements OnApplicationShutdown {
  private producer?: FlowProducer;

  constructor(
    @InjectQueue(QueueName.BatchJobs) private readonly jobsQueue: Queue,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BATCH_SCORING_OPTIONS) private readonly options: BatchScoringOptions,
  ) {}

  /**
   * Created on first use, on the queues' own connection settings: a process that never
   * enqueues a job never opens it (and a FlowProducer left waiting for an unreachable Redis
   * would hold up shutdown).
   */
  private get flows(): FlowProducer {
    this.producer ??= new FlowProducer({ connection: this.jobsQueue.opts.connection, prefix: this.jobsQueue.opts.prefix });
    return this.producer;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.producer) return;
    const producer = this.producer;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000)));
    await Promise.race([producer.close().catch(() => undefined), gaveUp]);
    clearTimeout(timer);
    await producer.disconnect().catch(() => undefined);
  }

  async enqueue(job: FlowSubject): Promise<void> {
    const children = Array.from({ length: job.chunkCount }, (_, chunkIndex): FlowJobNode => {
      const data: JobPayloads['batch.chunk'] = { jobId: job.id, chunkIndex, ...chunkRange(chunkIndex, job.chunkSize, job.totalRows) };
      return {
        name: 'batch.chunk',
        queueName: QueueName.BatchChunks,
        data,
        opts: {
          jobId: `${job.id}-${chunkIndex}`,
          attempts: this.options.chunkAttempts,
          backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
          ignoreDependencyOnFailure: true,
          removeOnComplete: true,
          removeOnFail: { age: 7 * DAY_SECONDS },
        },
      };
    });
    const data: JobPayloads['batch.finalize'] = { jobId: job.id };
    await this.flows.add({
      name: 'batch.finalize',
      queueName: QueueName.BatchJobs,
      data,
      opts: {
        jobId: job.id,
        attempts: 10,
        backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
        removeOnComplete: { age: DAY_SECONDS },
        removeOnFail: { age: 7 * DAY_SECONDS },
      },
      children,
    });
    await this.db.query(`UPDATE batch_jobs SET enqueued_at = now() WHERE id = $1 AND enqueued_at IS NULL`, [job.id]);
  }
}
