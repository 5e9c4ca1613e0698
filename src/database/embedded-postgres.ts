import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { ResolvedDatabase } from './data-source-options.js';

export interface EmbeddedPostgres {
  database: ResolvedDatabase;
  stop: () => Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) behind its wire-protocol socket, so the same
 * `pg` driver, TypeORM and migrations run unchanged. It executes one statement at a time
 * and interleaves the sessions of concurrent connections, so the pool gets exactly one
 * connection: transactions then never overlap.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1 });
  await server.start();
  return {
    database: {
      url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      poolMax: 1,
      supportsSessionLocks: false,
    },
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
