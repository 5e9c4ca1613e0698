import { z } from 'zod';
import {
  SCORECARD_SCHEMA_VERSION,
  modelVersionOf,
  type Characteristic,
  type ScorecardModel,
} from './model-types.js';
import { isProtectedAttribute } from './protected-attributes.js';

/** A model artifact that cannot be loaded; `issues` lists every problem found (path: message). */
export class ScorecardModelError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid scorecard model: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`);
    this.name = 'ScorecardModelError';
  }
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const text = z.string().trim().min(1);
const localized = z.strictObject({ en: text, 'zh-CN': text });
const stats = {
  woe: finite.optional(),
  count: z.number().int().min(0).optional(),
  badRate: z.number().min(0).max(1).optional(),
};
const reasonTexts = z.strictObject({ negative: localized, positive: localized, missing: localized.optional() });
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be an identifier');
const base = {
  name: identifier,
  code: z.string().regex(/^[A-Z]{1,3}[0-9]{2,3}$/, 'must look like C03'),
  label: localized,
  source: z.string().min(1).optional(),
  requires: z.array(identifier).min(1).optional(),
  reasons: reasonTexts,
  missing: z.strictObject({ points: finite, ...stats }),
  iv: finite.optional(),
  coefficient: finite.optional(),
};
const numericCharacteristic = z.strictObject({
  ...base,
  derived: z.strictObject({ op: z.literal('sum'), inputs: z.array(identifier).min(1) }).optional(),
  type: z.literal('numeric'),
  bins: z.array(z.strictObject({ min: finite.nullable(), max: finite.nullable(), points: finite, ...stats })).min(1),
});
const categoricalCharacteristic = z.strictObject({
  ...base,
  type: z.literal('categorical'),
  bins: z.array(z.strictObject({ values: z.array(z.string().min(1)).min(1), points: finite, ...stats })).min(1),
});
const holdout = z.strictObject({
  rows: z.number().int().min(0),
  bads: z.number().int().min(0),
  auc: z.number().min(0).max(1),
  ks: z.number().min(0).max(1),
  gini: z.number().min(-1).max(1),
});
const modelSchema = z.strictObject({
  schemaVersion: z.literal(SCORECARD_SCHEMA_VERSION),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes'),
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" and "-"'),
  kind: z.enum(['trained', 'expert']),
  product: z.enum(['consumer', 'merchant']),
  description: text,
  dataSource: text,
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  scaling: z
    .strictObject({
      baseScore: finite,
      baseOdds: finite.refine((v) => v > 0, 'must be > 0'),
      pdo: finite.refine((v) => v > 0, 'must be > 0'),
      minScore: finite,
      maxScore: finite,
    })
    .refine((s) => s.minScore < s.maxScore, 'minScore must be below maxScore'),
  basePoints: finite,
  excludedAttributes: z.array(z.string().min(1)),
  characteristics: z.array(z.discriminatedUnion('type', [numericCharacteristic, categoricalCharacteristic])).min(1),
  training: z
    .strictObject({
      dataFile: text,
      target: text,
      trainRows: z.number().int().min(0),
      trainBads: z.number().int().min(0),
      holdout,
      train: holdout,
      psiTrainToTest: z.number().min(0),
      informationValues: z.record(z.string(), finite),
      droppedColumns: z.record(z.string(), z.string()),
      intercept: finite,
      l2: z.number().min(0),
      columnMapping: z.record(z.string(), z.string()).optional(),
      derivedFeatures: z.record(z.string(), z.string()).optional(),
      notes: z.array(z.string()).optional(),
    })
    .optional(),
});

export interface LoadModelOptions {
  /** Extra attribute names to refuse on top of the protected list and the model's own list. */
  excludedAttributes?: readonly string[];
}

function semanticIssues(model: ScorecardModel, options: LoadModelOptions): string[] {
  const issues: string[] = [];
  const names = new Set<string>();
  const codes = new Set<string>();
  const excluded = [...model.excludedAttributes, ...(options.excludedAttributes ?? [])];
  model.characteristics.forEach((c: Characteristic, i) => {
    const at = `characteristics[${i}] (${c.name})`;
    if (names.has(c.name)) issues.push(`${at}: duplicate characteristic name`);
    names.add(c.name);
    if (codes.has(c.code)) issues.push(`${at}: duplicate reason code ${c.code}`);
    codes.add(c.code);
    if (isProtectedAttribute(c.name, excluded)) {
      issues.push(`${at}: scores an excluded (protected) attribute; such a model is refused`);
    }
    const inputs = [...(c.type === 'numeric' && c.derived ? c.derived.inputs : []), ...(c.requires ?? [])];
    for (const input of inputs) {
      if (isProtectedAttribute(input, excluded)) issues.push(`${at}: input '${input}' is an excluded (protected) attribute`);
    }
    if (c.type === 'numeric') {
      const bins = c.bins;
      if (bins[0]?.min !== null) issues.push(`${at}.bins[0].min: must be null (−∞) so the bins cover the range`);
      if (bins[bins.length - 1]?.max !== null) issues.push(`${at}.bins[last].max: must be null (+∞) so the bins cover the range`);
      for (let b = 0; b < bins.length; b++) {
        const bin = bins[b];
        if (b > 0 && bin.min === null) issues.push(`${at}.bins[${b}].min: only the first bin may start at −∞`);
        if (b < bins.length - 1 && bin.max === null) issues.push(`${at}.bins[${b}].max: only the last bin may end at +∞`);
        if (bin.min !== null && bin.max !== null && !(bin.min < bin.max)) {
          issues.push(`${at}.bins[${b}]: empty or reversed range [${bin.min}, ${bin.max})`);
        }
        const next = bins[b + 1];
        if (next && bin.max !== null && next.min !== null && bin.max !== next.min) {
          issues.push(
            bin.max > next.min
              ? `${at}.bins[${b}]/[${b + 1}]: ranges overlap (${bin.max} > ${next.min})`
              : `${at}.bins[${b}]/[${b + 1}]: gap between ${bin.max} and ${next.min}`,
          );
        }
      }
    } else {
      const seen = new Map<string, number>();
      c.bins.forEach((bin, b) => {
        for (const v of bin.values) {
          const prior = seen.get(v);
          if (prior !== undefined) issues.push(`${at}.bins[${b}]: value '${v}' is also in bins[${prior}]`);
          else seen.set(v, b);
        }
      });
    }
  });
  return issues;
}

/**
 * Validates an untrusted model object (shape, bins covering the range without gaps or
 * overlaps, unique names and codes, no protected attribute) and returns it typed. Throws
 * ScorecardModelError listing every issue.
 */
export function validateScorecardModel(input: unknown, options: LoadModelOptions = {}): ScorecardModel {
  const parsed = modelSchema.safeParse(input);
  if (!parsed.success) {
    throw new ScorecardModelError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const model = parsed.data;
  const issues = semanticIssues(model, options);
  if (issues.length > 0) throw new ScorecardModelError(issues.map((i) => `${modelVersionOf(model)} ${i}`));
  return model;
}
