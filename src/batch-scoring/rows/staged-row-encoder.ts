import { BatchTooLargeError, MalformedUploadError } from '../batch-errors.js';
import { containsPersonalIdentifier, redactPersonalIdentifiers } from '../../identity/domain/personal-identifiers.js';
import type { UploadFormat } from '../jobs/batch-job.entity.js';
import { CsvFormatError, CsvRecordReader } from './csv-records.js';
import { NdjsonFormatError, NdjsonLineReader } from './ndjson-lines.js';
import { EXTERNAL_REF_MAX_LENGTH, FIELDS_BY_PATH, type FieldSpec, REQUIRED_COLUMNS } from './row-fields.js';
import { rejectedRow, type PreparedRow, type RowPreparer } from './row-preparation.js';
import { draftFromCells, draftFromObject, RowFieldError } from './row-validation.js';
import { ROW_SEPARATOR, stagedRow } from './staged-format.js';

/**
 * Upload text → COPY text of `batch_input_<job>` rows, one decoded piece at a time: parse the
 * records, check and prepare each row, number it (1-based, blank lines not counted), and pack
 * the rows into one block per chunk (staged-format). Bounded memory: a partial record and the
 * block being filled.
 */
export class StagedRowEncoder {
  rows = 0;
  invalidRows = 0;
  private readonly csv?: CsvRecordReader;
  private readonly ndjson?: NdjsonLineReader;
  private columns: FieldSpec[] | null = null;
  private externalRefColumn = -1;
  private started = false;
  private block = '';
  private blockRows = 0;
  private blockIndex = 0;

  constructor(
    format: UploadFormat,
    private readonly preparer: RowPreparer,
    private readonly maxRows: number,
    private readonly chunkSize: number,
  ) {
    if (format === 'csv') this.csv = new CsvRecordReader();
    else this.ndjson = new NdjsonLineReader();
  }

  push(text: string): string {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return this.encode((out) => (this.csv ? this.csv.push(text, out as string[][]) : this.ndjson!.push(text, out as string[])));
  }

  end(): string {
    const text = this.encode((out) => (this.csv ? this.csv.end(out as string[][]) : this.ndjson!.end(out as string[])));
    return this.blockRows > 0 ? text + this.flushBlock() : text;
  }

  /** The chunk's block as a COPY text line: `chunk_index<TAB>rows`. */
  private flushBlock(): string {
    // Only a backslash (in an external reference) needs COPY escaping: tabs and newlines cannot occur.
    const rows = this.block.includes('\\') ? this.block.replace(/\\/g, '\\\\') : this.block;
    const line = `${this.blockIndex}\t${rows}\n`;
    this.blockIndex++;
    this.block = '';
    this.blockRows = 0;
    return line;
  }

  private encode(read: (out: unknown[]) => void): string {
    const records: unknown[] = [];
    try {
      read(records);
    } catch (err) {
      if (err instanceof CsvFormatError || err instanceof NdjsonFormatError) throw new MalformedUploadError('body', err.message);
      throw err;
    }
    let text = '';
    for (const record of records) {
      if (this.csv && this.columns === null) {
        this.readHeader(record as string[]);
        continue;
      }
      if (++this.rows > this.maxRows) throw new BatchTooLargeError('rows', this.maxRows);
      const row = this.csv ? this.fromCells(record as string[]) : this.fromLine(record as string);
      if (row.error) this.invalidRows++;
      this.block = this.blockRows === 0 ? stagedRow(this.rows, row) : this.block + ROW_SEPARATOR + stagedRow(this.rows, row);
      if (++this.blockRows === this.chunkSize) text += this.flushBlock();
    }
    return text;
  }

  private readHeader(names: string[]): void {
    const seen = new Set<string>();
    this.columns = names.map((raw) => {
      const name = raw.trim();
      const spec = FIELDS_BY_PATH.get(name);
      // A headerless upload puts a data row here: never echo an ID or phone number from it.
      const shown = redactPersonalIdentifiers(name).slice(0, 64);
      if (!spec) throw new MalformedUploadError('header', `unknown column '${shown}' (columns are the score request fields by dotted path, e.g. bureau.debtRatio, plus externalRef)`);
      if (seen.has(name)) throw new MalformedUploadError('header', `column '${shown}' appears twice`);
      seen.add(name);
      return spec;
    });
    for (const required of REQUIRED_COLUMNS) if (!seen.has(required)) throw new MalformedUploadError('header', `the column '${required}' is required`);
    this.externalRefColumn = names.findIndex((n) => n.trim() === 'externalRef');
  }

  private fromCells(cells: string[]): PreparedRow {
    try {
      return this.preparer.prepare(draftFromCells(this.columns!, cells));
    } catch (err) {
      if (!(err instanceof RowFieldError)) throw err;
      return rejectedRow(this.refFromCells(cells), err.toFieldError());
    }
  }

  private fromLine(line: string): PreparedRow {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return rejectedRow(null, { field: 'row', message: 'the line is not valid JSON' });
    }
    try {
      return this.preparer.prepare(draftFromObject(parsed));
    } catch (err) {
      if (!(err instanceof RowFieldError)) throw err;
      return rejectedRow(refFromObject(parsed), err.toFieldError());
    }
  }

  /** The row's own reference, when it is usable, so the partner can find a rejected row. */
  private refFromCells(cells: string[]): string | null {
    const ref = this.externalRefColumn >= 0 ? cells[this.externalRefColumn] : undefined;
    return usableRef(ref);
  }
}

function refFromObject(value: unknown): string | null {
  return typeof value === 'object' && value !== null ? usableRef((value as { externalRef?: unknown }).externalRef) : null;
}

/** A reference fit to keep beside a rejected row: not one holding an ID or phone number (it is refused for that). */
function usableRef(ref: unknown): string | null {
  if (typeof ref !== 'string' || ref.length === 0 || ref.length > EXTERNAL_REF_MAX_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(ref) || containsPersonalIdentifier(ref) ? null : ref;
}
