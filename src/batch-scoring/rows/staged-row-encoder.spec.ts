import { BatchTooLargeError, MalformedUploadError } from '../batch-errors.js';
import { hashResidentId } from '../../identity/domain/pii-hash.js';
import { residentIdCheckCharacter } from '../../identity/domain/resident-id.js';
import { FIELD_SEPARATOR, forEachStagedRow } from './staged-format.js';
import { RowPreparer } from './row-preparation.js';
import { StagedRowEncoder } from './staged-row-encoder.js';

const SECRET = 'p'.repeat(40);
const id = (n: number) => {
  const body = `1101051990030712${n}`.slice(0, 17);
  return body + residentIdCheckCharacter(body);
};
const encoder = (format: 'csv' | 'ndjson', maxRows = 1000, chunkSize = 2) => new StagedRowEncoder(format, new RowPreparer(Buffer.from(SECRET), '2026-11-29'), maxRows, chunkSize);

/** COPY lines → [chunk index, rows as field arrays]. */
function blocks(copy: string): [number, string[][]][] {
  return copy
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [index, block] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const rows: string[][] = [];
      forEachStagedRow(block, (row) => rows.push(row.split(FIELD_SEPARATOR)));
      return [Number(index), rows];
    });
}

describe('StagedRowEncoder', () => {
  it('numbers rows from 1, packs them into one block per chunk, and hashes ID numbers with the PII key (as PiiHasher)', () => {
    const e = encoder('csv');
    const text = `\uFEFFexternalRef,product,applicant.idNumber\r\nr1,consumer,${id(1)}\r\n\r\nr2,consumer,${id(2)}\r\nr3,consumer,bad\r\n`;
    const out = e.push(text.slice(0, 30)) + e.push(text.slice(30)) + e.end();
    expect(e.rows).toBe(3);
    expect(e.invalidRows).toBe(1);
    const parsed = blocks(out);
    expect(parsed.map(([i, rows]) => [i, rows.map((r) => r[0])])).toEqual([
      [0, ['1', '2']],
      [1, ['3']],
    ]);
    const [first] = parsed[0][1];
    expect(first[1]).toBe('r1');
    expect(first[2]).toBe(hashResidentId(id(1), SECRET));
    expect(parsed[1][1][0].slice(4)).toEqual(['applicant.idNumber', 'idNumber must be 17 digits followed by a digit or X']);
    expect(out).not.toContain(id(1));
  });

  it('escapes a backslash in an external reference for COPY', () => {
    const e = encoder('ndjson');
    const out = e.push(`${JSON.stringify({ externalRef: 'a\\b', product: 'consumer', applicant: { idNumber: id(1) } })}\n`) + e.end();
    expect(out).toContain('a\\\\b');
  });

  it('stops at the row limit', () => {
    const e = encoder('ndjson', 2);
    const line = `${JSON.stringify({ product: 'consumer', applicant: { idNumber: id(1) } })}\n`;
    expect(() => e.push(line.repeat(3))).toThrow(BatchTooLargeError);
  });

  it('refuses an unknown, duplicated or missing header column for the whole upload', () => {
    expect(() => encoder('csv').push('product,applicant.idNumber,colour\n')).toThrow(MalformedUploadError);
    expect(() => encoder('csv').push('product,applicant.idNumber,product\n')).toThrow(MalformedUploadError);
    expect(() => encoder('csv').push('externalRef,applicant.idNumber\n')).toThrow(MalformedUploadError);
  });

  it('gives a row with the wrong number of cells its own error', () => {
    const e = encoder('csv');
    const out = e.push(`product,applicant.idNumber\nconsumer,${id(1)},extra\n`) + e.end();
    expect(blocks(out)[0][1][0].slice(4)).toEqual(['row', 'expected 2 cells as in the header, found 3']);
  });
});
