import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { presentCreditLine } from './credit-line.presenter.js';
import { CreditLinesService } from './credit-lines.service.js';
import { CustomerRefPipe } from './customer-ref.pipe.js';
import { CreditLineDto, PutCreditLineDto } from './dto/credit-line.dto.js';

@ApiTags('Installments')
@Controller('v1/credit-lines')
@PartnerAuth()
@RequireScopes('installments:write')
export class CreditLinesController {
  constructor(private readonly lines: CreditLinesService) {}

  @Put(':customerRef')
  @ApiOperation({
    summary: 'Open a credit line or change its limit',
    description:
      'Sets the installment credit limit of your customer (5,000.00–100,000.00 CNY by default), given as `limit` or taken from one of your consumer scores (`scoreId`: approved or referred for review, at most 30 days old). A limit below what open plans use answers 422 `credit_limit_below_used`. Plans draw their principal from the line atomically; repayments of principal give it back.',
  })
  @ApiParam({ name: 'customerRef', example: 'u-1', description: 'Your reference for the customer.' })
  @ApiOkResponse({ type: CreditLineDto })
  @ApiProblemResponses(400, 415, 422)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('customerRef', new CustomerRefPipe('invalid')) customerRef: string,
    @Body() body: PutCreditLineDto,
  ): Promise<CreditLineDto> {
    return presentCreditLine(await this.lines.put(principal, customerRef, body));
  }

  @Get(':customerRef')
  @ApiOperation({ summary: 'Retrieve a credit line', description: 'Limit, used (principal of open plans not yet repaid) and available credit.' })
  @ApiParam({ name: 'customerRef', example: 'u-1', description: 'Your reference for the customer.' })
  @ApiOkResponse({ type: CreditLineDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('customerRef', new CustomerRefPipe('not_found')) customerRef: string): Promise<CreditLineDto> {
    return presentCreditLine(await this.lines.get(principal, customerRef));
  }
}
