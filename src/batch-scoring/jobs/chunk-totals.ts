import type { EntityManager } from 'typeorm';
import { type ChunkSummary, mergeSummaries } from '../processing/batch-summary.js';

/** What a job's written chunks add up to. */
export interface ChunkTotals {
  /** How many chunks were written. */
  chunks: number;
  totals: ChunkSummary;
  processedRows: number;
  failedRows: number;
}

/**
 * The sum of a job's written chunks, read where the job is being closed (finalized or
 * cancelled) under a lock on its row, so that no chunk can commit after the read.
 */
export async function chunkTotals(manager: EntityManager, jobId: string): Promise<ChunkTotals> {
  const chunks: { summary: ChunkSummary }[] = await manager.query(`SELECT summary FROM batch_chunks WHERE job_id = $1`, [jobId]);
  const totals = mergeSummaries(chunks.map((c) => c.summary));
  return { chunks: chunks.length, totals, processedRows: totals.scored + totals.failed, failedRows: totals.failed };
}
