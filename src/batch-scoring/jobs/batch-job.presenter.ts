import type { BatchJobDto } from '../dto/batch-job.dto.js';
import type { BatchSummary } from '../processing/batch-summary.js';
import type { BatchJob } from './batch-job.entity.js';

/** Counters of a job still running, summed from its finished chunks. */
export interface JobProgress {
  processedRows: number;
  failedRows: number;
}

export function presentJob(job: BatchJob, progress?: JobProgress, now = new Date()): BatchJobDto {
  const processedRows = progress?.processedRows ?? job.processedRows;
  const failedRows = progress?.failedRows ?? job.failedRows;
  const seconds = job.startedAt ? ((job.finishedAt ?? now).getTime() - job.startedAt.getTime()) / 1000 : 0;
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    consentAttestation: job.consentAttestation,
    totalRows: job.totalRows,
    processedRows,
    failedRows,
    rowsPerSecond: seconds > 0 && processedRows > 0 ? Math.round(processedRows / seconds) : null,
    uploadBytes: job.uploadBytes,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt ? job.startedAt.toISOString() : null,
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    summary: job.summary ? inOrder(job.summary) : null,
    ...(job.status === 'failed' ? { failureReason: job.failureReason } : {}),
    resultsUrl: `/v1/batch-scoring-jobs/${job.id}/results`,
  };
}

/** jsonb keeps keys in its own order: present the summary in the documented one. */
function inOrder(s: BatchSummary): BatchSummary {
  return {
    scoredRows: s.scoredRows,
    failedRows: s.failedRows,
    decisions: { approve: s.decisions.approve, review: s.decisions.review, decline: s.decisions.decline },
    grades: { A: s.grades.A, B: s.grades.B, C: s.grades.C, D: s.grades.D, E: s.grades.E },
    creditScoreHistogram: s.creditScoreHistogram.map((b) => ({ from: b.from, to: b.to, count: b.count })),
    meanCreditScore: s.meanCreditScore,
    meanFraudScore: s.meanFraudScore,
  };
}
