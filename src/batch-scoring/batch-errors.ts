import { ConflictError, DomainError, ValidationFailedError } from '../common/errors/domain-error.js';

/** Over the row or byte limit: nothing was stored. The connection is closed rather than the rest of the body read. */
export class BatchTooLargeError extends DomainError {
  constructor(limit: 'rows' | 'bytes', max: number) {
    super(
      413,
      'payload_too_large',
      'Payload too large',
      limit === 'rows' ? `The upload has more than ${max} rows; split it into several jobs. Nothing was stored.` : `The upload is larger than ${max} bytes. Nothing was stored.`,
      [],
      { connection: 'close' },
      { limit: { [limit]: max } },
    );
  }
}

export class UnsupportedUploadTypeError extends DomainError {
  constructor(detail = 'Upload the rows as text/csv, application/x-ndjson, or a multipart/form-data file part.') {
    super(415, 'unsupported_media_type', 'Unsupported Media Type', detail);
  }
}

export class EmptyBatchError extends ValidationFailedError {
  constructor() {
    super([{ field: 'body', message: 'the upload has no rows' }], 'The upload has no data rows.');
  }
}

/** The whole upload is unreadable (a bad CSV header, an unterminated quote): nothing was stored. */
export class MalformedUploadError extends ValidationFailedError {
  constructor(field: string, message: string) {
    super([{ field, message }], `The upload cannot be read: ${message}. Nothing was stored.`);
  }
}

export class BatchJobFinishedError extends ConflictError {
  constructor(id: string, status: string) {
    super('batch_job_finished', `Batch job '${id}' has already ${status === 'completed' ? 'completed' : 'failed'}; it cannot be cancelled.`);
  }
}

export class BatchJobNotFinishedError extends ConflictError {
  constructor(id: string, status: string) {
    super('batch_job_not_finished', `Batch job '${id}' is ${status}; its results can be downloaded once it has completed (or was cancelled or failed).`);
  }
}

export class NotAcceptableError extends DomainError {
  constructor() {
    super(406, 'not_acceptable', 'Not Acceptable', 'Results are available as text/csv or application/x-ndjson.');
  }
}
