import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { InstallmentAllocation } from './domain/index.js';
import { InstallmentPlan } from './installment-plan.entity.js';
import { MINOR_UNITS } from './minor-units.column.js';

export type RepaymentKind = 'repayment' | 'payoff';

/** Money received against a plan and how it was allocated; immutable once written. */
@Entity('installment_repayments')
@Index(['planId', 'id'])
export class InstallmentRepayment {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 32 })
  planId!: string;

  @ManyToOne(() => InstallmentPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: InstallmentPlan;

  @Column('varchar', { length: 16 })
  kind!: RepaymentKind;

  @Column('bigint', { transformer: MINOR_UNITS })
  amount!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  principal!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  interest!: number;

  @Column('bigint', { transformer: MINOR_UNITS })
  fees!: number;

  /** payoff only: interest and fees forgiven, and money owed back for interest paid ahead */
  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  interestWaived!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  feesWaived!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  refundDue!: number;

  @Column('jsonb')
  allocations!: InstallmentAllocation[];

  @Column('timestamptz')
  paidAt!: Date;

  @Column('timestamptz')
  createdAt!: Date;
}
