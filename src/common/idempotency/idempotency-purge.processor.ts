import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Logger } from '@nestjs/common';
import { type JobHandlers, QueueName } from '../../queues/queue-registry.js';
import { TypedProcessor } from '../../queues/typed-processor.js';
import { IdempotencyService } from './idempotency.service.js';

/** Housekeeping jobs: expired idempotency records are deleted hourly. */
@Processor(QueueName.Housekeeping)
export class HousekeepingProcessor extends TypedProcessor {
  private readonly logger = new Logger(HousekeepingProcessor.name);
  readonly queue = QueueName.Housekeeping;
  readonly handlers: JobHandlers = {
    'idempotency.purge': async () => {
      const deleted = await this.idempotency.purgeExpired();
      this.logger.log(`purged ${deleted} expired idempotency records`);
      return { deleted };
    },
  };

  constructor(private readonly idempotency: IdempotencyService) {
    super();
  }
}

/** Registers the hourly purge (idempotent: one scheduler id, whoever starts first). */
@Injectable()
export class IdempotencyPurgeScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Housekeeping) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('idempotency.purge', { every: 3_600_000 }, { name: 'idempotency.purge', data: {} });
  }
}
