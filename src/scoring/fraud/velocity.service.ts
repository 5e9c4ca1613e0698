import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ApiKeyMode } from '../../api-keys/api-key.entity.js';
import { consortiumSpace, IdentitySignals } from '../../identity/identity-signals.service.js';
import { RedisService } from '../../redis/redis.service.js';
import type { FraudSignals, VelocityCounts } from './fraud-rules.js';

const HOUR = 3_600;
const DAY = 86_400;

export interface VelocitySubject {
  tenantId: string;
  /** Test keys count and read in the sandbox's own counters (`consortiumSpace`). */
  mode: ApiKeyMode;
  idNumberHash: string;
  phoneHash: string | null;
  deviceId: string | null;
}

type Kind = 'id' | 'phone' | 'device';

/**
 * One Lua script does a request's whole velocity step inside Redis, in order: per identifier,
 * bump the hourly and daily buckets, refresh the expiry and read the hash back; add the
 * partner to the person's sorted set and count the last 30 days; read the identity-failure
 * counter. One command instead of sixteen: on the hot path each command's client-side cost
 * (a command object, a promise, a reply to parse) mattered more than Redis's own work.
 * KEYS: the n identifier hashes, the partners set, the failure counter.
 * ARGV: n, record (1|0), hour field, day field, ttl, now, 30-day window start, tenant id.
 */
const OBSERVE_LUA = `
local n = tonumber(ARGV[1])
local record = ARGV[2] == '1'
local out = {}
for i = 1, n do
  if record then
    redis.call('HINCRBY', KEYS[i], ARGV[3], 1)
    redis.call('HINCRBY', KEYS[i], ARGV[4], 1)
    redis.call('EXPIRE', KEYS[i], ARGV[5])
  end
  out[i] = redis.call('HGETALL', KEYS[i])
end
if record then
  redis.call('ZADD', KEYS[n + 1], ARGV[6], ARGV[8])
  redis.call('EXPIRE', KEYS[n + 1], ARGV[5])
end
out[n + 1] = redis.call('ZCOUNT', KEYS[n + 1], ARGV[7], '+inf')
out[n + 2] = redis.call('GET', KEYS[n + 2])
return out`;

type ObserveReply = [...(string[] | number | string | null)[]];

/**
 * Consortium velocity in Redis, across all partners. Per hashed identifier, one hash holds
 * hourly (`h<n>`) and daily (`d<n>`) counters: 1 h, 24 h and 30 d are sliding windows summed
 * from them. A sorted set holds the partners that asked about the person, and a counter the
 * failed identity checks. One script call (`OBSERVE_LUA`); `record: false` (portfolio
 * reviews) reads without counting the request.
 */
@Injectable()
export class VelocityService {
  private readonly logger = new Logger(VelocityService.name);
  private readonly observeScript: (...args: (string | number)[]) => Promise<ObserveReply>;

  constructor(
    private readonly redis: RedisService,
    private readonly identitySignals: IdentitySignals,
  ) {
    this.observeScript = redis.script<ObserveReply>('gxVelocityObserve', OBSERVE_LUA);
  }

  async observe(subject: VelocitySubject, options: { record: boolean; now?: Date }): Promise<FraudSignals> {
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const identifiers: [Kind, string | null][] = [
      ['id', subject.idNumberHash],
      ['phone', subject.phoneHash],
      ['device', subject.deviceId ? createHash('sha256').update(`device:${subject.deviceId}`).digest('hex') : null],
    ];
    const present = identifiers.filter((entry): entry is [Kind, string] => entry[1] !== null);
    const space = consortiumSpace(subject.mode);
    const keys = present.map(([kind, hash]) => this.redis.key(space, 'vel', kind, hash));
    const reply = await this.observeScript(
      keys.length + 2,
      ...keys,
      this.redis.key(space, 'partners', subject.idNumberHash),
      this.identitySignals.failureKey(subject.idNumberHash, subject.mode),
      keys.length,
      options.record ? 1 : 0,
      `h${Math.floor(nowSeconds / HOUR)}`,
      `d${Math.floor(nowSeconds / DAY)}`,
      31 * DAY,
      nowSeconds,
      nowSeconds - 30 * DAY,
      subject.tenantId,
    );

    const counts: Partial<Record<Kind, VelocityCounts>> = {};
    const stale: [string, string[]][] = [];
    present.forEach(([kind], i) => {
      const window = windowCounts(pairsToRecord(reply[i] as string[]), nowSeconds);
      counts[kind] = window.counts;
      if (window.stale.length > 0) stale.push([keys[i], window.stale]);
    });
    if (options.record && stale.length > 0) this.prune(stale);
    const identityFailures = reply[keys.length + 1];
    return {
      idNumber: counts.id ?? null,
      phone: counts.phone ?? null,
      device: counts.device ?? null,
      distinctPartners30d: Number(reply[keys.length]),
      identityFailures30d: identityFailures === null || identityFailures === undefined ? 0 : Number(identityFailures),
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

/** HGETALL's flat `[field, value, …]` reply (as a script returns it) as a record. */
function pairsToRecord(pairs: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) record[pairs[i]] = pairs[i + 1]!;
  return record;
}
