import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { HousekeepingProcessor, IdempotencyPurgeScheduler } from './idempotency-purge.processor.js';
import { IdempotencyService } from './idempotency.service.js';

@Module({})
export class IdempotencyModule {
  /** `http` installs the interceptor; `workers` runs the purge job's processor. */
  static register(options: { http: boolean; workers: boolean }): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        IdempotencyService,
        ...(options.http ? [{ provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }] : []),
        ...(options.workers ? [HousekeepingProcessor, IdempotencyPurgeScheduler] : []),
      ],
      exports: [IdempotencyService],
    };
  }
}
