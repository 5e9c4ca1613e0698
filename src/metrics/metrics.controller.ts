import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { MetricsService } from './metrics.service.js';

@ApiTags('Ops')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Request latency histograms by route and status, BullMQ jobs by queue and state (`queue_jobs`), batch rows processed (`batch_rows_total`; its rate is the batch throughput), usage counters and process metrics.' })
  @ApiOkResponse({ description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string', example: 'http_request_duration_seconds_count{method="GET",route="/v1/me",status_code="200"} 42' } } } })
  @ApiProblemResponses(503)
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
