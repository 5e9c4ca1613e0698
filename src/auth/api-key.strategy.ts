import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { ApiKeyAuthService } from './api-key-auth.service.js';
import { ApiKeyMissingError, ApiKeyRevokedError, InvalidApiKeyError, TenantSuspendedError } from './auth-errors.js';
import type { Principal } from './principal.js';

export const API_KEY_STRATEGY = 'api-key';

/** Reads the key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(request: Pick<FastifyRequest, 'headers'>): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header.trim() : undefined;
}

/** Passport strategy for partner API keys; failures carry their problem code. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, API_KEY_STRATEGY) {
  constructor(private readonly auth: ApiKeyAuthService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Principal> {
    const secret = presentedApiKey(request);
    if (!secret) throw new ApiKeyMissingError();
    const principal = await this.auth.resolve(secret);
    if (!principal) throw new InvalidApiKeyError();
    if (principal.revoked) throw new ApiKeyRevokedError();
    if (principal.tenantStatus !== 'active') throw new TenantSuspendedError();
    return principal;
  }
}
