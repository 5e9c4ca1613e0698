/**
 * Evaluation throughput of the shipped scorecards (pure in-memory arithmetic, one core):
 *
 *   node dist/scoring/engine/evaluate-bench.cli.js [--seconds 2]
 */
import { parseArgs } from 'node:util';
import { consumerBureauModel, consumerThinFileModel, merchantCashflowModel } from '../models/index.js';
import type { Features, ScorecardModel } from './model-types.js';
import { evaluateScorecard, loadScorecard } from './scorecard.js';

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random applicants drawn from each characteristic's bins (10 % missing values). */
export function randomFeatures(model: ScorecardModel, count: number, seed = 1): Features[] {
  const next = rng(seed);
  const names = new Set<string>();
  for (const c of model.characteristics) {
    if (c.type === 'numeric' && c.derived) c.derived.inputs.forEach((i) => names.add(i));
    else names.add(c.name);
    c.requires?.forEach((r) => names.add(r));
  }
  const out: Features[] = [];
  for (let k = 0; k < count; k++) {
    const f: Record<string, number | string | null> = {};
    for (const name of names) {
      const c = model.characteristics.find((x) => x.name === name);
      if (next() < 0.1) f[name] = null;
      else if (c?.type === 'categorical') {
        const bin = c.bins[Math.floor(next() * c.bins.length)];
        f[name] = bin.values[Math.floor(next() * bin.values.length)]!;
      } else if (c?.type === 'numeric') {
        const bin = c.bins[Math.floor(next() * c.bins.length)];
        const lo = bin.min ?? (bin.max ?? 0) - 10;
        const hi = bin.max ?? lo + 10;
        f[name] = lo + next() * (hi - lo);
      } else f[name] = Math.floor(next() * 5); // inputs of derived characteristics: small counts
    }
    out.push(f);
  }
  return out;
}

export function measure(model: ScorecardModel, seconds: number): { evaluationsPerSecond: number; characteristics: number } {
  const card = loadScorecard(model);
  const inputs = randomFeatures(model, 4096);
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += evaluateScorecard(card, inputs[i & 4095]).score; // warm-up
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  for (;;) {
    for (let i = 0; i < 50_000; i++) sink += evaluateScorecard(card, inputs[(n + i) & 4095]).score;
    n += 50_000;
    if (process.hrtime.bigint() - start >= budget) break;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink === Number.MIN_VALUE) console.log(sink); // keep the work observable
  return { evaluationsPerSecond: Math.round(n / elapsed), characteristics: model.characteristics.length };
}

const { values } = parseArgs({ args: process.argv.slice(2), options: { seconds: { type: 'string' } } });
const seconds = Number(values.seconds ?? 2);
// A 10-characteristic card: the thin-file card plus a copy of its last characteristic.
const last = consumerThinFileModel.characteristics[consumerThinFileModel.characteristics.length - 1];
const tenCharacteristics: ScorecardModel = {
  ...consumerThinFileModel,
  name: 'bench-ten',
  characteristics: [...consumerThinFileModel.characteristics, { ...last, name: 'extraCharacteristic', code: 'T99' }],
};
for (const model of [consumerBureauModel, consumerThinFileModel, merchantCashflowModel, tenCharacteristics]) {
  const r = measure(model, seconds);
  console.log(`${model.name}@${model.version}: ${r.characteristics} characteristics, ${r.evaluationsPerSecond.toLocaleString('en')} evaluations/s`);
}
