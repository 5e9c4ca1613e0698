import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../redis/redis.service.js';

const FAILURE_WINDOW_SECONDS = 30 * 24 * 3_600;

/**
 * Consortium signal: failed identity checks per hashed ID number across all partners, read
 * by the fraud rules. A partner only ever sees the resulting signal, never the counts.
 */
@Injectable()
export class IdentitySignals {
  private readonly logger = new Logger(IdentitySignals.name);

  constructor(private readonly redis: RedisService) {}

  failureKey(idNumberHash: string): string {
    return this.redis.key('fraud', 'idfail', idNumberHash);
  }

  async recordFailure(idNumberHash: string): Promise<void> {
    try {
      await this.redis.client.multi().incr(this.failureKey(idNumberHash)).expire(this.failureKey(idNumberHash), FAILURE_WINDOW_SECONDS).exec();
    } catch (err) {
      // The check result stands without the signal; fraud scoring reports itself degraded then.
      this.logger.warn(`identity failure signal not recorded: ${(err as Error).message}`);
    }
  }
}
