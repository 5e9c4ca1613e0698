import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

export const CONSENT_PURPOSES = ['credit_scoring', 'fraud_check', 'installment_plan', 'referral_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_CHANNELS = ['app', 'web', 'in_store', 'call_center', 'paper'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface ConsentEvidence {
  channel: ConsentChannel;
  noticeVersion: string;
  capturedAt: string;
}

/**
 * A data authorisation a partner captured from its customer. The subject is named only by
 * keyed hashes of the ID and phone numbers and/or the partner's own customer reference.
 * Status is `authorised` or `revoked`; `expired` is derived from `expiresAt` when read.
 * A consent belongs to the mode of the key that recorded it: one captured in the sandbox (a
 * test key) carries no customer's authorisation, so it never authorises live processing, and
 * live consents are invisible to test keys.
 */
@Entity('consents')
@Index(['tenantId', 'customerRef'])
export class Consent {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 100, nullable: true })
  customerRef!: string | null;

  @Column('char', { length: 64, nullable: true })
  idNumberHash!: string | null;

  @Column('char', { length: 64, nullable: true })
  phoneHash!: string | null;

  @Column('text', { array: true })
  purposes!: ConsentPurpose[];

  @Column('varchar', { length: 16 })
  status!: 'authorised' | 'revoked';

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('jsonb')
  evidence!: ConsentEvidence;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}

/** Every use of a consent (a score, a plan, a referral), for the audit trail. */
@Entity('consent_uses')
@Index(['consentId', 'usedAt'])
export class ConsentUse {
  @PrimaryColumn('varchar', { length: 32 })
  resourceId!: string;

  @Column('varchar', { length: 32 })
  consentId!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 24 })
  purpose!: ConsentPurpose;

  @Column('timestamptz')
  usedAt!: Date;
}
