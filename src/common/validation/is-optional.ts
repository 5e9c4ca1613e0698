import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but not sent as `null`: class-validator's own `IsOptional`
 * also waives every check for `null`, which let `null` reach code that expected a value.
 * Here `null` is validated like any other value (and refused by the type check).
 */
export const IsOptional = (options?: ValidationOptions) => ValidateIf((_object: object, value: unknown) => value !== undefined, options);
