import type { INestApplicationContext } from '@nestjs/common';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config.js';
import { probeRedis, redisUnavailableMessage } from '../redis/redis-probe.js';

export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable and its meaning.\n`);
      process.exit(1);
    }
    throw err;
  }
}

export async function requireRedisOrExit(url: string): Promise<void> {
  const failure = await probeRedis(url);
  if (failure) {
    process.stderr.write(`${redisUnavailableMessage(url, failure)}\n`);
    process.exit(1);
  }
}

/**
 * SIGTERM/SIGINT: stop taking requests, let in-flight ones and running jobs finish (Nest
 * closes Fastify, then BullMQ workers, then connections), and give up after the grace time.
 */
export function installShutdown(app: INestApplicationContext, stopDatabase: () => Promise<void>, graceMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      process.stderr.write(`Shutdown exceeded ${graceMs} ms after ${signal}; exiting.\n`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    app
      .close()
      .then(stopDatabase)
      .then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`Shutdown error: ${String(err)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
