import { fileURLToPath } from 'node:url';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Compiled migrations sit in `dist/migrations/`, next to this file's `dist/database/`. */
export const MIGRATIONS_GLOB = fileURLToPath(new URL('../migrations/*.js', import.meta.url));

export interface ResolvedDatabase {
  url: string;
  poolMax: number;
  /** Embedded PGlite serves one connection; a session lock there would deadlock the pool. */
  supportsSessionLocks: boolean;
}

export function dataSourceOptions(db: ResolvedDatabase, applicationName = 'guanxing'): DataSourceOptions {
  return {
    type: 'postgres',
    url: db.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName,
    extra: { max: db.poolMax, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
    logging: false,
  };
}
