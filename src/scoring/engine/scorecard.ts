import { validateScorecardModel, type LoadModelOptions } from './model-loader.js';
import {
  modelVersionOf,
  type Features,
  type FeatureValue,
  type Language,
  type LocalizedText,
  type ScalingParameters,
  type ScorecardModel,
} from './model-types.js';
import { scaleConstants } from './scaling.js';

export type ReasonDirection = 'negative' | 'positive';

export interface ScoreReason {
  /** Stable code of the characteristic (e.g. `C03`). */
  code: string;
  characteristic: string;
  direction: ReasonDirection;
  /**
   * negative: points lost against the characteristic's best bin;
   * positive: points gained over its worst bin.
   */
  points: number;
  /** The value was missing (the missing bin scored). */
  missing: boolean;
  text: LocalizedText;
}

export interface ScoreResult {
  /** `name@version` of the model that scored. */
  modelVersion: string;
  /** round(basePoints + Σ points), clamped to [minScore, maxScore]. */
  score: number;
  /** basePoints + Σ points, before rounding and clamping. */
  rawScore: number;
  /** 1 / (1 + odds), odds = exp((rawScore − offset) / factor): the log-odds scaling inverted. */
  probabilityOfBad: number;
  /** Points per characteristic (every characteristic of the model, by name). */
  points: Record<string, number>;
  /** Up to 4 reasons: negative ones by points lost (desc), then positive ones by points gained. */
  reasons: ScoreReason[];
}

const NUMERIC = 0;
const CATEGORICAL = 1;

interface CompiledCharacteristic {
  readonly name: string;
  readonly code: string;
  readonly kind: typeof NUMERIC | typeof CATEGORICAL;
  /** Derived (sum) characteristics: the input feature names; null when read directly. */
  readonly inputs: readonly string[] | null;
  /** Features that must be present for the value to count (null: none). */
  readonly requires: readonly string[] | null;
  /** inputs or requires set: take the slow path through indirectBin(). */
  readonly indirect: boolean;
  /** Numeric: exclusive upper bounds of bins 0..n−2 (the last bin is open). */
  readonly uppers: Float64Array;
  /** Categorical: value → points. */
  readonly categories: ReadonlyMap<string, number>;
  readonly binPoints: Float64Array;
  readonly missingPoints: number;
  readonly bestPoints: number;
  readonly worstPoints: number;
  readonly negativeText: LocalizedText;
  readonly positiveText: LocalizedText;
  readonly missingText: LocalizedText;
}

