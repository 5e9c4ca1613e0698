import type { PreparedRow } from './row-preparation.js';

/**
 * Staged rows travel and rest in chunk-sized blocks: one `batch_input_<job>` row per chunk
 * holding its rows, written once by the upload and read once by the chunk's worker. A block
 * costs PostgreSQL one tuple instead of thousands, and a worker one fetch.
 *
 * Inside a block rows are separated by U+001E (record separator) and fields by U+001F (unit
 * separator): `rowNumber␟externalRef␟idNumberHash␟facts␟errorField␟errorMessage`, empty for
 * none. No field can hold either separator: control characters are refused in the one
 * free-text field (externalRef); the others are hashes, encoded facts and fixed messages.
 */
export const ROW_SEPARATOR = '\u001e';
export const FIELD_SEPARATOR = '\u001f';

export function stagedRow(rowNumber: number, row: PreparedRow): string {
  const s = FIELD_SEPARATOR;
  return `${rowNumber}${s}${row.externalRef ?? ''}${s}${row.idNumberHash ?? ''}${s}${row.facts ?? ''}${s}${row.error?.field ?? ''}${s}${row.error?.message ?? ''}`;
}

/** Splits a block into its rows. */
export function forEachStagedRow(block: string, visit: (row: string) => void): void {
  let start = 0;
  for (let end = block.indexOf(ROW_SEPARATOR); end !== -1; end = block.indexOf(ROW_SEPARATOR, start)) {
    visit(block.slice(start, end));
    start = end + 1;
  }
  if (start < block.length) visit(block.slice(start));
}
