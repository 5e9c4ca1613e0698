import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import type { Language } from '../common/http/language.js';
import { AcceptLanguage } from '../common/http/language.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { IdentityCheckDto, IdentityCheckRequestDto } from './dto/identity-check.dto.js';
import { IdentityService } from './identity.service.js';

@ApiTags('Identity')
@Controller('v1/identity-checks')
@PartnerAuth()
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('scores:write', 'consents:write')
  @ApiOperation({
    summary: 'Check an identity',
    description:
      'Validates a PRC resident ID number (18 characters, ISO 7064 MOD 11-2 check character, real birth date not in the future, known province-level region), a mainland mobile number and a name. Well-formed but invalid values answer 200 with per-field results; malformed ones 400. The raw numbers are never stored or logged: only keyed hashes.',
  })
  @ApiOkResponse({ type: IdentityCheckDto })
  @Idempotent()
  @ApiProblemResponses(400, 409, 415, 422)
  check(@CurrentPrincipal() principal: Principal, @Body() body: IdentityCheckRequestDto, @AcceptLanguage() language: Language): Promise<IdentityCheckDto> {
    return this.identity.check(principal, body, language);
  }
}
