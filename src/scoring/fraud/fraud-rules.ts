/**
 * The fraud score (0–1000, higher is riskier): rules with points and stable reason codes.
 * Pure: the caller supplies the consortium velocity counts (read from Redis) and the facts of
 * the application; nothing here knows which partner saw what.
 */

export interface VelocityCounts {
  lastHour: number;
  lastDay: number;
  last30Days: number;
}

export interface FraudSignals {
  /** Applications naming this ID number, across all partners (this one included). */
  idNumber: VelocityCounts | null;
  phone: VelocityCounts | null;
  device: VelocityCounts | null;
  /** Distinct partners that asked about this ID number in 30 days (the "many lenders" pattern). */
  distinctPartners30d: number | null;
  /** Failed identity checks of this ID number in 30 days, across partners. */
  identityFailures30d: number | null;
}

export interface PartnerSignals {
  deviceRooted?: boolean;
  emulator?: boolean;
  proxyOrVpn?: boolean;
  accountTakeoverSuspected?: boolean;
}

export interface FraudInput {
  product: 'consumer' | 'merchant';
  identityValid: boolean;
  /** Completed years from the ID number (eligibility rule only; never a credit characteristic). */
  age: number | null;
  identityVerified: boolean | null;
  livenessPassed: boolean | null;
  amountMinor: number | null;
  creditLimitMinor: number;
  signals: FraudSignals;
  partnerSignals: PartnerSignals;
}

export type FraudReasonCode =
  | 'F01' | 'F02' | 'F03' | 'F04' | 'F05' | 'F06' | 'F07' | 'F08' | 'F09' | 'F10' | 'F11' | 'F12' | 'F13' | 'F14';

export interface FraudReason {
  code: FraudReasonCode;
  points: number;
  text: { en: string; 'zh-CN': string };
}

export interface FraudAssessment {
  score: number;
  reasons: FraudReason[];
}

const TEXTS: Record<FraudReasonCode, { en: string; 'zh-CN': string }> = {
  F01: { en: 'Many applications with this ID number in the last hour', 'zh-CN': '该身份证号近1小时申请次数过多' },
  F02: { en: 'Many applications with this ID number in the last 24 hours', 'zh-CN': '该身份证号近24小时申请次数过多' },
  F03: { en: 'Many applications with this ID number in the last 30 days', 'zh-CN': '该身份证号近30天申请次数过多' },
  F04: { en: 'Many applications with this phone number in the last 24 hours', 'zh-CN': '该手机号近24小时申请次数过多' },
  F05: { en: 'Many applications from this device in the last 24 hours', 'zh-CN': '该设备近24小时申请次数过多' },
  F06: { en: 'Applied with several lenders recently', 'zh-CN': '近期在多家机构申请' },
  F07: { en: 'Recent failed identity checks for this ID number', 'zh-CN': '该身份证号近期身份核验失败' },
  F08: { en: 'The ID number is not valid', 'zh-CN': '身份证号无效' },
  F09: { en: 'Applicant age outside the eligible range for consumer credit', 'zh-CN': '申请人年龄不在消费信贷准入范围内' },
  F10: { en: 'Requested amount far above the eligible limit', 'zh-CN': '申请金额远高于可授信额度' },
  F11: { en: 'Identity not verified or liveness check failed', 'zh-CN': '身份未核实或活体检测未通过' },
  F12: { en: 'Partner reports a risky device (rooted or emulator)', 'zh-CN': '合作方报告设备风险（越狱/模拟器）' },
  F13: { en: 'Partner reports a proxy or VPN connection', 'zh-CN': '合作方报告使用代理或VPN' },
  F14: { en: 'Partner suspects account takeover', 'zh-CN': '合作方怀疑账户被盗用' },
};

/** Consumer credit is offered to adults of working age. */
export const CONSUMER_AGE_RANGE = { min: 18, max: 65 } as const;

export function assessFraud(input: FraudInput): FraudAssessment {
  const reasons: FraudReason[] = [];
  const add = (code: FraudReasonCode, points: number) => reasons.push({ code, points, text: TEXTS[code] });
  const { idNumber, phone, device, distinctPartners30d, identityFailures30d } = input.signals;

  if (idNumber) {
    if (idNumber.lastHour >= 6) add('F01', 300);
    else if (idNumber.lastHour >= 3) add('F01', 150);
    if (idNumber.lastDay >= 10) add('F02', 250);
    else if (idNumber.lastDay >= 5) add('F02', 120);
    if (idNumber.last30Days >= 15) add('F03', 100);
  }
  if (phone && phone.lastDay >= 5) add('F04', 120);
  if (device && device.lastDay >= 5) add('F05', 150);
  if (distinctPartners30d !== null) {
    if (distinctPartners30d >= 5) add('F06', 300);
    else if (distinctPartners30d >= 3) add('F06', 150);
  }
  if (identityFailures30d !== null) {
    if (identityFailures30d >= 3) add('F07', 250);
    else if (identityFailures30d >= 1) add('F07', 100);
  }
  if (!input.identityValid) add('F08', 400);
  if (input.product === 'consumer' && input.age !== null && (input.age < CONSUMER_AGE_RANGE.min || input.age > CONSUMER_AGE_RANGE.max)) {
    add('F09', 300);
  }
  if (input.amountMinor !== null && input.creditLimitMinor > 0) {
    if (input.amountMinor > 4 * input.creditLimitMinor) add('F10', 250);
    else if (input.amountMinor > 2 * input.creditLimitMinor) add('F10', 120);
  }
  if (input.identityVerified === false || input.livenessPassed === false) add('F11', 150);
  if (input.partnerSignals.deviceRooted || input.partnerSignals.emulator) add('F12', 150);
  if (input.partnerSignals.proxyOrVpn) add('F13', 80);
  if (input.partnerSignals.accountTakeoverSuspected) add('F14', 350);

  reasons.sort((a, b) => b.points - a.points || a.code.localeCompare(b.code));
  const score = Math.min(1000, reasons.reduce((sum, r) => sum + r.points, 0));
  return { score, reasons };
}
