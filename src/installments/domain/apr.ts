/**
 * True cost disclosure: the monthly internal rate of return (IRR) of the actual rounded cash
 * flows, annualised as APR = 12 × i and EAR = (1 + i)^12 − 1, both as percent strings with two
 * decimals rounded half-up.
 *
 * Floating point is used only to *find* i quickly (bracketed Newton/bisection). The decimals
 * shown are then settled exactly: the rate is bracketed between two rationals whose exact
 * bigint NPVs have opposite signs, and the bracket is narrowed until both ends round to the
 * same two decimals. So a rate that sits within float noise of a ".xx5" boundary still rounds
 * the way exact arithmetic says, and the result is the same on every machine.
 */
import { formatHundredths, roundHalfUp } from './rates.js';

export interface AprResult {
  /** the monthly IRR (float; informational — the strings below are the disclosure) */
  monthlyRate: number;
  /** 12 × i as a percent, 2 decimals half-up, e.g. "13.03" */
  aprPercent: string;
  /** (1 + i)^12 − 1 as a percent, 2 decimals half-up, e.g. "13.84" */
  effectiveAnnualRatePercent: string;
}

const MAX_FLOAT_ITERATIONS = 200;
const MAX_EXACT_ITERATIONS = 256;
/** Denominator of the first exact bracket around the float estimate (1e-15 resolution). */
const EXACT_SCALE = 10n ** 15n;

function assertCashFlows(advanceMinor: number, paymentsMinor: readonly number[]): void {
  if (!Number.isSafeInteger(advanceMinor) || advanceMinor <= 0) {
    throw new RangeError(`IRR needs a positive integer advance, got ${advanceMinor}`);
  }
  if (paymentsMinor.length === 0) throw new RangeError('IRR needs at least one payment');
  for (const payment of paymentsMinor) {
    if (!Number.isSafeInteger(payment) || payment < 0) {
      throw new RangeError(`IRR payments must be non-negative integers, got ${payment}`);
    }
  }
  if (!paymentsMinor.some((p) => p > 0)) throw new RangeError('IRR needs a positive payment');
}

/** f(i) = −A + Σ p_t (1+i)^−t and its derivative; f is strictly decreasing on (−1, ∞). */
function npvFloat(rate: number, advance: number, payments: readonly number[]): { value: number; slope: number } {
  const growth = 1 + rate;
  let discount = 1;
  let value = -advance;
  let slope = 0;
  payments.forEach((payment, index) => {
    discount /= growth;
    if (payment === 0) return; // 0 × Infinity would be NaN when the discount overflows
    value += payment * discount;
    slope -= ((index + 1) * payment * discount) / growth;
  });
  return { value, slope };
}

/** Float estimate of the IRR: a sign-change bracket, then Newton steps kept inside it. */
function solveFloat(advance: number, payments: readonly number[], paid: number): number {
  let lo: number;
  let hi: number;
  if (paid > advance) {
    lo = 0;
    hi = 0.01;
    for (let k = 0; k < MAX_FLOAT_ITERATIONS && npvFloat(hi, advance, payments).value > 0; k++) hi *= 2;
  } else {
    hi = 0;
    lo = -0.5;
    for (let k = 0; k < MAX_FLOAT_ITERATIONS && npvFloat(lo, advance, payments).value < 0; k++) lo = (lo - 1) / 2;
  }
  let x = (lo + hi) / 2;
  for (let k = 0; k < MAX_FLOAT_ITERATIONS; k++) {
    const { value, slope } = npvFloat(x, advance, payments);
    if (value === 0) return x;
    if (value > 0) lo = x;
    else hi = x;
    let next = x - value / slope;
    if (!Number.isFinite(next) || next <= lo || next >= hi) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-16 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-17) return next;
    x = next;
  }
  return x;
}

/**
 * Sign of the exact NPV at the rational rate u/v (v > 0, u > −v). Multiplying the NPV by the
 * positive ((v+u)/v)^n · v^n gives S = −A(v+u)^n + Σ p_t (v+u)^(n−t) v^t, all integers.
 */
