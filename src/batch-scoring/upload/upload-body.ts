import type { Readable } from 'node:stream';

/**
 * The parsed "body" of a CSV or NDJSON upload: the request stream itself, unread. Fastify's
 * content-type parser hands it over before a single byte is read, so the upload is consumed
 * only after authentication, and only as fast as PostgreSQL takes the rows.
 *
 * Its enumerable fields are what the idempotency fingerprint sees (a stream cannot be
 * hashed before it is read): a retry with the same key, media type, length and query is the
 * same upload.
 */
export class UploadBody {
  declare readonly stream: Readable;

  constructor(
    readonly contentType: string,
    readonly contentLength: number | null,
    readonly query: string,
    stream?: Readable,
  ) {
    if (stream) Object.defineProperty(this, 'stream', { value: stream, enumerable: false });
  }
}

/** `text/csv; charset=utf-8` → `text/csv`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0].trim().toLowerCase();
}

export function contentLengthOf(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,15}$/.test(header)) return null;
  return Number(header);
}
