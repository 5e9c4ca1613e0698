import type { Features } from './model-types.js';

/**
 * Request sections of `POST /v1/scores` (DESIGN §3) → the flat feature records the shipped
 * scorecards read. Money strings become yuan numbers; absent fields become null (missing bin).
 */

export interface BureauSection {
  revolvingUtilization?: number | null;
  pastDue30to59?: number | null;
  pastDue60to89?: number | null;
  pastDue90Plus?: number | null;
  debtRatio?: number | null;
  /** Money string, e.g. "12000.00". */
  monthlyIncome?: string | null;
  openCreditLines?: number | null;
  realEstateLoans?: number | null;
  dependents?: number | null;
}

export interface BehaviourSection {
  accountAgeMonths?: number | null;
  orders12m?: number | null;
  /** Money string, e.g. "24000.00". */
  spend12m?: string | null;
  returnRate?: number | null;
  onTimeInstallments?: number | null;
  lateInstallments?: number | null;
}

export interface IdentitySection {
  verified?: boolean | null;
  livenessPassed?: boolean | null;
  phoneTenureMonths?: number | null;
}

const MONEY = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

/** "12000.00" → 12000 (yuan); null for absent or malformed input. */
export function moneyToYuan(text: string | null | undefined): number | null {
  if (typeof text !== 'string' || !MONEY.test(text)) return null;
  return Number(text);
}

const n = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Features for the consumer-bureau model (names = API field names). */
export function bureauFeatures(bureau: BureauSection): Features {
  return {
    revolvingUtilization: n(bureau.revolvingUtilization),
    pastDue30to59: n(bureau.pastDue30to59),
    pastDue60to89: n(bureau.pastDue60to89),
    pastDue90Plus: n(bureau.pastDue90Plus),
    debtRatio: n(bureau.debtRatio),
    monthlyIncome: moneyToYuan(bureau.monthlyIncome),
    openCreditLines: n(bureau.openCreditLines),
    realEstateLoans: n(bureau.realEstateLoans),
    dependents: n(bureau.dependents),
  };
}

/** Features for the consumer-thin-file model. `identity.verified` becomes `identityVerified`. */
export function thinFileFeatures(behaviour: BehaviourSection | undefined, identity: IdentitySection | undefined): Features {
  const b = behaviour ?? {};
  const i = identity ?? {};
  return {
    accountAgeMonths: n(b.accountAgeMonths),
    orders12m: n(b.orders12m),
    spend12m: moneyToYuan(b.spend12m),
    returnRate: n(b.returnRate),
    onTimeInstallments: n(b.onTimeInstallments),
    lateInstallments: n(b.lateInstallments),
    identityVerified: typeof i.verified === 'boolean' ? i.verified : null,
    livenessPassed: typeof i.livenessPassed === 'boolean' ? i.livenessPassed : null,
    phoneTenureMonths: n(i.phoneTenureMonths),
  };
}
