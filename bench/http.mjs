// npm run bench:http — GET /v1/me (API-key auth + Redis rate limit + request logging) against
// GET /health/live (no auth, no I/O) on the same server in the same run: the ratio is the
// cost of the partner middleware. Needs `npm run build`, PostgreSQL and Redis.
import { adminPost, alternate, clearRedisPrefix, cannon, scratchDatabase, startProcess, stop } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3917);
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Load before measuring, so V8 has tiered the request path up (bench:scores explains why).
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const baseUrl = `http://127.0.0.1:${PORT}`;

const PREFIX = `gxbench_${process.pid}`;
const db = await scratchDatabase();
const api = await startProcess('dist/main.js', { DATABASE_URL: db.url, PORT: String(PORT), HOST: '127.0.0.1', REDIS_PREFIX: PREFIX, LOG_LEVEL: 'info' }, /"api started"/);
try {
  // A rate limit far above what the machine can drive: the limiter runs on every request but never rejects.
  const tenant = await adminPost(baseUrl, '/admin/v1/tenants', { name: 'Bench', kind: 'integrator', plan: { rateLimitPerSecond: 100000 } });
  const key = await adminPost(baseUrl, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: [], mode: 'live' });

  const me = { authorization: `Bearer ${key.key}` };
  await cannon({ url: `${baseUrl}/health/live`, duration: WARMUP });
  await cannon({ url: `${baseUrl}/v1/me`, headers: me, duration: WARMUP });

  const result = await alternate(
    ROUNDS,
    { name: 'GET /health/live', pid: api.pid, run: () => cannon({ url: `${baseUrl}/health/live`, duration: DURATION }) },
    { name: 'GET /v1/me', pid: api.pid, run: () => cannon({ url: `${baseUrl}/v1/me`, headers: me, duration: DURATION }) },
  );
  console.log(
    `median over ${ROUNDS} rounds: /v1/me throughput = ${(result.ratio * 100).toFixed(1)} % of /health/live (target ≥ 25 %); /v1/me p99 = ${result.subject.p99Ms} ms (target ≤ 10 ms)`,
  );
  console.log(JSON.stringify({ bench: 'http', connections: 50, warmupSeconds: WARMUP, durationSeconds: DURATION, rounds: ROUNDS, health: result.base, me: result.subject, ratio: result.ratio }));
  const non2xx = result.runs.reduce((n, r) => n + r.base.non2xx + r.subject.non2xx, 0);
  if (non2xx > 0) console.warn('warning: non-2xx responses during the run');
} finally {
  await stop(api);
  await db.drop();
  await clearRedisPrefix(PREFIX);
}
