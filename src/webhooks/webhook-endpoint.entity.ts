import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

/**
 * A tenant's webhook endpoint (one per tenant). The signing secret must be usable to sign,
 * so unlike API key secrets it cannot be stored as a hash: it is stored encrypted
 * (AES-256-GCM under a key derived from the server secret), so a database copy alone
 * cannot forge events.
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32, unique: true })
  tenantId!: string;

  @Column('varchar', { length: 2048 })
  url!: string;

  @Column('text', { array: true })
  events!: string[];

  @Column('text')
  secretCiphertext!: string;

  /** The first characters of the secret, to tell secrets apart (`whsec_AbC…`). */
  @Column('varchar', { length: 16 })
  secretHint!: string;

  /** Mode of the key that set the URL (shown to the partner; the URL policy is the deployment's). */
  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
