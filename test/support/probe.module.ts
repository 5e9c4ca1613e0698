import { Body, Controller, Get, Module, Post, type DynamicModule } from '@nestjs/common';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { PartnerAuth } from '../../src/auth/auth.decorators.js';
import { CurrentPrincipal } from '../../src/auth/current-principal.decorator.js';
import type { Principal } from '../../src/auth/principal.js';
import { RequireScopes } from '../../src/auth/required-scopes.js';
import { Idempotent } from '../../src/common/idempotency/idempotency.decorators.js';

class ProbeDto {
  @IsString()
  label!: string;

  @IsInt()
  @Min(0)
  @Max(1000)
  count!: number;
}

let created = 0;

/**
 * Test-only partner routes that exercise the cross-cutting guards (scopes, idempotency)
 * before the product endpoints that will use them exist.
 */
@Controller('v1/_probe')
@PartnerAuth()
class ProbeController {
  @Get('scoped')
  @RequireScopes('scores:write')
  scoped(@CurrentPrincipal() principal: Principal) {
    return { tenantId: principal.tenantId };
  }

  @Post('things')
  @Idempotent()
  @RequireScopes('scores:write')
  async create(@CurrentPrincipal() principal: Principal, @Body() body: ProbeDto) {
    created += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { id: `thing_${created}`, tenantId: principal.tenantId, ...body };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

export const probeModule = (): DynamicModule => ({ module: ProbeModule });
export const probeCreatedCount = () => created;
