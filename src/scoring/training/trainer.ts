import {
  DEFAULT_SCALING,
  SCORECARD_SCHEMA_VERSION,
  type CategoricalCharacteristic,
  type Characteristic,
  type FeatureValue,
  type NumericCharacteristic,
  type ScalingParameters,
  type ScorecardModel,
} from '../engine/model-types.js';
import { PROTECTED_ATTRIBUTES, isProtectedAttribute } from '../engine/protected-attributes.js';
import { scaleConstants } from '../engine/scaling.js';
import { evaluateScorecard, loadScorecard } from '../engine/scorecard.js';
import { DEFAULT_BINNING, binCategorical, binIndexes, binNumeric, woeTransform, type Binning, type BinningOptions, type Shape } from './binning.js';
import { genericCharacteristicInfo, type CharacteristicInfo } from './characteristic-catalogue.js';
import type { CsvTable } from './csv.js';
import type { DatasetPreset } from './dataset-presets.js';
import { fitLogistic } from './logistic.js';
import { auc, gini, ks, psi, psiFromCounts } from './metrics.js';

/** Cell values read as missing. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

export interface TrainOptions {
  target: string;
  name: string;
  version: string;
  product: 'consumer' | 'merchant';
  description?: string;
  /** Data file name recorded in the model (a name, no rows). */
  dataFile: string;
  dataSource?: string;
  /** Training date recorded in the model (YYYY-MM-DD). */
  createdAt: string;
  /** Source or mapped column names to leave out (recorded as `excluded`). */
  exclude?: readonly string[];
  preset?: DatasetPreset;
  /** Extra renames (source column → characteristic name), applied after the preset's. */
  columnMapping?: Readonly<Record<string, string>>;
  /** Numeric features computed from other (mapped) columns; they score through the engine's `derived`. */
  derived?: readonly DerivedFeature[];
  /** `{ a: b }`: treat a as missing wherever b is missing (mapped names). */
  missingWhenMissing?: Readonly<Record<string, string>>;
  /** Columns to treat as categorical even if they look numeric. */
  categorical?: readonly string[];
  scaling?: ScalingParameters;
  binning?: Partial<BinningOptions>;
  /** Per-characteristic shape of the bad rate (overrides `binning.shape`). */
  shapes?: Readonly<Record<string, BinningOptions['shape']>>;
  /** L2 penalty of the logistic regression (on WOE features). */
  l2?: number;
  /** Characteristics with a lower training IV are dropped. */
  minIv?: number;
  /**
   * `cap` (default): a missing value never scores above the average applicant (0 points), even
   * where the training data says missing is safer (GMSC: no stated income), so that leaving a
   * field out of an API request cannot raise a score. `learned`: the missing bin's own WOE.
   */
  missingPolicy?: 'cap' | 'learned';
  /** Decimals kept in bin points (0 = integer points, the default). */
  pointsDecimals?: number;
}

export interface CharacteristicReport {
  name: string;
  sourceColumn: string;
  type: 'numeric' | 'categorical';
  iv: number;
  coefficient: number;
  shape: Shape | 'categorical';
  bins: number;
  /** PSI of the bin distribution, train → holdout. */
  psi: number;
}

export interface TrainingReport {
  modelVersion: string;
  trainRows: number;
  trainBads: number;
  holdoutRows: number;
  holdoutBads: number;
  holdout: { auc: number; ks: number; gini: number };
  train: { auc: number; ks: number; gini: number };
  psiTrainToTest: number;
  informationValues: Record<string, number>;
  characteristics: CharacteristicReport[];
  dropped: Record<string, string>;
  intercept: number;
  logisticIterations: number;
  durationMs: number;
}

export interface TrainResult {
  model: ScorecardModel;
  report: TrainingReport;
}

export interface DerivedFeature {
  name: string;
  op: 'sum';
  inputs: readonly string[];
}

interface Column {
  name: string;
  source: string;
  type: 'numeric' | 'categorical';
  numeric: Float64Array;
  categorical: Array<string | null>;
  derived?: DerivedFeature;
}

