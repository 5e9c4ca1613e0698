import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendQuotaHeaders, QuotaGate, quotaExceededError } from '../metering/quota-gate.js';
import { AuthFailureLimiter } from '../rate-limit/auth-failure-limiter.js';
import { KeyRateLimiter, rateLimitedError, setRateLimitHeaders } from '../rate-limit/key-rate-limiter.js';
import { ApiKeyAuthService } from './api-key-auth.service.js';
import { ApiKeyMissingError, ApiKeyRevokedError, InsufficientScopeError, InvalidApiKeyError, TenantSuspendedError } from './auth-errors.js';
import { presentedApiKey } from './presented-api-key.js';
import type { Principal } from './principal.js';
import { REQUIRED_SCOPES } from './required-scopes.js';
import type { Scope } from './scopes.js';

/**
 * Every partner route's gate, in one guard: the API key (401/403, or 429 `too_many_auth_failures`
 * once an address has presented too many unknown keys), the per-key rate limit (429 `rate_limited`),
 * the route's scopes (403 `insufficient_scope`), then the monthly quota of billable routes (429
 * `quota_exceeded`). One guard rather than a passport strategy and four
 * guards: this runs on every partner request, and the framework's per-guard and per-strategy
 * plumbing cost more than the checks (see the README's performance section). The quota is
 * claimed last, and only by calls the key may make: it is shared by all of a tenant's keys, so
 * one key's refused flood must not hold units another key's valid calls need.
 */
@Injectable()
export class PartnerGuard implements CanActivate {
  constructor(
    private readonly auth: ApiKeyAuthService,
    private readonly reflector: Reflector,
    private readonly rateLimiter: KeyRateLimiter,
    private readonly quota: QuotaGate,
    private readonly authFailures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const principal = await this.authenticate(request);
    request.principal = principal;

    const rateLimit = await this.rateLimiter.consume(principal);
    setRateLimitHeaders(reply, rateLimit);
    if (!rateLimit.allowed) throw rateLimitedError(rateLimit);
    this.assertScopes(context, principal);

    const quotaClaim = await this.quota.claim(request, principal);
    if (!quotaClaim) return true;
    appendQuotaHeaders(reply, quotaClaim);
    if (!quotaClaim.reservation.allowed) throw quotaExceededError(quotaClaim);
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const secret = presentedApiKey(request);
    if (!secret) throw new ApiKeyMissingError();
    // An address that keeps presenting unknown keys stops costing database lookups (429).
    const principal = await this.auth.resolve(secret, () => this.authFailures.assertAllowed(request.ip));
    if (!principal) {
      await this.authFailures.recordFailure(request.ip);
      throw new InvalidApiKeyError();
    }
    if (principal.revoked) throw new ApiKeyRevokedError();
    if (principal.tenantStatus !== 'active') throw new TenantSuspendedError();
    return principal;
  }

  private assertScopes(context: ExecutionContext, principal: Principal): void {
    const required = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return;
    if (!required.some((scope) => principal.scopes.includes(scope))) throw new InsufficientScopeError(required);
  }
}
