import { countScored, emptySummary, histogramBin, mergeSummaries, presentSummary } from './batch-summary.js';

describe('batch summary', () => {
  it('bins credit scores by 20 points, 900 in the last bin', () => {
    expect(histogramBin(300)).toBe(0);
    expect(histogramBin(319)).toBe(0);
    expect(histogramBin(320)).toBe(1);
    expect(histogramBin(879)).toBe(28);
    expect(histogramBin(880)).toBe(29);
    expect(histogramBin(900)).toBe(29);
  });

  it('sums chunk summaries and presents means to 2 decimals', () => {
    const a = emptySummary();
    countScored(a, { creditScore: 700, fraudScore: 10, decision: 'approve', grade: 'B' });
    countScored(a, { creditScore: 500, fraudScore: 0, decision: 'decline', grade: 'E' });
    const b = emptySummary();
    b.failed = 2;
    countScored(b, { creditScore: 900, fraudScore: 5, decision: 'approve', grade: 'A' });
    const s = presentSummary(mergeSummaries([a, b]));
    expect(s).toMatchObject({ scoredRows: 3, failedRows: 2, decisions: { approve: 2, review: 0, decline: 1 }, grades: { A: 1, B: 1, C: 0, D: 0, E: 1 }, meanCreditScore: 700, meanFraudScore: 5 });
    expect(s.creditScoreHistogram[20]).toEqual({ from: 700, to: 719, count: 1 });
    expect(s.creditScoreHistogram[29]).toEqual({ from: 880, to: 900, count: 1 });
    expect(presentSummary(emptySummary()).meanFraudScore).toBeNull();
  });
});
