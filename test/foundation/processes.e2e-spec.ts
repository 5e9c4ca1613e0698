import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DIST, spawnNode, type Spawned } from '../support/processes.js';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';
import { deleteRedisPrefix, REDIS_URL } from '../support/test-app.js';

const run = promisify(execFile);
const SECRETS = { ADMIN_TOKEN: 'a'.repeat(40), PII_HASH_SECRET: 'p'.repeat(40) };

describe('the built entry points as real processes', () => {
  const started: Spawned[] = [];
  const databases: TestDatabase[] = [];
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'gx-embedded-'));
  });
  afterAll(async () => {
    for (const p of started) p.kill('SIGKILL');
    await Promise.all(databases.map((d) => d.drop()));
    rmSync(dataDir, { recursive: true, force: true });
    await deleteRedisPrefix(`gxt_embedded_${process.pid}`);
    await deleteRedisPrefix(`gxt_proc_${process.pid}`);
  });

  it('npm start without DATABASE_URL runs on embedded PostgreSQL and prints a working key and curl', async () => {
    const api = spawnNode('dist/main.js', {
      PORT: '0',
      REDIS_URL,
      REDIS_PREFIX: `gxt_embedded_${process.pid}`,
      EMBEDDED_DB_DIR: join(dataDir, 'pglite'),
      EMBEDDED_DB_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    started.push(api);
    const [, curl] = await api.waitFor(/(curl -s (http:\/\/localhost:\d+)\/v1\/me -H 'Authorization: Bearer (gx_test_[A-Za-z0-9_-]{43})')/, 60_000);
    expect(curl).toBeDefined();
    const { stdout } = await run('sh', ['-c', curl]);
    const me = JSON.parse(stdout) as { tenant: { name: string }; mode: string };
    expect(me.tenant.name).toBe('Sandbox');
    expect(me.mode).toBe('test');
    expect(api.stdout()).toMatch(/Operator API token/);
    api.kill('SIGTERM');
    expect(await api.exited(15_000)).toBe(0);

    // A second start reopens the same data: no new sandbox, the old key still works.
    const again = spawnNode('dist/main.js', { PORT: '0', REDIS_URL, REDIS_PREFIX: `gxt_embedded_${process.pid}`, EMBEDDED_DB_DIR: join(dataDir, 'pglite'), EMBEDDED_DB_PORT: '0', LOG_LEVEL: 'warn' });
    started.push(again);
    const [, baseUrl] = await again.waitFor(/listening on (http:\/\/localhost:\d+)/, 60_000);
    expect(again.stdout()).not.toMatch(/Created sandbox tenant/);
    const key = curl.match(/gx_test_[A-Za-z0-9_-]{43}/)![0];
    const res = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    again.kill('SIGTERM');
    expect(await again.exited(15_000)).toBe(0);
  });

  it('refuses to start with a clear message naming the bad variable', async () => {
    const api = spawnNode('dist/main.js', { PORT: 'eighty', REDIS_URL: 'http://nope', DATABASE_URL: 'postgresql://x@127.0.0.1/x', ...SECRETS });
    expect(await api.exited()).toBe(1);
    expect(api.stderr()).toMatch(/Invalid configuration/);
    expect(api.stderr()).toMatch(/PORT: /);
    expect(api.stderr()).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    const prod = spawnNode('dist/main.js', { NODE_ENV: 'production', REDIS_URL });
    expect(await prod.exited()).toBe(1);
    expect(prod.stderr()).toMatch(/DATABASE_URL: is required when NODE_ENV=production/);
    expect(prod.stderr()).toMatch(/ADMIN_TOKEN: is required/);
  });

  it('says exactly how to start Redis when it is unreachable', async () => {
    const api = spawnNode('dist/main.js', { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgresql://x@127.0.0.1/x', ...SECRETS });
    expect(await api.exited()).toBe(1);
    expect(api.stderr()).toMatch(/Redis is not reachable at redis:\/\/127\.0\.0\.1:1/);
    expect(api.stderr()).toMatch(/redis-server --daemonize yes/);
  });

  it('concurrent migration runs apply each migration exactly once', async () => {
    const db = await createEmptyDatabase();
    databases.push(db);
    const env = { ...process.env, DATABASE_URL: db.url, ...SECRETS };
    const results = await Promise.all(Array.from({ length: 4 }, () => run(process.execPath, [`${DIST}/cli/migrate.js`, 'run'], { env })));
    expect(results.filter((r) => r.stdout.includes('applied:'))).toHaveLength(1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM schema_migrations GROUP BY name');
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.n).toBe(1);
    const check = await run(process.execPath, [`${DIST}/cli/migrate.js`, 'check'], { env });
    expect(check.stdout).toContain('schema matches the entities');
  });

  it('api and worker run as separate processes and stop cleanly on SIGTERM', async () => {
    const db = await createEmptyDatabase();
    databases.push(db);
    const env = { NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `gxt_proc_${process.pid}`, PORT: '0', LOG_LEVEL: 'info', ...SECRETS };
    const api = spawnNode('dist/main.js', env);
    started.push(api);
    await api.waitFor(/"msg":"api started"/);
    expect(api.stdout()).toMatch(/"workers":false/);
    const worker = spawnNode('dist/worker.js', env);
    started.push(worker);
    await worker.waitFor(/"msg":"worker started"/);
    await worker.waitFor(/purged \d+ expired idempotency records/);
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    expect(await api.exited(15_000)).toBe(0);
    expect(await worker.exited(15_000)).toBe(0);
  });

  it('a worker whose Redis has gone away still stops promptly on SIGTERM', async () => {
    const db = await createEmptyDatabase();
    databases.push(db);
    const port = 6_400 + (process.pid % 500);
    const redis: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const env = { NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${port}`, PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '20000', ...SECRETS };
      const migrate = await run(process.execPath, [`${DIST}/cli/migrate.js`, 'run'], { env: { ...process.env, ...env } });
      expect(migrate.stderr).toBe('');
      const worker = spawnNode('dist/worker.js', env);
      started.push(worker);
      await worker.waitFor(/"msg":"worker started"/);
      redis.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const stopping = Date.now();
      worker.kill('SIGTERM');
      expect(await worker.exited(25_000)).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(5_000);
    } finally {
      redis.kill('SIGKILL');
    }
  });
});
