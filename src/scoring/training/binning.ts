/**
 * Supervised binning for scorecards: fine quantile bins, then merging to a monotone (or, when
 * allowed and clearly better, single-peaked) bad-rate pattern, a minimum bin size and a
 * maximum number of bins; weight of evidence (WOE) and information value (IV) per bin.
 *
 * WOE of a bin = ln( (goods_in_bin / all_goods) / (bads_in_bin / all_bads) ), with 0.5 added to
 * both counts of a bin (so a bin without bads or without goods stays finite). Positive WOE = safer
 * than average. IV = Σ (%good − %bad) · WOE.
 */

export interface BinStat {
  count: number;
  bads: number;
  goods: number;
  woe: number;
  badRate: number;
}

export type Shape = 'increasing' | 'decreasing' | 'valley' | 'peak' | 'none';

export interface NumericBinning {
  kind: 'numeric';
  /** bin k covers [cuts[k−1], cuts[k]); bin 0 starts at −∞, the last ends at +∞. */
  cuts: number[];
  bins: BinStat[];
  missing: BinStat;
  /** Shape of the bad rate along the feature (increasing = riskier as the value grows). */
  shape: Shape;
  iv: number;
}

export interface CategoricalBinning {
  kind: 'categorical';
  groups: string[][];
  bins: BinStat[];
  missing: BinStat;
  iv: number;
}

export type Binning = NumericBinning | CategoricalBinning;

export interface BinningOptions {
  /** Initial quantile bins for numeric features (fewer when there are fewer distinct values). */
  initialBins: number;
  /** Every final bin holds at least this share of the non-missing training rows. */
  minBinShare: number;
  /** And at least this many bads and this many goods (merged otherwise). */
  minBadsPerBin: number;
  maxBins: number;
  /** Missing values get their own WOE when at least this many rows are missing; neutral WOE 0 otherwise. */
  minMissingCount: number;
  /**
   * `monotone`: the better (by IV) of increasing / decreasing bad rate;
   * `auto`: like monotone, but a single-peaked (valley/peak) pattern is taken when its IV is at
   * least `unimodalGain` times the monotone IV (U-shaped risk such as the number of credit lines);
   * `none`: only size constraints; `increasing` / `decreasing`: that direction of the bad rate
   * as the value grows (for features whose direction is known, e.g. income).
   */
  shape: 'monotone' | 'auto' | 'none' | 'increasing' | 'decreasing';
  unimodalGain: number;
}

export const DEFAULT_BINNING: Readonly<BinningOptions> = Object.freeze({
  initialBins: 50,
  minBinShare: 0.005,
  minBadsPerBin: 5,
  maxBins: 15,
  minMissingCount: 30,
  shape: 'auto',
  unimodalGain: 1.1,
});

interface Block {
  count: number;
  bads: number;
}

function woeOf(goods: number, bads: number, totalGoods: number, totalBads: number): number {
  return Math.log((goods + 0.5) / totalGoods / ((bads + 0.5) / totalBads));
}

export function binStat(count: number, bads: number, totalGoods: number, totalBads: number): BinStat {
  const goods = count - bads;
  return { count, bads, goods, woe: woeOf(goods, bads, totalGoods, totalBads), badRate: count > 0 ? bads / count : 0 };
}

function ivOf(blocks: readonly Block[], totalGoods: number, totalBads: number): number {
  let iv = 0;
  for (const b of blocks) {
    const goods = b.count - b.bads;
    iv += ((goods + 0.5) / totalGoods - (b.bads + 0.5) / totalBads) * woeOf(goods, b.bads, totalGoods, totalBads);
  }
  return iv;
}

/**
 * Smoothed bad:good odds of a block, the quantity WOE is computed from (WOE = ln(G/B) − ln of
 * this), so that a monotone sequence of blocks always has monotone WOE.
 */
const rate = (b: Block): number => (b.bads + 0.5) / (b.count - b.bads + 0.5);

