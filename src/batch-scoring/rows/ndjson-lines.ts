/** Splits a stream of text into NDJSON lines; blank lines are skipped, CRLF is accepted. */
export class NdjsonLineReader {
  private carry = '';

  constructor(private readonly maxLineChars = 1 << 20) {}

  push(text: string, out: string[]): void {
    const s = this.carry.length > 0 ? this.carry + text : text;
    let start = 0;
    for (let newline = s.indexOf('\n'); newline !== -1; newline = s.indexOf('\n', start)) {
      this.emit(s, start, newline, out);
      start = newline + 1;
    }
    this.carry = s.slice(start);
    if (this.carry.length > this.maxLineChars) throw new NdjsonFormatError(`a line is longer than ${this.maxLineChars} characters`);
  }

  end(out: string[]): void {
    const rest = this.carry;
    this.carry = '';
    this.emit(rest, 0, rest.length, out);
  }

  private emit(s: string, start: number, end: number, out: string[]): void {
    if (end > start && s.charCodeAt(end - 1) === 13) end--;
    // Whitespace-only lines are blank too.
    while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start++;
    if (end > start) out.push(s.slice(start, end));
  }
}

export class NdjsonFormatError extends Error {}
