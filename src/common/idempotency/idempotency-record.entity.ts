import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type IdempotencyState = 'in_flight' | 'completed';

/**
 * The first response to a POST carrying `Idempotency-Key`, kept for the TTL (24 h) so a
 * retry gets the same answer instead of a second resource. Scoped per tenant and mode
 * (`ten_…` for live keys, `ten_…:test` for test keys, "admin" for the operator API). Kept
 * in PostgreSQL, beside the resources it protects: it survives a Redis restart, and a unique
 * primary key makes "one winner among concurrent retries" a property of the database rather
 * than of our code.
 */
@Entity('idempotency_records')
@Index(['expiresAt'])
export class IdempotencyRecord {
  @PrimaryColumn('varchar', { length: 40 })
  scope!: string;

  @PrimaryColumn('varchar', { length: 255 })
  key!: string;

  /** SHA-256 over method, route and canonical body; a different body under the same key is a 422. */
  @Column('char', { length: 64 })
  fingerprint!: string;

  @Column('varchar', { length: 12 })
  state!: IdempotencyState;

  @Column('integer', { nullable: true })
  responseStatus!: number | null;

  /** `json`, not `jsonb`: kept as the text first sent, so a replay is byte for byte the same. */
  @Column('json', { nullable: true })
  responseBody!: unknown;

  @Column('jsonb')
  responseHeaders!: Record<string, string>;

  /** A crashed first attempt stops blocking retries once this passes. */
  @Column('timestamptz')
  lockedUntil!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;
}
