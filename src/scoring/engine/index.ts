/** The pure scoring core: no Nest, no database, no Redis. */
export * from './cashflow.js';
export * from './features.js';
export * from './model-loader.js';
export * from './model-registry.js';
export * from './model-types.js';
export * from './pricing.js';
export * from './protected-attributes.js';
export * from './scaling.js';
export {
  binIndex,
  categoricalFeature,
  evaluateScorecard,
  loadScorecard,
  localizeReasons,
  numericFeature,
  type CompiledScorecard,
  type ReasonDirection,
  type ScoreReason,
  type ScoreResult,
} from './scorecard.js';
