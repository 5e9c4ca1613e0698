// npm run bench:batch — a 1,000,000-row portfolio CSV through the real api and worker processes
// (production mode, scratch database): upload → chunks scored by the worker → results downloaded.
// Reports end-to-end rows/s (upload start → last result line received), the phases, the peak
// RSS (VmHWM) of api and worker, and, in the same run, the pure engine scoring the same rows in
// a tight loop (the ceiling). BENCH_ROWS=… for another size; BENCH_PROFILE=1 writes CPU profiles
// of both processes to bench/.out/prof. Needs `npm run build`, PostgreSQL and Redis.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { COLUMNS, csvRow } from './batch-data.mjs';
import { ADMIN_TOKEN, REDIS_URL, adminPost, clearRedisPrefix, scratchDatabase, stop } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3928);
const PROFILE = process.env.BENCH_PROFILE === '1';
const apiUrl = `http://127.0.0.1:${PORT}`;
const PII_HASH_SECRET = 'bench-pii-secret-'.padEnd(40, 'x');

function start(entry, env, ready) {
  const args = PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/.out/prof', entry] : [entry];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ADMIN_TOKEN, PII_HASH_SECRET, REDIS_URL, LOG_LEVEL: 'warn', ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      seen += chunk.toString('utf8');
      if (ready.test(seen)) {
        child.stdout.off('data', onData);
        // BENCH_LOG_DIR keeps each process's log lines (else they are drained and dropped).
        if (process.env.BENCH_LOG_DIR) child.stdout.pipe(createWriteStream(join(process.env.BENCH_LOG_DIR, `${entry.replace(/\W+/g, '-')}.log`)));
        else child.stdout.resume();
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${seen}`)));
  });
}

/** Peak resident set size of a live process, MB (VmHWM). */
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
}

const TICK = 100; // USER_HZ
/** CPU seconds used so far by a process (user + system). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}
/** CPU seconds used so far by the whole machine (all cores, not idle). */
function machineCpuSeconds() {
  const [, ...t] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (t[0] + t[1] + t[2] + t[5] + t[6] + t[7]) / TICK;
}
/** CPU seconds of the PostgreSQL processes serving the scratch database, plus the server's WAL writer and checkpointer. */
function postgresCpuSeconds(dbName) {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ')) continue;
      if (cmd.includes(` ${dbName} `) || /postgres: (\S+ )?(walwriter|checkpointer|background writer)/.test(cmd)) total += cpuSeconds(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
function cpuSnapshot(api, worker, dbName) {
  return { at: performance.now(), api: cpuSeconds(api.pid), worker: cpuSeconds(worker.pid), postgres: postgresCpuSeconds(dbName), self: process.cpuUsage(), machine: machineCpuSeconds() };
}
/** Where the CPU went between two snapshots: api, worker, PostgreSQL, this bench, and everything else on the machine (Redis, other work). */
function cpuBetween(a, b) {
  const wall = (b.at - a.at) / 1000;
  const api = b.api - a.api;
  const worker = b.worker - a.worker;
  const bench = (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6;
  const postgres = b.postgres - a.postgres;
  const machine = b.machine - a.machine;
  const r = (x) => Number(x.toFixed(2));
  return { wallSeconds: r(wall), cpuSeconds: { api: r(api), worker: r(worker), postgres: r(postgres), benchClient: r(bench), other: r(Math.max(0, machine - api - worker - postgres - bench)) }, coresBusy: r(machine / wall) };
}

async function writeCsv(file) {
  const out = createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  let buffer = '';
  for (let n = 0; n < ROWS; n++) {
    buffer += csvRow(n);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

/** The ceiling: the same rows, prepared as ingest does, scored by the pure engine in a tight loop (only the loop is timed). */
async function engineCeiling(file) {
  const { StagedRowEncoder } = await import('../dist/batch-scoring/rows/staged-row-encoder.js');
  const { RowPreparer } = await import('../dist/batch-scoring/rows/row-preparation.js');
  const { decideOnApplication } = await import('../dist/scoring/application-decision.js');
  const { NO_VELOCITY } = await import('../dist/batch-scoring/processing/chunk-scorer.js');
  const { decodeFacts } = await import('../dist/batch-scoring/rows/facts-codec.js');
  const { loadShippedModels } = await import('../dist/scoring/models/index.js');
  const models = loadShippedModels();
  const { forEachStagedRow, FIELD_SEPARATOR } = await import('../dist/batch-scoring/rows/staged-format.js');
  const encoder = new StagedRowEncoder('csv', new RowPreparer(Buffer.from(PII_HASH_SECRET), '2026-11-29'), Number.MAX_SAFE_INTEGER, 5_000);
  let scored = 0;
  let ns = 0n;
  const score = (copyText) => {
    const facts = [];
    for (const line of copyText.split('\n')) {
      if (!line) continue;
      forEachStagedRow(line.slice(line.indexOf('\t') + 1), (row) => {
        const encoded = row.split(FIELD_SEPARATOR)[3];
        if (encoded) facts.push(decodeFacts(encoded));
      });
    }
    const t0 = process.hrtime.bigint();
    for (const f of facts) decideOnApplication(f, NO_VELOCITY, models);
    ns += process.hrtime.bigint() - t0;
    scored += facts.length;
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) score(encoder.push(chunk));
  score(encoder.end());
  return { scored, rowsPerSecond: Math.round(scored / (Number(ns) / 1e9)) };
}

function upload(path, file, auth) {
  return new Promise((resolve, reject) => {
    const req = request(`${apiUrl}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => (res.statusCode === 202 ? resolve(JSON.parse(body)) : reject(new Error(`upload: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    createReadStream(file, { highWaterMark: 1 << 16 }).pipe(req);
  });
}

/** Downloads the results, counting lines; returns the number of data lines. */
function download(path, auth) {
  return new Promise((resolve, reject) => {
    request(`${apiUrl}${path}`, { headers: { ...auth, accept: 'text/csv' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`results: ${res.statusCode}`));
      let lines = 0;
      res.on('data', (chunk) => {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => resolve(lines - 1));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gx-bench-batch-'));
const file = join(dir, 'portfolio.csv');
if (PROFILE) mkdirSync('bench/.out/prof', { recursive: true });
process.stdout.write(`generating ${ROWS.toLocaleString('en')} rows… `);
await writeCsv(file);
const bytes = statSync(file).size;
console.log(`${(bytes / 1048576).toFixed(0)} MiB`);

const db = await scratchDatabase();
const dbName = new URL(db.url).pathname.slice(1);
const prefix = `gxbench_batch_${process.pid}`;
const common = { DATABASE_URL: db.url, REDIS_PREFIX: prefix };
let api;
let worker;
try {
  api = await start('dist/main.js', { ...common, PORT: String(PORT), HOST: '127.0.0.1', WORKERS_IN_API: 'false', LOG_LEVEL: 'info' }, /"api started"/);
  worker = await start('dist/worker.js', { ...common, LOG_LEVEL: process.env.BENCH_WORKER_LOG ?? 'info' }, /"worker started"/);
  const tenant = await adminPost(apiUrl, '/admin/v1/tenants', { name: 'Bench bank', kind: 'bank', plan: { rateLimitPerSecond: 100000, monthlyQuota: 1000000000 } });
  const key = await adminPost(apiUrl, `/admin/v1/tenants/${tenant.id}/api-keys`, { name: 'bench', scopes: ['batch:write'], mode: 'live' });
  const auth = { authorization: `Bearer ${key.key}` };

  const c0 = cpuSnapshot(api, worker, dbName);
  const t0 = c0.at;
  const job = await upload('/v1/batch-scoring-jobs?consentAttestation=bench-register', file, auth);
  const c1 = cpuSnapshot(api, worker, dbName);
  const tUploaded = c1.at;
  // The results are downloaded once the job has completed. BENCH_FOLLOW=1 follows them while the job
  // runs instead (?follow=true); on 2 cores that only moves the same work earlier (measured: no faster).
  const follow = process.env.BENCH_FOLLOW === '1';
  let downloaded = follow ? download(`/v1/batch-scoring-jobs/${job.id}/results?follow=true`, auth) : undefined;
  downloaded?.catch(() => undefined);
  let status;
  for (;;) {
    status = await fetch(`${apiUrl}/v1/batch-scoring-jobs/${job.id}`, { headers: auth }).then((r) => r.json());
    if (['completed', 'failed', 'cancelled'].includes(status.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const c2 = cpuSnapshot(api, worker, dbName);
  const tScored = c2.at;
  if (status.status !== 'completed') throw new Error(`job ${status.status}: ${JSON.stringify(status)}`);
  downloaded ??= download(`/v1/batch-scoring-jobs/${job.id}/results`, auth);
  const lines = await downloaded;
  const c3 = cpuSnapshot(api, worker, dbName);
  const tDone = c3.at;
  if (lines !== ROWS) throw new Error(`expected ${ROWS} result lines, got ${lines}`);

  const apiRss = peakRssMb(api.pid);
  const workerRss = peakRssMb(worker.pid);
  const ceiling = await engineCeiling(file);
  const seconds = (tDone - t0) / 1000;
  const result = {
    bench: 'batch',
    rows: ROWS,
    uploadMiB: Math.round(bytes / 1048576),
    endToEndSeconds: Number(seconds.toFixed(2)),
    endToEndRowsPerSecond: Math.round(ROWS / seconds),
    phases: {
      uploadAndIngestSeconds: Number(((tUploaded - t0) / 1000).toFixed(2)),
      scoringSeconds: Number(((tScored - tUploaded) / 1000).toFixed(2)),
      downloadSeconds: Number(((tDone - tScored) / 1000).toFixed(2)),
    },
    scoredRows: status.summary.scoredRows,
    failedRows: status.failedRows,
    workerRowsPerSecond: status.rowsPerSecond,
    peakRssMb: { api: apiRss, worker: workerRss },
    cpu: { upload: cpuBetween(c0, c1), scoring: cpuBetween(c1, c2), download: cpuBetween(c2, c3), total: cpuBetween(c0, c3) },
    engineCeilingRowsPerSecond: ceiling.rowsPerSecond,
  };
  console.table([{ 'rows/s end to end': result.endToEndRowsPerSecond, 'engine ceiling rows/s': ceiling.rowsPerSecond, 'api peak RSS MB': apiRss, 'worker peak RSS MB': workerRss, seconds: result.endToEndSeconds }]);
  console.log(`phases: upload+ingest ${result.phases.uploadAndIngestSeconds} s, scoring ${result.phases.scoringSeconds} s${follow ? ' (results followed meanwhile)' : ''}, download ${result.phases.downloadSeconds} s`);
  for (const [phase, c] of Object.entries(result.cpu)) console.log(`cpu ${phase.padEnd(8)} wall ${c.wallSeconds} s, cores busy ${c.coresBusy}: ${JSON.stringify(c.cpuSeconds)}`);
  console.log(`target: ≥ 50,000 rows/s end to end (${result.endToEndRowsPerSecond >= 50_000 ? 'met' : 'NOT met'}); api and worker < 400 MB (${apiRss < 400 && workerRss < 400 ? 'met' : 'NOT met'})`);
  console.log(JSON.stringify(result));
} finally {
  if (worker) await stop(worker);
  if (api) await stop(api);
  await db.drop();
  await clearRedisPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
}
