import type { ChunkScorer } from '../processing/chunk-scorer.js';
import { forEachStagedRow } from '../rows/staged-format.js';

/** Result text is flushed to bytes every so often: a chunk's whole output as one string would outlive the young generation. */
const FLUSH_CHARS = 1 << 15;

/** A chunk's block of staged rows → their result rows (COPY text), as owned UTF-8 bytes. */
export function scoreStagedBlock(scorer: ChunkScorer, block: string): Uint8Array {
  const parts: Buffer[] = [];
  let size = 0;
  let out = '';
  forEachStagedRow(block, (row) => {
    out += scorer.scoreRow(row);
    if (out.length >= FLUSH_CHARS) {
      parts.push(Buffer.from(out, 'utf8'));
      size += parts[parts.length - 1].byteLength;
      out = '';
    }
  });
  parts.push(Buffer.from(out, 'utf8'));
  size += parts[parts.length - 1].byteLength;
  const owned = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    owned.set(part, offset);
    offset += part.byteLength;
  }
  return owned;
}
