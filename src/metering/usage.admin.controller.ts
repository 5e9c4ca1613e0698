import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { AdminAuth } from '../auth/auth.decorators.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { AdminUsageQueryDto, StatementDto, UsageReportDto } from './dto/usage.dto.js';
import { UsageReportService } from './usage-report.service.js';

@ApiTags('Operator: usage')
@Controller('admin/v1')
@AdminAuth()
export class UsageAdminController {
  constructor(
    private readonly reports: UsageReportService,
    private readonly tenants: TenantsService,
  ) {}

  @Get('usage')
  @ApiOperation({
    summary: 'Usage across tenants',
    description: 'Calls and billable units per tenant and product (or key), per day or month, between two dates (without them, the month to date). `Accept: text/csv` exports the same rows as CSV.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UsageReportDto })
  @ApiProblemResponses(400)
  async usage(@Query() query: AdminUsageQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<UsageReportDto | string> {
    const { rows, from, to } = await this.reports.allUsage(query);
    if (accept?.includes('text/csv')) {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="usage-${from}-${to}.csv"`);
      const key = query.groupBy === 'key' ? 'keyId' : 'product';
      return stringify(rows, { header: true, columns: ['period', 'tenantId', key, 'calls', 'billableUnits'] });
    }
    return { data: rows };
  }

  @Get('tenants/:id/statements/:period')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Monthly statement', description: 'Billable units per product × the plan price = amount, exact to the fen, for a billing month (YYYY-MM).' })
  @ApiOkResponse({ type: StatementDto })
  @ApiProblemResponses(400, 404)
  async statement(@Param('id', new IdPipe('ten', 'tenant')) id: string, @Param('period') period: string): Promise<StatementDto> {
    return this.reports.statement(await this.tenants.get(id), period);
  }
}
