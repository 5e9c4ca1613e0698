import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_OMIT_FIELDS = 'gx:idempotencyOmitFields';

/**
 * Fields of the response never written to the idempotency store (a secret shown once). A
 * replay then returns the resource without them: the secret cannot be shown twice.
 */
export const OmitFromIdempotentReplay = (...fields: string[]) => SetMetadata(IDEMPOTENCY_OMIT_FIELDS, fields);