/** Pool adjacent violators: merges blocks until the bad rate is non-decreasing (or non-increasing). */
function pav(blocks: readonly Block[], increasing: boolean): { blocks: Block[]; members: number[][] } {
  const out: Block[] = [];
  const members: number[][] = [];
  blocks.forEach((b, i) => {
    out.push({ ...b });
    members.push([i]);
    while (out.length > 1) {
      const last = out[out.length - 1];
      const prev = out[out.length - 2];
      const violates = increasing ? rate(prev) > rate(last) : rate(prev) < rate(last);
      if (!violates) break;
      prev.count += last.count;
      prev.bads += last.bads;
      out.pop();
      const m = members.pop()!;
      members[members.length - 1].push(...m);
    }
  });
  return { blocks: out, members };
}

/** Groups of original indices after merging, as boundaries: group g = [starts[g], starts[g+1]). */
function groupsToStarts(members: number[][]): number[] {
  return members.map((m) => m[0]);
}

function blocksFromStarts(blocks: readonly Block[], starts: readonly number[]): Block[] {
  return starts.map((s, g) => {
    const end = g + 1 < starts.length ? starts[g + 1] : blocks.length;
    let count = 0;
    let bads = 0;
    for (let i = s; i < end; i++) {
      count += blocks[i].count;
      bads += blocks[i].bads;
    }
    return { count, bads };
  });
}

function shapeFit(blocks: readonly Block[], shape: Shape): number[] {
  if (shape === 'none') return blocks.map((_, i) => i);
  if (shape === 'increasing' || shape === 'decreasing') return groupsToStarts(pav(blocks, shape === 'increasing').members);
  // valley: decreasing then increasing; peak: increasing then decreasing. Try every turning point.
  let best: number[] = [0];
  let bestIv = -1;
  const totals = blocks.reduce((t, b) => ({ count: t.count + b.count, bads: t.bads + b.bads }), { count: 0, bads: 0 });
  const tg = totals.count - totals.bads;
  for (let k = 1; k < blocks.length; k++) {
    const left = pav(blocks.slice(0, k), shape === 'peak');
    const right = pav(blocks.slice(k), shape === 'valley');
    const starts = [...groupsToStarts(left.members), ...groupsToStarts(right.members).map((s) => s + k)];
    const iv = ivOf(blocksFromStarts(blocks, starts), tg, totals.bads);
    if (iv > bestIv) {
      bestIv = iv;
      best = starts;
    }
  }
  return best;
}

/**
 * Merges adjacent groups until every group meets the size constraints and there are at most
 * maxBins groups, each time merging the adjacent pair whose merge loses the least IV (small
 * groups first).
 */
function enforceConstraints(
  blocks: readonly Block[],
  startsIn: readonly number[],
  minCount: number,
  minBads: number,
  maxBins: number,
  totalGoods: number,
  totalBads: number,
): number[] {
  let starts = [...startsIn];
  for (;;) {
    const groups = blocksFromStarts(blocks, starts);
    if (groups.length <= 1) return starts;
    const small = groups.map((g) => g.count < minCount || g.bads < minBads || g.count - g.bads < minBads);
    const needSize = small.some(Boolean);
    if (!needSize && groups.length <= maxBins) return starts;
    let bestPair = -1;
    let bestLoss = Infinity;
    const baseIv = ivOf(groups, totalGoods, totalBads);
    for (let g = 0; g + 1 < groups.length; g++) {
      if (needSize && !small[g] && !small[g + 1]) continue;
      const merged = [...groups.slice(0, g), { count: groups[g].count + groups[g + 1].count, bads: groups[g].bads + groups[g + 1].bads }, ...groups.slice(g + 2)];
      const loss = baseIv - ivOf(merged, totalGoods, totalBads);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestPair = g;
      }
    }
    starts = starts.filter((_, i) => i !== bestPair + 1);
  }
}

