import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An identity check as stored: keyed hashes and the per-field outcome, never the raw numbers. */
@Entity('identity_checks')
@Index(['tenantId', 'id'])
export class IdentityCheckRecord {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('char', { length: 64, nullable: true })
  idNumberHash!: string | null;

  @Column('char', { length: 64, nullable: true })
  phoneHash!: string | null;

  @Column('boolean')
  valid!: boolean;

  /** Per-field validity, reason codes and derived facts (birth date, age, region code). */
  @Column('jsonb')
  result!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
