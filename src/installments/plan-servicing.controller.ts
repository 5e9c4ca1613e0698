import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { formatMoney } from '../common/money.js';
import { mapPage, PageOf, PaginationQueryDto, type Page } from '../common/pagination/pagination.js';
import { presentCreditLine } from './credit-line.presenter.js';
import { CreateRepaymentDto, PayoffDto, PayoffRequestDto, RepaymentDto, RepaymentResultDto } from './dto/repayment.dto.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { OptionalBodyPipe } from '../common/validation/optional-body.pipe.js';
import { PlanClosingService, type PayoffResult } from './plan-closing.service.js';
import { planId, presentContext } from './plan-http.js';
import { PlanRepaymentsService } from './plan-repayments.service.js';
import { presentPlan } from './plan.presenter.js';
import { presentPayoffLines, presentRepayment } from './repayment.presenter.js';

const RepaymentPageDto = PageOf(RepaymentDto);

@ApiTags('Installments')
@Controller('v1/installment-plans/:id')
@PartnerAuth()
@RequireScopes('installments:write')
export class PlanServicingController {
  constructor(
    private readonly repayments: PlanRepaymentsService,
    private readonly closing: PlanClosingService,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  @Post('repayments')
  @ApiOperation({
    summary: 'Record a repayment',
    description:
      'Allocates the amount fees → interest → principal, oldest installment first, and gives the principal repaid back to the credit line. More than the plan owes is refused (422 `repayment_exceeds_balance`, with `amountOutstanding`): to close a plan early without unearned interest, use /payoff. Paying the last amount owed makes the plan `paid_off`.',
  })
  @ApiCreatedResponse({ type: RepaymentResultDto })
  @Idempotent()
  @ApiProblemResponses(400, 404, 409, 415, 422)
  async repay(
    @CurrentPrincipal() principal: Principal,
    @Param('id', planId()) id: string,
    @Body() body: CreateRepaymentDto,
    @AcceptLanguage() language: Language,
  ): Promise<RepaymentResultDto> {
    const result = await this.repayments.repay(principal, id, body);
    return {
      ...presentRepayment(result.repayment),
      plan: presentPlan(result.view, presentContext(language, this.policy)),
      creditLine: presentCreditLine(result.creditLine),
    };
  }

  @Get('repayments')
  @ApiOperation({ summary: "List a plan's repayments", description: 'Newest first, the payoff included.' })
  @ApiOkResponse({ type: RepaymentPageDto })
  @ApiProblemResponses(400, 404)
  async list(@CurrentPrincipal() principal: Principal, @Param('id', planId()) id: string, @Query() query: PaginationQueryDto): Promise<Page<RepaymentDto>> {
    return mapPage(await this.repayments.list(principal, id, query), presentRepayment);
  }

  @Post('payoff')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Quote or execute an early payoff',
    description:
      'As of today (Asia/Shanghai): all unpaid principal, interest accrued to date (the current period pro rata by days), and the fees of periods already started; interest and fees of periods not yet started are waived. `{"execute": false}` only quotes; otherwise (the default, also with no body) the payoff is paid, the plan becomes `paid_off` and its credit is released. Pass `amount` to execute only at the total you showed (409 `payoff_amount_changed` otherwise).',
  })
  @ApiBody({ type: PayoffRequestDto, required: false })
  @ApiOkResponse({ type: PayoffDto })
  @Idempotent()
  @ApiProblemResponses(400, 404, 409, 415)
  async payoff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', planId()) id: string,
    @Body(new OptionalBodyPipe(PayoffRequestDto)) body: PayoffRequestDto | undefined,
    @AcceptLanguage() language: Language,
  ): Promise<PayoffDto> {
    return this.presentPayoff(await this.closing.payoff(principal, id, body ?? {}), language);
  }

  @Get('payoff-quote')
  @ApiOperation({ summary: 'Quote an early payoff', description: 'The same quote as `POST /payoff` with `{"execute": false}`; changes nothing.' })
  @ApiOkResponse({ type: PayoffDto })
  @ApiProblemResponses(404, 409)
  async payoffQuote(@CurrentPrincipal() principal: Principal, @Param('id', planId()) id: string, @AcceptLanguage() language: Language): Promise<PayoffDto> {
    return this.presentPayoff(await this.closing.payoff(principal, id, { execute: false }), language);
  }

  private presentPayoff({ quote, view, repayment }: PayoffResult, language: Language): PayoffDto {
    return {
      planId: view.plan.id,
      executed: repayment !== null,
      payoffDate: quote.payoffDate,
      currency: view.plan.currency,
      principal: formatMoney(quote.principal),
      interest: formatMoney(quote.interest),
      fees: formatMoney(quote.fees),
      credit: formatMoney(quote.credit),
      total: formatMoney(quote.total),
      refundDue: formatMoney(quote.refundDue),
      interestWaived: formatMoney(quote.interestWaived),
      feesWaived: formatMoney(quote.feesWaived),
      lines: presentPayoffLines(quote),
      repaymentId: repayment?.id ?? null,
      plan: presentPlan(view, presentContext(language, this.policy)),
    };
  }
}
