import { type ArgumentMetadata, Injectable, type PipeTransform, type Type } from '@nestjs/common';
import { createValidationPipe } from './validation-pipe.js';

/**
 * A body that may be left out entirely (`POST /payoff` with no body). The global pipe
 * refuses a missing DTO body, so such a parameter is declared `Dto | undefined` (which the
 * global pipe passes through) and validated here with the same rules, absent meaning `{}`.
 */
@Injectable()
export class OptionalBodyPipe<T extends object> implements PipeTransform<unknown, Promise<T>> {
  private readonly validation = createValidationPipe();

  constructor(private readonly dto: Type<T>) {}

  async transform(value: unknown, metadata: ArgumentMetadata): Promise<T> {
    return (await this.validation.transform(value ?? {}, { ...metadata, metatype: this.dto })) as T;
  }
}
