import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const USAGE_PRODUCTS = ['scores', 'installments', 'referrals', 'batch_rows', 'identity_checks', 'consents', 'other'] as const;
export type UsageProduct = (typeof USAGE_PRODUCTS)[number];

/**
 * One metered thing: an authenticated /v1 call (`calls` = 1) and/or billable units (`units`).
 * Billable events are written in the same transaction as the business write they bill for
 * (a score, a plan, a chunk of batch rows), so a billed unit exists exactly when its
 * resource does. `resourceId` is unique where set: a retried write cannot bill twice.
 */
@Entity('usage_events')
@Index(['tenantId', 'occurredAt'])
@Index(['resourceId'], { unique: true, where: 'resource_id IS NOT NULL' })
export class UsageEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('varchar', { length: 32, nullable: true })
  apiKeyId!: string | null;

  @Column('varchar', { length: 20 })
  product!: UsageProduct;

  @Column('varchar', { length: 120 })
  route!: string;

  /** 2 for 2xx, 4 for 4xx, 5 for 5xx; 0 for events that are not calls (batch rows). */
  @Column('smallint')
  statusClass!: number;

  @Column('boolean')
  billable!: boolean;

  /** Calls this event stands for: 0 (background units), 1, or many (aggregated non-billable calls). */
  @Column('integer')
  calls!: number;

  @Column('integer')
  units!: number;

  @Column('varchar', { length: 64, nullable: true })
  resourceId!: string | null;

  @Column('timestamptz')
  occurredAt!: Date;
}
