import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { MINOR_UNITS } from './minor-units.column.js';

/**
 * A customer's revolving installment credit at one partner. `used` is the principal of open
 * plans not yet repaid. The CHECK is the last line of defence: the service draws with a
 * conditional UPDATE, and the database refuses any write that would overdraw the line.
 * Sandbox (test-key) lines are other lines than live ones for the same customerRef (`mode`).
 */
@Entity('credit_lines')
@Check('"used" >= 0 AND "used" <= "limit"')
export class CreditLine {
  @PrimaryColumn('varchar', { length: 32 })
  tenantId!: string;

  @PrimaryColumn('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @PrimaryColumn('varchar', { length: 100 })
  customerRef!: string;

  @Column('bigint', { transformer: MINOR_UNITS })
  limit!: number;

  @Column('bigint', { transformer: MINOR_UNITS, default: 0 })
  used!: number;

  @Column('varchar', { length: 3 })
  currency!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
