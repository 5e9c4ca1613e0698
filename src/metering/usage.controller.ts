import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { QuotaDto, UsageQueryDto, UsageReportDto } from './dto/usage.dto.js';
import { QuotaService } from './quota.service.js';
import { UsageReportService } from './usage-report.service.js';

@ApiTags('Usage')
@Controller('v1/usage')
@PartnerAuth()
@RequireScopes('usage:read')
export class UsageController {
  constructor(
    private readonly reports: UsageReportService,
    private readonly quotas: QuotaService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Your usage',
    description:
      'Calls and billable units per day or month, by product or by API key, between two dates (inclusive, billing time zone; without them, the month to date). Billable: successful scores, identity checks, opened installment plans and each scored batch row, by live keys; the sandbox (test keys) is counted in calls, never billed, and spends no quota.',
  })
  @ApiOkResponse({ type: UsageReportDto })
  @ApiProblemResponses(400)
  async usage(@CurrentPrincipal() principal: Principal, @Query() query: UsageQueryDto): Promise<UsageReportDto> {
    return { data: await this.reports.tenantUsage(principal.tenantId, query) };
  }

  @Get('quota')
  @ApiOperation({ summary: 'Your monthly quota', description: 'Plan quota, billable units used this month, remaining, and when it resets.' })
  @ApiOkResponse({ type: QuotaDto })
  async quota(@CurrentPrincipal() principal: Principal): Promise<QuotaDto> {
    const month = this.quotas.month();
    const used = await this.quotas.billedUnits(principal.tenantId, month);
    const monthlyQuota = principal.plan.monthlyQuota;
    return { period: month.key, monthlyQuota, used, remaining: Math.max(0, monthlyQuota - used), resetsAt: month.end.toISOString() };
  }
}
