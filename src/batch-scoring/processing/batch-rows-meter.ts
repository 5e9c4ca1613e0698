import type { EntityManager } from 'typeorm';
import type { ApiKeyMode } from '../../api-keys/api-key.entity.js';

/**
 * The metering hook of batch scoring. A chunk's scored rows are billable units
 * (`batch_rows`); they are recorded in the chunk's own transaction, which also inserts its
 * `batch_chunks` row (the chunk's idempotency gate) and its result rows. A retried or
 * duplicated chunk never reaches this call, so each scored row is counted exactly once.
 *
 * Metering provides the implementation under `BATCH_ROWS_METER` (optional: without it the
 * counts are still in `batch_chunks.scored_rows`, tenant, key and completion time included).
 */
export interface BatchRowsMeter {
  recordChunk(manager: EntityManager, chunk: MeteredChunk): Promise<void>;
}

export interface MeteredChunk {
  tenantId: string;
  /** The job's key mode: a sandbox job's rows are not billed. */
  mode: ApiKeyMode;
  apiKeyId: string;
  jobId: string;
  chunkIndex: number;
  /** Billable units: rows scored in this chunk (rows with an error are not billed). */
  scoredRows: number;
  /** Unique per chunk: `<job>:<chunk>`. */
  resourceId: string;
  occurredAt: Date;
}

export const BATCH_ROWS_METER = Symbol('BatchRowsMeter');
