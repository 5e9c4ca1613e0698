import { Module } from '@nestjs/common';
import { resolveWebhookOptions, WEBHOOK_OPTIONS, WEBHOOK_OVERRIDES, type WebhookOptions } from './webhooks.options.js';
import { WebhookPublisher } from './webhook-publisher.service.js';

/** What other domains import to publish events (batch scoring, installment plans); also the resolved options. */
@Module({
  providers: [
    {
      provide: WEBHOOK_OPTIONS,
      useFactory: (overrides?: Partial<WebhookOptions>) => resolveWebhookOptions(overrides),
      inject: [{ token: WEBHOOK_OVERRIDES, optional: true }],
    },
    WebhookPublisher,
  ],
  exports: [WebhookPublisher, WEBHOOK_OPTIONS],
})
export class WebhookPublisherModule {}
