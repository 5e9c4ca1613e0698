import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../redis/redis.service.js';
import { billingMonthOf, type BillingMonth } from './billing-calendar.js';

const INCREMENT_IF_EXISTS = `if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('INCRBY', KEYS[1], ARGV[1])`;

export interface QuotaReservation {
  allowed: boolean;
  /** Units left after this reservation (0 when refused). */
  remaining: number;
  month: BillingMonth;
  /** False when Redis could not be asked: the call is served (and billed in PostgreSQL) unchecked. */
  enforced: boolean;
}

/**
 * Monthly quotas in billable units, enforced before the work: a Redis counter per tenant and
 * billing month is incremented up front and given back if the call ends up not billable.
 * PostgreSQL holds the truth: a counter Redis lost (restart, new month) is re-seeded from
 * the month's billed units. If Redis is unreachable the call is served unchecked rather
 * than refused: it is still billed exactly, in the business transaction.
 */
@Injectable()
export class QuotaService {
  private readonly logger = new Logger(QuotaService.name);
  private current?: BillingMonth;
  private readonly incrementIfExists: (key: string, units: number) => Promise<number>;

  constructor(
    private readonly redis: RedisService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {
    this.incrementIfExists = redis.script<number>('gxIncrementIfExists', INCREMENT_IF_EXISTS, 1);
  }

  /** The billing month of `now`; the current one is cached until it ends (time-zone math is not free). */
  month(now = new Date()): BillingMonth {
    const cached = this.current;
    if (cached && now >= cached.start && now < cached.end) return cached;
    const month = billingMonthOf(now, this.config.billingTimeZone);
    if (Math.abs(now.getTime() - Date.now()) < 60_000) this.current = month;
    return month;
  }

  async reserve(tenantId: string, quota: number, units: number, now = new Date()): Promise<QuotaReservation> {
    const month = this.month(now);
    const key = this.counterKey(tenantId, month.key);
    try {
      let used = await this.incrementIfSeeded(key, units);
      if (used === undefined) {
        // No counter: this month has just begun here, or Redis lost it. Seed it from the ledger
        // (no reservation can have been made without a counter, so the ledger is complete),
        // once: concurrent seeders agree on the value and SET NX keeps the first.
        const billed = await this.billedUnits(tenantId, month);
        const ttl = Math.ceil((month.end.getTime() - now.getTime()) / 1000) + 7 * 86_400;
        await this.redis.client.set(key, billed, 'EX', ttl, 'NX');
        used = (await this.incrementIfSeeded(key, units)) ?? billed + units;
      }
      if (used > quota) {
        await this.redis.client.decrby(key, units);
        return { allowed: false, remaining: 0, month, enforced: true };
      }
      return { allowed: true, remaining: quota - used, month, enforced: true };
    } catch (err) {
      this.logger.warn(`quota not checked (Redis unavailable): ${(err as Error).message}`);
      return { allowed: true, remaining: Math.max(0, quota), month, enforced: false };
    }
  }

  async refund(tenantId: string, monthKey: string, units: number): Promise<void> {
    try {
      await this.redis.client.decrby(this.counterKey(tenantId, monthKey), units);
    } catch (err) {
      this.logger.warn(`quota refund lost (Redis unavailable): ${(err as Error).message}`);
    }
  }

  /** Billable units of the tenant in the month, from the ledger (exact). */
  async billedUnits(tenantId: string, month: BillingMonth): Promise<number> {
    const rows: { units: string }[] = await this.db.query(
      `SELECT COALESCE(sum(units), 0)::bigint AS units FROM usage_events
        WHERE tenant_id = $1 AND billable AND occurred_at >= $2 AND occurred_at < $3`,
      [tenantId, month.start, month.end],
    );
    return Number(rows[0]?.units ?? 0);
  }

  /** INCRBY on an existing counter only; undefined when it has to be seeded first. */
  private async incrementIfSeeded(key: string, units: number): Promise<number | undefined> {
    const result = await this.incrementIfExists(key, units);
    return result < 0 ? undefined : result;
  }

  private counterKey(tenantId: string, monthKey: string): string {
    return this.redis.key('quota', tenantId, monthKey);
  }
}
