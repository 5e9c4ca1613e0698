import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { QuotePricing } from '../installments/installment-quote.entity.js';
import { MINOR_UNITS } from '../installments/minor-units.column.js';

/**
 * One lender product's offer on a referral, with the terms as they were when offered: the
 * lender's name, the price and the schedule's totals, and the referral fee. Immutable.
 */
@Entity('referral_offers')
@Index(['referralId', 'rank'], { unique: true })
export class ReferralOffer {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  referralId!: string;

  /** 1 is the best offer */
  @Column('smallint')
  rank!: number;

  @Column('varchar', { length: 32 })
  lenderTenantId!: string;

  @Column('varchar', { length: 200 })
  lenderName!: string;

  @Column('varchar', { length: 32 })
  lenderProductId!: string;

  @Column('varchar', { length: 100 })
  productName!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  amount!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('smallint')
  termMonths!: number;

  @Column('jsonb')
  pricing!: QuotePricing;

  @Column('bigint', { transformer: MINOR_UNITS })
  installmentAmount!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalInterest!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalFees!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalRepayable!: number;

  @Column('varchar', { length: 12 })
  aprPercent!: string;

  @Column('varchar', { length: 16 })
  referralFeePercent!: string;
}
