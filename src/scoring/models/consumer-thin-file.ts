// consumer-thin-file@2026-11-29: EXPERT scorecard for applicants with no bureau record.
// Hand-written; edit with care and bump `version` on any change of bins or points.
import type { ScorecardModel } from '../engine/model-types.js';

/**
 * Points are log-odds on the platform scale (20 points double the good:bad odds), set by
 * judgement, not fitted: every characteristic is monotone in the direction experience suggests
 * (longer tenure, more activity, on-time repayment and verified identity lower risk; returns,
 * late instalments and failed checks raise it). A missing value always scores below the best
 * bin, so leaving a field out never beats supplying a good value.
 *
 * Reference applicant (DESIGN example: 36 months, 48 orders, 24,000 CNY, 5 % returns, 10 on
 * time, 0 late, verified, liveness passed, 48 months phone): 557 + 43 = 600 (grade B).
 * Nothing supplied: 496 (grade E).
 */
export const consumerThinFileModel: ScorecardModel = {
  schemaVersion: 1,
  name: 'consumer-thin-file',
  version: '2026-11-29',
  kind: 'expert',
  product: 'consumer',
  description:
    'Expert scorecard on alternative data (e-commerce behaviour, past instalment repayment, identity and liveness verification, phone tenure) for consumers without a bureau record. Points on the platform scale: 600 = 50:1 good:bad odds, 20 points to double the odds.',
  dataSource:
    'Expert judgement (no training data): partner-supplied behaviour and identity signals from POST /v1/scores `behaviour` and `identity` sections.',
  createdAt: '2026-11-29',
  scaling: { baseScore: 600, baseOdds: 50, pdo: 20, minScore: 300, maxScore: 900 },
  basePoints: 557,
  excludedAttributes: ['age', 'sex', 'marital_status', 'ethnicity', 'region_of_origin', 'nationality', 'religion'],
  characteristics: [
    {
      name: 'accountAgeMonths',
      code: 'T01',
      type: 'numeric',
      source: 'behaviour.accountAgeMonths',
      label: { en: 'Shopping account age (months)', 'zh-CN': '购物账户注册时长（月）' },
      reasons: {
        negative: { en: 'Shopping account is recent', 'zh-CN': '购物账户注册时间较短' },
        positive: { en: 'Long-standing shopping account', 'zh-CN': '购物账户注册时间长' },
        missing: { en: 'Shopping account age not provided', 'zh-CN': '未提供购物账户注册时长' },
      },
      missing: { points: -15 },
      bins: [
        { min: null, max: 6, points: -15 },
        { min: 6, max: 12, points: -8 },
        { min: 12, max: 24, points: 0 },
        { min: 24, max: 48, points: 6 },
        { min: 48, max: null, points: 10 },
      ],
    },
    {
      name: 'orders12m',
      code: 'T02',
      type: 'numeric',
      source: 'behaviour.orders12m',
      label: { en: 'Orders in the last 12 months', 'zh-CN': '近12个月订单数' },
      reasons: {
        negative: { en: 'Few orders in the last 12 months', 'zh-CN': '近12个月订单较少' },
        positive: { en: 'Regular orders in the last 12 months', 'zh-CN': '近12个月购物活跃' },
        missing: { en: 'Order history not provided', 'zh-CN': '未提供订单记录' },
      },
      missing: { points: -8 },
      bins: [
        { min: null, max: 1, points: -10 },
        { min: 1, max: 5, points: -5 },
        { min: 5, max: 20, points: 0 },
        { min: 20, max: 60, points: 5 },
        { min: 60, max: null, points: 6 },
      ],
    },
    {
      name: 'spend12m',
      code: 'T03',
      type: 'numeric',
      source: 'behaviour.spend12m (CNY, as a number of yuan)',
      label: { en: 'Spend in the last 12 months (CNY)', 'zh-CN': '近12个月消费金额（元）' },
      reasons: {
        negative: { en: 'Low spending in the last 12 months', 'zh-CN': '近12个月消费金额较低' },
        positive: { en: 'Steady spending in the last 12 months', 'zh-CN': '近12个月消费稳定' },
        missing: { en: 'Spending history not provided', 'zh-CN': '未提供消费记录' },
      },
      missing: { points: -6 },
      bins: [
        { min: null, max: 1000, points: -6 },
        { min: 1000, max: 5000, points: -2 },
        { min: 5000, max: 20000, points: 2 },
        { min: 20000, max: 60000, points: 5 },
        { min: 60000, max: null, points: 6 },
      ],
    },
    {
      name: 'returnRate',
      code: 'T04',
      type: 'numeric',
      source: 'behaviour.returnRate',
      label: { en: 'Share of orders returned', 'zh-CN': '退货率' },
      reasons: {
        negative: { en: 'High share of orders returned', 'zh-CN': '退货率偏高' },
        positive: { en: 'Few orders returned', 'zh-CN': '退货率低' },
        missing: { en: 'Return rate not provided', 'zh-CN': '未提供退货率' },
      },
      missing: { points: -2 },
      bins: [
        { min: null, max: 0.05, points: 5 },
        { min: 0.05, max: 0.15, points: 2 },
        { min: 0.15, max: 0.3, points: -4 },
        { min: 0.3, max: null, points: -12 },
      ],
    },
    {
      name: 'onTimeInstallments',
      code: 'T05',
      type: 'numeric',
      source: 'behaviour.onTimeInstallments',
      label: { en: 'Instalments repaid on time', 'zh-CN': '按时还款期数' },
      reasons: {
        negative: { en: 'Short record of on-time instalment repayment', 'zh-CN': '按时还款记录较少' },
        positive: { en: 'Long record of on-time instalment repayment', 'zh-CN': '按时还款记录良好' },
        missing: { en: 'No instalment repayment history', 'zh-CN': '无分期还款记录' },
      },
      missing: { points: -4 },
      bins: [
        { min: null, max: 1, points: -4 },
        { min: 1, max: 4, points: 0 },
        { min: 4, max: 12, points: 5 },
        { min: 12, max: null, points: 9 },
      ],
    },
    {
      name: 'lateInstallments',
      code: 'T06',
      type: 'numeric',
      source: 'behaviour.lateInstallments',
      label: { en: 'Instalments repaid late', 'zh-CN': '逾期还款期数' },
      reasons: {
        negative: { en: 'Instalments repaid late', 'zh-CN': '存在逾期还款记录' },
        positive: { en: 'No late instalment repayments', 'zh-CN': '无逾期还款记录' },
        missing: { en: 'Late repayment history not provided', 'zh-CN': '未提供逾期还款记录' },
      },
      missing: { points: -2 },
      bins: [
        { min: null, max: 1, points: 6 },
        { min: 1, max: 2, points: -10 },
        { min: 2, max: 3, points: -20 },
        { min: 3, max: null, points: -35 },
      ],
    },
    {
      name: 'identityVerified',
      code: 'T07',
      type: 'categorical',
      source: 'identity.verified',
      label: { en: 'Identity verified', 'zh-CN': '身份核验' },
      reasons: {
        negative: { en: 'Identity could not be verified', 'zh-CN': '身份未通过核验' },
        positive: { en: 'Identity verified', 'zh-CN': '身份已核验' },
        missing: { en: 'Identity verification not performed', 'zh-CN': '未进行身份核验' },
      },
      missing: { points: -10 },
      bins: [
        { values: ['true'], points: 5 },
        { values: ['false'], points: -25 },
      ],
    },
    {
      name: 'livenessPassed',
      code: 'T08',
      type: 'categorical',
      source: 'identity.livenessPassed',
      label: { en: 'Liveness check', 'zh-CN': '活体检测' },
      reasons: {
        negative: { en: 'Liveness check failed', 'zh-CN': '活体检测未通过' },
        positive: { en: 'Liveness check passed', 'zh-CN': '活体检测已通过' },
        missing: { en: 'Liveness check not performed', 'zh-CN': '未进行活体检测' },
      },
      missing: { points: -8 },
      bins: [
        { values: ['true'], points: 5 },
        { values: ['false'], points: -20 },
      ],
    },
    {
      name: 'phoneTenureMonths',
      code: 'T09',
      type: 'numeric',
      source: 'identity.phoneTenureMonths',
      label: { en: 'Mobile number tenure (months)', 'zh-CN': '手机号在网时长（月）' },
      reasons: {
        negative: { en: 'Mobile number in use for a short time', 'zh-CN': '手机号在网时间较短' },
        positive: { en: 'Mobile number in use for a long time', 'zh-CN': '手机号在网时间长' },
        missing: { en: 'Mobile number tenure not provided', 'zh-CN': '未提供手机号在网时长' },
      },
      missing: { points: -6 },
      bins: [
        { min: null, max: 3, points: -15 },
        { min: 3, max: 12, points: -6 },
        { min: 12, max: 24, points: 0 },
        { min: 24, max: 60, points: 4 },
        { min: 60, max: null, points: 7 },
      ],
    },
  ],
};
