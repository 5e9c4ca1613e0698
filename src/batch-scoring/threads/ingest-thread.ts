import { workerData } from 'node:worker_threads';
import { BatchTooLargeError, MalformedUploadError } from '../batch-errors.js';
import { RowPreparer } from '../rows/row-preparation.js';
import { StagedRowEncoder } from '../rows/staged-row-encoder.js';
import { serveRequests, type ThreadError } from './thread-channel.js';
import type { IngestReply, IngestRequest } from './ingest-pool.js';

/** Worker thread: the row checks, hashing and encoding of uploads (one encoder per upload session). */
const piiSecret = Buffer.from((workerData as { piiSecret: string }).piiSecret, 'utf8');
const sessions = new Map<number, StagedRowEncoder>();

function reply(encoder: StagedRowEncoder, text: string): { value: IngestReply; transfer: ArrayBuffer[] } {
  const bytes = Buffer.from(text, 'utf8');
  // A private copy so its memory can be transferred, not cloned.
  const owned = new Uint8Array(bytes.byteLength);
  owned.set(bytes);
  return { value: { copy: owned, rows: encoder.rows, invalidRows: encoder.invalidRows }, transfer: [owned.buffer] };
}

serveRequests<IngestRequest, IngestReply>(
  (request) => {
    switch (request.op) {
      case 'open':
        sessions.set(request.session, new StagedRowEncoder(request.format, new RowPreparer(piiSecret, request.today), request.maxRows, request.chunkSize));
        return { value: { copy: new Uint8Array(0), rows: 0, invalidRows: 0 } };
      case 'push':
        return reply(sessions.get(request.session)!, sessions.get(request.session)!.push(request.text));
      case 'end': {
        const encoder = sessions.get(request.session)!;
        sessions.delete(request.session);
        return reply(encoder, encoder.end());
      }
      case 'close':
        sessions.delete(request.session);
        return { value: { copy: new Uint8Array(0), rows: 0, invalidRows: 0 } };
    }
  },
  (err): ThreadError => {
    if (err instanceof BatchTooLargeError) return { kind: 'too_large', message: err.message, details: err.extensions };
    if (err instanceof MalformedUploadError) return { kind: 'malformed', message: err.message, details: { errors: err.errors } };
    return { kind: 'internal', message: (err as Error)?.message ?? String(err) };
  },
);
