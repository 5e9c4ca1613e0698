import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApiApp } from '../../src/bootstrap/create-api-app.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { LogCapture } from './log-capture.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestContext {
  db: TestDatabase;
  redisPrefix: string;
  adminToken: string;
  /** Starts one more api instance on the same database and Redis prefix (a replica). */
  startApp(overrides?: Record<string, string>, extraModules?: DynamicModule[]): Promise<TestApp>;
  close(): Promise<void>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  logs: LogCapture;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * One test file's world: its own database (cloned from the migrated template) and its own
 * Redis key prefix, so files run in parallel and in any order.
 */
export async function createTestContext(): Promise<TestContext> {
  const db = await createTestDatabase();
  const redisPrefix = `gxt_${randomBytes(5).toString('hex')}`;
  const adminToken = `admin_${randomBytes(24).toString('hex')}`;
  const apps: TestApp[] = [];

  const startApp = async (overrides: Record<string, string> = {}, extraModules: DynamicModule[] = []): Promise<TestApp> => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DB_POOL_MAX: '5',
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      ADMIN_TOKEN: adminToken,
      PII_HASH_SECRET: `pii_${'s'.repeat(40)}`,
      LOG_LEVEL: 'info',
      SANDBOX_BOOTSTRAP: 'false',
      ...overrides,
    });
    const logs = new LogCapture();
    const app = await createApiApp({ config, database: { url: db.url, poolMax: 5, supportsSessionLocks: true }, workers: false, logDestination: logs, extraModules });
    const testApp: TestApp = {
      app,
      config,
      logs,
      http: () => request(app.getHttpServer()),
      close: () => app.close(),
    };
    apps.push(testApp);
    return testApp;
  };

  return {
    db,
    redisPrefix,
    adminToken,
    startApp,
    async close() {
      await Promise.allSettled(apps.map((a) => a.close()));
      await deleteRedisPrefix(redisPrefix);
      await db.drop();
    },
  };
}

export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
