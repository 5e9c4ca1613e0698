import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { InvalidApiKeyError } from './auth-errors.js';
import { API_KEY_STRATEGY } from './api-key.strategy.js';
import type { Principal } from './principal.js';

/** Authenticates partner requests through the passport strategy and records the principal. */
@Injectable()
export class ApiKeyGuard extends AuthGuard(API_KEY_STRATEGY) {
  override handleRequest<TUser = Principal>(err: unknown, user: unknown, _info: unknown, context: ExecutionContext): TUser {
    if (err instanceof Error) throw err;
    if (!user) throw new InvalidApiKeyError();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = user as Principal;
    request.principal = principal;
    return user as TUser;
  }

  override getAuthenticateOptions() {
    return { session: false };
  }
}
