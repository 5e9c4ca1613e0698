import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TENANT_KINDS = ['ecommerce', 'bank', 'lender', 'integrator'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Billable products; plan prices are per unit of one of these. */
export const PRODUCTS = ['scores', 'identity_checks', 'installments', 'referrals', 'batch_rows'] as const;
export type Product = (typeof PRODUCTS)[number];

export class TenantPlan {
  @Column('integer')
  monthlyQuota!: number;

  @Column('integer')
  rateLimitPerSecond!: number;

  /** Price per billable unit by product, in integer minor units (fen). */
  @Column('jsonb')
  prices!: Partial<Record<Product, number>>;
}

@Entity('tenants')
export class Tenant {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 16 })
  kind!: TenantKind;

  @Column('varchar', { length: 16 })
  status!: TenantStatus;

  @Column(() => TenantPlan, { prefix: 'plan' })
  plan!: TenantPlan;

  @Column('varchar', { length: 3, default: 'CNY' })
  currency!: string;

  /** Scorecard versions this tenant is pinned to, by model name (`{"consumer-bureau": "2026-11-29"}`). */
  @Column('jsonb')
  modelPins!: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
