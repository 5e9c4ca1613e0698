import type { ApiKeyMode } from '../api-keys/api-key.entity.js';

/**
 * Event types a partner can subscribe to (DESIGN §3). Batch scoring publishes `batch_job.*`,
 * installment plans `installment_plan.created`, referrals `referral.submitted` (to the lender) and
 * `referral.status_changed` (to the referring partner).
 */
export const WEBHOOK_EVENT_TYPES = [
  'batch_job.completed',
  'batch_job.failed',
  'referral.submitted',
  'referral.status_changed',
  'installment_plan.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The JSON body of every delivery; signed as sent. */
export interface WebhookEventBody<T = unknown> {
  id: string;
  type: WebhookEventType;
  /** The mode of the key whose work the event is about; it goes to that mode's endpoint (a receiver serving both can tell them apart). */
  mode: ApiKeyMode;
  createdAt: string;
  data: T;
}