/** A validated model compiled to typed arrays and maps: evaluation is pure in-memory arithmetic. */
export interface CompiledScorecard {
  readonly model: Readonly<ScorecardModel>;
  readonly modelVersion: string;
  readonly scaling: Readonly<ScalingParameters>;
  readonly basePoints: number;
  /** Characteristic names in model order. */
  readonly characteristicNames: readonly string[];
  /** Highest and lowest attainable raw scores (every characteristic at its best / worst bin). */
  readonly maxRawScore: number;
  readonly minRawScore: number;
  /** @internal */
  readonly compiled: readonly CompiledCharacteristic[];
  /** @internal scaling constants */
  readonly factor: number;
  readonly offset: number;
  /** @internal scratch buffers (evaluation is synchronous, so one set per model is safe) */
  readonly lost: Float64Array;
  readonly gained: Float64Array;
  readonly wasMissing: Uint8Array;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

function freezeText(t: LocalizedText): LocalizedText {
  return Object.freeze({ en: t.en, 'zh-CN': t['zh-CN'] });
}

/**
 * Validates (see validateScorecardModel) and compiles a model. Accepts any parsed JSON / object
 * literal; the compiled model keeps a deep-frozen copy of the validated artifact.
 */
export function loadScorecard(input: unknown, options: LoadModelOptions = {}): CompiledScorecard {
  const model = deepFreeze(structuredClone(validateScorecardModel(input, options)));
  const compiled: CompiledCharacteristic[] = model.characteristics.map((c) => {
    const binPoints = Float64Array.from(c.bins.map((b) => b.points));
    const allPoints = [...binPoints, c.missing.points];
    const negativeText = freezeText(c.reasons.negative);
    const requires = c.requires ? Object.freeze([...c.requires]) : null;
    const inputs = c.type === 'numeric' && c.derived ? Object.freeze([...c.derived.inputs]) : null;
    const common = {
      name: c.name,
      inputs,
      requires,
      indirect: inputs !== null || requires !== null,
      code: c.code,
      binPoints,
      missingPoints: c.missing.points,
      bestPoints: Math.max(...allPoints),
      worstPoints: Math.min(...allPoints),
      negativeText,
      positiveText: freezeText(c.reasons.positive),
      missingText: c.reasons.missing ? freezeText(c.reasons.missing) : negativeText,
    };
    if (c.type === 'numeric') {
      return {
        ...common,
        kind: NUMERIC,
        uppers: Float64Array.from(c.bins.slice(0, -1).map((b) => b.max as number)),
        categories: new Map<string, number>(),
      };
    }
    const categories = new Map<string, number>();
    c.bins.forEach((b, i) => b.values.forEach((v) => categories.set(v, i)));
    return { ...common, kind: CATEGORICAL, uppers: new Float64Array(0), categories };
  });
  const { factor, offset } = scaleConstants(model.scaling);
  const n = compiled.length;
  return Object.freeze({
    model,
    modelVersion: modelVersionOf(model),
    scaling: model.scaling,
    basePoints: model.basePoints,
    characteristicNames: Object.freeze(compiled.map((c) => c.name)),
    maxRawScore: compiled.reduce((s, c) => s + c.bestPoints, model.basePoints),
    minRawScore: compiled.reduce((s, c) => s + c.worstPoints, model.basePoints),
    compiled: Object.freeze(compiled),
    factor,
    offset,
    lost: new Float64Array(n),
    gained: new Float64Array(n),
    wasMissing: new Uint8Array(n),
  });
}

/** Number for a numeric characteristic, NaN when missing (null, undefined, '', 'NA', non-numeric text, ±∞). */
export function numericFeature(value: FeatureValue): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value === 'string') {
    if (value.trim() === '') return Number.NaN;
    const n = Number(value);
    return Number.isFinite(n) ? n : Number.NaN;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
}

/** String key for a categorical characteristic, null when missing. */
export function categoricalFeature(value: FeatureValue): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return null;
}

/** Bin index that one characteristic of the model gives these features (−1 = missing bin). */
export function binIndex(card: CompiledScorecard, characteristic: string, features: Features): number {
  const c = card.compiled.find((x) => x.name === characteristic);
  if (!c) throw new RangeError(`${card.modelVersion} has no characteristic '${characteristic}'`);
  return c.indirect ? indirectBin(c, features) : lookupBin(c, features[c.name]);
}

function isMissing(value: FeatureValue): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value));
}

/**
 * Bin of a derived or conditional characteristic (−1 = missing bin).
 *
 * `requires`: missing unless every required feature is present.
 * `sum`: all inputs missing → missing. Some missing → the sum of those present, unless that
 * would score better than the missing bin, in which case the missing bin: a partial sum can
 * only understate (e.g. late payments), so leaving an input out must never raise the score,
 * while the late payments that were reported still count.
 */
function indirectBin(c: CompiledCharacteristic, features: Features): number {
  const requires = c.requires;
  if (requires !== null) {
    for (let k = 0; k < requires.length; k++) if (isMissing(features[requires[k]])) return -1;
  }
  const inputs = c.inputs;
  if (inputs === null) return lookupBin(c, features[c.name]);
  let sum = 0;
  let present = 0;
  for (let k = 0; k < inputs.length; k++) {
    const x = numericFeature(features[inputs[k]]);
    if (x !== x) continue;
    sum += x;
    present++;
  }
  if (present === 0) return -1;
  const bin = lookupBin(c, sum);
  return present < inputs.length && c.binPoints[bin] > c.missingPoints ? -1 : bin;
}

