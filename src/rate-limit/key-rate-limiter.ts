import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.js';
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

/** One request's standing against its key's per-second limit. */
export interface RateLimitOutcome {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Per-key request rate limit in Redis (fixed one-second window, via rate-limiter-flexible),
 * sized by the tenant's plan. If Redis is away, each replica falls back to an in-memory
 * limiter of the same size rather than failing every request.
 */
@Injectable()
export class KeyRateLimiter {
  private readonly limiters = new Map<number, RateLimiterRedis>();

  constructor(private readonly redis: RedisService) {}

  /** Spends one point of the key's budget for this second. */
  async consume(principal: Principal): Promise<RateLimitOutcome> {
    const limit = principal.plan.rateLimitPerSecond;
    try {
      return outcome(limit, true, await this.limiterFor(limit).consume(principal.keyId));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return outcome(limit, false, rejection);
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

function outcome(limit: number, allowed: boolean, result: RateLimiterRes): RateLimitOutcome {
  return { allowed, limit, remaining: Math.max(0, result.remainingPoints), resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
}

/**
 * RateLimit header fields: the classic `RateLimit-Limit/Remaining/Reset` trio for the per-key
 * limit, and the structured `RateLimit-Policy` / `RateLimit` fields of the IETF draft, where
 * this is the policy named "key" (billable routes add the monthly "quota" policy after it).
 */
export function setRateLimitHeaders(reply: FastifyReply, outcome: RateLimitOutcome): void {
  reply.header('ratelimit-limit', String(outcome.limit));
  reply.header('ratelimit-remaining', String(outcome.remaining));
  reply.header('ratelimit-reset', String(outcome.resetSeconds));
  reply.header('ratelimit-policy', `"key";q=${outcome.limit};w=${WINDOW_SECONDS}`);
  reply.header('ratelimit', `"key";r=${outcome.remaining};t=${outcome.resetSeconds}`);
}

export function rateLimitedError(outcome: RateLimitOutcome): RateLimitedError {
  return new RateLimitedError(outcome.limit, outcome.resetSeconds);
}
