import { type DynamicModule, Global, Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { HousekeepingProcessor, IdempotencyPurgeScheduler } from './idempotency-purge.processor.js';
import { IdempotencyService } from './idempotency.service.js';

/** Global: every domain's POST routes use the interceptor (`@Idempotent()`), which needs the service. */
@Global()
@Module({})
export class IdempotencyModule {
  /** `http` provides the interceptor; `workers` runs the purge job's processor. */
  static register(options: { http: boolean; workers: boolean }): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        IdempotencyService,
        ...(options.http ? [IdempotencyInterceptor] : []),
        ...(options.workers ? [HousekeepingProcessor, IdempotencyPurgeScheduler] : []),
      ],
      exports: [IdempotencyService, ...(options.http ? [IdempotencyInterceptor] : [])],
    };
  }
}