function isMonotone(groups: readonly Block[], increasing: boolean): boolean {
  for (let i = 1; i < groups.length; i++) {
    if (increasing ? rate(groups[i - 1]) > rate(groups[i]) : rate(groups[i - 1]) < rate(groups[i])) return false;
  }
  return true;
}

function countBads(target: ArrayLike<number>): number {
  let b = 0;
  for (let i = 0; i < target.length; i++) b += target[i];
  return b;
}

/** Bins a numeric column (NaN = missing) against a 0/1 target. */
export function binNumeric(values: Float64Array, target: Uint8Array, options: BinningOptions = DEFAULT_BINNING): NumericBinning {
  const totalBads = countBads(target);
  const totalGoods = target.length - totalBads;
  const present: number[] = [];
  let missingCount = 0;
  let missingBads = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) {
      missingCount++;
      missingBads += target[i];
    } else present.push(i);
  }
  present.sort((a, b) => values[a] - values[b]);

  // Distinct values with their counts, then fine quantile blocks over them.
  const distinct: number[] = [];
  const dCount: number[] = [];
  const dBads: number[] = [];
  for (const i of present) {
    const v = values[i];
    if (distinct.length === 0 || distinct[distinct.length - 1] !== v) {
      distinct.push(v);
      dCount.push(0);
      dBads.push(0);
    }
    dCount[dCount.length - 1]++;
    dBads[dBads.length - 1] += target[i];
  }
  const blocks: Block[] = [];
  const blockStart: number[] = []; // first distinct value of each block
  const per = present.length / Math.max(1, options.initialBins);
  let acc = 0;
  for (let d = 0; d < distinct.length; d++) {
    const boundary = blocks.length === 0 || (distinct.length > options.initialBins && acc >= per * blocks.length) || distinct.length <= options.initialBins;
    if (boundary) {
      blocks.push({ count: 0, bads: 0 });
      blockStart.push(distinct[d]);
    }
    const b = blocks[blocks.length - 1];
    b.count += dCount[d];
    b.bads += dBads[d];
    acc += dCount[d];
  }

  const minCount = Math.max(1, Math.ceil(options.minBinShare * present.length));
  const fit = (shape: Shape): { starts: number[]; iv: number } => {
    const starts = enforceConstraints(blocks, shapeFit(blocks, shape), minCount, options.minBadsPerBin, options.maxBins, totalGoods, totalBads);
    return { starts, iv: ivOf(blocksFromStarts(blocks, starts), totalGoods, totalBads) };
  };
  let shape: Shape = 'none';
  let chosen = { starts: [0], iv: 0 };
  if (blocks.length > 0) {
    if (options.shape === 'none') {
      chosen = fit('none');
    } else if (options.shape === 'increasing' || options.shape === 'decreasing') {
      shape = options.shape;
      chosen = fit(shape);
      if (!isMonotone(blocksFromStarts(blocks, chosen.starts), shape === 'increasing')) shape = 'none';
    } else {
      const inc = fit('increasing');
      const dec = fit('decreasing');
      [shape, chosen] = inc.iv >= dec.iv ? ['increasing', inc] : ['decreasing', dec];
      if (options.shape === 'auto' && blocks.length >= 4) {
        for (const s of ['valley', 'peak'] as const) {
          const u = fit(s);
          if (u.iv >= chosen.iv * options.unimodalGain && u.starts.length >= 3) {
            shape = s;
            chosen = u;
          }
        }
      }
      // Size merging can break monotonicity in rare cases; report the shape actually obtained.
      const groups = blocksFromStarts(blocks, chosen.starts);
      if ((shape === 'increasing' || shape === 'decreasing') && !isMonotone(groups, shape === 'increasing')) shape = 'none';
    }
  }
  const groups = blocks.length > 0 ? blocksFromStarts(blocks, chosen.starts) : [];
  const bins = groups.map((g) => binStat(g.count, g.bads, totalGoods, totalBads));
  const cuts = chosen.starts.slice(1).map((s) => blockStart[s]);
  const missing = binStat(missingCount, missingBads, totalGoods, totalBads);
  if (missingCount < options.minMissingCount) missing.woe = 0;
  const iv = ivOf(missingCount >= options.minMissingCount ? [...groups, { count: missingCount, bads: missingBads }] : groups, totalGoods, totalBads);
  if (bins.length === 0) bins.push(binStat(0, 0, totalGoods, totalBads));
  if (bins.length === 1 && present.length === 0) bins[0].woe = 0;
  return { kind: 'numeric', cuts, bins, missing, shape, iv };
}

