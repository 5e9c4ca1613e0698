import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { spawnNode, type Spawned } from '../support/processes.js';
import { residentId } from '../support/people.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { deleteRedisPrefix, REDIS_URL } from '../support/test-app.js';

const ADMIN_TOKEN = 'a'.repeat(40);
const SECRETS = { ADMIN_TOKEN, PII_HASH_SECRET: 'p'.repeat(40) };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startApi(env: Record<string, string>): Promise<{ process: Spawned; url: string }> {
  const api = spawnNode('dist/main.js', { NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'info', ...SECRETS, ...env });
  const [, port] = await api.waitFor(/"port":(\d+)/);
  return { process: api, url: `http://127.0.0.1:${port}` };
}

async function adminPost(url: string, path: string, body: object) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { id: string; key: string };
}

/** Fires `count` identity checks, `concurrency` at a time; returns the ids of the ones answered 200. */
async function burst(url: string, key: string, count: number, concurrency: number, onProgress?: (done: number) => void): Promise<string[]> {
  const served: string[] = [];
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        const res = await fetch(`${url}/v1/identity-checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ idNumber: residentId() }),
        });
        if (res.status === 200) served.push(((await res.json()) as { id: string }).id);
      } catch {
        // connection refused or reset while the process is down
      }
      onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return served;
}

async function ledger(db: TestDatabase, tenantId: string): Promise<{ checks: string[]; units: number; billedResources: string[] }> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const checks = (await client.query<{ id: string }>('SELECT id FROM identity_checks WHERE tenant_id = $1', [tenantId])).rows.map((r) => r.id);
    const billed = (await client.query<{ resource_id: string; units: number }>('SELECT resource_id, units FROM usage_events WHERE tenant_id = $1 AND billable', [tenantId])).rows;
    return { checks, units: billed.reduce((sum, r) => sum + r.units, 0), billedResources: billed.map((r) => r.resource_id) };
  } finally {
    await client.end();
  }
}

describe('metering under faults', () => {
  const processes: { kill(signal?: NodeJS.Signals): void; exited?: (timeoutMs?: number) => Promise<unknown> }[] = [];
  const databases: TestDatabase[] = [];
  const prefixes: string[] = [];

  afterAll(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.allSettled(processes.map((p) => (p.exited ? p.exited(5_000) : Promise.resolve())));
    await Promise.all(databases.map((d) => d.drop()));
    await Promise.all(prefixes.map((p) => deleteRedisPrefix(p)));
  });

  it('an api killed mid-burst loses no billable unit and bills nothing twice', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const prefix = `gxt_kill_${process.pid}`;
    prefixes.push(prefix);
    const env = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix, DB_MIGRATE_ON_START: 'false' };
    let api = await startApi(env);
    processes.push(api.process);
    const tenant = await adminPost(api.url, '/admin/v1/tenants', { name: 'Kill', kind: 'bank', plan: { rateLimitPerSecond: 100000 } });
    const key = await adminPost(api.url, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'k', scopes: ['scores:write'], mode: 'live' });

    const victim = api.process;
    const before = await burst(api.url, key.key, 400, 40, (done) => {
      if (done === 120) victim.kill('SIGKILL');
    });
    expect(await victim.exited()).toBeNull();
    api = await startApi(env);
    processes.push(api.process);
    const after = await burst(api.url, key.key, 100, 20);

    const { checks, units, billedResources } = await ledger(db, tenant.id);
    expect(before.length).toBeGreaterThan(0);
    expect(after).toHaveLength(100);
    expect(units).toBe(checks.length);
    expect(new Set(billedResources)).toEqual(new Set(checks));
    for (const id of [...before, ...after]) expect(checks).toContain(id);
    api.process.kill('SIGTERM');
  });

  it('a Redis restart mid-burst: every call served is billed exactly once', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const redisPort = await freePort();
    const startRedis = (): ChildProcess => spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let redis = startRedis();
    processes.push({
      kill: (signal) => redis.kill(signal),
      exited: () => (redis.exitCode !== null || redis.signalCode !== null ? Promise.resolve() : new Promise((resolve) => redis.once('exit', resolve))),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const api = await startApi({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_PREFIX: 'gx', DB_MIGRATE_ON_START: 'false' });
    processes.push(api.process);
    const tenant = await adminPost(api.url, '/admin/v1/tenants', { name: 'Flaky', kind: 'bank', plan: { rateLimitPerSecond: 100000 } });
    const key = await adminPost(api.url, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'k', scopes: ['scores:write'], mode: 'live' });

    const served = await burst(api.url, key.key, 400, 20, (done) => {
      if (done === 100) redis.kill('SIGKILL');
      if (done === 200) redis = startRedis();
    });
    const { checks, units, billedResources } = await ledger(db, tenant.id);
    expect(served.length).toBeGreaterThan(300);
    expect(units).toBe(checks.length);
    expect(new Set(billedResources)).toEqual(new Set(checks));
    for (const id of served) expect(checks).toContain(id);
    api.process.kill('SIGTERM');
    redis.kill('SIGTERM');
  });
});
