import type { LocalizedText, ReasonTexts } from '../engine/model-types.js';

/** Stable code, labels and reason texts for a characteristic the API knows by name. */
export interface CharacteristicInfo {
  code: string;
  label: LocalizedText;
  source?: string;
  reasons: ReasonTexts;
}

/**
 * The bureau section of `POST /v1/scores`. Codes are stable across model versions: a retrained
 * consumer-bureau model keeps `C04` for "payments 90+ days past due".
 */
export const BUREAU_CHARACTERISTICS: Readonly<Record<string, CharacteristicInfo>> = {
  revolvingUtilization: {
    code: 'C01',
    source: 'bureau.revolvingUtilization',
    label: { en: 'Revolving credit utilization', 'zh-CN': '循环授信使用率' },
    reasons: {
      negative: { en: 'High utilization of revolving credit lines', 'zh-CN': '循环授信额度使用率偏高' },
      positive: { en: 'Low utilization of revolving credit lines', 'zh-CN': '循环授信额度使用率低' },
      missing: { en: 'Revolving credit utilization not reported', 'zh-CN': '未提供循环授信使用率' },
    },
  },
  pastDue30to59: {
    code: 'C02',
    source: 'bureau.pastDue30to59',
    label: { en: 'Payments 30–59 days past due (2 years)', 'zh-CN': '近两年逾期30–59天次数' },
    reasons: {
      negative: { en: 'Payments 30–59 days past due in the last two years', 'zh-CN': '近两年有逾期30–59天的还款记录' },
      positive: { en: 'No payments 30–59 days past due in the last two years', 'zh-CN': '近两年无逾期30–59天的还款记录' },
      missing: { en: '30–59 day delinquency history not reported', 'zh-CN': '未提供逾期30–59天记录' },
    },
  },
  pastDue60to89: {
    code: 'C03',
    source: 'bureau.pastDue60to89',
    label: { en: 'Payments 60–89 days past due (2 years)', 'zh-CN': '近两年逾期60–89天次数' },
    reasons: {
      negative: { en: 'Payments 60–89 days past due in the last two years', 'zh-CN': '近两年有逾期60–89天的还款记录' },
      positive: { en: 'No payments 60–89 days past due in the last two years', 'zh-CN': '近两年无逾期60–89天的还款记录' },
      missing: { en: '60–89 day delinquency history not reported', 'zh-CN': '未提供逾期60–89天记录' },
    },
  },
  pastDue90Plus: {
    code: 'C04',
    source: 'bureau.pastDue90Plus',
    label: { en: 'Payments 90+ days past due (2 years)', 'zh-CN': '近两年逾期90天以上次数' },
    reasons: {
      negative: { en: 'Payments 90 or more days past due in the last two years', 'zh-CN': '近两年有逾期90天以上的还款记录' },
      positive: { en: 'No payments 90 or more days past due in the last two years', 'zh-CN': '近两年无逾期90天以上的还款记录' },
      missing: { en: '90+ day delinquency history not reported', 'zh-CN': '未提供逾期90天以上记录' },
    },
  },
  debtRatio: {
    code: 'C05',
    source: 'bureau.debtRatio',
    label: { en: 'Debt payments to income ratio', 'zh-CN': '负债收入比' },
    reasons: {
      negative: { en: 'Debt payments relative to income lowered the score', 'zh-CN': '月还款额占收入比例拉低了评分' },
      positive: { en: 'Debt payments are moderate relative to income', 'zh-CN': '月还款额相对收入适中' },
      missing: { en: 'Debt to income ratio not reported', 'zh-CN': '未提供负债收入比' },
    },
  },
  monthlyIncome: {
    code: 'C06',
    source: 'bureau.monthlyIncome',
    label: { en: 'Monthly income', 'zh-CN': '月收入' },
    reasons: {
      negative: { en: 'Monthly income is low', 'zh-CN': '月收入偏低' },
      positive: { en: 'Monthly income is sufficient', 'zh-CN': '月收入充足' },
      missing: { en: 'Monthly income not reported', 'zh-CN': '未提供月收入' },
    },
  },
  openCreditLines: {
    code: 'C07',
    source: 'bureau.openCreditLines',
    label: { en: 'Open credit lines and loans', 'zh-CN': '未结清信贷账户数' },
    reasons: {
      negative: { en: 'Number of open credit lines and loans indicates higher risk', 'zh-CN': '未结清信贷账户数量显示风险较高' },
      positive: { en: 'Number of open credit lines and loans is favourable', 'zh-CN': '未结清信贷账户数量良好' },
      missing: { en: 'Number of open credit lines not reported', 'zh-CN': '未提供未结清信贷账户数' },
    },
  },
  realEstateLoans: {
    code: 'C08',
    source: 'bureau.realEstateLoans',
    label: { en: 'Real-estate loans and lines', 'zh-CN': '房产类贷款笔数' },
    reasons: {
      negative: { en: 'Number of real-estate loans indicates higher risk', 'zh-CN': '房产类贷款笔数显示风险较高' },
      positive: { en: 'Number of real-estate loans is favourable', 'zh-CN': '房产类贷款笔数良好' },
      missing: { en: 'Number of real-estate loans not reported', 'zh-CN': '未提供房产类贷款笔数' },
    },
  },
  totalPastDue: {
    code: 'C10',
    source: 'bureau.pastDue30to59 + bureau.pastDue60to89 + bureau.pastDue90Plus',
    label: { en: 'Late payments of any length (2 years)', 'zh-CN': '近两年逾期总次数' },
    reasons: {
      negative: { en: 'Number of late payments in the last two years', 'zh-CN': '近两年逾期还款次数较多' },
      positive: { en: 'No late payments in the last two years', 'zh-CN': '近两年无逾期还款记录' },
      missing: { en: 'Late payment history not reported', 'zh-CN': '未提供逾期还款记录' },
    },
  },
  dependents: {
    code: 'C09',
    source: 'bureau.dependents',
    label: { en: 'Financial dependents', 'zh-CN': '供养人数' },
    reasons: {
      negative: { en: 'Number of financial dependents lowered the score', 'zh-CN': '需供养人数拉低了评分' },
      positive: { en: 'Number of financial dependents is low', 'zh-CN': '需供养人数较少' },
      missing: { en: 'Number of dependents not reported', 'zh-CN': '未提供供养人数' },
    },
  },
};

/** Generic texts for a column the catalogue does not know (e.g. German Credit columns). */
export function genericCharacteristicInfo(name: string, code: string): CharacteristicInfo {
  const label = name.replace(/[_-]+/g, ' ');
  return {
    code,
    label: { en: label, 'zh-CN': label },
    reasons: {
      negative: { en: `${label}: value lowered the score`, 'zh-CN': `${label}：该项降低了评分` },
      positive: { en: `${label}: value supported the score`, 'zh-CN': `${label}：该项有利于评分` },
      missing: { en: `${label}: not provided`, 'zh-CN': `${label}：未提供` },
    },
  };
}
