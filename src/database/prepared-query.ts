import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot-path statement as a named prepared statement on TypeORM's own `pg` pool: the
 * server parses and plans it once per connection instead of on every request, and the
 * statement text is sent once. For the few statements on the real-time path only.
 */
export async function preparedQuery<R extends QueryResultRow>(db: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query<R>({ name, text, values });
  return result.rows;
}
