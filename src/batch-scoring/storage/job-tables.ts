import { isId } from '../../common/ids.js';

/**
 * Each batch job gets two tables of its own, created in the upload's transaction:
 *
 * - `batch_input_<job>` (UNLOGGED): the staged rows (hashes, derived facts, row errors), one
 *   block per chunk (rows/staged-format.ts), read by the chunk processors and dropped when the
 *   job ends. Unlogged because it is transient: no WAL for data that lives for seconds. A
 *   database crash empties it; the chunk that notices fails the job with a clear reason
 *   (upload again).
 * - `batch_results_<job>`: one row per input row, primary key `row_number`, written by the
 *   chunks with COPY. The key makes a duplicate write impossible.
 *
 * Per-job tables instead of two shared ones: a rejected upload rolls back to nothing, the
 * end of a job or of its retention is one DROP (no million-row DELETE, no vacuum debt), and
 * the results stream out in row order from a 4-byte key. They are not TypeORM entities (the
 * drift check ignores tables it does not know); `batch_jobs` and `batch_chunks` are.
 */

function tableName(kind: 'input' | 'results', jobId: string): string {
  // The id is the only variable part of the identifier: check it before it reaches SQL.
  if (!isId(jobId, 'bat')) throw new RangeError(`not a batch job id: ${jobId}`);
  return `"batch_${kind}_${jobId.toLowerCase()}"`;
}

export const inputTable = (jobId: string) => tableName('input', jobId);
export const resultsTable = (jobId: string) => tableName('results', jobId);


export const RESULT_COLUMNS = [
  'row_number',
  'external_ref',
  'id_number_hash',
  'product',
  'model_version',
  'credit_score',
  'fraud_score',
  'grade',
  'decision',
  'decision_reasons',
  'credit_limit_minor',
  'apr_percent',
  'reason_codes',
  'reason_kinds',
  'fraud_reasons',
  'error_field',
  'error_message',
] as const;

export function createJobTablesSql(jobId: string): string[] {
  return [
    `CREATE UNLOGGED TABLE ${inputTable(jobId)} (chunk_index integer PRIMARY KEY, rows text NOT NULL) WITH (autovacuum_enabled = false)`,
    // Stored out of line uncompressed: compressing a block costs more CPU than its I/O saves.
    `ALTER TABLE ${inputTable(jobId)} ALTER COLUMN rows SET STORAGE EXTERNAL`,
    `CREATE TABLE ${resultsTable(jobId)} (
       row_number integer PRIMARY KEY, external_ref text, id_number_hash char(64), product varchar(16), model_version varchar(64),
       credit_score smallint, fraud_score smallint, grade char(1), decision varchar(8), decision_reasons text,
       credit_limit_minor bigint, apr_percent varchar(12), reason_codes text, reason_kinds varchar(8), fraud_reasons text,
       error_field text, error_message text
     )`,
  ];
}

export const copyInputSql = (jobId: string) => `COPY ${inputTable(jobId)} (chunk_index, rows) FROM STDIN`;
export const readBlockSql = (jobId: string) => `SELECT rows FROM ${inputTable(jobId)} WHERE chunk_index = $1`;
export const copyResultsSql = (jobId: string) => `COPY ${resultsTable(jobId)} (${RESULT_COLUMNS.join(', ')}) FROM STDIN`;
export const dropInputSql = (jobId: string) => `DROP TABLE IF EXISTS ${inputTable(jobId)}`;
export const dropResultsSql = (jobId: string) => `DROP TABLE IF EXISTS ${resultsTable(jobId)}`;
