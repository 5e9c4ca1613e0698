import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, type Page } from '../common/pagination/pagination.js';
import { CreatePlanDto, PlanDto, PlanListQueryDto } from './dto/plan.dto.js';
import { INSTALLMENT_POLICY, type InstallmentPolicy } from './installment-policy.js';
import { PlanClosingService } from './plan-closing.service.js';
import { planId, presentContext } from './plan-http.js';
import { presentPlan } from './plan.presenter.js';
import { PlansService } from './plans.service.js';

const PlanPageDto = PageOf(PlanDto);

@ApiTags('Installments')
@Controller('v1/installment-plans')
@PartnerAuth()
@RequireScopes('installments:write')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly closing: PlanClosingService,
    @Inject(INSTALLMENT_POLICY) private readonly policy: InstallmentPolicy,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Open an installment plan',
    description:
      "Opens the plan of one quoted term and draws its principal on the customer's credit line, atomically: concurrent plans can never overdraw a line. Needs an unexpired quote of yours (else 404, or 422 `quote_expired`), a quoted `termMonths` (422 `term_not_quoted`) and a consent with purpose `installment_plan` naming the quote's customerRef (403 `consent_*`). No line: 422 `credit_line_missing`; not enough available: 422 `credit_limit_exceeded`. Send an Idempotency-Key so a retry never opens a second plan.",
  })
  @ApiCreatedResponse({ type: PlanDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 404, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePlanDto, @AcceptLanguage() language: Language): Promise<PlanDto> {
    return this.plans.open(principal, body, presentContext(language, this.policy));
  }

  @Get()
  @ApiOperation({ summary: 'List installment plans', description: 'Newest first; filter by customerRef and status (`overdue` as of today in Asia/Shanghai).' })
  @ApiOkResponse({ type: PlanPageDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PlanListQueryDto, @AcceptLanguage() language: Language): Promise<Page<PlanDto>> {
    const context = presentContext(language, this.policy);
    return mapPage(await this.plans.list(principal, query, context.today), (view) => presentPlan(view, context));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Retrieve an installment plan',
    description: 'The schedule with what is paid and owed on each installment. Status `overdue` is derived on every read: an installment past its due date (Asia/Shanghai) and not fully paid.',
  })
  @ApiOkResponse({ type: PlanDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', planId()) id: string, @AcceptLanguage() language: Language): Promise<PlanDto> {
    return presentPlan(await this.plans.get(principal, id), presentContext(language, this.policy));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an installment plan',
    description:
      'Within the cooling-off window (7 days from opening, see `coolingOffEndsAt`) and before any repayment: the plan becomes `cancelled` at no cost and its credit is released. Later: 409 `cooling_off_expired`; after a repayment: 409 `plan_has_repayments`; a paid-off plan: 409 `plan_not_active`. Cancelling a cancelled plan returns it unchanged.',
  })
  @ApiOkResponse({ type: PlanDto })
  @Idempotent()
  @ApiProblemResponses(404, 409)
  async cancel(@CurrentPrincipal() principal: Principal, @Param('id', planId()) id: string, @AcceptLanguage() language: Language): Promise<PlanDto> {
    return presentPlan(await this.closing.cancel(principal, id), presentContext(language, this.policy));
  }
}
