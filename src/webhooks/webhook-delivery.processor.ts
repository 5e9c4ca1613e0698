import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { type JobHandlers, type JobPayloads, QueueName } from '../queues/queue-registry.js';
import { TypedProcessor } from '../queues/typed-processor.js';
import { webhookBackoffStrategy } from './backoff.js';
import { WebhookDeliverer } from './webhook-deliverer.service.js';
import { WebhookPublisher } from './webhook-publisher.service.js';

/** Delivers webhook events (failed attempts are retried by BullMQ with the webhook backoff) and sweeps up lost enqueues. */
@Processor(QueueName.Webhooks, { concurrency: 20, settings: { backoffStrategy: webhookBackoffStrategy } })
export class WebhookDeliveryProcessor extends TypedProcessor {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  readonly queue = QueueName.Webhooks;
  readonly handlers: JobHandlers = {
    'webhook.deliver': (data) => this.deliverer.attempt(data),
    'webhook.sweep': async () => ({ enqueued: await this.publisher.dispatchStranded() }),
  };

  constructor(
    private readonly deliverer: WebhookDeliverer,
    private readonly publisher: WebhookPublisher,
    @InjectQueue(QueueName.Webhooks) private readonly deliveries: Queue,
  ) {
    super();
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobPayloads['webhook.deliver']> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== 'webhook.deliver' || (error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1))) return;
    try {
      // A manual retry is one attempt beside the automatic schedule: while that still has
      // attempts to make, the delivery stays pending rather than flipping to failed and back.
      if (error.name !== 'UnrecoverableError' && job.data.manual && (await this.scheduleRunning(job.data.deliveryId))) return;
      await this.deliverer.markFailed(job.data.deliveryId);
    } catch (err) {
      this.logger.error({ err }, 'could not mark the delivery failed');
    }
  }

  /** Whether the delivery's automatic job (its id is the delivery id) is still waiting, delayed or running. */
  private async scheduleRunning(deliveryId: string): Promise<boolean> {
    const automatic = await this.deliveries.getJob(deliveryId);
    if (!automatic) return false;
    return ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'].includes(await automatic.getState());
  }
}

/** Registers the minutely sweep (idempotent: one scheduler id, whoever starts first). */
@Injectable()
export class WebhookSweepScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Webhooks) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('webhook.sweep', { every: 60_000 }, { name: 'webhook.sweep', data: {} });
  }
}
