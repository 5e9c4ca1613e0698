import { readFile } from 'node:fs/promises';

/**
 * Minimal CSV for training files: header row, comma separated, LF or CRLF line endings.
 * Double-quoted fields may contain commas and doubled quotes (`"a ""b"", c"`); a quoted
 * field may not span lines. Blank lines are skipped.
 */
export interface CsvTable {
  header: string[];
  /** Data rows (header excluded); row i is "data row i" of the holdout index file. */
  rows: string[][];
}

export function parseCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) throw new SyntaxError(`unterminated quoted field in line: ${line.slice(0, 80)}`);
  out.push(field);
  return out;
}

export function parseCsv(text: string): CsvTable {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  if (first >= lines.length) throw new SyntaxError('CSV has no header row');
  const header = parseCsvLine(lines[first].replace(/^\uFEFF/, '')).map((h) => h.trim());
  const rows: string[][] = [];
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const row = parseCsvLine(line);
    if (row.length !== header.length) {
      throw new SyntaxError(`CSV line ${i + 1} has ${row.length} fields, header has ${header.length}`);
    }
    rows.push(row);
  }
  return { header, rows };
}

export async function readCsvFile(path: string): Promise<CsvTable> {
  return parseCsv(await readFile(path, 'utf8'));
}

/** One 0-based data-row index per line (blank lines ignored); every index must be < rowCount. */
export function parseHoldoutIndex(text: string, rowCount: number): Set<number> {
  const set = new Set<number>();
  text.split(/\r?\n/).forEach((raw, lineNo) => {
    const line = raw.trim();
    if (line === '') return;
    if (!/^\d+$/.test(line)) throw new SyntaxError(`holdout index line ${lineNo + 1} is not an integer: ${line}`);
    const idx = Number(line);
    if (idx >= rowCount) throw new RangeError(`holdout index ${idx} is beyond the ${rowCount} data rows`);
    set.add(idx);
  });
  return set;
}

export async function readHoldoutIndex(path: string, rowCount: number): Promise<Set<number>> {
  return parseHoldoutIndex(await readFile(path, 'utf8'), rowCount);
}
