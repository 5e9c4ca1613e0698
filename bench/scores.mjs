// npm run bench:scores — POST /v1/scores (velocity pipeline, scorecard, fraud rules, consent
// check + decision + usage write in one statement) against the I/O floor measured beside it
// in the same run: a bare Fastify route on the same PostgreSQL and Redis doing one pipelined
// Redis round trip and one single-row INSERT. Needs `npm run build`, PostgreSQL and Redis.
import { spawn } from 'node:child_process';
import { alternate, clearRedisPrefix, postRotating, REDIS_URL, scoreFixtures, scratchDatabase, startProcess, stop } from './lib.mjs';

const API_PORT = Number(process.env.BENCH_PORT ?? 3918);
const FLOOR_PORT = API_PORT + 1;
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// The api's CPU per score keeps falling for 20–30 s of load (V8 tiers the request path up
// gradually): measuring earlier measures the JIT, not the steady state a server spends its life in.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 25);
const apiUrl = `http://127.0.0.1:${API_PORT}`;
const floorUrl = `http://127.0.0.1:${FLOOR_PORT}`;

const PREFIX = `gxbench_${process.pid}`;
const db = await scratchDatabase();
const api = await startProcess('dist/main.js', { DATABASE_URL: db.url, PORT: String(API_PORT), HOST: '127.0.0.1', REDIS_PREFIX: PREFIX, LOG_LEVEL: 'info', DB_POOL_MAX: process.env.DB_POOL_MAX ?? '10' }, /"api started"/);
const floor = spawn(process.execPath, ['bench/io-floor.mjs'], { env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, PORT: String(FLOOR_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => floor.stdout.once('data', resolve));
try {
  const { headers, bodies } = await scoreFixtures(apiUrl, 500);
  const floorHeaders = { 'content-type': 'application/json' };
  await postRotating(floorUrl, '/floor', floorHeaders, bodies, WARMUP);
  await postRotating(apiUrl, '/v1/scores', headers, bodies, WARMUP);
  const result = await alternate(
    ROUNDS,
    { name: 'I/O floor (1 Redis pipeline + 1 INSERT)', pid: floor.pid, run: () => postRotating(floorUrl, '/floor', floorHeaders, bodies, DURATION) },
    { name: 'POST /v1/scores', pid: api.pid, run: () => postRotating(apiUrl, '/v1/scores', headers, bodies, DURATION) },
  );
  console.log(
    `median over ${ROUNDS} rounds: scores throughput = ${(result.ratio * 100).toFixed(1)} % of the I/O floor (target ≥ 60 %); scores p99 = ${result.subject.p99Ms} ms (target ≤ 25 ms)`,
  );
  console.log(JSON.stringify({ bench: 'scores', connections: 50, warmupSeconds: WARMUP, durationSeconds: DURATION, rounds: ROUNDS, floor: result.base, scores: result.subject, ratio: result.ratio }));
  const non2xx = result.runs.reduce((n, r) => n + r.subject.non2xx, 0);
  if (non2xx > 0) console.warn(`warning: ${non2xx} non-2xx responses from /v1/scores`);
} finally {
  floor.kill('SIGTERM');
  await stop(api);
  await db.drop();
  await clearRedisPrefix(PREFIX);
}
