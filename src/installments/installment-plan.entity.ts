import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import type { InstallmentMethod } from './domain/index.js';
import type { QuotePricing } from './installment-quote.entity.js';
import { MINOR_UNITS } from './minor-units.column.js';

/**
 * Stored plan states. `overdue` is not stored: it is an `active` plan with an installment
 * past its due date (Asia/Shanghai) and not settled, derived on every read, so it can never
 * be stale and needs no scheduled job.
 */
export type StoredPlanStatus = 'active' | 'paid_off' | 'cancelled';

/**
 * An installment plan opened from a quote option, drawing `principal` on the customer's credit
 * line of the same mode (a sandbox plan draws on the sandbox line).
 */
@Entity('installment_plans')
@Index(['tenantId', 'mode', 'customerRef', 'id'])
@Index(['tenantId', 'mode', 'id'])
export class InstallmentPlan {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 100 })
  customerRef!: string;

  @Column('varchar', { length: 32 })
  quoteId!: string;

  @Column('varchar', { length: 32 })
  consentId!: string;

  @Column('varchar', { length: 16 })
  status!: StoredPlanStatus;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('varchar', { length: 24 })
  method!: InstallmentMethod;

  @Column('integer')
  termMonths!: number;

  @Column('jsonb')
  pricing!: QuotePricing;

  @Column('bigint', { transformer: MINOR_UNITS })
  principal!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  installmentAmount!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalInterest!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalFees!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  totalRepayable!: number;

  @Column('varchar', { length: 16 })
  aprPercent!: string;

  @Column('varchar', { length: 16 })
  effectiveAnnualRatePercent!: string;

  @Column('date')
  startDate!: string;

  /** set by the service: the cooling-off window counts from it */
  @Column('timestamptz')
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { nullable: true })
  paidOffAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;
}

/**
 * One scheduled installment with what has been paid (and, after an early payoff, waived)
 * against each component. A row per installment lets "overdue" be a plain SQL predicate.
 */
@Entity('installment_plan_installments')
export class PlanInstallment {
  @PrimaryColumn('varchar', { length: 32 })
  planId!: string;

  @PrimaryColumn('integer')
  n!: number;

  @ManyToOne(() => InstallmentPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: InstallmentPlan;

  @Column('date')
  dueDate!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  principal!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  interest!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  fee!: number;

  /** scheduled principal still owed after this installment */
  @Column('bigint', { transformer: MINOR_UNITS })
  remainingBalance!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  principalPaid!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  interestPaid!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  feePaid!: number;

  /** unearned interest and fees forgiven by an early payoff */
  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  interestWaived!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  feeWaived!: number;
}
