import { ValidateBy, type ValidationOptions } from 'class-validator';
import { containsPersonalIdentifier, NOT_PERSONAL_MESSAGE } from '../../identity/domain/personal-identifiers.js';

/** A partner reference that is not (and does not hold) a resident ID or mobile number: it is stored and logged as is. */
export const NoPersonalIdentifiers = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'noPersonalIdentifiers',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !containsPersonalIdentifier(value),
        defaultMessage: () => `$property ${NOT_PERSONAL_MESSAGE}`,
      },
    },
    options,
  );
