import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RedisService } from '../../redis/redis.service.js';
import { IdentitySignals } from '../../identity/identity-signals.service.js';
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
 * Consortium velocity in Redis, across all partners: hourly and daily buckets per hashed
 * identifier (sliding 1 h / 24 h / 30 d windows summed from buckets), the partners that
 * asked about the person, and the identity-failure counter. One pipelined round trip. With
 * `record: false` (portfolio reviews) it reads without counting the request.
 */
@Injectable()
export class VelocityService {
  constructor(
    private readonly redis: RedisService,
    private readonly identitySignals: IdentitySignals,
  ) {}

  async observe(subject: VelocitySubject, options: { record: boolean; now?: Date }): Promise<FraudSignals> {
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const hour = Math.floor(nowSeconds / HOUR);
    const day = Math.floor(nowSeconds / DAY);
    const hourFraction = (nowSeconds % HOUR) / HOUR;
    const identifiers: [Kind, string | null][] = [
      ['id', subject.idNumberHash],
      ['phone', subject.phoneHash],
      ['device', subject.deviceId ? createHash('sha256').update(`device:${subject.deviceId}`).digest('hex') : null],
    ];

    const pipeline = this.redis.client.pipeline();
    const reads: { kind: Kind; hours: number; days: number }[] = [];
    for (const [kind, hash] of identifiers) {
      if (!hash) continue;
      const hourKey = (h: number) => this.redis.key('fraud', 'vel', kind, hash, 'h', String(h));
      const dayKey = (d: number) => this.redis.key('fraud', 'vel', kind, hash, 'd', String(d));
      if (options.record) {
        pipeline.incr(hourKey(hour)).expire(hourKey(hour), 25 * HOUR);
        pipeline.incr(dayKey(day)).expire(dayKey(day), 31 * DAY);
      }
      pipeline.mget(...range(hour - 23, hour).map(hourKey));
      pipeline.mget(...range(day - 29, day).map(dayKey));
      reads.push({ kind, hours: pipeline.length - 2, days: pipeline.length - 1 });
    }
    // Partners asking about this person: a sorted set of tenant → last time, trimmed to 30 days.
    // (A HyperLogLog per day looked cheaper, but a 30-key PFCOUNT merge costs Redis ~1 ms.)
    const partnersKey = this.redis.key('fraud', 'partners', subject.idNumberHash);
    if (options.record) pipeline.zadd(partnersKey, nowSeconds, subject.tenantId).expire(partnersKey, 31 * DAY);
    pipeline.zcount(partnersKey, nowSeconds - 30 * DAY, '+inf');
    const partnersAt = pipeline.length - 1;
    pipeline.get(this.identitySignals.failureKey(subject.idNumberHash));
    const failuresAt = pipeline.length - 1;

    const results = await pipeline.exec();
    if (!results) throw new Error('velocity pipeline returned nothing');
    const value = (index: number): unknown => {
      const [err, result] = results[index] ?? [new Error('missing result'), null];
      if (err) throw err;
      return result;
    };

    const counts: Partial<Record<Kind, VelocityCounts>> = {};
    for (const read of reads) {
      const hourly = (value(read.hours) as (string | null)[]).map(toCount);
      const daily = (value(read.days) as (string | null)[]).map(toCount);
      const current = hourly[23] ?? 0;
      const previous = hourly[22] ?? 0;
      counts[read.kind] = {
        lastHour: current + Math.round(previous * (1 - hourFraction)),
        lastDay: sum(hourly.slice(-24)),
        last30Days: sum(daily),
      };
    }
    return {
      idNumber: counts.id ?? null,
      phone: counts.phone ?? null,
      device: counts.device ?? null,
      distinctPartners30d: Number(value(partnersAt)),
      identityFailures30d: toCount(value(failuresAt) as string | null),
    };
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function toCount(value: string | null): number {
  return value === null ? 0 : Number(value);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
