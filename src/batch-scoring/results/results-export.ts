import { Readable, Transform, pipeline } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Language } from '../../common/http/language.js';
import { formatMoney } from '../../common/money.js';
import { resultsTable } from '../storage/job-tables.js';
import { parseCopyField } from '../storage/copy-text.js';
import type { ReasonTexts } from './reason-texts.js';

export const RESULT_FORMATS = ['csv', 'ndjson'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** CSV columns of the results file (the NDJSON lines carry the same fields, nested). */
export const RESULT_CSV_COLUMNS = [
  'rowNumber',
  'externalRef',
  'product',
  'creditScore',
  'fraudScore',
  'grade',
  'decision',
  'decisionReasons',
  'creditLimit',
  'currency',
  'aprPercent',
  'reasons',
  'fraudReasons',
  'modelVersion',
  'error',
  'error.field',
  'error.message',
] as const;

/** Rows first..last (both inclusive). */
export interface RowRange {
  firstRow: number;
  lastRow: number;
}

const where = (range: RowRange) => `WHERE row_number BETWEEN ${range.firstRow} AND ${range.lastRow}`;

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first)
 * gets a leading `'` (OWASP's CSV-injection advice): partners open results files in Excel,
 * and `externalRef` and error texts carry what the uploader wrote.
 */
const spreadsheetSafe = (expression: string) =>
  `CASE WHEN left(${expression}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${expression} ELSE ${expression} END`;

/**
 * CSV is produced by PostgreSQL itself (`COPY (SELECT …) TO STDOUT WITH (FORMAT csv)`):
 * quoting, money formatting and row order happen in the database and the api only relays
 * bytes. Lists are `;`-separated codes, as in uploads. A failed row has `error` (DESIGN §3:
 * the score fields "or `error`"), `field: message`, and the two parts in their own columns.
 * Text from the upload is made spreadsheet-safe (`spreadsheetSafe`); NDJSON carries it as is.
 */
export function csvResultsSql(jobId: string, range: RowRange): string {
  return `COPY (
    SELECT row_number AS "rowNumber", ${spreadsheetSafe('external_ref')} AS "externalRef", product, credit_score AS "creditScore", fraud_score AS "fraudScore",
           grade, decision, decision_reasons AS "decisionReasons",
           CASE WHEN credit_limit_minor IS NULL THEN NULL
                ELSE (credit_limit_minor / 100)::text || '.' || lpad((credit_limit_minor % 100)::text, 2, '0') END AS "creditLimit",
           CASE WHEN product IS NULL THEN NULL ELSE 'CNY' END AS currency,
           apr_percent AS "aprPercent", reason_codes AS reasons, fraud_reasons AS "fraudReasons", model_version AS "modelVersion",
           ${spreadsheetSafe("error_field || ': ' || error_message")} AS error,
           ${spreadsheetSafe('error_field')} AS "error.field", ${spreadsheetSafe('error_message')} AS "error.message"
      FROM ${resultsTable(jobId)} ${where(range)} ORDER BY row_number
  ) TO STDOUT WITH (FORMAT csv)`;
}

/** The CSV header line, sent before the first page. */
export const CSV_HEADER_LINE = `${RESULT_CSV_COLUMNS.join(',')}\n`;

export function ndjsonResultsSql(jobId: string, range: RowRange): string {
  return `COPY (
    SELECT row_number, external_ref, product, credit_score, fraud_score, grade, decision, decision_reasons, credit_limit_minor, apr_percent,
           reason_codes, reason_kinds, fraud_reasons, model_version, error_field, error_message
      FROM ${resultsTable(jobId)} ${where(range)} ORDER BY row_number
  ) TO STDOUT`;
}

export interface ResultLine {
  rowNumber: number;
  externalRef: string | null;
  product?: string;
  creditScore?: number;
  fraudScore?: number;
  grade?: string;
  decision?: string;
  decisionReasons?: string[];
  creditLimit?: string;
  currency?: string;
  aprPercent?: string;
  reasons?: { code: string; text: string; direction: 'negative' | 'positive' }[];
  fraudReasons?: { code: string; text: string }[];
  modelVersion?: string;
  error?: { field: string; message: string };
}

const list = (text: string | null) => (text ? text.split(';') : []);

/** One COPY text line of the NDJSON query → the result object. */
export function resultLine(fields: (string | null)[], texts: ReasonTexts, language: Language): ResultLine {
  const [rowNumber, externalRef, product, creditScore, fraudScore, grade, decision, decisionReasons, limitMinor, apr, codes, kinds, fraud, modelVersion, errorField, errorMessage] = fields;
  if (errorField !== null || product === null) {
    return { rowNumber: Number(rowNumber), externalRef, error: { field: errorField ?? 'row', message: errorMessage ?? 'the row could not be scored' } };
  }
  const model = modelVersion ?? '';
  return {
    rowNumber: Number(rowNumber),
    externalRef,
    product,
    creditScore: Number(creditScore),
    fraudScore: Number(fraudScore),
    grade: grade ?? undefined,
    decision: decision ?? undefined,
    decisionReasons: list(decisionReasons),
    creditLimit: formatMoney(Number(limitMinor)),
    currency: 'CNY',
    aprPercent: apr ?? undefined,
    reasons: list(codes).map((code, i) => {
      const kind = kinds?.[i] ?? 'n';
      return { code, text: texts.creditText(model, code, kind, language), direction: kind === 'p' ? 'positive' : 'negative' };
    }),
    fraudReasons: list(fraud).map((code) => ({ code, text: texts.fraudText(code, language) })),
    modelVersion: model,
  };
}

/** COPY text → NDJSON, line by line (a line may span two chunks). */
export class NdjsonResults extends Transform {
  private carry = '';

  constructor(
    private readonly texts: ReasonTexts,
    private readonly language: Language,
  ) {
    super({ readableHighWaterMark: 1 << 16 });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null, data?: string) => void): void {
    const text = this.carry + chunk.toString('utf8');
    const end = text.lastIndexOf('\n');
    this.carry = text.slice(end + 1);
    if (end < 0) return callback();
    let out = '';
    for (const line of text.slice(0, end).split('\n')) {
      out += `${JSON.stringify(resultLine(line.split('\t').map(parseCopyField), this.texts, this.language))}\n`;
    }
    callback(null, out);
  }

  override _flush(callback: (err?: Error | null) => void): void {
    if (this.carry.length > 0) this.push(`${JSON.stringify(resultLine(this.carry.split('\t').map(parseCopyField), this.texts, this.language))}\n`);
    callback();
  }
}

