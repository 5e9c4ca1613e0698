import type { AppConfig } from '../config/app-config.js';
import type { ResolvedDatabase } from '../database/data-source-options.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';

export interface DatabaseHandle {
  database: ResolvedDatabase;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** A configured server, or (no DATABASE_URL) an embedded PGlite under EMBEDDED_DB_DIR. */
export async function resolveDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.database.kind === 'server') {
    return {
      database: { url: config.database.url, poolMax: config.database.poolMax, supportsSessionLocks: true },
      embedded: false,
      stop: () => Promise.resolve(),
    };
  }
  const embedded = await startEmbeddedPostgres(config.database.dataDir, config.database.port);
  return { database: embedded.database, embedded: true, stop: embedded.stop };
}
