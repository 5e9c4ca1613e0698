import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { ServiceUnavailableError } from '../common/errors/domain-error.js';
import { RedisService } from '../redis/redis.service.js';

@ApiTags('Ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness', description: 'The process is up and serving HTTP. Touches no dependency; 503 while shutting down.' })
  @ApiOkResponse({ description: 'Alive.', schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  @ApiProblemResponses(503)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness', description: 'PostgreSQL and Redis answer; 503 problem+json with per-check details otherwise.' })
  @ApiOkResponse({
    description: 'Every dependency answers.',
    schema: { type: 'object', example: { status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiProblemResponses(503)
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(1_500),
        () =>
          this.indicators
            .check('redis')
            .attempt(async () => {
              await this.redis.client.ping();
            })
            .withTimeout(1_000),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const details = (error.getResponse() as { details?: unknown }).details;
        throw new ServiceUnavailableError('not_ready', 'A dependency is not ready; see checks.', 5, { checks: details });
      }
      throw error;
    }
  }
}
