import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { AppConfig } from '../config/app-config.js';
import { billableMode } from './metered-routes.js';
import type { UsageProduct } from './usage-event.entity.js';

export interface BillableUsage {
  tenantId: string;
  /** The mode of the key the work was done for: sandbox work is never billed (`billableMode`). */
  mode: ApiKeyMode;
  apiKeyId: string | null;
  product: UsageProduct;
  route: string;
  units: number;
  /** The billed resource; unique, so the same resource can never be billed twice. */
  resourceId: string;
  /** Whether the event is also a call (a request) rather than units billed in the background. */
  isCall: boolean;
  occurredAt: Date;
}

export interface CallUsage {
  tenantId: string;
  apiKeyId: string;
  product: UsageProduct;
  route: string;
  statusClass: number;
  occurredAt: Date;
}

const FLUSH_EVERY_MS = 1_000;

/**
 * Writes usage. Billable units go in the caller's transaction (`recordBillable`), so they
 * commit or roll back with the business write: exact by construction, whatever crashes.
 * Non-billable calls (reads, errors, consents, quotes) are counted in memory per tenant, key,
 * product, route and status class, and written once a second as one row per group: at most
 * a second of call counts can be lost in a crash, never a billable unit.
 */
@Injectable()
export class UsageRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  private pending = new Map<string, CallUsage & { calls: number }>();
  private timer?: NodeJS.Timeout;
  readonly enabled: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.enabled = config.meteringEnabled;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Inside the business transaction. Returns false when this resource was already billed. */
  async recordBillable(manager: EntityManager, usage: BillableUsage): Promise<boolean> {
    if (!this.bills(usage.mode)) return true;
    const rows: unknown[] = await manager.query(
      `INSERT INTO usage_events (tenant_id, api_key_id, product, route, status_class, billable, calls, units, resource_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8, $9)
       ON CONFLICT (resource_id) WHERE resource_id IS NOT NULL DO NOTHING RETURNING id`,
      [usage.tenantId, usage.apiKeyId, usage.product, usage.route, usage.isCall ? 2 : 0, usage.isCall ? 1 : 0, usage.units, usage.resourceId, usage.occurredAt],
    );
    return rows.length > 0;
  }

  /** Whether work done for a key of `mode` is billed here (metering on, and a live key). */
  bills(mode: ApiKeyMode): boolean {
    return this.enabled && billableMode(mode);
  }

  recordCall(call: CallUsage): void {
    if (!this.enabled) return;
    const group = `${call.tenantId} ${call.apiKeyId} ${call.product} ${call.route} ${call.statusClass}`;
    const current = this.pending.get(group);
    if (current) current.calls += 1;
    else this.pending.set(group, { ...call, calls: 1 });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.db.query(
        `INSERT INTO usage_events (tenant_id, api_key_id, product, route, status_class, billable, calls, units, occurred_at)
         SELECT t, k, p, r, s, false, c, 0, o
           FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::smallint[], $6::integer[], $7::timestamptz[]) AS u(t, k, p, r, s, c, o)`,
        [
          batch.map((c) => c.tenantId),
          batch.map((c) => c.apiKeyId),
          batch.map((c) => c.product),
          batch.map((c) => c.route),
          batch.map((c) => c.statusClass),
          batch.map((c) => c.calls),
          batch.map((c) => c.occurredAt),
        ],
      );
    } catch (err) {
      this.logger.error(`could not record ${batch.reduce((sum, c) => sum + c.calls, 0)} calls: ${(err as Error).message}`);
    }
  }
}
