import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { PageOf, type Page } from '../common/pagination/pagination.js';
import { OptionalBodyPipe } from '../common/validation/optional-body.pipe.js';
import { FundingDto, InboundReferralDto, InboundReferralListQueryDto, LenderDecisionDto } from './dto/inbound-referral.dto.js';
import { InboundReferralsService } from './inbound-referrals.service.js';
import { inboundReferralId } from './referral-http.js';

const InboundReferralPageDto = PageOf(InboundReferralDto);

@ApiTags('Referrals (lender side)')
@Controller('v1/inbound-referrals')
@PartnerAuth()
@RequireScopes('lending:write')
export class InboundReferralsController {
  constructor(private readonly inbound: InboundReferralsService) {}

  @Get()
  @ApiOperation({ summary: 'List referrals submitted to you', description: 'Referrals whose applicant accepted one of your offers, newest first; filter by status. Referrals still at the offer stage are not shown.' })
  @ApiOkResponse({ type: InboundReferralPageDto })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: InboundReferralListQueryDto, @AcceptLanguage() language: Language): Promise<Page<InboundReferralDto>> {
    return this.inbound.list(principal, query, language);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a referral submitted to you', description: 'Only what the applicant consented to share with you: the request, the score and its reasons, your offer, and the consent evidence.' })
  @ApiOkResponse({ type: InboundReferralDto })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', inboundReferralId()) id: string, @AcceptLanguage() language: Language): Promise<InboundReferralDto> {
    return this.inbound.get(principal, id, language);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve or decline a submitted referral',
    description:
      "`approved` (with `approvedAmount` up to the offer's amount, by default all of it) or `declined` (with an optional `declineReason` code). Only a `submitted` referral can be decided (else 409 `referral_state_conflict`). The referring partner receives a `referral.status_changed` webhook.",
  })
  @ApiOkResponse({ type: InboundReferralDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 404, 409, 415, 422)
  decide(@CurrentPrincipal() principal: Principal, @Param('id', inboundReferralId()) id: string, @Body() body: LenderDecisionDto, @AcceptLanguage() language: Language): Promise<InboundReferralDto> {
    return this.inbound.decide(principal, id, body, language);
  }

  @Post(':id/funded')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that an approved referral was funded',
    description:
      "The amount paid out (at most the approved amount, else 422 `amount_exceeds_limit`; omitted, or no body at all, the approved amount). Creates the referral fee owed to the referring partner: the offer's `referralFeePercent` of the amount funded, rounded half-up to the cent. Only an `approved` referral can be funded, once (else 409 `referral_state_conflict`). The referring partner receives a `referral.status_changed` webhook.",
  })
  @ApiBody({ type: FundingDto, required: false })
  @ApiOkResponse({ type: InboundReferralDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 404, 409, 415, 422)
  fund(
    @CurrentPrincipal() principal: Principal,
    @Param('id', inboundReferralId()) id: string,
    @Body(new OptionalBodyPipe(FundingDto)) body: FundingDto | undefined,
    @AcceptLanguage() language: Language,
  ): Promise<InboundReferralDto> {
    return this.inbound.fund(principal, id, body ?? {}, language);
  }
}
