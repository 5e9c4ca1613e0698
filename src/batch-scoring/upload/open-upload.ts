import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ValidationFailedError } from '../../common/errors/domain-error.js';
import { UnsupportedUploadTypeError } from '../batch-errors.js';
import type { UploadFormat } from '../jobs/batch-job.entity.js';
import type { OpenedUpload } from './batch-ingest.service.js';
import { CSV_TYPE, MULTIPART_TYPE, NDJSON_TYPES } from './upload-http.setup.js';
import { mediaType, UploadBody } from './upload-body.js';

function formatOfType(type: string): UploadFormat | undefined {
  if (type === CSV_TYPE) return 'csv';
  if ((NDJSON_TYPES as readonly string[]).includes(type)) return 'ndjson';
  return undefined;
}

function formatOfFileName(name: string): UploadFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  return undefined;
}

/**
 * Reads are pulled without `destroyOnReturn`: when the ingest stops early (413, a bad
 * header) the socket must stay open long enough to carry the problem response.
 */
function chunksOf(stream: Readable): AsyncIterable<Buffer> {
  return stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
}

/** The upload's rows as a byte stream, whichever way they were sent. */
export async function openUpload(request: FastifyRequest, formatHint: UploadFormat | undefined): Promise<OpenedUpload> {
  const body = request.body;
  if (body instanceof UploadBody && body.stream) {
    const format = formatOfType(body.contentType);
    if (!format) throw new UnsupportedUploadTypeError();
    return { format, declaredBytes: body.contentLength, chunks: chunksOf(body.stream) };
  }
  if (mediaType(request.headers['content-type']) === MULTIPART_TYPE && request.isMultipart()) {
    const part = await request.file();
    if (!part) throw new ValidationFailedError([{ field: 'file', message: 'the multipart body has no file part' }]);
    const format = formatHint ?? formatOfType(mediaType(part.mimetype)) ?? formatOfFileName(part.filename);
    if (!format) throw new UnsupportedUploadTypeError('The file part must be CSV or NDJSON: send it as text/csv or application/x-ndjson, name it .csv or .ndjson, or pass ?format=.');
    // The multipart envelope is a little larger than the file: the byte limit applies to the file.
    return { format, declaredBytes: null, chunks: chunksOf(part.file) };
  }
  throw new UnsupportedUploadTypeError();
}
