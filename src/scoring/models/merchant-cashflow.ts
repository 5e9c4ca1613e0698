// merchant-cashflow@2026-11-29: EXPERT scorecard for small merchants from their revenue history.
// Hand-written; edit with care and bump `version` on any change of bins or points.
import type { ScorecardModel } from '../engine/model-types.js';

/**
 * Features come from deriveCashflowFeatures(monthlyRevenueMinor, monthsTrading, sector):
 * average monthly revenue (CNY), trend (least-squares slope / mean, per month), volatility
 * (coefficient of variation), months trading and sector. Points are log-odds on the platform
 * scale (20 points double the good:bad odds), set by judgement and monotone: more revenue,
 * growth, stability and tenure lower risk. Sectors: essential retail (grocery, pharmacy,
 * convenience) is steadier than discretionary trade (travel, entertainment); a sector not
 * listed scores as missing (0, neutral).
 *
 * Reference merchant (DESIGN example: 42,000 / 39,000 / 45,000 CNY, 30 months, grocery):
 * 565 + 8 + 8 + 12 + 6 + 5 = 604 (grade B); its limit is 84,000 CNY.
 */
export const merchantCashflowModel: ScorecardModel = {
  schemaVersion: 1,
  name: 'merchant-cashflow',
  version: '2026-11-29',
  kind: 'expert',
  product: 'merchant',
  description:
    'Expert scorecard on monthly revenue history: level, trend, volatility, months trading and sector. Points on the platform scale: 600 = 50:1 good:bad odds, 20 points to double the odds.',
  dataSource: 'Expert judgement (no training data): partner-supplied `cashFlow` section of POST /v1/scores.',
  createdAt: '2026-11-29',
  scaling: { baseScore: 600, baseOdds: 50, pdo: 20, minScore: 300, maxScore: 900 },
  basePoints: 565,
  excludedAttributes: ['age', 'sex', 'marital_status', 'ethnicity', 'region_of_origin', 'nationality', 'religion'],
  characteristics: [
    {
      name: 'avgMonthlyRevenue',
      code: 'M01',
      type: 'numeric',
      source: 'cashFlow.monthlyRevenue (mean, CNY)',
      label: { en: 'Average monthly revenue (CNY)', 'zh-CN': '月均营业收入（元）' },
      reasons: {
        negative: { en: 'Monthly revenue is low', 'zh-CN': '月均营业收入偏低' },
        positive: { en: 'Monthly revenue is strong', 'zh-CN': '月均营业收入较高' },
        missing: { en: 'No revenue history provided', 'zh-CN': '未提供营业收入记录' },
      },
      missing: { points: -20 },
      bins: [
        { min: null, max: 5000, points: -15 },
        { min: 5000, max: 10000, points: -8 },
        { min: 10000, max: 20000, points: 0 },
        { min: 20000, max: 50000, points: 8 },
        { min: 50000, max: 100000, points: 12 },
        { min: 100000, max: null, points: 15 },
      ],
    },
    {
      name: 'revenueTrend',
      code: 'M02',
      type: 'numeric',
      source: 'cashFlow.monthlyRevenue (least-squares slope / mean, per month)',
      label: { en: 'Revenue trend', 'zh-CN': '营业收入趋势' },
      reasons: {
        negative: { en: 'Revenue is declining', 'zh-CN': '营业收入呈下降趋势' },
        positive: { en: 'Revenue is growing', 'zh-CN': '营业收入呈增长趋势' },
        missing: { en: 'Revenue history too short to show a trend', 'zh-CN': '营业收入记录过短，无法判断趋势' },
      },
      missing: { points: -5 },
      bins: [
        { min: null, max: -0.1, points: -20 },
        { min: -0.1, max: -0.03, points: -10 },
        { min: -0.03, max: 0.03, points: 3 },
        { min: 0.03, max: null, points: 8 },
      ],
    },
    {
      name: 'revenueVolatility',
      code: 'M03',
      type: 'numeric',
      source: 'cashFlow.monthlyRevenue (coefficient of variation)',
      label: { en: 'Revenue volatility', 'zh-CN': '营业收入波动性' },
      reasons: {
        negative: { en: 'Revenue varies strongly from month to month', 'zh-CN': '月度营业收入波动较大' },
        positive: { en: 'Revenue is stable from month to month', 'zh-CN': '月度营业收入稳定' },
        missing: { en: 'Revenue history too short to assess stability', 'zh-CN': '营业收入记录过短，无法评估稳定性' },
      },
      missing: { points: -10 },
      bins: [
        { min: null, max: 0.1, points: 12 },
        { min: 0.1, max: 0.2, points: 8 },
        { min: 0.2, max: 0.35, points: 0 },
        { min: 0.35, max: 0.6, points: -10 },
        { min: 0.6, max: null, points: -20 },
      ],
    },
    {
      name: 'monthsTrading',
      code: 'M04',
      type: 'numeric',
      source: 'cashFlow.monthsTrading',
      label: { en: 'Months trading', 'zh-CN': '经营时长（月）' },
      reasons: {
        negative: { en: 'Business has traded for a short time', 'zh-CN': '经营时间较短' },
        positive: { en: 'Established business', 'zh-CN': '经营时间长' },
        missing: { en: 'Months trading not provided', 'zh-CN': '未提供经营时长' },
      },
      missing: { points: -10 },
      bins: [
        { min: null, max: 6, points: -20 },
        { min: 6, max: 12, points: -10 },
        { min: 12, max: 24, points: 0 },
        { min: 24, max: 48, points: 6 },
        { min: 48, max: null, points: 10 },
      ],
    },
    {
      name: 'sector',
      code: 'M05',
      type: 'categorical',
      source: 'cashFlow.sector',
      label: { en: 'Business sector', 'zh-CN': '经营行业' },
      reasons: {
        negative: { en: 'Sector with more volatile demand', 'zh-CN': '所属行业需求波动较大' },
        positive: { en: 'Sector with steady demand', 'zh-CN': '所属行业需求稳定' },
        missing: { en: 'Sector not provided or not recognised', 'zh-CN': '未提供或无法识别经营行业' },
      },
      missing: { points: 0 },
      bins: [
        { values: ['convenience', 'grocery', 'pharmacy'], points: 5 },
        { values: ['education', 'home', 'services', 'utilities'], points: 2 },
        { values: ['apparel', 'auto', 'beauty', 'electronics', 'other'], points: 0 },
        { values: ['catering', 'restaurant'], points: -3 },
        { values: ['entertainment', 'travel'], points: -6 },
      ],
    },
  ],
};
