import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, PaginationQueryDto, type Page } from '../common/pagination/pagination.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { CreateTenantDto, TenantDto, UpdateTenantDto } from './dto/tenant.dto.js';
import { presentTenant } from './tenant.presenter.js';
import { TenantsService } from './tenants.service.js';

const TenantPageDto = PageOf(TenantDto);

@ApiTags('Operator: tenants')
@Controller('admin/v1/tenants')
@AdminAuth()
export class TenantsAdminController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a tenant',
    description: 'Registers a partner institution with its kind and plan (monthly quota, per-key rate limit, unit prices). Omitted plan fields take the gateway defaults.',
  })
  @ApiCreatedResponse({ type: TenantDto })
  @Idempotent()
  @ApiProblemResponses(400, 409, 415, 422)
  async create(@Body() body: CreateTenantDto): Promise<TenantDto> {
    return presentTenant(await this.tenants.create(body));
  }

  @Get()
  @ApiOperation({ summary: 'List tenants', description: 'Newest first, cursor-paginated.' })
  @ApiOkResponse({ type: TenantPageDto })
  @ApiProblemResponses(400)
  async list(@Query() query: PaginationQueryDto): Promise<Page<TenantDto>> {
    return mapPage(await this.tenants.list(query), presentTenant);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a tenant' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblemResponses(404)
  async get(@Param('id', new IdPipe('ten', 'tenant')) id: string): Promise<TenantDto> {
    return presentTenant(await this.tenants.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Update a tenant',
    description: 'Changes name, kind, status or plan. Suspending a tenant makes all its keys answer 403 on every replica at once; plan changes apply to the next request.',
  })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblemResponses(400, 404, 415)
  async update(@Param('id', new IdPipe('ten', 'tenant')) id: string, @Body() body: UpdateTenantDto): Promise<TenantDto> {
    return presentTenant(await this.tenants.update(id, body));
  }
}
