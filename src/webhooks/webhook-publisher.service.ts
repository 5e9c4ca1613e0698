import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import { newId } from '../common/ids.js';
import { type JobPayloads, QueueName } from '../queues/queue-registry.js';
import { WEBHOOK_BACKOFF_TYPE } from './backoff.js';
import type { WebhookEventBody, WebhookEventType } from './webhook-events.js';
import { WEBHOOK_OPTIONS, type WebhookOptions } from './webhooks.options.js';

export interface PublishedEvent {
  tenantId: string;
  mode: ApiKeyMode;
  type: WebhookEventType;
  /** The resource the event is about (e.g. `bat_…`). */
  subjectId: string;
  data: unknown;
}

const DAY_SECONDS = 24 * 3_600;
/** A recorded delivery still unsent after this long lost its enqueue: the sweep sends it. */
const STRANDED_AFTER_SECONDS = 60;

/**
 * How domains emit webhook events, outbox style: `record` inside the domain's own
 * transaction (the event exists exactly when the state change does), `dispatch` after the
 * commit. A lost dispatch is repaired by whoever re-runs the domain step
 * (`dispatchPendingFor`) or, for any event, by the minutely sweep (`dispatchStranded`): the
 * delivery's job id is its event id, so enqueueing twice is a no-op.
 */
@Injectable()
export class WebhookPublisher {
  private readonly logger = new Logger(WebhookPublisher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
  ) {}

  /** Records the event for the tenant's endpoint of the event's mode if it subscribes to the type; returns the delivery ids to dispatch. */
  async record(manager: EntityManager, event: PublishedEvent, now = new Date()): Promise<string[]> {
    const id = newId('evt');
    const body: WebhookEventBody = { id, type: event.type, mode: event.mode, createdAt: now.toISOString(), data: event.data };
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (id, tenant_id, mode, endpoint_id, event_type, subject_id, payload, status, attempts, created_at)
       SELECT $1, e.tenant_id, e.mode, e.id, $3::text, $4, $5, 'pending', 0, $6 FROM webhook_endpoints e
        WHERE e.tenant_id = $2 AND e.mode = $7 AND $3::text = ANY(e.events)
       RETURNING id`,
      [id, event.tenantId, event.type, event.subjectId, JSON.stringify(body), now, event.mode],
    );
    return rows.map((r) => r.id);
  }

  async dispatch(deliveryIds: readonly string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      const data: JobPayloads['webhook.deliver'] = { deliveryId };
      await this.queue.add('webhook.deliver', data, {
        jobId: deliveryId,
        attempts: this.options.maxAttempts,
        backoff: { type: WEBHOOK_BACKOFF_TYPE, delay: this.options.backoffBaseMs },
        removeOnComplete: { age: 7 * DAY_SECONDS },
        removeOnFail: { age: 30 * DAY_SECONDS },
      });
    }
  }

  /**
   * `dispatch` for a request path: never fails or delays the answer to a change already
   * committed (with Redis down an enqueue waits for it); the sweep sends what this could not.
   */
  dispatchSoon(deliveryIds: readonly string[]): void {
    if (deliveryIds.length === 0) return;
    this.dispatch(deliveryIds).catch((err: unknown) =>
      this.logger.warn({ deliveryIds, err: (err as Error).message }, 'webhook delivery not enqueued yet; the sweep will'),
    );
  }

  /** Enqueues deliveries recorded more than a minute ago and never attempted (a lost dispatch). */
  async dispatchStranded(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0 AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 1000`,
      [STRANDED_AFTER_SECONDS],
    );
    await this.dispatch(rows.map((r) => r.id));
    return rows.length;
  }

  /** Re-dispatches the never-attempted deliveries about a subject (a retried domain step). */
  async dispatchPendingFor(subjectId: string): Promise<void> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM webhook_deliveries WHERE subject_id = $1 AND status = 'pending' AND attempts = 0`, [subjectId]);
    await this.dispatch(rows.map((r) => r.id));
  }
}