function npvSign(u: bigint, v: bigint, advance: bigint, payments: readonly bigint[]): -1 | 0 | 1 {
  const growth = v + u;
  let acc = -advance;
  let vPower = 1n;
  for (const payment of payments) {
    vPower *= v;
    acc = acc * growth + payment * vPower;
  }
  return acc > 0n ? 1 : acc < 0n ? -1 : 0;
}

/** APR in hundredths of a percent at rate u/v: round(1200 × 100 × u/v). */
function aprHundredths(u: bigint, v: bigint): bigint {
  return roundHalfUp(120_000n * u, v);
}

/** EAR in hundredths of a percent at rate u/v: round(10000 × (((v+u)/v)^12 − 1)). */
function earHundredths(u: bigint, v: bigint): bigint {
  const v12 = v ** 12n;
  return roundHalfUp(10_000n * ((v + u) ** 12n - v12), v12);
}

function fromExactRate(u: bigint, v: bigint, monthlyRate: number): AprResult {
  return {
    monthlyRate,
    aprPercent: formatHundredths(aprHundredths(u, v)),
    effectiveAnnualRatePercent: formatHundredths(earHundredths(u, v)),
  };
}

/**
 * APR and EAR of a loan that advances `advanceMinor` at t0 and is repaid by `paymentsMinor`
 * at t1..tn (equal monthly spacing). Deterministic; never NaN. Throws RangeError only for
 * cash flows that have no IRR (a programming error: schedules always produce valid ones).
 */
export function computeApr(advanceMinor: number, paymentsMinor: readonly number[]): AprResult {
  assertCashFlows(advanceMinor, paymentsMinor);
  const paid = paymentsMinor.reduce((sum, p) => sum + p, 0);
  // A zero-cost plan: i = 0 exactly, no solver involved.
  if (paid === advanceMinor) return { monthlyRate: 0, aprPercent: '0.00', effectiveAnnualRatePercent: '0.00' };

  const estimate = solveFloat(advanceMinor, paymentsMinor, paid);
  const advance = BigInt(advanceMinor);
  const payments = paymentsMinor.map((p) => BigInt(p));

  // Exact bracket [lo/v, hi/v] around the estimate with NPV(lo) > 0 > NPV(hi).
  let v = EXACT_SCALE;
  const centre = BigInt(Math.round(estimate * 1e15));
  const centreSign = npvSign(centre, v, advance, payments);
  if (centreSign === 0) return fromExactRate(centre, v, estimate);
  let width = 1000n;
  let lo = centre - width;
  let hi = centre + width;
  for (;;) {
    if (lo <= -v) lo = -v + 1n;
    const loSign = npvSign(lo, v, advance, payments);
    const hiSign = npvSign(hi, v, advance, payments);
    if (loSign === 0) return fromExactRate(lo, v, estimate);
    if (hiSign === 0) return fromExactRate(hi, v, estimate);
    if (loSign > 0 && hiSign < 0) break;
    // The float estimate was off by more than the bracket (never seen in practice): widen.
    width *= 1000n;
    lo = centre - width;
    hi = centre + width;
  }

  // Narrow until both ends disclose the same two decimals (APR and EAR are increasing in i).
  for (let k = 0; k < MAX_EXACT_ITERATIONS; k++) {
    if (aprHundredths(lo, v) === aprHundredths(hi, v) && earHundredths(lo, v) === earHundredths(hi, v)) break;
    const mid = lo + hi; // over 2v
    lo *= 2n;
    hi *= 2n;
    v *= 2n;
    const midSign = npvSign(mid, v, advance, payments);
    if (midSign === 0) return fromExactRate(mid, v, estimate);
    if (midSign > 0) lo = mid;
    else hi = mid;
  }
  // The root is in (lo, hi]; if it still straddles a boundary it is within 2^-256 of it, and
  // half-up rounds a value on the boundary upwards — which is what `hi` gives.
  return fromExactRate(hi, v, estimate);
}
