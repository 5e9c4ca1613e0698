// npm run bench:scores — POST /v1/scores (consent check, velocity pipeline, scorecard, fraud
// rules, decision write) against the I/O floor measured beside it in the same run: a bare
// Fastify route on the same PostgreSQL and Redis doing one pipelined Redis round trip and one
// single-row INSERT. Needs `npm run build`, PostgreSQL and Redis.
import { spawn } from 'node:child_process';
import { adminPost, cannon, REDIS_URL, scratchDatabase, startProcess, stop, summarise } from './lib.mjs';

const API_PORT = Number(process.env.BENCH_PORT ?? 3918);
const FLOOR_PORT = API_PORT + 1;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const APPLICANTS = 500;
const apiUrl = `http://127.0.0.1:${API_PORT}`;

function residentId(n) {
  const body = `110105${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const db = await scratchDatabase();
const api = await startProcess('dist/main.js', { DATABASE_URL: db.url, PORT: String(API_PORT), HOST: '127.0.0.1', REDIS_PREFIX: `gxbench_${process.pid}`, LOG_LEVEL: 'info' }, /"api started"/);
const floor = spawn(process.execPath, ['bench/io-floor.mjs'], { env: { ...process.env, DATABASE_URL: db.url, REDIS_URL, PORT: String(FLOOR_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => floor.stdout.once('data', resolve));
try {
  const tenant = await adminPost(apiUrl, '/admin/v1/tenants', { name: 'Bench', kind: 'ecommerce', plan: { rateLimitPerSecond: 100000, monthlyQuota: 1000000000 } });
  const key = await adminPost(apiUrl, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: ['scores:write', 'consents:write'], mode: 'live' });
  const auth = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
  const bodies = [];
  for (let n = 0; n < APPLICANTS; n++) {
    const idNumber = residentId(n);
    const consent = await fetch(`${apiUrl}/v1/consents`, { method: 'POST', headers: auth, body: JSON.stringify({ subject: { idNumber }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } }) }).then((r) => r.json());
    bodies.push(
      JSON.stringify({
        consentId: consent.id,
        product: 'consumer',
        applicant: { idNumber, phone: `139${String(n).padStart(8, '0')}`, deviceId: `d-${n}` },
        application: { amount: '8000.00', currency: 'CNY', termMonths: 12 },
        bureau: { revolvingUtilization: 0.35, pastDue30to59: 0, pastDue60to89: 0, pastDue90Plus: 0, debtRatio: 0.3, monthlyIncome: '12000.00', openCreditLines: 5, realEstateLoans: 1, dependents: 1 },
      }),
    );
  }
  let i = 0;
  const rotate = (req) => ({ ...req, body: bodies[i++ % bodies.length] });
  // autocannon only sends a body set by setupRequest in the `requests` form.
  const scoreRun = (duration) => cannon({ url: apiUrl, requests: [{ method: 'POST', path: '/v1/scores', headers: auth, setupRequest: rotate }], duration });
  const floorRun = (duration) =>
    cannon({ url: `http://127.0.0.1:${FLOOR_PORT}`, requests: [{ method: 'POST', path: '/floor', headers: { 'content-type': 'application/json' }, setupRequest: rotate }], duration });

  await floorRun(2);
  await scoreRun(2);
  const floorResult = summarise('I/O floor (1 Redis pipeline + 1 INSERT)', await floorRun(DURATION));
  const scores = summarise('POST /v1/scores', await scoreRun(DURATION));
  const ratio = scores.requestsPerSecond / floorResult.requestsPerSecond;
  console.table([floorResult, scores]);
  console.log(`scores throughput = ${(ratio * 100).toFixed(1)} % of the I/O floor (target ≥ 60 %); scores p99 = ${scores.p99Ms} ms (target ≤ 25 ms)`);
  console.log(JSON.stringify({ bench: 'scores', connections: 50, durationSeconds: DURATION, floor: floorResult, scores, ratio: Number(ratio.toFixed(3)) }));
  if (scores.non2xx > 0) console.warn(`warning: ${scores.non2xx} non-2xx responses from /v1/scores`);
} finally {
  floor.kill('SIGTERM');
  await stop(api);
  await db.drop();
}
