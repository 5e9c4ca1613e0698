import { type ArgumentMetadata, ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { type FieldError, ValidationFailedError } from '../errors/domain-error.js';
import { type DtoClass, fastTransform, isStorableText } from './dto-fast-path.js';

/** Flattens class-validator's nested errors into `{ field: 'plan.monthlyQuota', message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (\S+) /, '$1 ') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * A DTO body must be a JSON object: `[]`, `"x"`, `42` or `null` are refused before validation.
 * No text anywhere in a request may hold a NUL character or an unpaired surrogate: PostgreSQL
 * cannot store either, so they are refused here as a 400 rather than failing in the database.
 */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Values from custom decorators (the principal) are the gateway's own, not the client's.
    if (metadata.type === 'custom') return value;
    const isDto = typeof metadata.metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metadata.metatype as never);
    if (metadata.type === 'body' && isDto && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationFailedError([{ field: 'body', message: 'the request body must be a JSON object' }]);
    }
    // A body the fast path is sure of (valid, NUL-free) skips the NUL scan and the libraries'
    // per-request cost; anything else, valid or not, goes through both (see dto-fast-path.ts).
    const fast = metadata.type === 'body' && isDto ? fastTransform(metadata.metatype as DtoClass, value) : undefined;
    if (fast !== undefined) return fast;
    const nul = findNulCharacter(value, metadata.type === 'body' || metadata.type === 'query' ? '' : (metadata.data ?? metadata.type));
    if (nul !== undefined) throw new ValidationFailedError([{ field: nul || metadata.type, message: 'must not contain NUL characters or unpaired surrogates' }]);
    return super.transform(value, metadata);
  }
}

/** The dotted path of the first string (or key) PostgreSQL could not store (`isStorableText`), if any. */
export function findNulCharacter(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!isStorableText(key)) return childPath;
    const found = findNulCharacter(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Unknown fields are rejected (not silently dropped), values are transformed to DTO
 * classes, and failures become a 400 problem with one entry per offending field. The fast
 * path (dto-fast-path.ts) models exactly these options.
 */
export const VALIDATION_PIPE_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  stopAtFirstError: false,
  exceptionFactory: (errors: ValidationError[]) => new ValidationFailedError(flattenValidationErrors(errors)),
} as const satisfies ValidationPipeOptions;

export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe(VALIDATION_PIPE_OPTIONS);
}
