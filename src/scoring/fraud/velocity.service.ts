import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { IdentitySignals } from '../../identity/identity-signals.service.js';
import { RedisService } from '../../redis/redis.service.js';
import type { FraudSignals, VelocityCounts } from './fraud-rules.js';

const HOUR = 3_600;
const DAY = 86_400;

export interface VelocitySubject {
  tenantId: string;
  idNumberHash: string;
  phoneHash: string | null;
  deviceId: string | null;
}

type Kind = 'id' | 'phone' | 'device';

/**
 * Consortium velocity in Redis, across all partners. Per hashed identifier, one hash holds
 * hourly (`h<n>`) and daily (`d<n>`) counters: 1 h, 24 h and 30 d are sliding windows summed
 * from them. A sorted set holds the partners that asked about the person, and a counter the
 * failed identity checks. One round trip (auto-pipelined); `record: false` (portfolio reviews)
 * reads without counting the request.
 */
@Injectable()
export class VelocityService {
  private readonly logger = new Logger(VelocityService.name);

  constructor(
    private readonly redis: RedisService,
    private readonly identitySignals: IdentitySignals,
  ) {}

  async observe(subject: VelocitySubject, options: { record: boolean; now?: Date }): Promise<FraudSignals> {
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const hour = Math.floor(nowSeconds / HOUR);
    const day = Math.floor(nowSeconds / DAY);
    const identifiers: [Kind, string | null][] = [
      ['id', subject.idNumberHash],
      ['phone', subject.phoneHash],
      ['device', subject.deviceId ? createHash('sha256').update(`device:${subject.deviceId}`).digest('hex') : null],
    ];

    // Issued together in one tick: Redis auto-pipelining sends them (with the concurrent
    // requests' commands) in one write, and they arrive as one round trip.
    const redis = this.redis.client;
    const writes: Promise<unknown>[] = [];
    const reads: { kind: Kind; key: string; buckets: Promise<Record<string, string>> }[] = [];
    for (const [kind, hash] of identifiers) {
      if (!hash) continue;
      const key = this.redis.key('fraud', 'vel', kind, hash);
      if (options.record) writes.push(redis.hincrby(key, `h${hour}`, 1), redis.hincrby(key, `d${day}`, 1), redis.expire(key, 31 * DAY));
      reads.push({ kind, key, buckets: redis.hgetall(key) });
    }
    const partnersKey = this.redis.key('fraud', 'partners', subject.idNumberHash);
    if (options.record) writes.push(redis.zadd(partnersKey, nowSeconds, subject.tenantId), redis.expire(partnersKey, 31 * DAY));
    const partners = redis.zcount(partnersKey, nowSeconds - 30 * DAY, '+inf');
    const failures = redis.get(this.identitySignals.failureKey(subject.idNumberHash));
    const [, bucketsByKind, distinctPartners, identityFailures] = await Promise.all([
      Promise.all(writes),
      Promise.all(reads.map((read) => read.buckets)),
      partners,
      failures,
    ]);

    const counts: Partial<Record<Kind, VelocityCounts>> = {};
    const stale: [string, string[]][] = [];
    reads.forEach((read, i) => {
      const window = windowCounts(bucketsByKind[i] ?? {}, nowSeconds);
      counts[read.kind] = window.counts;
      if (window.stale.length > 0) stale.push([read.key, window.stale]);
    });
    if (options.record && stale.length > 0) this.prune(stale);
    return {
      idNumber: counts.id ?? null,
      phone: counts.phone ?? null,
      device: counts.device ?? null,
      distinctPartners30d: distinctPartners,
      identityFailures30d: identityFailures === null ? 0 : Number(identityFailures),
    };
  }

  /** Buckets that left every window are deleted after the answer (they no longer count anyway). */
  private prune(stale: [string, string[]][]): void {
    for (const [key, fields] of stale) {
      this.redis.client.hdel(key, ...fields).catch((err: Error) => this.logger.warn(`velocity prune failed: ${err.message}`));
    }
  }
}

/**
 * Sliding windows from hourly and daily buckets: the last hour is the current bucket plus the
 * unexpired share of the previous one; 24 h the last 24 hourly buckets; 30 d the last 30
 * daily ones. Also names the buckets older than every window.
 */
export function windowCounts(buckets: Record<string, string>, nowSeconds: number): { counts: VelocityCounts; stale: string[] } {
  const hour = Math.floor(nowSeconds / HOUR);
  const day = Math.floor(nowSeconds / DAY);
  const hourFraction = (nowSeconds % HOUR) / HOUR;
  let current = 0;
  let previous = 0;
  let lastDay = 0;
  let last30Days = 0;
  const stale: string[] = [];
  for (const [field, raw] of Object.entries(buckets)) {
    const n = Number(raw);
    const index = Number(field.slice(1));
    if (field.startsWith('h')) {
      if (index > hour - 24) lastDay += n;
      else stale.push(field);
      if (index === hour) current = n;
      if (index === hour - 1) previous = n;
    } else if (index > day - 30) last30Days += n;
    else stale.push(field);
  }
  return { counts: { lastHour: current + Math.round(previous * (1 - hourFraction)), lastDay, last30Days }, stale };
}
