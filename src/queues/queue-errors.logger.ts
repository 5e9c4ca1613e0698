import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { ALL_QUEUES } from './queue-registry.js';

/**
 * A queue's connection errors (Redis away) go to the log once per distinct message instead of
 * BullMQ's default console output on every reconnect attempt.
 */
@Injectable()
export class QueueErrorsLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');
  private last = '';

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue.on('error', (err: Error) => {
        if (err.message === this.last) return;
        this.last = err.message;
        this.logger.warn(`queue ${name}: ${err.message}`);
      });
    }
  }
}
