import type { Pool, QueryConfig, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot-path statement as a named prepared statement on TypeORM's own `pg` pool: the
 * server parses and plans it once per connection instead of on every request, and the
 * statement text is sent once. For the few statements on the real-time path only.
 */
export async function preparedQuery<R extends QueryResultRow>(db: DataSource, name: string, text: string, values: unknown[], options: { timeoutMs?: number } = {}): Promise<R[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  // `query_timeout` is the driver's own per-query timer (absent from its typings): on expiry the
  // call fails and the pool discards the connection rather than reuse one stuck mid-statement.
  const config = { name, text, values, query_timeout: options.timeoutMs } as QueryConfig;
  const result = await pool.query<R>(config);
  return result.rows;
}
