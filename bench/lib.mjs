// Shared helpers for the benchmarks: a scratch database, a real api process, autocannon runs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
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

/** Starts `node dist/<entry>` in production mode; resolves once it logs that it started. */
export function startProcess(entry, env, readyPattern) {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ADMIN_TOKEN, PII_HASH_SECRET: 'bench-pii-secret-'.padEnd(40, 'x'), REDIS_URL, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      seen += chunk.toString('utf8');
      if (readyPattern.test(seen)) {
        // Keep draining stdout (request logs) so the process never blocks on a full pipe.
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${seen}`)));
  });
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

export function summarise(name, result) {
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
