import type { Language } from '../common/http/language.js';
import { formatMoney } from '../common/money.js';
import type { ScheduleLine } from './domain/index.js';
import { disclosureText } from './disclosure.js';
import type { QuoteDto, QuoteOptionDto, ScheduleLineDto } from './dto/quote.dto.js';
import type { InstallmentQuote, QuotePricing } from './installment-quote.entity.js';

export function presentScheduleLine(line: ScheduleLine): ScheduleLineDto {
  return {
    n: line.n,
    dueDate: line.dueDate,
    principal: formatMoney(line.principal),
    interest: formatMoney(line.interest),
    fee: formatMoney(line.fee),
    total: formatMoney(line.total),
    remainingBalance: formatMoney(line.remainingBalance),
  };
}

/** The rate field of a pricing, named as the API names it. */
export function rateOf(pricing: QuotePricing): { annualRatePercent: string } | { feeRatePerPeriodPercent: string } {
  return pricing.method === 'fee_per_period'
    ? { feeRatePerPeriodPercent: pricing.feeRatePerPeriodPercent }
    : { annualRatePercent: pricing.annualRatePercent };
}

export function presentQuote(quote: InstallmentQuote, language: Language): QuoteDto {
  return {
    id: quote.id,
    expiresAt: quote.expiresAt.toISOString(),
    currency: quote.currency,
    customerRef: quote.customerRef,
    amount: formatMoney(quote.amount),
    startDate: quote.startDate,
    options: quote.options.map(
      (option): QuoteOptionDto => ({
        termMonths: option.termMonths,
        method: option.method,
        ...rateOf(quote.pricing),
        installmentAmount: formatMoney(option.installmentAmount),
        totalInterest: formatMoney(option.totalInterest),
        totalFees: formatMoney(option.totalFees),
        totalRepayable: formatMoney(option.totalRepayable),
        aprPercent: option.aprPercent,
        effectiveAnnualRatePercent: option.effectiveAnnualRatePercent,
        disclosure: disclosureText(option, quote.currency, language),
        schedule: option.schedule.map(presentScheduleLine),
      }),
    ),
    createdAt: quote.createdAt.toISOString(),
  };
}
