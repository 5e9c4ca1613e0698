// npm run bench:metering — POST /v1/scores with metering on (usage event in the decision's
// statement, quota reservation in Redis, call counting) against the same api with
// METERING_ENABLED=false, in one run. Target: overhead ≤ 10 %.
import { clearRedisPrefix, postRotating, scoreFixtures, scratchDatabase, startProcess, stop, summarise } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3920);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const db = await scratchDatabase();
const common = { DATABASE_URL: db.url, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
const on = await startProcess('dist/main.js', { ...common, PORT: String(PORT), REDIS_PREFIX: `gxbench_on_${process.pid}`, METERING_ENABLED: 'true' }, /"api started"/);
const off = await startProcess('dist/main.js', { ...common, PORT: String(PORT + 1), REDIS_PREFIX: `gxbench_off_${process.pid}`, METERING_ENABLED: 'false', DB_MIGRATE_ON_START: 'false' }, /"api started"/);
try {
  const onUrl = `http://127.0.0.1:${PORT}`;
  const offUrl = `http://127.0.0.1:${PORT + 1}`;
  const onFixtures = await scoreFixtures(onUrl, 300);
  const offFixtures = await scoreFixtures(offUrl, 300);
  await postRotating(onUrl, '/v1/scores', onFixtures.headers, onFixtures.bodies, 2);
  await postRotating(offUrl, '/v1/scores', offFixtures.headers, offFixtures.bodies, 2);
  // Alternate the two so drift in machine load hits both alike.
  const results = { on: [], off: [] };
  for (let round = 0; round < ROUNDS; round++) {
    results.off.push(await postRotating(offUrl, '/v1/scores', offFixtures.headers, offFixtures.bodies, DURATION));
    results.on.push(await postRotating(onUrl, '/v1/scores', onFixtures.headers, onFixtures.bodies, DURATION));
  }
  const mean = (runs) => ({ requests: { average: runs.reduce((s, r) => s + r.requests.average, 0) / runs.length }, latency: { p50: Math.max(...runs.map((r) => r.latency.p50)), p99: Math.max(...runs.map((r) => r.latency.p99)) }, non2xx: runs.reduce((s, r) => s + r.non2xx, 0), errors: runs.reduce((s, r) => s + r.errors, 0) });
  const offSummary = summarise('scores, metering off', mean(results.off));
  const onSummary = summarise('scores, metering on', mean(results.on));
  const overhead = 1 - onSummary.requestsPerSecond / offSummary.requestsPerSecond;
  console.table([offSummary, onSummary]);
  console.log(`metering overhead = ${(overhead * 100).toFixed(1)} % of throughput (target ≤ 10 %)`);
  console.log(JSON.stringify({ bench: 'metering', connections: 50, durationSeconds: DURATION, rounds: ROUNDS, off: offSummary, on: onSummary, overhead: Number(overhead.toFixed(3)) }));
} finally {
  await stop(on);
  await stop(off);
  await db.drop();
  await Promise.all([`gxbench_on_${process.pid}`, `gxbench_off_${process.pid}`].map(clearRedisPrefix));
}
