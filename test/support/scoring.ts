import type { TestApp } from './test-app.js';

export const EVIDENCE = { channel: 'app', noticeVersion: '2026-10' } as const;

/** Records a consent through the API and returns its id. */
export async function consentFor(
  app: TestApp,
  auth: Record<string, string>,
  subject: { idNumber?: string; phone?: string; customerRef?: string },
  purposes: string[] = ['credit_scoring'],
): Promise<string> {
  const res = await app.http().post('/v1/consents').set(auth).send({ subject, purposes, evidence: EVIDENCE });
  if (res.status !== 201) throw new Error(`consentFor: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The DESIGN example applicant, as a thin-file consumer (no bureau section). */
export function thinFileApplicant(idNumber: string, consentId: string, phone?: string) {
  return {
    consentId,
    product: 'consumer',
    applicant: { idNumber, ...(phone ? { phone } : {}), name: '张三', deviceId: `d-${idNumber.slice(-6)}`, ip: '203.0.113.7' },
    application: { amount: '8000.00', currency: 'CNY', termMonths: 12, purpose: 'consumer_goods' },
    behaviour: { accountAgeMonths: 36, orders12m: 48, spend12m: '24000.00', returnRate: 0.05, onTimeInstallments: 10, lateInstallments: 0 },
    identity: { verified: true, livenessPassed: true, phoneTenureMonths: 48 },
  };
}

export const DESIGN_BUREAU = {
  revolvingUtilization: 0.35,
  pastDue30to59: 0,
  pastDue60to89: 0,
  pastDue90Plus: 0,
  debtRatio: 0.3,
  monthlyIncome: '12000.00',
  openCreditLines: 5,
  realEstateLoans: 1,
  dependents: 1,
};

export const DESIGN_CASH_FLOW = { monthlyRevenue: ['42000.00', '39000.00', '45000.00'], monthsTrading: 30, sector: 'grocery' };
