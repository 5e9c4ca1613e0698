import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every delivery attempt, successful or not: when, where, what came back, how long it took. */
@Entity('webhook_attempts')
@Index(['deliveryId', 'attempt'])
export class WebhookAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('varchar', { length: 32 })
  deliveryId!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  /** 1-based, counting manual retries too. */
  @Column('integer')
  attempt!: number;

  @Column('varchar', { length: 2048 })
  url!: string;

  @Column('timestamptz')
  startedAt!: Date;

  @Column('integer')
  durationMs!: number;

  @Column('smallint', { nullable: true })
  statusCode!: number | null;

  @Column('varchar', { length: 300, nullable: true })
  error!: string | null;

  @Column('boolean')
  delivered!: boolean;
}
