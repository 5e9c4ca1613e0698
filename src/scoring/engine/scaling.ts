import type { ScalingParameters } from './model-types.js';

/** factor and offset of the points-to-double-odds scale (see model-types.ts). */
export interface ScaleConstants {
  factor: number;
  offset: number;
}

export function scaleConstants(scaling: ScalingParameters): ScaleConstants {
  const factor = scaling.pdo / Math.LN2;
  return { factor, offset: scaling.baseScore - factor * Math.log(scaling.baseOdds) };
}

/** Score (unclamped) for a given good:bad log-odds. */
export function scoreFromLogOdds(scaling: ScalingParameters, lnOddsGood: number): number {
  const { factor, offset } = scaleConstants(scaling);
  return offset + factor * lnOddsGood;
}

/** Good:bad log-odds implied by an (unclamped) score. */
export function logOddsFromScore(scaling: ScalingParameters, score: number): number {
  const { factor, offset } = scaleConstants(scaling);
  return (score - offset) / factor;
}

/** Probability of bad implied by an (unclamped) score: 1 / (1 + odds). */
export function probabilityOfBadFromScore(scaling: ScalingParameters, score: number): number {
  return 1 / (1 + Math.exp(logOddsFromScore(scaling, score)));
}

/** Score (unclamped) at which the probability of bad equals `pd`. */
export function scoreForProbabilityOfBad(scaling: ScalingParameters, pd: number): number {
  if (!(pd > 0 && pd < 1)) throw new RangeError(`probability must be in (0, 1): ${pd}`);
  return scoreFromLogOdds(scaling, Math.log((1 - pd) / pd));
}

export function clampScore(scaling: ScalingParameters, score: number): number {
  const rounded = Math.round(score);
  return rounded < scaling.minScore ? scaling.minScore : rounded > scaling.maxScore ? scaling.maxScore : rounded;
}
