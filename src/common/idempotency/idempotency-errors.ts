import { DomainError } from '../errors/domain-error.js';

export class IdempotencyKeyInvalidError extends DomainError {
  constructor(message = 'must be 1–255 printable ASCII characters') {
    super(400, 'idempotency_key_invalid', 'Invalid request', `Idempotency-Key ${message}.`, [{ field: 'Idempotency-Key', message }]);
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(422, 'idempotency_key_reused', 'Unprocessable request', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
  }
}

export class IdempotencyInFlightError extends DomainError {
  constructor() {
    super(409, 'idempotency_request_in_progress', 'Conflict', 'A request with this Idempotency-Key is still being processed; retry shortly.', [], {
      'retry-after': '1',
    });
  }
}
