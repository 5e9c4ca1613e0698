import type { Language } from '../common/http/language.js';
import { formatMoney } from '../common/money.js';
import type { ScoreDto } from './dto/score.dto.js';
import type { ScoreDecision } from './score-decision.entity.js';

export function presentScore(decision: ScoreDecision, language: Language): ScoreDto {
  return {
    id: decision.id,
    product: decision.product,
    creditScore: decision.creditScore,
    fraudScore: decision.fraudScore,
    grade: decision.grade,
    decision: decision.decision,
    decisionReasons: decision.decisionReasons,
    creditLimit: formatMoney(decision.creditLimitMinor),
    currency: decision.currency,
    aprPercent: decision.aprPercent,
    reasons: decision.reasons.map((r) => ({ code: r.code, text: r.text[language], direction: r.direction })),
    fraudReasons: decision.fraudReasons.map((r) => ({ code: r.code, text: r.text[language] })),
    modelVersion: decision.modelVersion,
    degraded: decision.degraded,
    ...(decision.degraded ? { degradedReasons: decision.degradedReasons } : {}),
    createdAt: decision.createdAt.toISOString(),
  };
}
