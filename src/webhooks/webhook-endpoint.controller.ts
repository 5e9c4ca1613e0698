import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { PutWebhookEndpointDto, WebhookEndpointDto } from './dto/webhook.dto.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { presentEndpoint } from './webhook.presenter.js';

@ApiTags('Webhooks')
@Controller('v1/webhook-endpoint')
@PartnerAuth()
@RequireScopes('webhooks:write')
export class WebhookEndpointController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Put()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Set the webhook endpoint',
    description:
      'Creates or replaces your endpoint (one per tenant and mode: a live key sets the endpoint for live events, a test key the sandbox\'s): the URL (http or https, to a public address; a development gateway also allows localhost and private networks) and the event types to receive. The signing secret is returned once, when the endpoint is created or with `rotateSecret: true`; every delivery carries `Guanxing-Signature: t=<unix>,v1=<hex HMAC-SHA-256 of "t.body">` made with it. Failed deliveries are retried with exponential backoff and jitter for more than 24 hours.',
  })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblemResponses(400, 415)
  async put(@CurrentPrincipal() principal: Principal, @Body() body: PutWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const { endpoint, secret } = await this.endpoints.put(principal, body);
    return presentEndpoint(endpoint, secret);
  }

  @Get()
  @ApiOperation({ summary: 'Retrieve the webhook endpoint', description: 'URL, events and a hint of the secret (never the secret).' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal): Promise<WebhookEndpointDto> {
    return presentEndpoint(await this.endpoints.get(principal));
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the webhook endpoint', description: 'No further events are recorded; pending deliveries stop.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblemResponses(404)
  async remove(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.endpoints.remove(principal);
  }
}
