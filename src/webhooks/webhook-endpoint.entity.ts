import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

/**
 * A tenant's webhook endpoint for one mode: live keys set the endpoint that hears live events,
 * test keys the sandbox's, so a test key can neither see nor redirect live events. The signing secret must be usable to sign,
 * so unlike API key secrets it cannot be stored as a hash: it is stored encrypted
 * (AES-256-GCM under a key derived from the server secret), so a database copy alone
 * cannot forge events.
 */
@Entity('webhook_endpoints')
@Unique(['tenantId', 'mode'])
export class WebhookEndpoint {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
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

  /** The mode whose events this endpoint hears: that of the keys that manage it. */
  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
