// The I/O floor for bench:scores: a bare Fastify route doing only what a score must do at
// minimum: one pipelined Redis round trip and one single-row INSERT. Started by scores.mjs.
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');

const app = Fastify({ logger: false });
app.post('/floor', async (request) => {
  const key = `gxfloor:${request.body?.applicant?.idNumber ?? 'x'}`;
  await redis.pipeline().incr(key).expire(key, 3600).exec();
  const { rows } = await pool.query('INSERT INTO bench_floor (payload) VALUES ($1) RETURNING id', [JSON.stringify(request.body)]);
  return { id: rows[0].id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write('floor ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  redis.disconnect();
  process.exit(0);
});
