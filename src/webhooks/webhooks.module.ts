import { type DynamicModule, Module } from '@nestjs/common';

/** Partner webhooks: endpoint, signed deliveries with retries (DESIGN §3 Webhooks). */
@Module({})
export class WebhooksModule {
  /** `http`: the endpoint/deliveries API; `workers`: the delivery processor. */
  static register(_options: { http: boolean; workers: boolean }): DynamicModule {
    return { module: WebhooksModule };
  }
}
