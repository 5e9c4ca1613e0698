/**
 * Grade, decision, APR and consumer credit limit: pure policy functions over a credit score on
 * the platform scale (600 points = 50:1 good:bad odds, 20 points to double the odds; every
 * shipped model uses it, so a grade means the same default risk whichever model scored).
 *
 * Grade cutoffs (inclusive lower bounds; PD = probability of bad implied by the scale):
 *
 *   A  ≥ 610   PD ≤ 1.4 %
 *   B  ≥ 590   PD ≤ 2.8 %
 *   C  ≥ 570   PD ≤ 5.4 %
 *   D  ≥ 550   PD ≤ 10.2 %
 *   E  < 550
 *
 * Each grade is one doubling of the odds (20 points) wide. consumer-bureau@2026-11-29 on the
 * Give Me Some Credit holdout (45,000 rows; bad = 90+ days past due within 2 years):
 *
 *   A 21.1 % of applicants, bad rate 0.73 %     D 14.0 %, 8.07 %
 *   B 34.1 %, 1.54 %                            E 13.3 %, 31.35 %
 *   C 17.6 %, 4.04 %
 */

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';
export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];

/** Lowest score of grades A–D (E is everything below D). Must be strictly decreasing. */
export type GradeCutoffs = Readonly<Record<Exclude<Grade, 'E'>, number>>;

export const DEFAULT_GRADE_CUTOFFS: GradeCutoffs = Object.freeze({ A: 610, B: 590, C: 570, D: 550 });

function checkCutoffs(c: GradeCutoffs): void {
  if (!(c.A > c.B && c.B > c.C && c.C > c.D)) throw new RangeError('grade cutoffs must be strictly decreasing A > B > C > D');
}

export function gradeFromScore(score: number, cutoffs: GradeCutoffs = DEFAULT_GRADE_CUTOFFS): Grade {
  checkCutoffs(cutoffs);
  if (!Number.isFinite(score)) throw new RangeError(`score must be finite: ${score}`);
  if (score >= cutoffs.A) return 'A';
  if (score >= cutoffs.B) return 'B';
  if (score >= cutoffs.C) return 'C';
  if (score >= cutoffs.D) return 'D';
  return 'E';
}

// ---------------------------------------------------------------------------------------------
// APR. Rates are decimal strings (percent, up to 6 fraction digits) and are computed in integer
// millionths of a percent: no binary floating point touches a rate.

const RATE_PATTERN = /^(0|[1-9]\d{0,2})(\.\d{1,6})?$/;
const MICRO = 1_000_000;

/** "12.9" → 12_900_000 (millionths of a percent). */
export function parseRatePercent(text: string): number {
  if (!RATE_PATTERN.test(text)) throw new RangeError(`not a percent rate: '${text}'`);
  const [units, frac = ''] = text.split('.') as [string, string?];
  return Number(units) * MICRO + Number(frac.padEnd(6, '0'));
}

