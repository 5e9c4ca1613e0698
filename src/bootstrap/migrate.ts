import { DataSource } from 'typeorm';
import { dataSourceOptions, type ResolvedDatabase } from '../database/data-source-options.js';
import { runPendingMigrations } from '../database/migrator.js';

/** Applies pending migrations on a short-lived connection of its own, before the app starts. */
export async function migrateDatabase(database: ResolvedDatabase): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(database, 'guanxing-migrate'), extra: { max: Math.min(2, database.poolMax) } });
  await dataSource.initialize();
  try {
    return await runPendingMigrations(dataSource, database.supportsSessionLocks);
  } finally {
    await dataSource.destroy();
  }
}
