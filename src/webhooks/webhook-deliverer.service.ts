import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import type { JobPayloads } from '../queues/queue-registry.js';
import { SecretBox } from './secret-box.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { postEvent } from './webhook-sender.js';
import { WEBHOOK_OPTIONS, type WebhookOptions } from './webhooks.options.js';

interface DeliveryTarget {
  id: string;
  tenant_id: string;
  event_type: string;
  payload: string;
  status: string;
  url: string | null;
  secret_ciphertext: string | null;
}

export class DeliveryAttemptFailed extends Error {}

/**
 * One delivery attempt: sign the stored body with the endpoint's current secret and POST it
 * to the endpoint's current URL. Every attempt is recorded (table and log line); a failed one
 * throws so BullMQ schedules the next with the webhook backoff.
 */
@Injectable()
export class WebhookDeliverer {
  private readonly logger = new Logger(WebhookDeliverer.name);
  private readonly box: SecretBox;
  private readonly allowPrivateTargets: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookOptions,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.piiHashSecret);
    this.allowPrivateTargets = config.webhookAllowPrivateTargets;
  }

  async attempt({ deliveryId, manual }: JobPayloads['webhook.deliver']): Promise<{ delivered: boolean; attempt?: number }> {
    const rows: DeliveryTarget[] = await this.db.query(
      `SELECT d.id, d.tenant_id, d.event_type, d.payload, d.status, e.url, e.secret_ciphertext
         FROM webhook_deliveries d LEFT JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.mode = d.mode WHERE d.id = $1`,
      [deliveryId],
    );
    const target = rows[0];
    if (!target) return { delivered: false };
    if (target.status === 'delivered' && !manual) return { delivered: true };
    if (!target.url || !target.secret_ciphertext) {
      await this.db.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = 'the webhook endpoint was removed' WHERE id = $1`, [deliveryId]);
      throw new UnrecoverableError('the webhook endpoint was removed');
    }

    const counted: { attempts: number }[] = await this.db.query(
      `WITH counted AS (UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now() WHERE id = $1 RETURNING attempts) SELECT attempts FROM counted`,
      [deliveryId],
    );
    const attempt = counted[0].attempts;
    const startedAt = new Date();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const result = await postEvent(
      target.url,
      target.payload,
      {
        'content-type': 'application/json',
        'user-agent': 'Guanxing-Webhooks/1',
        [SIGNATURE_HEADER]: signatureHeader(this.box.open(target.secret_ciphertext), timestamp, target.payload),
        'guanxing-event-id': target.id,
        'guanxing-event-type': target.event_type,
        'guanxing-delivery-attempt': String(attempt),
      },
      { timeoutMs: this.options.requestTimeoutMs, allowPrivate: this.allowPrivateTargets },
    );

    await this.db.query(
      `INSERT INTO webhook_attempts (delivery_id, tenant_id, attempt, url, started_at, duration_ms, status_code, error, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [deliveryId, target.tenant_id, attempt, target.url, startedAt, result.durationMs, result.statusCode, result.error, result.delivered],
    );
    await this.db.query(
      `UPDATE webhook_deliveries SET last_status_code = $2, last_error = $3,
              status = CASE WHEN $4::boolean THEN 'delivered' WHEN status = 'delivered' THEN 'delivered' ELSE 'pending' END,
              delivered_at = CASE WHEN $4::boolean THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [deliveryId, result.statusCode, result.error, result.delivered],
    );
    this.logger.log(
      { deliveryId, tenantId: target.tenant_id, eventType: target.event_type, attempt, statusCode: result.statusCode, delivered: result.delivered, ms: result.durationMs, err: result.error ?? undefined },
      'webhook delivery attempt',
    );
    if (!result.delivered) throw new DeliveryAttemptFailed(result.error ?? `HTTP ${result.statusCode}`);
    return { delivered: true, attempt };
  }

  /** The schedule is exhausted (or the attempt was manual): the delivery stays failed until retried by hand. */
  async markFailed(deliveryId: string): Promise<void> {
    await this.db.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [deliveryId]);
  }
}