/**
 * Rows per page of a results download. A page is copied out of PostgreSQL whole (a few
 * hundred KB) and only then sent, so a connection is held for the copy, never while a client
 * reads: slow downloads must not drain the pool every other request needs.
 */
export const RESULT_PAGE_ROWS = 2_000;

/** The pages of rows first..last, in order. */
export function* pagesOf(range: RowRange, pageRows = RESULT_PAGE_ROWS): Generator<RowRange> {
  for (let firstRow = range.firstRow; firstRow <= range.lastRow; firstRow += pageRows) {
    yield { firstRow, lastRow: Math.min(range.lastRow, firstRow + pageRows - 1) };
  }
}

/** Copies a range of result rows out (CSV without header, or COPY text) and returns the connection first. */
export async function copyRange(pool: pg.Pool, jobId: string, format: ResultFormat, range: RowRange): Promise<Buffer[]> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const parts: Buffer[] = [];
    const copy = client.query(copyTo(format === 'csv' ? csvResultsSql(jobId, range) : ndjsonResultsSql(jobId, range)));
    for await (const part of copy as AsyncIterable<Buffer>) parts.push(part);
    return parts;
  } catch (err) {
    failure = err as Error; // a connection that failed in the middle of a COPY cannot go back to the pool
    throw err;
  } finally {
    client.release(failure);
  }
}

/** COPY output (CSV, or COPY text turned into NDJSON with texts in `language`) as the response body. */
export function resultsBody(source: Readable, format: ResultFormat, texts: ReasonTexts, language: Language): Readable {
  if (format === 'csv') return source;
  const ndjson = new NdjsonResults(texts, language);
  pipeline(source, ndjson, () => undefined);
  return ndjson;
}

/** A finished job's results in row order, page by page (`RESULT_PAGE_ROWS`). */
export function streamResults(pool: pg.Pool, job: { id: string; totalRows: number }, format: ResultFormat, texts: ReasonTexts, language: Language): Readable {
  async function* pages(): AsyncGenerator<Buffer | string> {
    if (format === 'csv') yield CSV_HEADER_LINE;
    for (const page of pagesOf({ firstRow: 1, lastRow: job.totalRows })) yield* await copyRange(pool, job.id, format, page);
  }
  return resultsBody(Readable.from(pages()), format, texts, language);
}
