import { formatMoney } from '../common/money.js';
import type { CreditLine } from './credit-line.entity.js';
import type { CreditLineDto } from './dto/credit-line.dto.js';

export function presentCreditLine(line: CreditLine): CreditLineDto {
  return {
    customerRef: line.customerRef,
    limit: formatMoney(line.limit),
    used: formatMoney(line.used),
    available: formatMoney(line.limit - line.used),
    currency: line.currency,
    createdAt: line.createdAt.toISOString(),
    updatedAt: line.updatedAt.toISOString(),
  };
}
