import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity.js';

export const API_KEY_MODES = ['live', 'test'] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];

/**
 * An API key as stored: never the secret, only its SHA-256 and a display prefix. The
 * secret has 256 bits of entropy, so an unsalted fast hash is the right tool here (no
 * dictionary to defend against) and lets us look a key up by its hash in one index probe.
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Index()
  @Column('varchar', { length: 32 })
  tenantId!: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column('varchar', { length: 100 })
  name!: string;

  /** First characters of the key, e.g. `gx_live_Ab12Cd34`, safe to show in dashboards. */
  @Column('varchar', { length: 24 })
  prefix!: string;

  @Index({ unique: true })
  @Column('char', { length: 64 })
  secretHash!: string;

  @Column('text', { array: true })
  scopes!: string[];

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
