import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import type { InstallmentMethod, ScheduleLine } from './domain/index.js';
import { MINOR_UNITS } from './minor-units.column.js';

/** Pricing as quoted: the method and its rate as a normalised percent string ("0.60"). */
export type QuotePricing =
  | { method: 'equal_installment' | 'equal_principal'; annualRatePercent: string }
  | { method: 'fee_per_period'; feeRatePerPeriodPercent: string };

/** One quoted term: the schedule module's result in minor units (disclosure text is rendered on read). */
export interface QuoteOption {
  termMonths: number;
  method: InstallmentMethod;
  installmentAmount: number;
  totalInterest: number;
  totalFees: number;
  totalRepayable: number;
  aprPercent: string;
  effectiveAnnualRatePercent: string;
  schedule: ScheduleLine[];
}

/**
 * Plan options offered to a shopper for one amount. Immutable; a plan can be opened from it
 * until `expiresAt`, by a key of the mode that asked for it. Options live in jsonb because
 * they are only ever read whole.
 */
@Entity('installment_quotes')
@Index(['tenantId', 'customerRef'])
export class InstallmentQuote {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 100 })
  customerRef!: string;

  /** principal in minor units */
  @Column('bigint', { transformer: MINOR_UNITS })
  amount!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  /** `YYYY-MM-DD`; installment k is due startDate + k months */
  @Column('date')
  startDate!: string;

  @Column('jsonb')
  pricing!: QuotePricing;

  @Column('jsonb')
  options!: QuoteOption[];

  @Column('timestamptz')
  expiresAt!: Date;

  /** set by the service (not the database) so that expiresAt = createdAt + TTL exactly */
  @Column('timestamptz')
  createdAt!: Date;
}