function lookupBin(c: CompiledCharacteristic, value: FeatureValue): number {
  if (c.kind === NUMERIC) {
    const x = numericFeature(value);
    if (x !== x) return -1;
    const uppers = c.uppers;
    const last = uppers.length;
    for (let i = 0; i < last; i++) if (x < uppers[i]) return i;
    return last;
  }
  const key = categoricalFeature(value);
  if (key === null) return -1;
  const idx = c.categories.get(key);
  return idx === undefined ? -1 : idx;
}

/**
 * Scores one applicant. Pure and synchronous: no I/O, no allocation beyond the result.
 *
 * Reasons: each characteristic's loss is (best bin points − its points). Characteristics that
 * lost points are negative reasons, largest loss first (ties keep model order). If fewer than
 * 4 lost points, characteristics sitting in their best bin (with a non-zero spread) follow as
 * positive reasons, largest gain over their worst bin first. At most 4 reasons in total.
 */
export function evaluateScorecard(card: CompiledScorecard, features: Features): ScoreResult {
  const compiled = card.compiled;
  const n = compiled.length;
  const lost = card.lost;
  const gained = card.gained;
  const wasMissing = card.wasMissing;
  const points: Record<string, number> = {};
  let sum = card.basePoints;
  for (let i = 0; i < n; i++) {
    const c = compiled[i];
    const bin = c.indirect ? indirectBin(c, features) : lookupBin(c, features[c.name]);
    const p = bin < 0 ? c.missingPoints : c.binPoints[bin];
    points[c.name] = p;
    sum += p;
    lost[i] = c.bestPoints - p;
    gained[i] = p - c.worstPoints;
    wasMissing[i] = bin < 0 ? 1 : 0;
  }

  // Top-4 negative reasons by points lost (insertion into a 4-slot list; stable on ties).
  const top = [-1, -1, -1, -1];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const l = lost[i];
    if (!(l > 0)) continue;
    let pos = count < 4 ? count : 4;
    while (pos > 0 && lost[top[pos - 1]] < l) pos--;
    if (pos >= 4) continue;
    for (let k = Math.min(count, 3); k > pos; k--) top[k] = top[k - 1];
    top[pos] = i;
    if (count < 4) count++;
  }
  const reasons: ScoreReason[] = [];
  for (let k = 0; k < count; k++) {
    const i = top[k];
    const c = compiled[i];
    const missing = wasMissing[i] === 1;
    reasons.push({
      code: c.code,
      characteristic: c.name,
      direction: 'negative',
      points: lost[i],
      missing,
      text: missing ? c.missingText : c.negativeText,
    });
  }
  if (count < 4) {
    const negatives = count;
    for (let i = 0; i < n; i++) {
      if (lost[i] > 0) continue;
      const g = gained[i];
      if (!(g > 0)) continue;
      let pos = count;
      while (pos > negatives && gained[top[pos - 1]] < g) pos--;
      if (pos >= 4) continue;
      for (let k = Math.min(count, 3); k > pos; k--) top[k] = top[k - 1];
      top[pos] = i;
      if (count < 4) count++;
    }
    for (let k = negatives; k < count; k++) {
      const i = top[k];
      const c = compiled[i];
      reasons.push({
        code: c.code,
        characteristic: c.name,
        direction: 'positive',
        points: gained[i],
        missing: wasMissing[i] === 1,
        text: c.positiveText,
      });
    }
  }

  const scaling = card.scaling;
  const rounded = Math.round(sum);
  const score = rounded < scaling.minScore ? scaling.minScore : rounded > scaling.maxScore ? scaling.maxScore : rounded;
  const probabilityOfBad = 1 / (1 + Math.exp((sum - card.offset) / card.factor));
  return { modelVersion: card.modelVersion, score, rawScore: sum, probabilityOfBad, points, reasons };
}

/** Reason list in one language, as the API returns it. */
export function localizeReasons(
  reasons: readonly ScoreReason[],
  language: Language,
): Array<{ code: string; text: string; direction: ReasonDirection }> {
  return reasons.map((r) => ({ code: r.code, text: r.text[language], direction: r.direction }));
}