function deriveColumn(spec: DerivedFeature, columns: readonly Column[], n: number): Column {
  const inputs = spec.inputs.map((name) => {
    const c = columns.find((x) => x.name === name);
    if (!c) throw new RangeError(`derived feature '${spec.name}': input '${name}' is not a usable column`);
    if (c.type !== 'numeric') throw new RangeError(`derived feature '${spec.name}': input '${name}' is not numeric`);
    return c.numeric;
  });
  const numeric = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (const v of inputs) sum += v[r]; // NaN (missing) propagates
    numeric[r] = sum;
  }
  return {
    name: spec.name,
    source: spec.inputs.join(' + '),
    type: 'numeric',
    numeric,
    categorical: Array.from(numeric, (v) => (Number.isNaN(v) ? null : String(v))),
    derived: spec,
  };
}

function parseTarget(raw: string, row: number): 0 | 1 {
  const t = raw.trim();
  if (t === '1' || t === '1.0') return 1;
  if (t === '0' || t === '0.0') return 0;
  throw new RangeError(`target in data row ${row} is '${raw}', expected 0 or 1`);
}

function buildColumns(table: CsvTable, keep: ReadonlyArray<{ index: number; name: string; source: string }>, categorical: ReadonlySet<string>): Column[] {
  const n = table.rows.length;
  return keep.map(({ index, name, source }) => {
    const numeric = new Float64Array(n);
    const cats: Array<string | null> = new Array<string | null>(n);
    let isNumeric = !categorical.has(name) && !categorical.has(source);
    for (let r = 0; r < n; r++) {
      const raw = table.rows[r][index].trim();
      if (MISSING_TOKENS.has(raw)) {
        numeric[r] = Number.NaN;
        cats[r] = null;
        continue;
      }
      cats[r] = raw;
      if (isNumeric) {
        const v = Number(raw);
        if (Number.isFinite(v)) numeric[r] = v;
        else isNumeric = false;
      }
    }
    return { name, source, type: isNumeric ? 'numeric' : 'categorical', numeric, categorical: cats };
  });
}

