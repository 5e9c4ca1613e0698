import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { CreateQuoteDto, QuoteDto } from './dto/quote.dto.js';
import { presentQuote } from './quote.presenter.js';
import { QuotesService } from './quotes.service.js';

@ApiTags('Installments')
@Controller('v1/installment-quotes')
@PartnerAuth()
@RequireScopes('installments:write')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @ApiOperation({
    summary: 'Quote installment plans',
    description:
      'One option per requested term: the full schedule (due dates, principal, interest, fee, remaining balance), the level payment, total interest, fees and repayable, the true APR (12 × the monthly IRR of the rounded cash flows) and effective annual rate, and a plain-language disclosure in the `Accept-Language` language (`en` or `zh-CN`). Inputs that cannot make a valid schedule answer 422 naming the field. The quote can open a plan for 15 minutes. Not billable.',
  })
  @ApiCreatedResponse({ type: QuoteDto })
  @Idempotent()
  @ApiProblemResponses(400, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateQuoteDto, @AcceptLanguage() language: Language): Promise<QuoteDto> {
    return presentQuote(await this.quotes.create(principal, body), language);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a quote', description: 'Also after it has expired (see `expiresAt`); the disclosure follows `Accept-Language`.' })
  @ApiOkResponse({ type: QuoteDto })
  @ApiProblemResponses(404)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdPipe('qte', 'installment quote')) id: string,
    @AcceptLanguage() language: Language,
  ): Promise<QuoteDto> {
    return presentQuote(await this.quotes.get(principal, id), language);
  }
}
