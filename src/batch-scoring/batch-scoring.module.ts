import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookPublisherModule } from '../webhooks/webhook-publisher.module.js';
import { BATCH_SCORING_OPTIONS, BATCH_SCORING_OVERRIDES, type BatchScoringOptions, resolveBatchScoringOptions } from './batch-scoring.options.js';
import { BatchJobsController } from './batch-jobs.controller.js';
import { BatchChunk } from './jobs/batch-chunk.entity.js';
import { BatchFlowService } from './jobs/batch-flow.service.js';
import { BatchJob } from './jobs/batch-job.entity.js';
import { BatchJobsService } from './jobs/batch-jobs.service.js';
import { BatchFinalizer } from './processing/batch-finalizer.service.js';
import { BatchChunkProcessor, BatchJobsProcessor, BatchRecoveryScheduler } from './processing/batch-processors.js';
import { BatchRecovery } from './processing/batch-recovery.service.js';
import { ChunkRunner } from './processing/chunk-runner.service.js';
import { IngestPool } from './threads/ingest-pool.js';
import { ScoringPool } from './threads/scoring-pool.js';
import { BatchIngestService } from './upload/batch-ingest.service.js';
import { UploadHttpSetup } from './upload/upload-http.setup.js';

/** Batch portfolio scoring: streamed uploads, chunked BullMQ processing, streamed results (DESIGN §6). */
@Module({})
export class BatchScoringModule {
  /** `http`: the upload/status/results API; `workers`: the chunk processors. */
  static register(options: { http: boolean; workers: boolean }): DynamicModule {
    return {
      module: BatchScoringModule,
      imports: [TypeOrmModule.forFeature([BatchJob, BatchChunk]), WebhookPublisherModule],
      controllers: options.http ? [BatchJobsController] : [],
      providers: [
        {
          provide: BATCH_SCORING_OPTIONS,
          useFactory: (overrides?: Partial<BatchScoringOptions>) => resolveBatchScoringOptions(overrides),
          inject: [{ token: BATCH_SCORING_OVERRIDES, optional: true }],
        },
        BatchFlowService,
        BatchRecovery,
        ...(options.http ? [BatchIngestService, BatchJobsService, UploadHttpSetup, IngestPool] : []),
        ...(options.workers ? [ChunkRunner, ScoringPool, BatchFinalizer, BatchChunkProcessor, BatchJobsProcessor, BatchRecoveryScheduler] : []),
      ],
    };
  }
}