/**
 * Bins a categorical column (null = missing): categories ordered by bad rate, small ones merged
 * with their neighbour in that order, then at most maxBins groups (least IV lost per merge).
 */
export function binCategorical(values: ReadonlyArray<string | null>, target: Uint8Array, options: BinningOptions = DEFAULT_BINNING): CategoricalBinning {
  const totalBads = countBads(target);
  const totalGoods = target.length - totalBads;
  const stats = new Map<string, Block>();
  let missingCount = 0;
  let missingBads = 0;
  let present = 0;
  values.forEach((v, i) => {
    if (v === null) {
      missingCount++;
      missingBads += target[i];
      return;
    }
    present++;
    const s = stats.get(v) ?? { count: 0, bads: 0 };
    s.count++;
    s.bads += target[i];
    stats.set(v, s);
  });
  const cats = [...stats.entries()].sort((a, b) => (a[1].bads + 0.5) / (a[1].count + 1) - (b[1].bads + 0.5) / (b[1].count + 1) || (a[0] < b[0] ? -1 : 1));
  const blocks = cats.map(([, s]) => s);
  const minCount = Math.max(1, Math.ceil(options.minBinShare * present));
  const starts = enforceConstraints(blocks, blocks.map((_, i) => i), minCount, options.minBadsPerBin, options.maxBins, totalGoods, totalBads);
  const groups = starts.map((s, g) => cats.slice(s, g + 1 < starts.length ? starts[g + 1] : cats.length).map(([name]) => name));
  const merged = blocksFromStarts(blocks, starts);
  const bins = merged.map((g) => binStat(g.count, g.bads, totalGoods, totalBads));
  const missing = binStat(missingCount, missingBads, totalGoods, totalBads);
  if (missingCount < options.minMissingCount) missing.woe = 0;
  const iv = ivOf(missingCount >= options.minMissingCount ? [...merged, { count: missingCount, bads: missingBads }] : merged, totalGoods, totalBads);
  return { kind: 'categorical', groups, bins, missing, iv };
}

/** Bin index of a value under a binning (−1 = missing or unseen category). */
export function numericBinOf(cuts: readonly number[], value: number): number {
  if (Number.isNaN(value)) return -1;
  let b = 0;
  while (b < cuts.length && value >= cuts[b]) b++;
  return b;
}

/** Bin index of every value under a binning (−1 = missing, or a category never seen in training). */
export function binIndexes(binning: Binning, values: Float64Array | ReadonlyArray<string | null>): Int32Array {
  const out = new Int32Array(values.length);
  if (binning.kind === 'numeric') {
    const v = values as Float64Array;
    for (let i = 0; i < v.length; i++) out[i] = numericBinOf(binning.cuts, v[i]);
  } else {
    const index = new Map<string, number>();
    binning.groups.forEach((g, gi) => g.forEach((c) => index.set(c, gi)));
    const v = values as ReadonlyArray<string | null>;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] = x === null ? -1 : (index.get(x) ?? -1);
    }
  }
  return out;
}

/** WOE-transforms a column under its binning (missing and unseen values get the missing WOE). */
export function woeTransform(binning: Binning, values: Float64Array | ReadonlyArray<string | null>): Float64Array {
  const idx = binIndexes(binning, values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < idx.length; i++) {
    const b = idx[i];
    out[i] = b < 0 ? binning.missing.woe : binning.bins[b].woe;
  }
  return out;
}
