import { WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobHandlers, JobName, QueueName } from './queue-registry.js';

/** A BullMQ processor whose jobs are dispatched by name to typed handlers. */
export abstract class TypedProcessor extends WorkerHost {
  abstract readonly queue: QueueName;
  abstract readonly handlers: JobHandlers;

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`No handler for job '${job.name}' on queue '${this.queue}'`);
    return handler(job.data);
  }
}
