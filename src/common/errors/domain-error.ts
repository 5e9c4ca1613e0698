/** One offending field in a request: `field` is a dotted path (`plan.monthlyQuota`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An error the business code raises with a stable, machine-readable `code`. Services throw
 * these (never HTTP exceptions) so the worker can reuse them; one filter maps them to
 * RFC 9457 problem+json.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id?: string) {
    super(404, 'resource_not_found', 'Resource not found', id ? `No ${resource} with id '${id}'.` : `No such ${resource}.`);
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields; see errors[].') {
    super(400, 'validation_failed', 'Invalid request', detail, errors);
  }
}

/** Well-formed input that cannot be acted on (e.g. a schedule that cannot be built). */
export class UnprocessableError extends DomainError {
  constructor(code: string, detail: string, errors: FieldError[] = []) {
    super(422, code, 'Unprocessable request', detail, errors);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, detail: string) {
    super(409, code, 'Conflict', detail);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(code: string, detail: string, retryAfterSeconds = 1, extensions: Record<string, unknown> = {}) {
    super(503, code, 'Service unavailable', detail, [], { 'retry-after': String(retryAfterSeconds) }, extensions);
  }
}
