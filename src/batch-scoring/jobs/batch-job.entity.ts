import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApiKeyMode } from '../../api-keys/api-key.entity.js';
import type { BatchSummary } from '../processing/batch-summary.js';

export const BATCH_JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type BatchJobStatus = (typeof BATCH_JOB_STATUSES)[number];
export const TERMINAL_STATUSES: readonly BatchJobStatus[] = ['completed', 'failed', 'cancelled'];

export const UPLOAD_FORMATS = ['csv', 'ndjson'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

const bigintNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * One uploaded portfolio. Created (with its staged rows) in the upload's transaction, so a
 * rejected upload leaves nothing. Counters of a running job live in `batch_chunks`; they are
 * folded in here when the job ends.
 */
@Entity('batch_jobs')
@Index(['tenantId', 'mode', 'id'])
export class BatchJob {
  @PrimaryColumn('varchar', { length: 32 })
  id!: string;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  /** The key that uploaded (metering attributes the rows to it). */
  @Column('varchar', { length: 32 })
  apiKeyId!: string;

  @Column('varchar', { length: 8 })
  mode!: ApiKeyMode;

  @Column('varchar', { length: 16 })
  status!: BatchJobStatus;

  @Column('varchar', { length: 8 })
  format!: UploadFormat;

  /** The partner's reference to the consents it holds for these applicants. */
  @Column('varchar', { length: 200 })
  consentAttestation!: string;

  /** The tenant's model pins when the job was accepted (every row is scored with them). */
  @Column('jsonb')
  modelPins!: Record<string, string>;

  @Column('integer')
  totalRows!: number;

  /** Rows refused at upload (they get their error in the results without being scored). */
  @Column('integer')
  invalidRows!: number;

  @Column('bigint', { transformer: bigintNumber })
  uploadBytes!: number;

  @Column('integer')
  chunkSize!: number;

  @Column('integer')
  chunkCount!: number;

  /** Final counts, written when the job ends (while it runs they are summed from its chunks). */
  @Column('integer', { default: 0 })
  processedRows!: number;

  @Column('integer', { default: 0 })
  failedRows!: number;

  @Column('jsonb', { nullable: true })
  summary!: BatchSummary | null;

  @Column('varchar', { length: 300, nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the chunk flow was handed to BullMQ (null: the recovery sweep will do it). */
  @Column('timestamptz', { nullable: true })
  enqueuedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;
}
