import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDeliveriesController } from './webhook-deliveries.controller.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhookDeliverer } from './webhook-deliverer.service.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookDeliveryProcessor, WebhookSweepScheduler } from './webhook-delivery.processor.js';
import { WebhookEndpointController } from './webhook-endpoint.controller.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';
import { WebhookPublisherModule } from './webhook-publisher.module.js';

/** Partner webhooks: endpoint, signed deliveries with retries (DESIGN §3 Webhooks). */
@Module({})
export class WebhooksModule {
  /** `http`: the endpoint/deliveries API; `workers`: the delivery processor. */
  static register(options: { http: boolean; workers: boolean }): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [TypeOrmModule.forFeature([WebhookEndpoint, WebhookDelivery, WebhookAttempt]), WebhookPublisherModule],
      controllers: options.http ? [WebhookEndpointController, WebhookDeliveriesController] : [],
      providers: [
        ...(options.http ? [WebhookEndpointsService, WebhookDeliveriesService] : []),
        ...(options.workers ? [WebhookDeliverer, WebhookDeliveryProcessor, WebhookSweepScheduler] : []),
      ],
    };
  }
}
