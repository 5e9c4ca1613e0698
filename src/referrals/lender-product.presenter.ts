import { formatMoney } from '../common/money.js';
import type { LenderProductDto } from './dto/lender-product.dto.js';
import type { LenderProduct } from './lender-product.entity.js';

export function presentLenderProduct(product: LenderProduct): LenderProductDto {
  return {
    id: product.id,
    name: product.name,
    product: product.product,
    status: product.status,
    currency: product.currency,
    eligibility: {
      minCreditScore: product.minCreditScore,
      maxCreditScore: product.maxCreditScore,
      maxFraudScore: product.maxFraudScore,
      minAmount: formatMoney(product.minAmount),
      maxAmount: formatMoney(product.maxAmount),
      termMonths: product.termMonths,
      minTermMonths: product.termMonths[0],
      maxTermMonths: product.termMonths[product.termMonths.length - 1],
      regions: product.regions,
    },
    pricing: product.pricing,
    referralFeePercent: product.referralFeePercent,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
