/**
 * Ranking and stability metrics. Convention: `riskScores` are higher for riskier rows
 * (probability of bad, or −creditScore); `labels` are 1 for bad, 0 for good.
 */

type Numbers = ArrayLike<number>;

function orderAscending(values: Numbers): Uint32Array {
  const idx = new Uint32Array(values.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => values[a] - values[b]);
}

function checkInputs(riskScores: Numbers, labels: Numbers): { bads: number; goods: number } {
  if (riskScores.length !== labels.length) throw new RangeError('scores and labels differ in length');
  let bads = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`label must be 0 or 1: ${y}`);
    if (Number.isNaN(riskScores[i])) throw new RangeError('score is NaN');
    bads += y;
  }
  const goods = labels.length - bads;
  if (bads === 0 || goods === 0) throw new RangeError('AUC/KS need at least one bad and one good');
  return { bads, goods };
}

/**
 * Area under the ROC curve = P(score of a random bad > score of a random good), ties counted
 * as one half (Mann–Whitney U with mid-ranks).
 */
export function auc(riskScores: Numbers, labels: Numbers): number {
  const { bads, goods } = checkInputs(riskScores, labels);
  const order = orderAscending(riskScores);
  let rankSumBad = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    const v = riskScores[order[i]];
    let badsInTie = 0;
    while (j < order.length && riskScores[order[j]] === v) {
      badsInTie += labels[order[j]];
      j++;
    }
    const midRank = (i + 1 + j) / 2; // ranks i+1 .. j
    rankSumBad += badsInTie * midRank;
    i = j;
  }
  return (rankSumBad - (bads * (bads + 1)) / 2) / (bads * goods);
}

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative distributions of bads
 * and goods over the score, evaluated only between distinct score values (tied rows move together).
 */
export function ks(riskScores: Numbers, labels: Numbers): number {
  const { bads, goods } = checkInputs(riskScores, labels);
  const order = orderAscending(riskScores);
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  let i = 0;
  while (i < order.length) {
    const v = riskScores[order[i]];
    while (i < order.length && riskScores[order[i]] === v) {
      if (labels[order[i]] === 1) cumBad++;
      else cumGood++;
      i++;
    }
    const gap = Math.abs(cumBad / bads - cumGood / goods);
    if (gap > best) best = gap;
  }
  return best;
}

export function gini(aucValue: number): number {
  return 2 * aucValue - 1;
}

/**
 * Population stability index between two distributions given as counts over the same bins:
 * Σ (a − e) · ln(a / e) with a, e the shares. Empty bins get a share of 0.5 / total
 * (so the index stays finite). Identical distributions give exactly 0.
 */
export function psiFromCounts(expected: Numbers, actual: Numbers): number {
  if (expected.length !== actual.length || expected.length === 0) throw new RangeError('bin counts must match and be non-empty');
  let e = 0;
  let a = 0;
  for (let i = 0; i < expected.length; i++) {
    e += expected[i];
    a += actual[i];
  }
  if (e <= 0 || a <= 0) throw new RangeError('PSI needs non-empty samples');
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const pe = (expected[i] || 0.5) / e;
    const pa = (actual[i] || 0.5) / a;
    if (expected[i] === 0 && actual[i] === 0) continue;
    psi += (pa - pe) * Math.log(pa / pe);
  }
  return psi;
}

/**
 * Cut points splitting `values` into (at most) `bins` quantile bins: bin k is
 * [cuts[k−1], cuts[k]) with the first and last bins open. Ties never straddle a cut.
 */
export function quantileCuts(values: Numbers, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / bins))];
    if (q > sorted[0] && (cuts.length === 0 || q > cuts[cuts.length - 1])) cuts.push(q);
  }
  return cuts;
}

export function binCounts(values: Numbers, cuts: readonly number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let b = 0;
    while (b < cuts.length && v >= cuts[b]) b++;
    counts[b]++;
  }
  return counts;
}

/** PSI of `actual` against `expected` over `bins` quantile bins of `expected` (deciles by default). */
export function psi(expected: Numbers, actual: Numbers, bins = 10): number {
  const cuts = quantileCuts(expected, bins);
  return psiFromCounts(binCounts(expected, cuts), binCounts(actual, cuts));
}
