import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the `Idempotency-Key` request header of a creating POST. */
export function ApiIdempotencyKey() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Unique key (1–255 printable ASCII characters, a UUID is ideal) that makes retries safe: a replay with the same body returns the first response with `Idempotent-Replayed: true`; the same key with another body answers 422; while the first request runs, 409. Kept 24 h per tenant.',
      schema: { type: 'string', maxLength: 255, example: '5f1e0c1c-2f0a-4c47-9a51-7d7b4bb0e4a1' },
    }),
  );
}

export const IDEMPOTENCY_OMIT_FIELDS = 'gx:idempotencyOmitFields';

/**
 * Fields of the response never written to the idempotency store (a secret shown once). A
 * replay then returns the resource without them: the secret cannot be shown twice.
 */
export const OmitFromIdempotentReplay = (...fields: string[]) => SetMetadata(IDEMPOTENCY_OMIT_FIELDS, fields);
