import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { MINOR_UNITS } from '../installments/minor-units.column.js';
import type { StoredReason } from '../scoring/score-decision.entity.js';
import type { ApplicantProduct, ReferralStatus } from './domain/index.js';

/**
 * The score a referral was matched on, copied so the referral reads the same after the score ages
 * out. Its fraud reasons are left behind: consortium signals stay with the partner that asked.
 */
export interface ReferralScoreSnapshot {
  creditScore: number;
  fraudScore: number;
  grade: string;
  decision: 'approve' | 'review' | 'decline';
  modelVersion: string;
  reasons: StoredReason[];
}

/**
 * A shopper a partner (the referrer, `tenantId`) refers to lenders: the request, the score it
 * was matched on and, once an offer is accepted, the lender it went to (`lenderTenantId`) and
 * what the lender did. Raw identifiers are never stored: the applicant is its ID number's keyed
 * hash. `status` holds `expired` only once the expiry job ran; reads derive it from `expiresAt`.
 */
@Entity('referrals')
@Index(['tenantId', 'mode', 'id'])
@Index(['lenderTenantId', 'mode', 'id'])
@Index('IDX_referrals_offered_expiry', ['expiresAt'], { where: `"status" = 'offered'` })
export class Referral {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 32 })
  apiKeyId!: string;

  @Column('varchar', { length: 32 })
  consentId!: string;

  @Column('varchar', { length: 32 })
  scoreId!: string;

  @Column('varchar', { length: 16 })
  product!: ApplicantProduct;

  @Column('char', { length: 64 })
  idNumberHash!: string;

  @Column('varchar', { length: 100, nullable: true })
  customerRef!: string | null;

  @Column('varchar', { length: 2, nullable: true })
  residenceRegion!: string | null;

  @Column('bigint', { transformer: MINOR_UNITS })
  amount!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('smallint')
  termMonths!: number;

  /** as `POST /v1/scores` takes it: up to 40 characters */
  @Column('varchar', { length: 40, nullable: true })
  purpose!: string | null;

  @Column('jsonb')
  score!: ReferralScoreSnapshot;

  @Column('varchar', { length: 12 })
  status!: ReferralStatus;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('varchar', { length: 32, nullable: true })
  acceptedOfferId!: string | null;

  @Column('varchar', { length: 32, nullable: true })
  lenderTenantId!: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('bigint', { transformer: MINOR_UNITS, nullable: true })
  approvedAmount!: number | null;

  @Column('varchar', { length: 64, nullable: true })
  declineReason!: string | null;

  @Column('bigint', { transformer: MINOR_UNITS, nullable: true })
  fundedAmount!: number | null;

  @Column('timestamptz', { nullable: true })
  fundedAt!: Date | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
