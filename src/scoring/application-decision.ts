import { parseMoney } from '../common/money.js';
import { deriveCashflowFeatures, merchantCreditLimit, merchantFeatures } from './engine/cashflow.js';
import { bureauFeatures, thinFileFeatures, type BehaviourSection, type BureauSection, type IdentitySection } from './engine/features.js';
import type { ModelRegistry } from './engine/model-registry.js';
import { aprForGrade, consumerCreditLimit, decideApplication, type Decision, type DecisionReason, type Grade } from './engine/pricing.js';
import { evaluateScorecard, type ScoreReason } from './engine/scorecard.js';
import { CONSUMER_BUREAU, CONSUMER_THIN_FILE, MERCHANT_CASHFLOW } from './models/index.js';
import { assessFraud, type FraudReason, type FraudSignals, type PartnerSignals } from './fraud/fraud-rules.js';

/** Everything a decision needs, already validated; identifiers are not needed here at all. */
export interface ApplicationFacts {
  product: 'consumer' | 'merchant';
  identityValid: boolean;
  age: number | null;
  amountMinor: number | null;
  bureau?: BureauSection;
  behaviour?: BehaviourSection;
  identity?: IdentitySection;
  cashFlow?: { monthlyRevenue: string[]; monthsTrading?: number; sector?: string };
  partnerSignals: PartnerSignals;
}

export interface ApplicationOutcome {
  modelVersion: string;
  creditScore: number;
  fraudScore: number;
  grade: Grade;
  decision: Decision;
  decisionReasons: (DecisionReason | 'cash_flow_insufficient')[];
  creditLimitMinor: number;
  aprPercent: string;
  reasons: ScoreReason[];
  fraudReasons: FraudReason[];
}

/** Which card scores the application: bureau record → bureau card; none → thin file; merchants → cash flow. */
export function modelNameFor(facts: Pick<ApplicationFacts, 'product' | 'bureau'>): string {
  if (facts.product === 'merchant') return MERCHANT_CASHFLOW;
  return facts.bureau && Object.keys(facts.bureau).length > 0 ? CONSUMER_BUREAU : CONSUMER_THIN_FILE;
}

/**
 * The credit and fraud decision for one application: scorecard → grade → limit and APR,
 * fraud rules on the consortium signals, and the policy that combines them. Pure arithmetic.
 */
export function decideOnApplication(facts: ApplicationFacts, signals: FraudSignals, models: ModelRegistry, pinnedVersion?: string): ApplicationOutcome {
  const card = models.resolve(modelNameFor(facts), pinnedVersion);
  let features;
  let limitMinor: number;
  let scored;
  if (facts.product === 'merchant') {
    const cashFlow = facts.cashFlow ?? { monthlyRevenue: [] };
    const cf = deriveCashflowFeatures(cashFlow.monthlyRevenue.map(parseMoney), cashFlow.monthsTrading ?? null, cashFlow.sector ?? null);
    features = merchantFeatures(cf);
    scored = evaluateScorecard(card, features);
    limitMinor = merchantCreditLimit(cf).limitMinor;
  } else {
    features = facts.bureau && card.model.name === CONSUMER_BUREAU ? bureauFeatures(facts.bureau) : thinFileFeatures(facts.behaviour, facts.identity);
    scored = evaluateScorecard(card, features);
    const income = facts.bureau?.monthlyIncome ? parseMoney(facts.bureau.monthlyIncome) : null;
    limitMinor = consumerCreditLimit(scored.score, { monthlyIncomeMinor: income });
  }

  const fraud = assessFraud({
    product: facts.product,
    identityValid: facts.identityValid,
    age: facts.age,
    identityVerified: facts.identity?.verified ?? null,
    livenessPassed: facts.identity?.livenessPassed ?? null,
    amountMinor: facts.amountMinor,
    creditLimitMinor: limitMinor,
    signals,
    partnerSignals: facts.partnerSignals,
  });
  const outcome = decideApplication({ creditScore: scored.score, fraudScore: fraud.score, identityValid: facts.identityValid });
  const decisionReasons: ApplicationOutcome['decisionReasons'] = [...outcome.reasons];
  // A merchant whose cash flow supports no line cannot be approved, whatever the score.
  if (facts.product === 'merchant' && limitMinor === 0) decisionReasons.push('cash_flow_insufficient');
  const decision: Decision = facts.product === 'merchant' && limitMinor === 0 ? 'decline' : outcome.decision;

  return {
    modelVersion: scored.modelVersion,
    creditScore: scored.score,
    fraudScore: fraud.score,
    grade: outcome.grade,
    decision,
    decisionReasons,
    creditLimitMinor: decision === 'decline' ? 0 : limitMinor,
    aprPercent: aprForGrade(outcome.grade),
    reasons: scored.reasons,
    fraudReasons: fraud.reasons,
  };
}
