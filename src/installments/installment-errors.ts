/**
 * Business errors of the installments product, each with a stable `code`. Services throw
 * these; the global filter turns them into problem+json.
 */
import { ConflictError, DomainError, UnprocessableError, ValidationFailedError } from '../common/errors/domain-error.js';
import { formatMoney } from '../common/money.js';
import type { ScheduleInputError } from './domain/index.js';

/** Inputs that cannot make a valid schedule (DESIGN §5): 422 naming each API field at fault. */
export class ScheduleRejectedError extends UnprocessableError {
  constructor(errors: readonly ScheduleInputError[]) {
    const first = errors[0];
    const unique = new Map(errors.map((e) => [`${e.field}\n${e.message}`, { field: e.field, message: e.message }]));
    super(first?.code ?? 'schedule_invalid', first?.message ?? 'These inputs cannot make a valid schedule.', [...unique.values()]);
  }
}

export class CurrencyNotSupportedError extends UnprocessableError {
  constructor(currency: string, supported: readonly string[]) {
    super('currency_not_supported', `Currency ${currency} is not offered; use ${supported.join(', ')}.`, [
      { field: 'currency', message: `currency must be one of ${supported.join(', ')}` },
    ]);
  }
}

export class RateNotApplicableError extends UnprocessableError {
  constructor(field: string, method: string) {
    super('rate_not_applicable', `${field} does not apply to method ${method}.`, [{ field, message: `${field} does not apply to ${method}` }]);
  }
}

export class QuoteExpiredError extends UnprocessableError {
  constructor(id: string) {
    super('quote_expired', `Quote ${id} has expired; request a new quote.`, [{ field: 'quoteId', message: 'the quote has expired' }]);
  }
}

export class TermNotQuotedError extends UnprocessableError {
  constructor(id: string, termMonths: number, quoted: readonly number[]) {
    super('term_not_quoted', `Quote ${id} has no ${termMonths}-month option; it quotes ${quoted.join(', ')} months.`, [
      { field: 'termMonths', message: `termMonths must be one of the quoted terms: ${quoted.join(', ')}` },
    ]);
  }
}

export class CreditLineMissingError extends UnprocessableError {
  constructor(customerRef: string) {
    super('credit_line_missing', `Customer ${customerRef} has no credit line; open one with PUT /v1/credit-lines/{customerRef}.`);
  }
}

export class CreditLimitExceededError extends DomainError {
  constructor(requestedMinor: number, availableMinor: number, currency: string) {
    super(
      422,
      'credit_limit_exceeded',
      'Credit limit exceeded',
      `The plan needs ${currency} ${formatMoney(requestedMinor)} of credit; ${currency} ${formatMoney(availableMinor)} is available.`,
      [],
      {},
      { available: formatMoney(availableMinor), currency },
    );
  }
}

export class CurrencyMismatchError extends UnprocessableError {
  constructor(expected: string, got: string, holder: 'credit line' | 'plan' = 'credit line') {
    super('currency_mismatch', `The ${holder} is in ${expected}, not ${got}.`, [{ field: 'currency', message: `currency must be ${expected}` }]);
  }
}

export class CreditLimitOutOfPolicyError extends UnprocessableError {
  constructor(minMinor: number, maxMinor: number, currency: string) {
    const range = `${currency} ${formatMoney(minMinor)} to ${formatMoney(maxMinor)}`;
    super('credit_limit_out_of_policy', `A credit limit must be from ${range}.`, [{ field: 'limit', message: `limit must be from ${formatMoney(minMinor)} to ${formatMoney(maxMinor)}` }]);
  }
}

export class CreditLimitBelowUsedError extends UnprocessableError {
  constructor(usedMinor: number) {
    super('credit_limit_below_used', `The line already has ${formatMoney(usedMinor)} in use; the limit cannot go below it.`, [
      { field: 'limit', message: `limit must be at least the amount in use, ${formatMoney(usedMinor)}` },
    ]);
  }
}

export class PlanNotActiveError extends ConflictError {
  constructor(id: string, status: string) {
    super('plan_not_active', `Plan ${id} is ${status}; only an active plan can take this action.`);
  }
}

export class RepaymentExceedsBalanceError extends DomainError {
  constructor(outstandingMinor: number) {
    super(
      422,
      'repayment_exceeds_balance',
      'Unprocessable request',
      `The plan has ${formatMoney(outstandingMinor)} outstanding; overpayments are refused (use /payoff to close the plan early without unearned interest).`,
      [{ field: 'amount', message: `amount must not exceed the outstanding ${formatMoney(outstandingMinor)}` }],
      {},
      { amountOutstanding: formatMoney(outstandingMinor) },
    );
  }
}

export class PaidAtInvalidError extends UnprocessableError {
  constructor(detail: string) {
    super('paid_at_invalid', detail, [{ field: 'paidAt', message: detail }]);
  }
}

export class PayoffAmountChangedError extends ConflictError {
  constructor(expectedMinor: number, actualMinor: number) {
    super('payoff_amount_changed', `The payoff amount is now ${formatMoney(actualMinor)}, not ${formatMoney(expectedMinor)}; re-quote and confirm.`);
  }
}

export class CoolingOffExpiredError extends ConflictError {
  constructor(id: string, endedAt: Date) {
    super('cooling_off_expired', `Plan ${id}'s cooling-off window ended at ${endedAt.toISOString()}; pay it off instead.`);
  }
}

export class PlanHasRepaymentsError extends ConflictError {
  constructor(id: string) {
    super('plan_has_repayments', `Plan ${id} has repayments and can no longer be cancelled; pay it off instead.`);
  }
}

export class CreditLimitSourceError extends ValidationFailedError {
  constructor() {
    super([{ field: 'limit', message: 'give exactly one of limit and scoreId' }], 'Give exactly one of limit and scoreId.');
  }
}

export class ScoreNotUsableError extends UnprocessableError {
  constructor(scoreId: string, why: string) {
    super('score_not_usable', `Score ${scoreId} cannot open a credit line: ${why}.`, [{ field: 'scoreId', message: why }]);
  }
}
