import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, type Page } from '../common/pagination/pagination.js';
import { CreateLenderProductDto, LenderProductDto, LenderProductListQueryDto, UpdateLenderProductDto } from './dto/lender-product.dto.js';
import { presentLenderProduct } from './lender-product.presenter.js';
import { LenderProductsService } from './lender-products.service.js';
import { lenderProductId } from './referral-http.js';

const LenderProductPageDto = PageOf(LenderProductDto);

@ApiTags('Referrals (lender side)')
@Controller('v1/lender-products')
@PartnerAuth()
@RequireScopes('lending:write')
export class LenderProductsController {
  constructor(private readonly products: LenderProductsService) {}

  @Post()
  @ApiOperation({
    summary: 'Publish a lender product',
    description:
      'A loan product referrals are matched against: who it lends to (credit and fraud score bounds, amount range, terms, regions of residence), its price (as for installment quotes; every amount bound and term must make a valid schedule under the 24 % APR cap, else 422), and the fee you pay the referring partner on funding. Terms are fixed once published: pause a product and publish another to change them. Sandbox (test-key) products are matched only against sandbox referrals.',
  })
  @ApiCreatedResponse({ type: LenderProductDto })
  @Idempotent()
  @ApiProblemResponses(400, 403, 409, 415, 422)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateLenderProductDto): Promise<LenderProductDto> {
    return presentLenderProduct(await this.products.create(principal, body));
  }

  @Get()
  @ApiOperation({ summary: 'List your lender products', description: 'Newest first; filter by status.' })
  @ApiOkResponse({ type: LenderProductPageDto })
  @ApiProblemResponses(400, 403)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: LenderProductListQueryDto): Promise<Page<LenderProductDto>> {
    return mapPage(await this.products.list(principal, query), presentLenderProduct);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a lender product' })
  @ApiOkResponse({ type: LenderProductDto })
  @ApiProblemResponses(403, 404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', lenderProductId()) id: string): Promise<LenderProductDto> {
    return presentLenderProduct(await this.products.get(principal, id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Pause or resume a lender product',
    description: 'A paused product is matched against no new referral, and its outstanding offers can no longer be accepted (409 `offer_unavailable`); referrals already submitted go on. Only `status` can change.',
  })
  @ApiOkResponse({ type: LenderProductDto })
  @ApiProblemResponses(400, 403, 404, 415)
  async update(@CurrentPrincipal() principal: Principal, @Param('id', lenderProductId()) id: string, @Body() body: UpdateLenderProductDto): Promise<LenderProductDto> {
    return presentLenderProduct(await this.products.setStatus(principal, id, body.status));
  }
}
