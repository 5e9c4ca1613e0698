import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { MINOR_UNITS } from '../installments/minor-units.column.js';

/**
 * The attribution record of a funded referral: the fee the lender owes the referring partner.
 * One per referral (its primary key), written in the same transaction as the funding.
 */
@Entity('referral_fees')
@Index(['referrerTenantId', 'mode', 'createdAt'])
@Index(['lenderTenantId', 'mode', 'createdAt'])
export class ReferralFee {
  @PrimaryColumn('varchar', { length: 32 })
  referralId!: string;

  @Column('varchar', { length: 32 })
  referrerTenantId!: string;

  @Column('varchar', { length: 32 })
  lenderTenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 32 })
  lenderProductId!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  fundedAmount!: number;

  @Column('varchar', { length: 16 })
  feePercent!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  fee!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
