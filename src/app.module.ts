import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthModule } from './auth/auth.module.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import type { ResolvedDatabase } from './database/data-source-options.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ProcessorRegistryCheck } from './queues/processor-registry.check.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { ConsentsModule } from './consents/consents.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { InstallmentsModule } from './installments/installments.module.js';
import { ReferralsModule } from './referrals/referrals.module.js';
import { ScoresModule } from './scoring/scores.module.js';
import { BatchScoringModule } from './batch-scoring/batch-scoring.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { MeteringModule } from './metering/metering.module.js';
import { ScoringModelsModule } from './scoring/scoring-models.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  database: ResolvedDatabase;
  /** Serve HTTP (the api entry point). */
  http: boolean;
  /** Run BullMQ processors in this process (the worker entry point, or the api in development). */
  workers: boolean;
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** Further modules to mount (embedding, and test probes of cross-cutting guards). */
  extraModules?: DynamicModule[];
}

/** One module graph for both entry points: the api serves HTTP, the worker runs processors. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config, http, workers } = options;
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, options.logDestination),
        DatabaseModule.forRoot(options.database, http ? 'guanxing-api' : 'guanxing-worker'),
        RedisModule,
        QueuesModule,
        DiscoveryModule,
        ScoringModelsModule,
        MeteringModule.register({ http }),
        IdempotencyModule.register({ workers }),
        BatchScoringModule.register({ http, workers }),
        WebhooksModule.register({ http, workers }),
        ReferralsModule.register({ http, workers }),
        ...(http ? [AuthModule, TenantsModule, ApiKeysModule, HealthModule, MetricsModule, IdentityModule, ConsentsModule, ScoresModule, InstallmentsModule] : []),
        ...(options.extraModules ?? []),
      ],
      providers: workers ? [ProcessorRegistryCheck] : [],
    };
  }
}
