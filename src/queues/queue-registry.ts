/**
 * The typed job registry: every queue, every job name, and the payload each job carries.
 * Later features add their queues and jobs here; `assertHandlersCover` refuses to start a
 * worker that would leave a registered job without a handler.
 */
export enum QueueName {
  Housekeeping = 'housekeeping',
  /** Batch scoring: one job per chunk of rows (the children of a job's flow). */
  BatchChunks = 'batch-chunks',
  /** Batch scoring: the parent of each flow (finalize) and the recovery sweep. */
  BatchJobs = 'batch-jobs',
  /** Signed webhook deliveries, retried with backoff. */
  Webhooks = 'webhooks',
  /** Referral housekeeping: offers past their expiry become `expired`, and the referrer hears of it. */
  Referrals = 'referrals',
}

export interface JobPayloads {
  /** Deletes idempotency records past their TTL. */
  'idempotency.purge': Record<string, never>;
  /** Scores rows firstRow..lastRow of a batch job and writes their results (idempotent per chunk). No PII: ids and row numbers only. */
  'batch.chunk': { jobId: string; chunkIndex: number; firstRow: number; lastRow: number };
  /** Runs when every chunk of the job has finished: completes (or fails) the job, publishes its webhook event. */
  'batch.finalize': { jobId: string };
  /** Enqueues the flow of accepted jobs whose enqueue never happened (the api died or Redis blinked after the commit). */
  'batch.recover': Record<string, never>;
  /** One attempt to deliver a webhook event; BullMQ retries with the webhook backoff. */
  'webhook.deliver': { deliveryId: string; manual?: boolean };
  /** Enqueues recorded deliveries whose enqueue never happened (the process died or Redis blinked after the commit). */
  'webhook.sweep': Record<string, never>;
  /** Marks referrals whose offers expired unaccepted as `expired` and records their `referral.status_changed` events. */
  'referral.expire': Record<string, never>;
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUES: { readonly [J in JobName]: QueueName } = {
  'idempotency.purge': QueueName.Housekeeping,
  'batch.chunk': QueueName.BatchChunks,
  'batch.finalize': QueueName.BatchJobs,
  'batch.recover': QueueName.BatchJobs,
  'webhook.deliver': QueueName.Webhooks,
  'webhook.sweep': QueueName.Webhooks,
  'referral.expire': QueueName.Referrals,
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
