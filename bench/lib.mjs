// Shared helpers for the benchmarks: a scratch database, a real api process, autocannon runs.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_TOKEN = `bench_${randomBytes(24).toString('hex')}`;

export async function scratchDatabase() {
  const name = `gx_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Starts `node dist/<entry>` in production mode; resolves once its log shows `readyPattern`.
 * Logs go to a file under bench/.out, not a pipe: a pipe drained by this process (busy driving
 * autocannon) fills up and blocks the server's synchronous log writes, which measures the
 * benchmark, not the server.
 */
export async function startProcess(entry, env, readyPattern) {
  mkdirSync('bench/.out', { recursive: true });
  const logFile = `bench/.out/${entry.replace(/\W+/g, '_')}-${env.PORT ?? 'worker'}-${process.pid}.log`;
  const fd = openSync(logFile, 'w');
  // GX_DIST_DIR runs a build kept beside dist/ (see scripts/build-to.sh); BENCH_NODE_ARGS passes
  // flags to node (e.g. `--cpu-prof`, or V8 heap sizes when trying them against the default).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry.replace(/^dist\//, `${process.env.GX_DIST_DIR ?? 'dist'}/`)], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ADMIN_TOKEN, PII_HASH_SECRET: 'bench-pii-secret-'.padEnd(40, 'x'), REDIS_URL, ...env },
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  child.logFile = logFile;
  let exited = false;
  child.on('exit', () => (exited = true));
  for (let waited = 0; waited < 60_000; waited += 100) {
    if (readyPattern.test(readFileSync(logFile, 'utf8'))) return child;
    if (exited) throw new Error(`${entry} exited:\n${readFileSync(logFile, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${entry} did not start in 60 s`);
}

export async function adminPost(baseUrl, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: 50, duration: 10, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** CPU time (user + system, all threads) a process has used so far, in microseconds (Linux /proc). */
export function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / 100); // USER_HZ is 100 on Linux
}

/**
 * Runs `load` while metering the server process's CPU: CPU per request is far steadier than
 * requests/s on a shared 2-core machine, where the load generator competes for the same cores.
 */
export async function measured(pid, load) {
  const before = cpuMicros(pid);
  const result = await load();
  result.serverCpuMicros = cpuMicros(pid) - before;
  return result;
}

export function summarise(name, result) {
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ...(result.serverCpuMicros === undefined ? {} : { cpuUsPerRequest: Math.round(result.serverCpuMicros / Math.max(1, result.requests.total)) }),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs the baseline and the subject alternately for `rounds` rounds and summarises each run:
 * on a shared machine whose speed drifts over a minute, a ratio taken within each round and
 * then the median over rounds says more than one long run of each. An optional `reference`
 * (a yardstick outside the ratio, such as a bare framework) runs first in each round.
 */
export async function alternate(rounds, baseline, subject, reference) {
  const runs = [];
  for (let round = 1; round <= rounds; round++) {
    const ref = reference ? summarise(reference.name, await measured(reference.pid, reference.run)) : undefined;
    const base = summarise(baseline.name, await measured(baseline.pid, baseline.run));
    const sub = summarise(subject.name, await measured(subject.pid, subject.run));
    runs.push({ round, reference: ref, base, subject: sub, ratio: Number((sub.requestsPerSecond / base.requestsPerSecond).toFixed(3)) });
  }
  console.table(runs.flatMap((r) => [...(r.reference ? [{ round: r.round, ...r.reference }] : []), { round: r.round, ...r.base }, { round: r.round, ...r.subject, ratio: r.ratio }]));
  const mid = (pick) => median(runs.map(pick));
  const medians = (pick) => ({ requestsPerSecond: mid((r) => pick(r).requestsPerSecond), p99Ms: mid((r) => pick(r).p99Ms), cpuUsPerRequest: mid((r) => pick(r).cpuUsPerRequest) });
  return {
    runs,
    ratio: mid((r) => r.ratio),
    base: medians((r) => r.base),
    subject: medians((r) => r.subject),
    ...(reference ? { reference: medians((r) => r.reference) } : {}),
  };
}

/** Deletes every Redis key under `prefix:` (a score's velocity counters would otherwise stay 30 days). */
export async function clearRedisPrefix(prefix) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A valid PRC resident ID number for bench applicant `n` (right check character). */
export function residentId(n) {
  const body = `110105${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** A tenant and key on `apiUrl`, and `count` score request bodies, each with its own recorded consent. */
export async function scoreFixtures(apiUrl, count) {
  const tenant = await adminPost(apiUrl, '/admin/v1/tenants', { name: 'Bench', kind: 'ecommerce', plan: { rateLimitPerSecond: 100000, monthlyQuota: 1000000000 } });
  const key = await adminPost(apiUrl, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: ['scores:write', 'consents:write'], mode: 'live' });
  const headers = { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' };
  const bodies = [];
  for (let n = 0; n < count; n++) {
    const idNumber = residentId(n);
    const consent = await fetch(`${apiUrl}/v1/consents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ subject: { idNumber }, purposes: ['credit_scoring'], evidence: { channel: 'app', noticeVersion: '2026-10' } }),
    }).then((r) => r.json());
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
  return { headers, bodies };
}

/** autocannon POSTs rotating through `bodies` (it only sends a body set by setupRequest in the `requests` form). */
export function postRotating(baseUrl, path, headers, bodies, duration) {
  let i = 0;
  return cannon({ url: baseUrl, requests: [{ method: 'POST', path, headers, setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }], duration });
}
