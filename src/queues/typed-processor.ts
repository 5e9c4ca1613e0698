import type { BeforeApplicationShutdown } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import type { JobHandlers, JobName, QueueName } from './queue-registry.js';

/** How long shutdown waits to learn whether the worker's Redis connection is up. */
const CONNECTION_PROBE_MS = 200;

/** A BullMQ processor whose jobs are dispatched by name to typed handlers. */
export abstract class TypedProcessor extends WorkerHost implements BeforeApplicationShutdown {
  abstract readonly queue: QueueName;
  abstract readonly handlers: JobHandlers;

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName] as ((data: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new UnrecoverableError(`No handler for job '${job.name}' on queue '${this.queue}'`);
    return handler(job.data);
  }

  /**
   * BullMQ's graceful close (which the framework calls next) waits for the worker's connection
   * to be ready: with Redis unreachable it never returns and the process never exits. Then the
   * worker is closed at once instead; without Redis no job of it can finish anyway, and one it
   * held is picked up again by the stalled-job check once Redis is back.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    const timedOut = new Promise<string>((resolve) => setTimeout(() => resolve('unknown'), CONNECTION_PROBE_MS).unref());
    const client = worker.getBackend().connection.client;
    const status = await Promise.race([client.then((redis) => redis.status, () => 'error'), timedOut]);
    if (status !== 'ready') await worker.close(true);
  }
}
