import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg pool behind TypeORM. COPY streams need a raw client (pg-copy-streams submits a
 * query object), and sharing the pool keeps one connection budget per process.
 */
export function pgPool(db: DataSource): pg.Pool {
  const pool: unknown = (db.driver as { master?: unknown }).master;
  if (!(pool instanceof pg.Pool)) throw new Error('the database driver has no pg pool');
  return pool;
}

/** PostgreSQL error code (SQLSTATE) of a driver error, if any. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export const UNDEFINED_TABLE = '42P01';
