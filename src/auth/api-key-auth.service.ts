import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { hashApiKey, isWellFormedApiKey } from '../api-keys/api-key-format.js';
import { AppConfig } from '../config/app-config.js';
import { RedisService } from '../redis/redis.service.js';
import type { Principal } from './principal.js';
import type { Scope } from './scopes.js';

type Invalidation = { keyHash: string } | { tenantId: string };

interface PrincipalRow {
  key_id: string;
  key_name: string;
  prefix: string;
  secret_hash: string;
  scopes: Scope[];
  mode: Principal['mode'];
  revoked_at: Date | null;
  tenant_id: string;
  tenant_name: string;
  kind: Principal['tenantKind'];
  status: Principal['tenantStatus'];
  plan_monthly_quota: number;
  plan_rate_limit_per_second: number;
  plan_prices: Principal['plan']['prices'];
  currency: string;
  model_pins: Record<string, string>;
}

const NOT_FOUND = 'not_found' as const;

/**
 * Resolves an API key to its principal without a database round trip on the hot path:
 * principals are cached in memory per key hash and dropped on every replica the moment a
 * key is revoked or its tenant changes (Redis pub/sub). If the invalidation channel is
 * down, the cache is bypassed: a stale "valid" answer is never served.
 */
@Injectable()
export class ApiKeyAuthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyAuthService.name);
  private readonly cache: LRUCache<string, Principal | typeof NOT_FOUND>;
  private readonly channel: string;
  private channelLive = false;
  private closing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisService,
    config: AppConfig,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: Math.max(config.apiKeyCacheTtlMs, 1), ttlAutopurge: false });
    this.channel = redis.key('auth', 'invalidate');
  }

  async onModuleInit(): Promise<void> {
    const subscriber = this.redis.subscriber();
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.applyInvalidation(message);
    });
    // Whatever was published while we were disconnected is lost: start from an empty cache.
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.cache.clear();
          this.channelLive = true;
        },
        (err: Error) => {
          if (!this.closing) this.logger.warn(`auth invalidation subscribe failed: ${err.message}`);
        },
      );
    });
    subscriber.on('close', () => {
      this.channelLive = false;
      this.cache.clear();
    });
    if (subscriber.status === 'ready') {
      await subscriber.subscribe(this.channel);
      this.channelLive = true;
    }
  }

  onModuleDestroy(): void {
    this.closing = true;
    this.channelLive = false;
  }

  /**
   * The principal for a presented secret, or `undefined` when no such key exists.
   * `beforeLookup` runs, and may throw, only when the answer needs the database.
   */
  async resolve(secret: string, beforeLookup?: () => Promise<void>): Promise<Principal | undefined> {
    // Hash first, whatever the input: lookups then take the same path for every candidate.
    const keyHash = hashApiKey(secret);
    if (!isWellFormedApiKey(secret)) return undefined;
    if (this.channelLive) {
      const cached = this.cache.get(keyHash);
      if (cached !== undefined) return cached === NOT_FOUND ? undefined : cached;
    }
    await beforeLookup?.();
    const principal = await this.load(keyHash);
    if (this.channelLive) {
      this.cache.set(keyHash, principal ?? NOT_FOUND, principal ? undefined : { ttl: 5_000 });
    }
    return principal;
  }

  /** Drops a key (or all of a tenant's keys) from every replica's cache. */
  async invalidate(invalidation: Invalidation): Promise<void> {
    const message = JSON.stringify(invalidation);
    this.applyInvalidation(message);
    try {
      await this.redis.client.publish(this.channel, message);
    } catch (err) {
      // Other replicas whose subscriber is down bypass their caches, so this is safe to log and go on.
      this.logger.error(`could not publish auth invalidation: ${(err as Error).message}`);
    }
  }

  private applyInvalidation(message: string): void {
    let parsed: Invalidation;
    try {
      parsed = JSON.parse(message) as Invalidation;
    } catch {
      return;
    }
    if ('keyHash' in parsed) {
      this.cache.delete(parsed.keyHash);
      return;
    }
    for (const [hash, entry] of this.cache.entries()) {
      if (entry !== NOT_FOUND && entry.tenantId === parsed.tenantId) this.cache.delete(hash);
    }
  }

  private async load(keyHash: string): Promise<Principal | undefined> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT k.id AS key_id, k.name AS key_name, k.prefix, k.secret_hash, k.scopes, k.mode, k.revoked_at,
              t.id AS tenant_id, t.name AS tenant_name, t.kind, t.status, t.plan_monthly_quota,
              t.plan_rate_limit_per_second, t.plan_prices, t.currency, t.model_pins
         FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.secret_hash = $1`,
      [keyHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      tenantKind: row.kind,
      tenantStatus: row.status,
      keyId: row.key_id,
      keyName: row.key_name,
      keyPrefix: row.prefix,
      keyHash: row.secret_hash,
      scopes: row.scopes,
      mode: row.mode,
      revoked: row.revoked_at !== null,
      plan: {
        monthlyQuota: row.plan_monthly_quota,
        rateLimitPerSecond: row.plan_rate_limit_per_second,
        prices: row.plan_prices,
      },
      currency: row.currency,
      modelPins: row.model_pins,
    };
  }
}
