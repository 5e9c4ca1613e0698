import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { presentPlan } from '../tenants/tenant.presenter.js';
import { PartnerAuth } from './auth.decorators.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { MeDto } from './me.dto.js';
import type { Principal } from './principal.js';

@ApiTags('Account')
@Controller('v1/me')
@PartnerAuth()
export class MeController {
  @Get()
  @ApiOperation({ summary: 'Who am I', description: 'The tenant, key prefix, scopes, mode and plan of the calling API key. Needs no scope.' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal): MeDto {
    return {
      tenant: { id: principal.tenantId, name: principal.tenantName, kind: principal.tenantKind },
      keyId: principal.keyId,
      keyPrefix: principal.keyPrefix,
      scopes: [...principal.scopes],
      mode: principal.mode,
      plan: presentPlan(principal.plan),
    };
  }
}
