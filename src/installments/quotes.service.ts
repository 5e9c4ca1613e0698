import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type DataOwner, ownerFilter, type Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { newId } from '../common/ids.js';
import { parseMoney } from '../common/money.js';
import { chinaDate } from '../identity/domain/civil-date.js';
import type { CreateQuoteDto } from './dto/quote.dto.js';
import { CurrencyNotSupportedError } from './installment-errors.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { InstallmentQuote } from './installment-quote.entity.js';
import { insertRows } from './insert-rows.js';
import { buildQuoteOptions, normalizedPricing, resolvePricing } from './quote-options.js';

@Injectable()
export class QuotesService {
  constructor(
    @InjectRepository(InstallmentQuote) private readonly quotes: Repository<InstallmentQuote>,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  /** Builds every requested option (or a 422 naming the fields at fault) and stores the quote for 15 minutes. */
  async create(principal: Principal, input: CreateQuoteDto, now = new Date()): Promise<InstallmentQuote> {
    const currency = input.currency ?? 'CNY';
    if (!this.policy.currencies.includes(currency)) throw new CurrencyNotSupportedError(currency, this.policy.currencies);
    const amount = parseMoney(input.amount);
    const startDate = input.startDate ?? chinaDate(now);
    const pricing = resolvePricing(input.pricing, this.policy.defaultPricing);
    const options = buildQuoteOptions(amount, input.terms, startDate, pricing, this.policy.schedule);

    const quote = this.quotes.create({
      id: newId('qte'),
      tenantId: principal.tenantId,
      mode: principal.mode,
      customerRef: input.customerRef,
      amount,
      currency,
      startDate,
      pricing: normalizedPricing(pricing),
      options,
      expiresAt: new Date(now.getTime() + this.policy.quoteTtlMs),
      createdAt: now,
    });
    await insertRows(this.quotes.manager, InstallmentQuote, quote);
    return quote;
  }

  async get(owner: DataOwner, id: string): Promise<InstallmentQuote> {
    const quote = await this.quotes.findOneBy({ id, ...ownerFilter(owner) });
    if (!quote) throw new NotFoundError('installment quote', id);
    return quote;
  }
}
