import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { IdempotencyInFlightError, IdempotencyKeyReusedError } from './idempotency-errors.js';

/** How long a first attempt may run before a retry may take the key over (crashed process). */
const IN_FLIGHT_LOCK_SECONDS = 60;

export type IdempotencyOutcome =
  | { kind: 'proceed' }
  | { kind: 'replay'; status: number; body: unknown; headers: Record<string, string> };

interface StoredRow {
  fingerprint: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: unknown;
  response_headers: Record<string, string>;
}

@Injectable()
export class IdempotencyService {
  private readonly ttlSeconds: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: AppConfig,
  ) {
    this.ttlSeconds = Math.round(config.idempotencyTtlMs / 1000);
  }

  /**
   * Claims the key for this request, or says how to answer instead. One INSERT decides
   * the winner among concurrent requests; an expired record or an abandoned in-flight
   * claim with the same fingerprint is taken over in the same statement.
   */
  async begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyOutcome> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO idempotency_records (scope, key, fingerprint, state, response_headers, locked_until, expires_at)
       VALUES ($1, $2, $3, 'in_flight', '{}'::jsonb, now() + make_interval(secs => $4), now() + make_interval(secs => $5))
       ON CONFLICT (scope, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, state = 'in_flight', locked_until = EXCLUDED.locked_until,
              expires_at = EXCLUDED.expires_at, response_status = NULL, response_body = NULL,
              response_headers = '{}'::jsonb, created_at = now()
        WHERE idempotency_records.expires_at < now()
           OR (idempotency_records.state = 'in_flight' AND idempotency_records.locked_until < now()
               AND idempotency_records.fingerprint = EXCLUDED.fingerprint)
       RETURNING scope`,
      [scope, key, fingerprint, IN_FLIGHT_LOCK_SECONDS, this.ttlSeconds],
    );
    if (claimed.length > 0) return { kind: 'proceed' };

    const rows: StoredRow[] = await this.db.query(
      `SELECT fingerprint, state, response_status, response_body, response_headers
         FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    if (!row) return this.begin(scope, key, fingerprint); // purged in between: claim again
    if (row.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
    if (row.state === 'in_flight') throw new IdempotencyInFlightError();
    return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body, headers: row.response_headers };
  }

  async complete(scope: string, key: string, status: number, body: unknown, headers: Record<string, string>): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_records
          SET state = 'completed', response_status = $3, response_body = $4::json, response_headers = $5::jsonb
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null), JSON.stringify(headers)],
    );
  }

  /** The attempt produced nothing worth replaying (validation error, outage): free the key. */
  async release(scope: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND state = 'in_flight'`, [scope, key]);
  }

  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.db.query(`DELETE FROM idempotency_records WHERE expires_at < now()`);
    return result[1] ?? 0;
  }
}

/** SHA-256 over method, route and a canonical (key-sorted) JSON of the body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

export function canonicalJson(value: unknown): string {
  // Built by concatenation, not entries/map/join arrays: this runs on every score (its input
  // digest) and those arrays were a tenth of the bytes a score allocated. The output is
  // byte-for-byte what it was: stored digests and fingerprints depend on it (see the spec).
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (i in value ? canonicalJson(value[i]) : '');
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const child = object[key];
    if (child === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(child)}`;
  }
  return `${out}}`;
}
