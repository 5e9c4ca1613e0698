import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

export interface StoredReason {
  code: string;
  direction: 'negative' | 'positive';
  points: number;
  text: { en: string; 'zh-CN': string };
}

export interface StoredFraudReason {
  code: string;
  points: number;
  text: { en: string; 'zh-CN': string };
}

/**
 * One credit decision, stored once and never changed (a trigger refuses UPDATE and DELETE):
 * the digest of its inputs (hashes in place of raw identifiers), its outputs, the model
 * version and how long it took. The audit trail partners and regulators read. Sandbox (test
 * key) decisions are kept apart by `mode`: each mode reads only its own. The second index finds
 * a partner's latest score of a person (a referral that names no score) without a scan.
 */
@Entity('score_decisions')
@Index(['tenantId', 'mode', 'id'])
@Index(['tenantId', 'mode', 'idNumberHash', 'id'])
export class ScoreDecision {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 32 })
  apiKeyId!: string;

  @Column('varchar', { length: 32, nullable: true })
  consentId!: string | null;

  @Column('varchar', { length: 16 })
  product!: 'consumer' | 'merchant';

  @Column('varchar', { length: 64 })
  modelVersion!: string;

  /** SHA-256 of the canonical request with identifiers replaced by their keyed hashes. */
  @Column('char', { length: 64 })
  inputDigest!: string;

  @Column('char', { length: 64 })
  idNumberHash!: string;

  @Column('smallint')
  creditScore!: number;

  @Column('smallint')
  fraudScore!: number;

  @Column('char', { length: 1 })
  grade!: string;

  @Column('varchar', { length: 8 })
  decision!: 'approve' | 'review' | 'decline';

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  creditLimitMinor!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('varchar', { length: 12 })
  aprPercent!: string;

  @Column('jsonb')
  reasons!: StoredReason[];

  @Column('jsonb')
  fraudReasons!: StoredFraudReason[];

  @Column('text', { array: true })
  decisionReasons!: string[];

  @Column('boolean')
  degraded!: boolean;

  @Column('text', { array: true })
  degradedReasons!: string[];

  /** Server time to decide, in microseconds (excluding the write itself). */
  @Column('integer')
  latencyMicros!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
