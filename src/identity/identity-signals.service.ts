import { Injectable, Logger } from '@nestjs/common';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { RedisService } from '../redis/redis.service.js';

const FAILURE_WINDOW_SECONDS = 30 * 24 * 3_600;

/**
 * Where the consortium signals of a key's mode live. Test keys hit the sandbox (DESIGN §2):
 * their traffic, often the documentation's sample ID numbers, must never raise a real
 * person's fraud score, and live traffic never shows in the sandbox.
 */
export function consortiumSpace(mode: ApiKeyMode): string {
  return mode === 'live' ? 'fraud' : 'sandbox:fraud';
}

/**
 * Consortium signal: failed identity checks per hashed ID number across all partners, read
 * by the fraud rules. A partner only ever sees the resulting signal, never the counts.
 */
@Injectable()
export class IdentitySignals {
  private readonly logger = new Logger(IdentitySignals.name);

  constructor(private readonly redis: RedisService) {}

  failureKey(idNumberHash: string, mode: ApiKeyMode): string {
    return this.redis.key(consortiumSpace(mode), 'idfail', idNumberHash);
  }

  async recordFailure(idNumberHash: string, mode: ApiKeyMode): Promise<void> {
    const key = this.failureKey(idNumberHash, mode);
    try {
      await this.redis.client.multi().incr(key).expire(key, FAILURE_WINDOW_SECONDS).exec();
    } catch (err) {
      // The check result stands without the signal; fraud scoring reports itself degraded then.
      this.logger.warn(`identity failure signal not recorded: ${(err as Error).message}`);
    }
  }
}
