import type { Language } from '../../common/http/language.js';
import type { LocalizedText } from '../../scoring/engine/model-types.js';
import type { ModelRegistry } from '../../scoring/engine/model-registry.js';
import { assessFraud, type FraudReasonCode } from '../../scoring/fraud/fraud-rules.js';

/**
 * Reason texts for result rows, which store codes only (a million rows of repeated texts
 * would triple the results table). Credit texts come from the model artifacts, exactly as
 * the scorecard picks them: a reason's kind is `n` (lost points), `m` (lost points because
 * the value was missing: the model's missing text) or `p` (in its best bin). Fraud texts
 * come from the fraud rules themselves: one assessment in which every rule fires yields
 * each code with its text, so no second copy of the texts exists.
 */
export class ReasonTexts {
  private readonly credit = new Map<string, Map<string, { n: LocalizedText; m: LocalizedText; p: LocalizedText }>>();
  private readonly fraud: ReadonlyMap<string, LocalizedText>;

  constructor(private readonly models: ModelRegistry) {
    this.fraud = new Map(everyFraudReason().map((r) => [r.code, r.text]));
  }

  creditText(modelVersion: string, code: string, kind: string, language: Language): string {
    let byCode = this.credit.get(modelVersion);
    if (!byCode) {
      byCode = new Map();
      for (const c of this.models.get(modelVersion)?.model.characteristics ?? []) {
        byCode.set(c.code, { n: c.reasons.negative, m: c.reasons.missing ?? c.reasons.negative, p: c.reasons.positive });
      }
      this.credit.set(modelVersion, byCode);
    }
    const texts = byCode.get(code);
    return texts ? texts[kind === 'p' ? 'p' : kind === 'm' ? 'm' : 'n'][language] : code;
  }

  fraudText(code: string, language: Language): string {
    return this.fraud.get(code)?.[language] ?? code;
  }
}

function everyFraudReason(): { code: FraudReasonCode; text: LocalizedText }[] {
  const many = { lastHour: 100, lastDay: 100, last30Days: 100 };
  return assessFraud({
    product: 'consumer',
    identityValid: false,
    age: 1,
    identityVerified: false,
    livenessPassed: false,
    amountMinor: 1_000_000_000,
    creditLimitMinor: 1,
    signals: { idNumber: many, phone: many, device: many, distinctPartners30d: 100, identityFailures30d: 100 },
    partnerSignals: { deviceRooted: true, emulator: true, proxyOrVpn: true, accountTakeoverSuspected: true },
  }).reasons;
}
