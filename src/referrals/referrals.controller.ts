import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { PageOf, type Page } from '../common/pagination/pagination.js';
import { AcceptReferralDto, CreateReferralDto, ReferralDto, ReferralListQueryDto } from './dto/referral.dto.js';
import { referralId } from './referral-http.js';
import { ReferralsService } from './referrals.service.js';

const ReferralPageDto = PageOf(ReferralDto);

@ApiTags('Referrals')
@Controller('v1/referrals')
@PartnerAuth()
@RequireScopes('referrals:write')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @ApiOperation({
    summary: 'Refer an applicant to lenders',
    description:
      "Matches the applicant's score (`scoreId`: yours, of this ID number, at most 30 days old; else 404, or 422 `score_subject_mismatch` / `score_stale`) against every active lender product and answers the ranked offers (at most 10, cheapest true APR first; none when no product lends to this applicant, or when the score found an invalid identity or fraud). Needs a consent with purpose `referral_sharing` naming the applicant (403 `consent_*`). Offers can be accepted for 7 days. Billable. Send an Idempotency-Key so a retry never refers twice.",
  })
  @ApiCreatedResponse({ type: ReferralDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 404, 409, 415, 422, 429)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateReferralDto, @AcceptLanguage() language: Language): Promise<ReferralDto> {
    return this.referrals.create(principal, body, language);
  }

  @Get()
  @ApiOperation({ summary: 'List referrals', description: 'Your referrals, newest first; filter by status (`expired` and `offered` are evaluated now).' })
  @ApiOkResponse({ type: ReferralPageDto })
  @ApiProblemResponses(400, 403)
  list(@CurrentPrincipal() principal: Principal, @Query() query: ReferralListQueryDto, @AcceptLanguage() language: Language): Promise<Page<ReferralDto>> {
    return this.referrals.list(principal, query, language);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a referral', description: "Its offers, and what the lender did once one was accepted: decision, funding, and your referral fee." })
  @ApiOkResponse({ type: ReferralDto })
  @ApiProblemResponses(403, 404)
  get(@CurrentPrincipal() principal: Principal, @Param('id', referralId()) id: string, @AcceptLanguage() language: Language): Promise<ReferralDto> {
    return this.referrals.get(principal, id, language);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an offer',
    description:
      "The applicant takes one offer: the referral is `submitted` to that lender, which receives a `referral.submitted` webhook with the applicant's score and request (never an identifier). Once only: a second accept is 409 `referral_state_conflict`; after `expiresAt`, 409 `referral_expired`; a paused product, 409 `offer_unavailable`; an offer of another referral, 422 `offer_not_found`. The consent must still be in force (403 `consent_*`).",
  })
  @ApiOkResponse({ type: ReferralDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 404, 409, 415, 422)
  accept(@CurrentPrincipal() principal: Principal, @Param('id', referralId()) id: string, @Body() body: AcceptReferralDto, @AcceptLanguage() language: Language): Promise<ReferralDto> {
    return this.referrals.accept(principal, id, body.offerId, language);
  }
}