/** The values of `rows`, in that order, into a new typed array of the same kind. */
function pick<A extends Float64Array | Uint8Array>(arr: A, rows: readonly number[], make: (n: number) => A): A {
  const out = make(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = arr[rows[i]];
  return out;
}

const roundTo = (x: number, decimals: number): number => {
  const k = 10 ** decimals;
  return Math.round(x * k) / k;
};
const round4 = (x: number): number => roundTo(x, 4);

/**
 * Trains a scorecard: per-column supervised binning (WOE/IV) on the training rows, logistic
 * regression on the WOE-transformed characteristics, points on the model's PDO scale, then
 * scores training and holdout rows through the real engine to report AUC, KS, Gini and PSI.
 *
 * points(bin) = round(−factor · β · WOE(bin)); basePoints = round(offset − factor · intercept),
 * so basePoints + Σ points = offset + factor · ln(odds good:bad) up to rounding.
 */
export function trainScorecard(table: CsvTable, holdout: ReadonlySet<number>, options: TrainOptions): TrainResult {
  const started = performance.now();
  const scaling = options.scaling ?? { ...DEFAULT_SCALING };
  const l2 = options.l2 ?? 1;
  const minIv = options.minIv ?? 0.02;
  const pointsDecimals = options.pointsDecimals ?? 0;
  const missingPolicy = options.missingPolicy ?? 'cap';
  const preset = options.preset;
  const mapping: Record<string, string> = { ...(preset?.columnMapping ?? {}), ...(options.columnMapping ?? {}) };
  const exclude = new Set(options.exclude ?? []);
  const dropped: Record<string, string> = {};

  const targetIndex = table.header.indexOf(options.target);
  if (targetIndex < 0) throw new RangeError(`target column '${options.target}' is not in the header`);
  const keep: Array<{ index: number; name: string; source: string }> = [];
  table.header.forEach((source, index) => {
    if (index === targetIndex) return;
    const name = mapping[source] ?? source;
    const presetDrop = preset?.drop[source];
    if (exclude.has(source) || exclude.has(name)) dropped[name] = isProtectedAttribute(name) ? 'protected' : 'excluded';
    else if (presetDrop) dropped[name] = presetDrop;
    else if (isProtectedAttribute(name) || isProtectedAttribute(source)) dropped[name] = 'protected';
    else if (/^(id|row_?id|index)$/i.test(name)) dropped[name] = 'identifier';
    else keep.push({ index, name, source });
  });
  if (keep.length === 0) throw new RangeError('no feature columns left to train on');

  const n = table.rows.length;
  const target = new Uint8Array(n);
  table.rows.forEach((row, r) => (target[r] = parseTarget(row[targetIndex], r)));
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let r = 0; r < n; r++) (holdout.has(r) ? testRows : trainRows).push(r);
  if (trainRows.length === 0 || testRows.length === 0) throw new RangeError('need both training and holdout rows');
  // Small samples get coarser bins: at least 50 training rows per bin (capped at 5 %).
  const binningOptions: BinningOptions = {
    ...DEFAULT_BINNING,
    minBinShare: Math.max(DEFAULT_BINNING.minBinShare, Math.min(0.05, 50 / trainRows.length)),
    ...options.binning,
  };
  const yTrain = pick(target, trainRows, (k) => new Uint8Array(k));
  const yTest = pick(target, testRows, (k) => new Uint8Array(k));

  const columns = buildColumns(table, keep, new Set(options.categorical ?? []));
  const masks = { ...(preset?.missingWhenMissing ?? {}), ...(options.missingWhenMissing ?? {}) };
  for (const [name, other] of Object.entries(masks)) {
    const c = columns.find((x) => x.name === name);
    const o = columns.find((x) => x.name === other);
    if (!c || !o) continue;
    for (let r = 0; r < n; r++) {
      if (o.categorical[r] === null) {
        c.numeric[r] = Number.NaN;
        c.categorical[r] = null;
      }
    }
  }
  const derivedSpecs = [...(preset?.derived ?? []), ...(options.derived ?? [])];
  for (const spec of derivedSpecs) {
    if (isProtectedAttribute(spec.name) || spec.inputs.some((i) => isProtectedAttribute(i) || exclude.has(i))) {
      throw new RangeError(`derived feature '${spec.name}' uses an excluded or protected attribute`);
    }
    columns.push(deriveColumn(spec, columns, n));
  }
  const trainOf = (c: Column): Float64Array | Array<string | null> =>
    c.type === 'numeric' ? pick(c.numeric, trainRows, (k) => new Float64Array(k)) : trainRows.map((r) => c.categorical[r]);
  const testOf = (c: Column): Float64Array | Array<string | null> =>
    c.type === 'numeric' ? pick(c.numeric, testRows, (k) => new Float64Array(k)) : testRows.map((r) => c.categorical[r]);

  // 1. Binning and information value.
  const shapes = { ...(preset?.shapes ?? {}), ...(options.shapes ?? {}) };
  const binned = columns.map((c) => {
    const values = trainOf(c);
    const shape = shapes[c.name];
    const opts = shape ? { ...binningOptions, shape } : binningOptions;
    const binning: Binning =
      c.type === 'numeric' ? binNumeric(values as Float64Array, yTrain, opts) : binCategorical(values as Array<string | null>, yTrain, opts);
    return { column: c, binning, trainValues: values };
  });
  const informationValues: Record<string, number> = {};
  for (const b of binned) informationValues[b.column.name] = round4(b.binning.iv);
  let selected = binned.filter((b) => {
    if (b.binning.iv < minIv || b.binning.bins.length < 2) {
      dropped[b.column.name] = `low_iv (${b.binning.iv.toFixed(4)})`;
      return false;
    }
    return true;
  });

  // 2. Logistic regression on WOE; drop characteristics with a reversed (non-negative) coefficient.
  const woe = new Map(selected.map((b) => [b.column.name, woeTransform(b.binning, b.trainValues)]));
  let fit = fitLogistic(
    selected.map((b) => woe.get(b.column.name)!),
    yTrain,
    { l2 },
  );
  for (;;) {
    let worst = -1;
    fit.coefficients.forEach((c, i) => {
      if (c >= 0 && (worst < 0 || c > fit.coefficients[worst])) worst = i;
    });
    if (worst < 0) break;
    dropped[selected[worst].column.name] = `wrong_sign (β=${fit.coefficients[worst].toFixed(4)})`;
    selected = selected.filter((_, i) => i !== worst);
    if (selected.length === 0) throw new RangeError('every characteristic was dropped');
    fit = fitLogistic(
      selected.map((b) => woe.get(b.column.name)!),
      yTrain,
      { l2 },
    );
  }

  // 3. Points.
  const { factor, offset } = scaleConstants(scaling);
  const used = new Set<string>();
  const presetInfo = preset?.characteristics ?? {};
  for (const info of Object.values(presetInfo)) used.add(info.code);
  let nextCode = 1;
  const prefix = preset?.codePrefix ?? 'C';
  const infoFor = (name: string): CharacteristicInfo => {
    const known = presetInfo[name];
    if (known) return known;
    let code: string;
    do code = `${prefix}${String(nextCode++).padStart(2, '0')}`;
    while (used.has(code));
    used.add(code);
    return genericCharacteristicInfo(name, code);
  };
  const characteristics: Characteristic[] = selected.map((b, i) => {
    const beta = fit.coefficients[i];
    const pts = (w: number): number => roundTo(-factor * beta * w, pointsDecimals) || 0;
    const info = infoFor(b.column.name);
    const bg = b.binning;
    const common = {
      name: b.column.name,
      code: info.code,
      label: info.label,
      ...(info.source ? { source: info.source } : {}),
      ...(masks[b.column.name] ? { requires: [masks[b.column.name]] } : {}),
      reasons: info.reasons,
      missing: { points: missingPolicy === 'cap' ? Math.min(0, pts(bg.missing.woe)) : pts(bg.missing.woe), woe: round4(bg.missing.woe), count: bg.missing.count, badRate: round4(bg.missing.badRate) },
      iv: round4(bg.iv),
      coefficient: round4(beta),
    };
    if (bg.kind === 'numeric') {
      const bounds = [null, ...bg.cuts, null];
      const derived = b.column.derived;
      const c: NumericCharacteristic = {
        ...common,
        ...(derived ? { derived: { op: derived.op, inputs: [...derived.inputs] } } : {}),
        type: 'numeric',
        bins: bg.bins.map((s, k) => ({ min: bounds[k], max: bounds[k + 1], points: pts(s.woe), woe: round4(s.woe), count: s.count, badRate: round4(s.badRate) })),
      };
      return c;
    }
    const c: CategoricalCharacteristic = {
      ...common,
      type: 'categorical',
      bins: bg.bins.map((s, k) => ({ values: [...bg.groups[k]].sort(), points: pts(s.woe), woe: round4(s.woe), count: s.count, badRate: round4(s.badRate) })),
    };
    return c;
  });

  const excludedAttributes = [...new Set([...PROTECTED_ATTRIBUTES, ...Object.entries(dropped).filter(([, why]) => why === 'protected' || why === 'excluded').map(([name]) => name)])];
  const trainBads = yTrain.reduce((s, y) => s + y, 0);
  const testBads = yTest.reduce((s, y) => s + y, 0);
  const draft: ScorecardModel = {
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    name: options.name,
    version: options.version,
    kind: 'trained',
    product: options.product,
    description:
      options.description ??
      `Scorecard trained on ${options.dataFile}: quantile binning with monotone merging, WOE, L2 logistic regression (λ=${l2}), points at ${scaling.baseScore} for ${scaling.baseOdds}:1 good:bad odds, ${scaling.pdo} points to double the odds.`,
    dataSource: options.dataSource ?? preset?.description ?? options.dataFile,
    createdAt: options.createdAt,
    scaling,
    basePoints: roundTo(offset - factor * fit.intercept, pointsDecimals),
    excludedAttributes,
    characteristics,
  };

  // 4. Score through the engine and measure.
  const card = loadScorecard(draft);
  const usedColumns = columns.filter((c) => !c.derived); // derived values are computed by the engine
  const scoreRows = (rows: readonly number[]): Float64Array => {
    const out = new Float64Array(rows.length);
    const features: Record<string, FeatureValue> = {};
    rows.forEach((r, i) => {
      for (const c of usedColumns) features[c.name] = c.type === 'numeric' ? c.numeric[r] : c.categorical[r];
      out[i] = evaluateScorecard(card, features).probabilityOfBad;
    });
    return out;
  };
  const pTrain = scoreRows(trainRows);
  const pTest = scoreRows(testRows);
  const measure = (p: Float64Array, y: Uint8Array): { auc: number; ks: number; gini: number } => {
    const a = auc(p, y);
    return { auc: round4(a), ks: round4(ks(p, y)), gini: round4(gini(a)) };
  };
  const holdoutMetrics = measure(pTest, yTest);
  const trainMetrics = measure(pTrain, yTrain);
  const psiScore = round4(psi(pTrain, pTest, 10));

  const characteristicReports: CharacteristicReport[] = selected.map((b, i) => {
    const c = characteristics[i];
    const bins = c.bins.length + 1; // the last slot counts missing values
    const trainCounts = new Array<number>(bins).fill(0);
    const testCounts = new Array<number>(bins).fill(0);
    binIndexes(b.binning, b.trainValues).forEach((k) => trainCounts[k < 0 ? bins - 1 : k]++);
    binIndexes(b.binning, testOf(b.column)).forEach((k) => testCounts[k < 0 ? bins - 1 : k]++);
    return {
      name: c.name,
      sourceColumn: b.column.source,
      type: c.type,
      iv: round4(b.binning.iv),
      coefficient: round4(fit.coefficients[i]),
      shape: b.binning.kind === 'numeric' ? b.binning.shape : 'categorical',
      bins: c.bins.length,
      psi: round4(psiFromCounts(trainCounts, testCounts)),
    };
  });

  const renames = Object.fromEntries(Object.entries(mapping).filter(([s]) => table.header.includes(s)));
  const model: ScorecardModel = {
    ...draft,
    training: {
      dataFile: options.dataFile,
      target: options.target,
      trainRows: trainRows.length,
      trainBads,
      holdout: { rows: testRows.length, bads: testBads, ...holdoutMetrics },
      train: { rows: trainRows.length, bads: trainBads, ...trainMetrics },
      psiTrainToTest: psiScore,
      informationValues,
      droppedColumns: dropped,
      intercept: round4(fit.intercept),
      l2,
      ...(Object.keys(renames).length > 0 ? { columnMapping: renames } : {}),
      ...(Object.keys(masks).length > 0 ? { notes: Object.entries(masks).map(([a, b]) => `${a} treated as missing where ${b} is missing`) } : {}),
      ...(derivedSpecs.length > 0 ? { derivedFeatures: Object.fromEntries(derivedSpecs.map((d) => [d.name, `${d.op}(${d.inputs.join(', ')})`])) } : {}),
    },
  };
  loadScorecard(model); // the artifact we return must load
  return {
    model,
    report: {
      modelVersion: card.modelVersion,
      trainRows: trainRows.length,
      trainBads,
      holdoutRows: testRows.length,
      holdoutBads: testBads,
      holdout: holdoutMetrics,
      train: trainMetrics,
      psiTrainToTest: psiScore,
      informationValues,
      characteristics: characteristicReports,
      dropped,
      intercept: fit.intercept,
      logisticIterations: fit.iterations,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
