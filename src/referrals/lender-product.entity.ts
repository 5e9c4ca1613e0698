import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import type { QuotePricing } from '../installments/installment-quote.entity.js';
import { MINOR_UNITS } from '../installments/minor-units.column.js';
import type { ApplicantProduct } from './domain/index.js';

export const LENDER_PRODUCT_STATUSES = ['active', 'paused'] as const;
export type LenderProductStatus = (typeof LENDER_PRODUCT_STATUSES)[number];

/**
 * A loan product a lender publishes for referrals to be matched against: who it lends to
 * (eligibility), at what price, and the fee it pays the referring partner on funding. Matched
 * only against referrals of the same mode, so sandbox products never meet live applicants.
 * Terms are fixed once published (offers quote them); a lender pauses a product and
 * publishes another to change them.
 */
@Entity('lender_products')
@Index(['tenantId', 'mode', 'id'])
@Index(['mode', 'product', 'status'])
@Check('"min_amount" > 0 AND "min_amount" <= "max_amount"')
@Check('"min_credit_score" <= "max_credit_score"')
export class LenderProduct {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 100 })
  name!: string;

  @Column('varchar', { length: 16 })
  product!: ApplicantProduct;

  @Column('varchar', { length: 8 })
  status!: LenderProductStatus;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('smallint')
  minCreditScore!: number;

  @Column('smallint')
  maxCreditScore!: number;

  @Column('smallint', { nullable: true })
  maxFraudScore!: number | null;

  @Column('bigint', { transformer: MINOR_UNITS })
  minAmount!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  maxAmount!: number;

  @Column('smallint', { array: true })
  termMonths!: number[];

  /** province-level codes; empty: nationwide */
  @Column('varchar', { length: 2, array: true })
  regions!: string[];

  @Column('jsonb')
  pricing!: QuotePricing;

  /** percent of the funded amount paid to the referring partner ("1.50") */
  @Column('varchar', { length: 16 })
  referralFeePercent!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
