import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { PartnerGuard } from './partner.guard.js';

export const PARTNER_BEARER = 'partnerBearer';
export const PARTNER_HEADER = 'partnerApiKeyHeader';
export const ADMIN_BEARER = 'adminBearer';

/** Partner route: API key (Bearer or X-API-Key), the per-key rate limit, scopes, then the monthly quota (billable routes). */
export function PartnerAuth() {
  return applyDecorators(
    UseGuards(PartnerGuard),
    ApiBearerAuth(PARTNER_BEARER),
    ApiSecurity(PARTNER_HEADER),
    ApiProblemResponses(401, 403, 429),
  );
}

/** Operator route: `Authorization: Bearer <ADMIN_TOKEN>`. */
export function AdminAuth() {
  return applyDecorators(UseGuards(AdminTokenGuard), ApiBearerAuth(ADMIN_BEARER), ApiProblemResponses(401));
}
