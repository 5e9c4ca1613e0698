import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type JobHandlers, QueueName } from '../queues/queue-registry.js';
import { TypedProcessor } from '../queues/typed-processor.js';
import { ReferralExpiry } from './referral-expiry.service.js';

/** Referral housekeeping on the workers: expiring offers nobody accepted. */
@Processor(QueueName.Referrals)
export class ReferralsProcessor extends TypedProcessor {
  readonly queue = QueueName.Referrals;
  readonly handlers: JobHandlers = {
    'referral.expire': async () => ({ expired: await this.expiry.expireDue() }),
  };

  constructor(private readonly expiry: ReferralExpiry) {
    super();
  }
}

/** Registers the minutely expiry run (idempotent: one scheduler id, whoever starts first). */
@Injectable()
export class ReferralExpiryScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Referrals) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('referral.expire', { every: 60_000 }, { name: 'referral.expire', data: {} });
  }
}
