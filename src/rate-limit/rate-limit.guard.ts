import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/errors/domain-error.js';
import { RedisService } from '../redis/redis.service.js';

const WINDOW_SECONDS = 1;

export class RateLimitedError extends DomainError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      429,
      'rate_limited',
      'Too many requests',
      `This API key is limited to ${limit} requests per second; retry after ${retryAfterSeconds} s.`,
      [],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

/**
 * Per-key request rate limit in Redis (fixed one-second window, via rate-limiter-flexible),
 * sized by the tenant's plan. If Redis is away, each replica falls back to an in-memory
 * limiter of the same size rather than failing every request.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(private readonly redis: RedisService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const principal = request.principal;
    if (!principal) return true;
    const limit = principal.plan.rateLimitPerSecond;
    const reply = http.getResponse<FastifyReply>();
    try {
      const result = await this.limiterFor(limit).consume(principal.keyId);
      setHeaders(reply, limit, result);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      setHeaders(reply, limit, rejection);
      throw new RateLimitedError(limit, secondsUntil(rejection));
    }
  }

  private limiterFor(points: number): RateLimiterRedis {
    let limiter = this.limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis.client,
        keyPrefix: this.redis.key('rl', String(points)),
        points,
        duration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: WINDOW_SECONDS }),
      });
      this.limiters.set(points, limiter);
    }
    return limiter;
  }
}

function secondsUntil(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}

/**
 * RateLimit header fields: the classic `RateLimit-Limit/Remaining/Reset` trio for the per-key
 * limit, and the structured `RateLimit-Policy` / `RateLimit` fields of the IETF draft, where
 * this is the policy named "key" (billable routes add the monthly "quota" policy).
 */
function setHeaders(reply: FastifyReply, limit: number, result: RateLimiterRes): void {
  const remaining = Math.max(0, result.remainingPoints);
  const reset = secondsUntil(result);
  reply.header('ratelimit-limit', String(limit));
  reply.header('ratelimit-remaining', String(remaining));
  reply.header('ratelimit-reset', String(reset));
  reply.header('ratelimit-policy', `"key";q=${limit};w=${WINDOW_SECONDS}`);
  reply.header('ratelimit', `"key";r=${remaining};t=${reset}`);
}
