import { Redis } from 'ioredis';

/** Tries Redis once at start-up so a missing server gets a helpful message, not a stack of retries. */
export async function probeRedis(url: string, timeoutMs = 2_000): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    client.disconnect();
  }
}

export function redisUnavailableMessage(url: string, reason: string): string {
  return [
    `Redis is not reachable at ${url} (${reason}).`,
    'The gateway needs Redis for rate limits, caches and background jobs. Start one with either:',
    '  redis-server --daemonize yes --port 6379 --save "" --appendonly no',
    '  docker run -d --name guanxing-redis -p 6379:6379 redis:7-alpine',
    'or point REDIS_URL at a running server, e.g. REDIS_URL=redis://127.0.0.1:6379',
  ].join('\n');
}
