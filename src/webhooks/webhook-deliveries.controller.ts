import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuth } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequireScopes } from '../auth/required-scopes.js';
import { ApiProblemResponses } from '../common/http/api-problems.decorator.js';
import { Idempotent } from '../common/idempotency/idempotency.decorators.js';
import { mapPage, PageOf, type Page } from '../common/pagination/pagination.js';
import { IdPipe } from '../common/validation/id.pipe.js';
import { DeliveryListQueryDto, WebhookDeliveryDto } from './dto/webhook.dto.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { presentDelivery } from './webhook.presenter.js';

const WebhookDeliveryPageDto = PageOf(WebhookDeliveryDto);
const deliveryId = () => new IdPipe('evt', 'webhook delivery');

@ApiTags('Webhooks')
@Controller('v1/webhook-deliveries')
@PartnerAuth()
@RequireScopes('webhooks:write')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'List webhook deliveries', description: 'Events of your key\'s mode sent (or being sent) to that mode\'s endpoint, newest first, with their delivery state; filter by `status`.' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiProblemResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: DeliveryListQueryDto): Promise<Page<WebhookDeliveryDto>> {
    return mapPage(await this.deliveries.list(principal, query, query.status), (d) => presentDelivery(d));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a webhook delivery', description: 'The delivery state and every attempt: when, to which URL, the status code or error, and how long it took.' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblemResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id', deliveryId()) id: string): Promise<WebhookDeliveryDto> {
    const delivery = await this.deliveries.get(principal, id);
    return presentDelivery(delivery, await this.deliveries.attemptLog(id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Retry a webhook delivery',
    description: 'Queues one more attempt now, signed afresh with the current secret, to the current URL. Works for failed deliveries and re-sends delivered ones.',
  })
  @ApiAcceptedResponse({ type: WebhookDeliveryDto })
  @Idempotent()
  @ApiProblemResponses(404, 409)
  async retry(@CurrentPrincipal() principal: Principal, @Param('id', deliveryId()) id: string): Promise<WebhookDeliveryDto> {
    return presentDelivery(await this.deliveries.retry(principal, id));
  }
}
