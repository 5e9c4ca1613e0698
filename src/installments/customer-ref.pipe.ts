import { Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../common/errors/domain-error.js';
import { CUSTOMER_REF_PATTERN } from '../consents/dto/consent.dto.js';
import { containsPersonalIdentifier, NOT_PERSONAL_MESSAGE, redactPersonalIdentifiers } from '../identity/domain/personal-identifiers.js';

/**
 * A `{customerRef}` path segment. Reading a malformed one is a 404 (it cannot name a line);
 * writing one is a 400 naming the field, since the client asked to create it. A reference
 * holding an ID or phone number is malformed: it would be stored (and logged) as is.
 */
@Injectable()
export class CustomerRefPipe implements PipeTransform<string, string> {
  constructor(private readonly onInvalid: 'not_found' | 'invalid') {}

  transform(value: string): string {
    const personal = containsPersonalIdentifier(value);
    if (CUSTOMER_REF_PATTERN.test(value) && !personal) return value;
    if (this.onInvalid === 'not_found') throw new NotFoundError('credit line', redactPersonalIdentifiers(value).slice(0, 64));
    const message = personal ? `customerRef ${NOT_PERSONAL_MESSAGE}` : 'customerRef must be 1–100 of letters, digits and ._:@-';
    throw new ValidationFailedError([{ field: 'customerRef', message }]);
  }
}
