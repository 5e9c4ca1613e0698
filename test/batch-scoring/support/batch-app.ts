import type { DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { BatchScoringOptionsModule, type BatchScoringOptions } from '../../../src/batch-scoring/batch-scoring.options.js';
import { createApiApp } from '../../../src/bootstrap/create-api-app.js';
import { loadConfig } from '../../../src/config/app-config.js';
import { WebhookOptionsModule, type WebhookOptions } from '../../../src/webhooks/webhooks.options.js';
import { LogCapture } from '../../support/log-capture.js';
import { REDIS_URL, type TestApp, type TestContext } from '../../support/test-app.js';

export const PII_SECRET = `pii_${'s'.repeat(40)}`;

export interface BatchAppOptions {
  /** Run the BullMQ processors in this process (the default). */
  workers?: boolean;
  batch?: Partial<BatchScoringOptions>;
  webhooks?: Partial<WebhookOptions>;
  /** More environment variables, as a deployment would set them. */
  env?: Record<string, string>;
}

/**
 * An api on the context's database and Redis prefix, with the processors in-process (the
 * shared `ctx.startApp` runs none) and the domain's tunables overridden through their
 * option modules, as a deployment would.
 */
export async function startBatchApp(ctx: TestContext, options: BatchAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: ctx.db.url,
    DB_POOL_MAX: '8',
    REDIS_URL,
    REDIS_PREFIX: ctx.redisPrefix,
    ADMIN_TOKEN: ctx.adminToken,
    PII_HASH_SECRET: PII_SECRET,
    LOG_LEVEL: 'info',
    SANDBOX_BOOTSTRAP: 'false',
    ...options.env,
  });
  const logs = new LogCapture();
  const extraModules: DynamicModule[] = [BatchScoringOptionsModule.forRoot(options.batch ?? {}), WebhookOptionsModule.forRoot(options.webhooks ?? {})];
  const app = await createApiApp({
    config,
    database: { url: ctx.db.url, poolMax: 8, supportsSessionLocks: true },
    workers: options.workers ?? true,
    logDestination: logs,
    extraModules,
  });
  return { app, config, logs, http: () => request(app.getHttpServer()), close: () => app.close() };
}

export function dataSource(api: TestApp): DataSource {
  return api.app.get<DataSource>(getDataSourceToken());
}
