import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type JobHandlers, type JobPayloads, QueueName } from '../queues/queue-registry.js';
import { TypedProcessor } from '../queues/typed-processor.js';
import { webhookBackoffStrategy } from './backoff.js';
import { WebhookDeliverer } from './webhook-deliverer.service.js';

/** Delivers webhook events; failed attempts are retried by BullMQ with the webhook backoff. */
@Processor(QueueName.Webhooks, { concurrency: 20, settings: { backoffStrategy: webhookBackoffStrategy } })
export class WebhookDeliveryProcessor extends TypedProcessor {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  readonly queue = QueueName.Webhooks;
  readonly handlers: JobHandlers = {
    'webhook.deliver': (data) => this.deliverer.attempt(data),
  };

  constructor(private readonly deliverer: WebhookDeliverer) {
    super();
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobPayloads['webhook.deliver']> | undefined, error: Error): Promise<void> {
    if (!job || (error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1))) return;
    await this.deliverer.markFailed(job.data.deliveryId).catch((err: unknown) => this.logger.error({ err }, 'could not mark the delivery failed'));
  }
}
