import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * A POST that honours `Idempotency-Key`: the interceptor, and the header in the OpenAPI
 * document. Per route rather than global, so GETs do not pay for an interceptor chain they
 * never use; a test holds every POST route to it.
 */
export function Idempotent() {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Unique key (1–255 printable ASCII characters, a UUID is ideal) that makes retries safe: a replay with the same body returns the first response with `Idempotent-Replayed: true`; the same key with another body answers 422; while the first request runs, 409. Kept 24 h per tenant and mode (live and test keys never share one).',
      schema: { type: 'string', maxLength: 255, example: '5f1e0c1c-2f0a-4c47-9a51-7d7b4bb0e4a1' },
    }),
  );
}
