import { type DynamicModule, Global, Module } from '@nestjs/common';
import { HousekeepingProcessor, IdempotencyPurgeScheduler } from './idempotency-purge.processor.js';
import { IdempotencyService } from './idempotency.service.js';

/**
 * Global: every domain's POST routes use the interceptor (`@Idempotent()`), which Nest builds in
 * each controller's module from this service.
 */
@Global()
@Module({})
export class IdempotencyModule {
  /** `workers` runs the purge job's processor. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        IdempotencyService,
        ...(options.workers ? [HousekeepingProcessor, IdempotencyPurgeScheduler] : []),
      ],
      exports: [IdempotencyService],
    };
  }
}
