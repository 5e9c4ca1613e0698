import fc from 'fast-check';
import { CsvFormatError, CsvRecordReader, splitQuoted } from './csv-records.js';

function readAll(pieces: string[]): string[][] {
  const reader = new CsvRecordReader();
  const out: string[][] = [];
  for (const piece of pieces) reader.push(piece, out);
  reader.end(out);
  return out;
}

/** RFC 4180 writer, for the round trip. */
const field = (v: string) => (/[",\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v);

describe('CsvRecordReader', () => {
  it('splits plain, quoted and multi-line records, CRLF or LF, skipping blank lines', () => {
    const text = 'a,b,c\r\n1,"two, 2","say ""hi"""\n\n"multi\nline",,x\r\nlast,row,here';
    expect(readAll([text])).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, 2', 'say "hi"'],
      ['multi\nline', '', 'x'],
      ['last', 'row', 'here'],
    ]);
  });

  it('gives the same records wherever the stream is cut (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', '中'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        // A record that is one empty field is a blank line (skipped): give such rows a second field.
        const records = rows.map((r) => (r.length === 1 && r[0] === '' ? ['', ''] : r));
        const text = records.map((r) => r.map(field).join(',')).join('\r\n') + '\n';
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let at = 0;
        for (const p of points) {
          pieces.push(text.slice(at, p));
          at = p;
        }
        pieces.push(text.slice(at));
        expect(readAll(pieces)).toEqual(records);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses an unterminated quote and records beyond the size limit', () => {
    expect(() => readAll(['a,"open\n'])).toThrow(CsvFormatError);
    const reader = new CsvRecordReader(100);
    expect(() => reader.push(`"${'x'.repeat(200)}`, [])).toThrow(CsvFormatError);
  });

  it('keeps stray text after a closing quote, as common readers do', () => {
    expect(splitQuoted('"a"b,c')).toEqual(['ab', 'c']);
  });
});
