import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event for one tenant and its delivery state. The id is the event id (`evt_…`): a
 * tenant has one endpoint per mode, and an event belongs to one mode, so it has one delivery. `payload` is the exact body sent
 * (and signed) on every attempt.
 */
@Entity('webhook_deliveries')
@Index(['tenantId', 'mode', 'id'])
@Index(['subjectId'])
// What the sweep looks for: recorded but never attempted (see WebhookPublisher.dispatchStranded).
@Index('IDX_webhook_deliveries_unsent', ['createdAt'], { where: "status = 'pending' AND attempts = 0" })
export class WebhookDelivery {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  /** The event's mode; only keys of this mode see the delivery, and it goes to that mode's endpoint. */
  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 32 })
  endpointId!: string;

  @Column('varchar', { length: 64 })
  eventType!: string;

  /** The resource the event is about (e.g. `bat_…`). */
  @Column('varchar', { length: 32 })
  subjectId!: string;

  @Column('text')
  payload!: string;

  @Column('varchar', { length: 12 })
  status!: DeliveryStatus;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { nullable: true })
  lastAttemptAt!: Date | null;

  @Column('smallint', { nullable: true })
  lastStatusCode!: number | null;

  @Column('varchar', { length: 300, nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
