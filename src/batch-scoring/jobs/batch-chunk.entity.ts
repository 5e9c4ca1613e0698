import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ChunkSummary } from '../processing/batch-summary.js';

/**
 * One finished chunk of a job, inserted in the same transaction as the chunk's result rows.
 * Its primary key is the chunk's idempotency gate: a retried or duplicated chunk finds its
 * row and writes nothing. `scoredRows` is the chunk's billable count (metering: `batch_rows`).
 */
@Entity('batch_chunks')
@Index(['tenantId', 'completedAt'])
export class BatchChunk {
  @PrimaryColumn('varchar', { length: 32 })
  jobId!: string;

  @PrimaryColumn('integer')
  chunkIndex!: number;

  @Column('varchar', { length: 32 })
  tenantId!: string;

  @Column('integer')
  firstRow!: number;

  @Column('integer')
  lastRow!: number;

  /** Rows scored (billable units). */
  @Column('integer')
  scoredRows!: number;

  /** Rows with an error (refused at upload or unscorable); not billed. */
  @Column('integer')
  failedRows!: number;

  @Column('jsonb')
  summary!: ChunkSummary;

  @Column('timestamptz')
  completedAt!: Date;
}
