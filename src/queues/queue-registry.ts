/**
 * The typed job registry: every queue, every job name, and the payload each job carries.
 * Later features add their queues and jobs here; `assertHandlersCover` refuses to start a
 * worker that would leave a registered job without a handler.
 */
export enum QueueName {
  Housekeeping = 'housekeeping',
}

export interface JobPayloads {
  /** Deletes idempotency records past their TTL. */
  'idempotency.purge': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUES: { readonly [J in JobName]: QueueName } = {
  'idempotency.purge': QueueName.Housekeeping,
};

export const ALL_QUEUES = Object.values(QueueName);

/** Handlers of one queue, keyed by job name and typed by payload. */
export type JobHandlers = { [J in JobName]?: (data: JobPayloads[J]) => Promise<unknown> };

export function assertHandlersCover(handledByQueue: Map<QueueName, JobHandlers>): void {
  const missing = (Object.keys(JOB_QUEUES) as JobName[]).filter((job) => !handledByQueue.get(JOB_QUEUES[job])?.[job]);
  if (missing.length > 0) {
    throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
  }
}
