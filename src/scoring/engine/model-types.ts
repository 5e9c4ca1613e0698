/**
 * The scorecard model artifact: plain data, versioned under `src/scoring/models/`.
 *
 * A model is a list of characteristics. Each characteristic maps one feature value to exactly
 * one bin: numeric bins are half-open ranges `[min, max)` that together cover the whole real
 * line, categorical bins are disjoint sets of values, and every characteristic has its own
 * *missing* bin (used for `null`, `undefined`, `NaN`, empty strings and, for categorical
 * characteristics, values that no bin lists). Each bin carries points.
 *
 *   score = basePoints + Σ points(characteristic)       (then rounded and clamped)
 *
 * The points are on a points-to-double-odds (PDO) scale, so the raw sum is a log-odds:
 *
 *   factor = pdo / ln 2
 *   offset = baseScore − factor · ln(baseOdds)
 *   rawScore = offset + factor · ln(odds good:bad)   ⇔   odds = exp((rawScore − offset) / factor)
 *   probabilityOfBad = 1 / (1 + odds)
 *
 * e.g. baseScore 600, baseOdds 50, pdo 20: 600 points means 50:1 good:bad odds (PD 1.96 %),
 * every 20 points more doubles the odds (620 → 100:1), every 20 points less halves them.
 */

export const SCORECARD_SCHEMA_VERSION = 1 as const;

export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

export interface ScalingParameters {
  /** Score at which the good:bad odds equal `baseOdds`. */
  baseScore: number;
  /** Good:bad odds at `baseScore` (50 means 50:1). */
  baseOdds: number;
  /** Points to double the odds. */
  pdo: number;
  /** The final score is clamped into [minScore, maxScore] after rounding. */
  minScore: number;
  maxScore: number;
}

/** The platform-wide default: 600 points at 50:1 good:bad odds, 20 points to double the odds, 300–900. */
export const DEFAULT_SCALING: Readonly<ScalingParameters> = Object.freeze({
  baseScore: 600,
  baseOdds: 50,
  pdo: 20,
  minScore: 300,
  maxScore: 900,
});

/** Optional training statistics kept next to a bin (trained models only; not used to score). */
export interface BinStatistics {
  /** Weight of evidence ln(%good / %bad) on the training set. */
  woe?: number;
  /** Training rows in the bin. */
  count?: number;
  /** Training bad rate in the bin. */
  badRate?: number;
}

export interface NumericBin extends BinStatistics {
  /** Inclusive lower bound; `null` means −∞ (first bin only). */
  min: number | null;
  /** Exclusive upper bound; `null` means +∞ (last bin only). */
  max: number | null;
  points: number;
}

export interface CategoricalBin extends BinStatistics {
  /** Values (compared as strings, exactly) that fall into this bin. */
  values: string[];
  points: number;
}

export interface MissingBin extends BinStatistics {
  points: number;
}

export interface ReasonTexts {
  /** Shown when the characteristic lost points against its best bin. */
  negative: LocalizedText;
  /** Shown when the characteristic is in its best bin. */
  positive: LocalizedText;
  /** Shown instead of `negative` when the value was missing. Falls back to `negative`. */
  missing?: LocalizedText;
}

/**
 * A characteristic computed from other features instead of read directly.
 * `sum`: the sum of the numeric inputs. All inputs missing → the missing bin. Some missing →
 * the sum of the others, but never more points than the missing bin (a partial sum can only
 * understate, e.g., the number of late payments, so leaving an input out never helps).
 */
export interface Derivation {
  op: 'sum';
  inputs: string[];
}

interface CharacteristicBase {
  /**
   * Feature key read from the features record (an API field name, e.g. `pastDue90Plus`), or,
   * with `derived`, the name of the computed value.
   */
  name: string;
  /** Numeric characteristics only: compute the value from other features. */
  derived?: Derivation;
  /**
   * The value counts as missing unless every feature listed here is present (e.g. a debt ratio
   * is only trusted next to an income, as in training).
   */
  requires?: string[];
  /** Stable reason code (e.g. `C03`): unique within the model, never reused for another meaning. */
  code: string;
  label: LocalizedText;
  /** Where the value comes from in the API request (documentation only), e.g. `bureau.pastDue90Plus`. */
  source?: string;
  reasons: ReasonTexts;
  missing: MissingBin;
  /** Training only: information value and the logistic-regression coefficient. */
  iv?: number;
  coefficient?: number;
}

export interface NumericCharacteristic extends CharacteristicBase {
  type: 'numeric';
  /** Sorted, contiguous ranges: bins[0].min = null, bins[i].max = bins[i+1].min, last max = null. */
  bins: NumericBin[];
}

export interface CategoricalCharacteristic extends CharacteristicBase {
  type: 'categorical';
  /** Disjoint value sets. Values listed nowhere score as missing. */
  bins: CategoricalBin[];
}

export type Characteristic = NumericCharacteristic | CategoricalCharacteristic;

export interface HoldoutMetrics {
  rows: number;
  bads: number;
  auc: number;
  ks: number;
  gini: number;
}

export interface TrainingMetadata {
  /** Data file the model was trained on (a name, never data rows). */
  dataFile: string;
  target: string;
  trainRows: number;
  trainBads: number;
  holdout: HoldoutMetrics;
  /** Training-set metrics (to compare with the holdout for over-fitting). */
  train: HoldoutMetrics;
  /** Population stability of the score, train → holdout (decile bins of the training scores). */
  psiTrainToTest: number;
  /** Information value per characteristic on the training set (before any was dropped). */
  informationValues: Record<string, number>;
  /** Columns left out and why (`excluded` by option, `protected`, `low_iv`, `wrong_sign`, `identifier`). */
  droppedColumns: Record<string, string>;
  /** Intercept of the logistic regression (log-odds of bad). */
  intercept: number;
  l2: number;
  /** Column renames applied (source column → characteristic name). */
  columnMapping?: Record<string, string>;
  /** Derived features the trainer added, with their definition. */
  derivedFeatures?: Record<string, string>;
  notes?: string[];
}

export interface ScorecardModel {
  schemaVersion: typeof SCORECARD_SCHEMA_VERSION;
  /** Model family, e.g. `consumer-bureau`. */
  name: string;
  /** Version label, e.g. `2026-11-29`. The full version string is `${name}@${version}`. */
  version: string;
  kind: 'trained' | 'expert';
  product: 'consumer' | 'merchant';
  description: string;
  /** What the points are based on (a data set for trained models, the expert rationale otherwise). */
  dataSource: string;
  /** Training (or authoring) date, `YYYY-MM-DD`. */
  createdAt: string;
  scaling: ScalingParameters;
  /** Points every applicant starts with (offset − factor · intercept for trained models). */
  basePoints: number;
  /**
   * Attributes that this model declares excluded. The platform-wide protected list
   * (`PROTECTED_ATTRIBUTES`) always applies on top; a model scoring any of them is rejected.
   */
  excludedAttributes: string[];
  characteristics: Characteristic[];
  training?: TrainingMetadata;
}

/** Feature values accepted by the evaluator. Booleans score as 'true'/'false' (categorical) or 1/0 (numeric). */
export type FeatureValue = number | string | boolean | null | undefined;
export type Features = Readonly<Record<string, FeatureValue>>;

export function modelVersionOf(model: Pick<ScorecardModel, 'name' | 'version'>): string {
  return `${model.name}@${model.version}`;
}
