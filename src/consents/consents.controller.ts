import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, PaginationQueryDto, type Page } from '../common/pagination/pagination.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { presentConsent } from './consent.presenter.js';
import { ConsentsService } from './consents.service.js';
import { ConsentDto, CreateConsentDto, CUSTOMER_REF_PATTERN } from './dto/consent.dto.js';
import { Matches } from 'class-validator';
import { IsOptional } from '../common/validation/is-optional.js';

class ConsentListQueryDto extends PaginationQueryDto {
  /** Only consents naming this customer reference. @example "u-1" */
  @IsOptional()
  @Matches(CUSTOMER_REF_PATTERN)
  customerRef?: string;
}

const ConsentPageDto = PageOf(ConsentDto);
const consentId = () => new IdPipe('cns', 'consent');

@ApiTags('Consents')
@Controller('v1/consents')
@PartnerAuth()
@RequireScopes('consents:write')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a consent',
    description:
      'Records the data authorisation your customer gave: who (ID number, phone and/or your customerRef; only keyed hashes are stored), for which purposes, until when (at most 90 days, the default), and the evidence. Scores, installment plans and referrals name it. A consent belongs to the mode of the key that records it: one recorded with a test key authorises only sandbox calls, and live and test keys each see only their own consents.',
  })
  @ApiCreatedResponse({ type: ConsentDto })
  @Idempotent()
  @ApiProblemResponses(400, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateConsentDto): Promise<ConsentDto> {
    return presentConsent(await this.consents.create(principal, body));
  }

  @Get()
  @ApiOperation({ summary: 'List consents', description: 'Newest first; filter by customerRef.' })
  @ApiQuery({ name: 'customerRef', required: false })
  @ApiOkResponse({ type: ConsentPageDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ConsentListQueryDto): Promise<Page<ConsentDto>> {
    return mapPage(await this.consents.list(principal, query, query.customerRef), presentConsent);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a consent', description: 'Status is `authorised`, `revoked` or `expired`.' })
  @ApiOkResponse({ type: ConsentDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', consentId()) id: string): Promise<ConsentDto> {
    return presentConsent(await this.consents.get(principal, id));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Revoke a consent', description: 'Takes effect at once for every later use; revoking again is a no-op.' })
  @ApiOkResponse({ type: ConsentDto })
  @ApiProblemResponses(404)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', consentId()) id: string): Promise<ConsentDto> {
    return presentConsent(await this.consents.revoke(principal, id));
  }
}