/** 12_900_000 → "12.90": at least 2 and at most 6 fraction digits, trailing zeros beyond 2 dropped. */
export function formatRatePercent(micro: number): string {
  if (!Number.isSafeInteger(micro) || micro < 0) throw new RangeError(`not a rate: ${micro}`);
  const units = Math.trunc(micro / MICRO);
  let frac = String(micro % MICRO).padStart(6, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${units}.${frac}`;
}

export interface AprPolicy {
  /** APR (percent, decimal string) per grade. */
  grid: Readonly<Record<Grade, string>>;
  /** Legal cap (percent): no APR above it is ever quoted. */
  capPercent: string;
}

/** Best grade from 9.90 %, each grade 3 points more, E just under the 24 % cap. */
export const DEFAULT_APR_POLICY: AprPolicy = Object.freeze({
  grid: Object.freeze({ A: '9.90', B: '12.90', C: '15.90', D: '19.90', E: '23.90' }),
  capPercent: '24.00',
});

/** Checks a (tenant-configured) grid: valid rates, non-decreasing from A to E. */
export function validateAprPolicy(policy: AprPolicy): void {
  parseRatePercent(policy.capPercent);
  let prev = -1;
  for (const g of GRADES) {
    const r = parseRatePercent(policy.grid[g]);
    if (r < prev) throw new RangeError(`APR grid must not fall from one grade to the next (grade ${g})`);
    prev = r;
  }
}

/** Quoted APR per grade, computed once per policy object (policies are immutable values). */
const quotedRates = new WeakMap<AprPolicy, Readonly<Record<Grade, string>>>();

/** APR for a grade: the grid's rate, never above the cap. Returns a percent decimal string. */
export function aprForGrade(grade: Grade, policy: AprPolicy = DEFAULT_APR_POLICY): string {
  let rates = quotedRates.get(policy);
  if (!rates) {
    validateAprPolicy(policy);
    const cap = parseRatePercent(policy.capPercent);
    rates = Object.fromEntries(GRADES.map((g) => [g, formatRatePercent(Math.min(parseRatePercent(policy.grid[g]), cap))])) as Record<Grade, string>;
    quotedRates.set(policy, rates);
  }
  return rates[grade];
}

// ---------------------------------------------------------------------------------------------
// Consumer credit limit (integer minor units, fen).

export interface ConsumerLimitPolicy {
  /** 5,000 CNY */
  minMinor: number;
  /** 100,000 CNY */
  maxMinor: number;
  /** The limit grows geometrically from minMinor at scoreAtMin to maxMinor at scoreAtMax. */
  scoreAtMin: number;
  scoreAtMax: number;
  /** Limits are rounded down to this step (1,000 CNY); the floor stays minMinor. */
  stepMinor: number;
  /** When a monthly income is known, the limit is at most this many months of it (but ≥ minMinor). */
  incomeMultiple: number;
}

export const DEFAULT_CONSUMER_LIMIT_POLICY: ConsumerLimitPolicy = Object.freeze({
  minMinor: 500_000,
  maxMinor: 10_000_000,
  scoreAtMin: 550,
  scoreAtMax: 630,
  stepMinor: 100_000,
  incomeMultiple: 6,
});

/**
 * Consumer credit line from the score: 5,000 CNY at 550 (and below) rising by the same factor
 * per point to 100,000 CNY at 630 (and above): 600 → 32,000; 610 → 47,000; 620 → 68,000.
 * Rounded down to 1,000 CNY, capped at 6 × a known monthly income, always within
 * [minMinor, maxMinor]. Whether a line is granted at all is decideApplication's business.
 * Non-decreasing in the score.
 */
export function consumerCreditLimit(
  score: number,
  options: { monthlyIncomeMinor?: number | null } = {},
  policy: ConsumerLimitPolicy = DEFAULT_CONSUMER_LIMIT_POLICY,
): number {
  if (!Number.isFinite(score)) throw new RangeError(`score must be finite: ${score}`);
  const { minMinor, maxMinor, scoreAtMin, scoreAtMax, stepMinor, incomeMultiple } = policy;
  if (!(minMinor > 0 && maxMinor >= minMinor && scoreAtMax > scoreAtMin && stepMinor > 0)) throw new RangeError('invalid limit policy');
  const t = Math.min(1, Math.max(0, (score - scoreAtMin) / (scoreAtMax - scoreAtMin)));
  let limit = t >= 1 ? maxMinor : Math.floor((minMinor * (maxMinor / minMinor) ** t) / stepMinor) * stepMinor;
  const income = options.monthlyIncomeMinor;
  if (income !== undefined && income !== null && Number.isFinite(income) && income >= 0) {
    limit = Math.min(limit, Math.floor((income * incomeMultiple) / stepMinor) * stepMinor);
  }
  return Math.min(maxMinor, Math.max(minMinor, limit));
}

// ---------------------------------------------------------------------------------------------
// Decision.

export type Decision = 'approve' | 'review' | 'decline';

export interface DecisionPolicy {
  cutoffs: GradeCutoffs;
  /** Grades approved automatically (when nothing else objects). */
  approveGrades: readonly Grade[];
  /** Grades sent to manual review; any other grade is declined. */
  reviewGrades: readonly Grade[];
  /** Fraud score (0–1000, higher is riskier) at or above which the application is declined. */
  fraudDeclineAt: number;
  /** Fraud score at or above which an otherwise approvable application goes to review. */
  fraudReviewAt: number;
}

export const DEFAULT_DECISION_POLICY: DecisionPolicy = Object.freeze({
  cutoffs: DEFAULT_GRADE_CUTOFFS,
  approveGrades: Object.freeze(['A', 'B', 'C'] as Grade[]),
  reviewGrades: Object.freeze(['D'] as Grade[]),
  fraudDeclineAt: 700,
  fraudReviewAt: 400,
});

/** Why the decision came out as it did (stable codes, most severe first). */
export type DecisionReason =
  | 'identity_invalid'
  | 'fraud_score_decline'
  | 'credit_score_decline'
  | 'fraud_score_review'
  | 'credit_score_review';

export interface DecisionInput {
  creditScore: number;
  fraudScore: number;
  /** false = the identity check failed (hard decline). Omitted or true = no objection. */
  identityValid?: boolean;
}

export interface DecisionOutcome {
  decision: Decision;
  grade: Grade;
  reasons: DecisionReason[];
}

/**
 * decline: identity invalid, fraud ≥ 700, or grade E;
 * review:  grade D, or fraud ≥ 400;
 * approve: grade A–C and fraud < 400.
 */
export function decideApplication(input: DecisionInput, policy: DecisionPolicy = DEFAULT_DECISION_POLICY): DecisionOutcome {
  if (!Number.isFinite(input.fraudScore)) throw new RangeError('fraud score must be finite');
  if (!(policy.fraudReviewAt <= policy.fraudDeclineAt)) throw new RangeError('fraudReviewAt must not exceed fraudDeclineAt');
  const grade = gradeFromScore(input.creditScore, policy.cutoffs);
  const reasons: DecisionReason[] = [];
  if (input.identityValid === false) reasons.push('identity_invalid');
  if (input.fraudScore >= policy.fraudDeclineAt) reasons.push('fraud_score_decline');
  const gradeApproves = policy.approveGrades.includes(grade);
  const gradeReviews = !gradeApproves && policy.reviewGrades.includes(grade);
  if (!gradeApproves && !gradeReviews) reasons.push('credit_score_decline');
  if (reasons.length > 0) return { decision: 'decline', grade, reasons };
  if (input.fraudScore >= policy.fraudReviewAt) reasons.push('fraud_score_review');
  if (gradeReviews) reasons.push('credit_score_review');
  return { decision: reasons.length > 0 ? 'review' : 'approve', grade, reasons };
}
