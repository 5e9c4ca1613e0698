import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';

/**
 * The process's Redis connections. Commands fail fast while Redis is away (no offline
 * queue): a request should get a clear 503 or a documented fallback, not hang.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private subscriberConnection?: Redis;
  private readonly scripts = new Map<string, string>();

  constructor(private readonly config: AppConfig) {
    this.client = new Redis(config.redisUrl, {
      lazyConnect: false,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // Commands issued in the same tick (rate limit, quota, velocity of concurrent requests)
      // leave in one write: socket writes were the largest cost on the request path.
      enableAutoPipelining: true,
      connectionName: `${config.redisPrefix}:cmd`,
    });
    this.client.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
  }

  /** Namespaced key: every key the gateway writes starts with the configured prefix. */
  key(...parts: string[]): string {
    return [this.config.redisPrefix, ...parts].join(':');
  }

  /**
   * A Lua script as a command on the shared connection: sent as EVALSHA (EVAL once per
   * connection when Redis does not know it yet), so a multi-step operation costs one command
   * and one reply. `numberOfKeys` omitted: the call's first argument gives it.
   */
  script<T>(name: string, lua: string, numberOfKeys?: number): (...args: (string | number)[]) => Promise<T> {
    const known = this.scripts.get(name);
    if (known !== undefined && known !== lua) throw new Error(`Redis script ${name} is already defined with another body`);
    if (known === undefined) {
      this.client.defineCommand(name, { lua, ...(numberOfKeys === undefined ? {} : { numberOfKeys }) });
      this.scripts.set(name, lua);
    }
    const command = (this.client as unknown as Record<string, (...args: (string | number)[]) => Promise<T>>)[name];
    return (...args) => command.apply(this.client, args);
  }

  /** A dedicated connection in subscriber mode (pub/sub needs its own). */
  subscriber(): Redis {
    this.subscriberConnection ??= this.client.duplicate({ enableOfflineQueue: true, connectionName: `${this.config.redisPrefix}:sub` });
    return this.subscriberConnection;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([close(this.client), this.subscriberConnection && close(this.subscriberConnection)]);
  }
}

/** QUIT a live connection; a connection still retrying is dropped, which also stops the retries. */
function close(connection: Redis): Promise<unknown> {
  if (connection.status === 'ready') return connection.quit();
  connection.disconnect();
  return Promise.resolve();
}
