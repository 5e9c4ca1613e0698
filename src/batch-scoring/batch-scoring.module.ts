import { type DynamicModule, Module } from '@nestjs/common';

/** Batch portfolio scoring: streamed uploads, chunked BullMQ processing, streamed results (DESIGN §6). */
@Module({})
export class BatchScoringModule {
  /** `http`: the upload/status/results API; `workers`: the chunk processors. */
  static register(_options: { http: boolean; workers: boolean }): DynamicModule {
    return { module: BatchScoringModule };
  }
}
