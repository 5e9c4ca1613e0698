import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { preferredLanguage, type Language } from './language.js';

/** The response language chosen from `Accept-Language`. */
export const AcceptLanguage = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Language => preferredLanguage(context.switchToHttp().getRequest<FastifyRequest>()),
);
