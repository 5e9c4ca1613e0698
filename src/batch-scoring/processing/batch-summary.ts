import type { Decision, Grade } from '../../scoring/engine/pricing.js';

/**
 * Portfolio summary arithmetic (pure). Each chunk keeps a `ChunkSummary` in its row; the job's
 * summary is their sum, presented once when the job completes.
 */

export const DECISIONS: readonly Decision[] = ['approve', 'review', 'decline'];
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];

/** Credit scores run 300–900; 20-point bins 300–319 … 860–879, and 880–900 (900 joins the last). */
export const HISTOGRAM_MIN = 300;
export const HISTOGRAM_BIN = 20;
export const HISTOGRAM_BINS = 30;

export interface ChunkSummary {
  scored: number;
  failed: number;
  decisions: Record<Decision, number>;
  grades: Record<Grade, number>;
  /** Counts per 20-point bin, `HISTOGRAM_BINS` long. */
  histogram: number[];
  creditScoreSum: number;
  fraudScoreSum: number;
}

export interface HistogramBin {
  /** Lowest score in the bin. */
  from: number;
  /** Highest score in the bin (inclusive). */
  to: number;
  count: number;
}

/** What `GET /v1/batch-scoring-jobs/{id}` shows once the job has completed. */
export interface BatchSummary {
  scoredRows: number;
  failedRows: number;
  decisions: Record<Decision, number>;
  grades: Record<Grade, number>;
  creditScoreHistogram: HistogramBin[];
  /** Mean over scored rows, 2 decimals; null when no row was scored. */
  meanCreditScore: number | null;
  meanFraudScore: number | null;
}

export function emptySummary(): ChunkSummary {
  return {
    scored: 0,
    failed: 0,
    decisions: { approve: 0, review: 0, decline: 0 },
    grades: { A: 0, B: 0, C: 0, D: 0, E: 0 },
    histogram: new Array<number>(HISTOGRAM_BINS).fill(0),
    creditScoreSum: 0,
    fraudScoreSum: 0,
  };
}

export function histogramBin(creditScore: number): number {
  const bin = Math.floor((creditScore - HISTOGRAM_MIN) / HISTOGRAM_BIN);
  return bin < 0 ? 0 : bin >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : bin;
}

export function countScored(s: ChunkSummary, o: { creditScore: number; fraudScore: number; decision: Decision; grade: Grade }): void {
  s.scored++;
  s.decisions[o.decision]++;
  s.grades[o.grade]++;
  s.histogram[histogramBin(o.creditScore)]++;
  s.creditScoreSum += o.creditScore;
  s.fraudScoreSum += o.fraudScore;
}

export function mergeSummaries(parts: Iterable<ChunkSummary>): ChunkSummary {
  const total = emptySummary();
  for (const p of parts) {
    total.scored += p.scored;
    total.failed += p.failed;
    for (const d of DECISIONS) total.decisions[d] += p.decisions[d];
    for (const g of GRADES) total.grades[g] += p.grades[g];
    for (let i = 0; i < HISTOGRAM_BINS; i++) total.histogram[i] += p.histogram[i] ?? 0;
    total.creditScoreSum += p.creditScoreSum;
    total.fraudScoreSum += p.fraudScoreSum;
  }
  return total;
}

const mean = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 100) / 100);

export function presentSummary(s: ChunkSummary): BatchSummary {
  return {
    scoredRows: s.scored,
    failedRows: s.failed,
    decisions: { ...s.decisions },
    grades: { ...s.grades },
    creditScoreHistogram: s.histogram.map((count, i) => ({
      from: HISTOGRAM_MIN + i * HISTOGRAM_BIN,
      to: i === HISTOGRAM_BINS - 1 ? HISTOGRAM_MIN + HISTOGRAM_BINS * HISTOGRAM_BIN : HISTOGRAM_MIN + (i + 1) * HISTOGRAM_BIN - 1,
      count,
    })),
    meanCreditScore: mean(s.creditScoreSum, s.scored),
    meanFraudScore: mean(s.fraudScoreSum, s.scored),
  };
}
