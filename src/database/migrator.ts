import type { DataSource } from 'typeorm';

/** Arbitrary but fixed: every gateway process agrees on it. ("gxmigr" in ASCII.) */
const MIGRATION_LOCK_ID = 0x67786d69677200n;

/**
 * Applies pending migrations. Concurrent starts (several api replicas, the migrate job)
 * serialise on a PostgreSQL advisory lock, so each migration is applied exactly once: the
 * second process waits, then finds nothing pending.
 */
export async function runPendingMigrations(dataSource: DataSource, useSessionLock: boolean): Promise<string[]> {
  if (!useSessionLock) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID.toString()]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID.toString()]).catch(() => undefined);
    await lockRunner.release();
  }
}
