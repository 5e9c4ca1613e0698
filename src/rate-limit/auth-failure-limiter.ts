import { Injectable, Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { TooManyAuthFailuresError } from '../auth/auth-errors.js';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../redis/redis.service.js';

const WINDOW_SECONDS = 60;

/**
 * Unknown API keys per client address and minute (rate-limiter-flexible, in Redis, so the
 * budget holds across replicas). A key the api has not cached costs a database lookup, and
 * random well-formed keys are never the same twice, so without this any client could turn
 * requests into database load for free. Past the budget such lookups answer 429 until the
 * minute ends; keys already cached (every key in use) go on working from the same address.
 * If Redis is away it fails open, as the per-key limiter does: the keys themselves are 256-bit.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly logger = new Logger(AuthFailureLimiter.name);
  private readonly limiter?: RateLimiterRedis;
  private readonly perMinute: number;

  constructor(redis: RedisService, config: AppConfig) {
    this.perMinute = config.authFailuresPerMinute;
    if (this.perMinute > 0) {
      this.limiter = new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: redis.key('authfail'),
        points: this.perMinute,
        duration: WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points: this.perMinute, duration: WINDOW_SECONDS }),
      });
    }
  }

  /** Throws 429 `too_many_auth_failures` when `address` has used up its budget. */
  async assertAllowed(address: string): Promise<void> {
    if (!this.limiter) return;
    let standing;
    try {
      standing = await this.limiter.get(address);
    } catch (err) {
      this.logger.warn(`failed-authentication budget not checked: ${(err as Error).message}`);
      return;
    }
    if (standing && standing.consumedPoints >= this.perMinute) {
      throw new TooManyAuthFailuresError(this.perMinute, Math.max(1, Math.ceil(standing.msBeforeNext / 1000)));
    }
  }

  async recordFailure(address: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.penalty(address, 1);
    } catch (err) {
      this.logger.warn(`failed authentication not counted: ${(err as Error).message}`);
    }
  }
}
