import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../auth/auth.decorators.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { OmitFromIdempotentReplay } from '../common/idempotency/idempotency-metadata.js';
import { mapPage, PageOf, PaginationQueryDto, type Page } from '../common/pagination/pagination.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { presentApiKey } from './api-key.presenter.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

const ApiKeyPageDto = PageOf(ApiKeyDto);
const tenantId = () => new IdPipe('ten', 'tenant');
const keyId = () => new IdPipe('key', 'API key');

@ApiTags('Operator: API keys')
@Controller('admin/v1/tenants/:tenantId/api-keys')
@AdminAuth()
export class ApiKeysAdminController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue an API key',
    description:
      'Creates a key with the given scopes and mode. The response carries the secret (`key`) once; only its SHA-256 hash is stored. An idempotent replay returns the key without `key`: the secret is never stored, so it cannot be shown twice.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @Idempotent()
  @OmitFromIdempotentReplay('key')
  @ApiProblemResponses(400, 404, 409, 415, 422)
  async issue(@Param('tenantId', tenantId()) tenant: string, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { key, secret } = await this.keys.issue(tenant, body);
    return { ...presentApiKey(key), key: secret };
  }

  @Get()
  @ApiOperation({ summary: "List a tenant's API keys", description: 'Prefixes only; secrets are never shown again.' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiProblemResponses(400, 404)
  async list(@Param('tenantId', tenantId()) tenant: string, @Query() query: PaginationQueryDto): Promise<Page<ApiKeyDto>> {
    return mapPage(await this.keys.list(tenant, query), presentApiKey);
  }

  @Get(':keyId')
  @ApiOperation({ summary: 'Retrieve an API key' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponses(404)
  async get(@Param('tenantId', tenantId()) tenant: string, @Param('keyId', keyId()) key: string): Promise<ApiKeyDto> {
    return presentApiKey(await this.keys.get(tenant, key));
  }

  @Delete(':keyId')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'The key answers 401 `api_key_revoked` on every replica within a second. Revoking again is a no-op.',
  })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponses(404)
  async revoke(@Param('tenantId', tenantId()) tenant: string, @Param('keyId', keyId()) key: string): Promise<ApiKeyDto> {
    return presentApiKey(await this.keys.revoke(tenant, key));
  }
}
