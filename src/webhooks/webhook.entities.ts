import { WebhookAttempt } from './webhook-attempt.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

/** The webhooks domain's entities, registered in database/entities.ts. */
export const WEBHOOK_ENTITIES: (new () => object)[] = [WebhookEndpoint, WebhookDelivery, WebhookAttempt];
