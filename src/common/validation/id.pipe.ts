import { Injectable, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-error.js';
import { redactPersonalIdentifiers } from '../../identity/domain/personal-identifiers.js';
import { idPattern, type IdPrefix } from '../ids.js';

/** A path id of the wrong shape cannot name anything: answer 404 without a lookup. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  private readonly pattern: RegExp;

  constructor(
    prefix: IdPrefix,
    private readonly resource: string,
  ) {
    this.pattern = idPattern(prefix);
  }

  transform(value: string): string {
    // Redacted before it is cut: a cut could leave part of an ID or phone number unrecognisable.
    if (!this.pattern.test(value)) throw new NotFoundError(this.resource, redactPersonalIdentifiers(value).slice(0, 64));
    return value;
  }
}
