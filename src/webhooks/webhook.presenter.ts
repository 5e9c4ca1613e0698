import type { WebhookAttemptDto, WebhookDeliveryDto, WebhookEndpointDto } from './dto/webhook.dto.js';
import type { WebhookAttempt } from './webhook-attempt.entity.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentEndpoint(endpoint: WebhookEndpoint, secret?: string): WebhookEndpointDto {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    mode: endpoint.mode,
    secretHint: endpoint.secretHint,
    ...(secret ? { secret } : {}),
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function presentAttempt(a: WebhookAttempt): WebhookAttemptDto {
  return { attempt: a.attempt, startedAt: a.startedAt.toISOString(), url: a.url, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, delivered: a.delivered };
}

export function presentDelivery(d: WebhookDelivery, attempts?: WebhookAttempt[]): WebhookDeliveryDto {
  return {
    id: d.id,
    eventType: d.eventType,
    subjectId: d.subjectId,
    status: d.status,
    attempts: d.attempts,
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
    ...(attempts ? { attemptLog: attempts.map(presentAttempt) } : {}),
  };
}
