import type { BackoffStrategy } from 'bullmq';

/**
 * Retry schedule of webhook deliveries: exponential from `base` (doubling per attempt) up to
 * 256 × base, with up to +25 % random jitter (only ever later, so the schedule's span is a
 * floor). With the default base of one minute and 14 attempts the retries span more than
 * 25 hours: 1, 2, 4 … 256 minutes, then every 256 minutes.
 */
export const WEBHOOK_BACKOFF_TYPE = 'webhook';
const MAX_DOUBLINGS = 8;
const JITTER = 0.25;

export function webhookRetryDelay(attemptsMade: number, baseMs: number, random: () => number = Math.random): number {
  const doublings = Math.min(Math.max(attemptsMade - 1, 0), MAX_DOUBLINGS);
  return Math.round(baseMs * 2 ** doublings * (1 + JITTER * random()));
}

/** Time from the first attempt to the last, before jitter (the schedule's minimum span). */
export function webhookRetrySpanMs(attempts: number, baseMs: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += webhookRetryDelay(made, baseMs, () => 0);
  return total;
}

/** BullMQ custom strategy: the base delay travels in the job's own `backoff.delay`. */
export const webhookBackoffStrategy: BackoffStrategy = (attemptsMade, _type, _err, job) => {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 60_000);
  return webhookRetryDelay(attemptsMade, base);
};
