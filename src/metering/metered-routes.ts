import type { ApiKeyMode } from '../api-keys/api-key.entity.js';
import type { UsageProduct } from './usage-event.entity.js';

/**
 * The metering policy in one place: which product each partner route belongs to, and which
 * calls are billable (when they succeed and are not idempotent replays). Batch rows are billed
 * per scored row by the chunk processor, not per call. The sandbox is free (`billableMode`).
 */
const PRODUCT_BY_PREFIX: [string, UsageProduct][] = [
  ['/v1/scores', 'scores'],
  ['/v1/identity-checks', 'identity_checks'],
  ['/v1/consents', 'consents'],
  ['/v1/installment-', 'installments'],
  ['/v1/credit-lines', 'installments'],
  ['/v1/batch-scoring-jobs', 'batch_rows'],
  ['/v1/referrals', 'referrals'],
  ['/v1/inbound-referrals', 'referrals'],
  ['/v1/lender-products', 'referrals'],
];

const BILLABLE = new Set(['POST /v1/scores', 'POST /v1/identity-checks', 'POST /v1/installment-plans', 'POST /v1/referrals']);

export function productOfRoute(routePattern: string): UsageProduct {
  for (const [prefix, product] of PRODUCT_BY_PREFIX) if (routePattern.startsWith(prefix)) return product;
  return 'other';
}

/**
 * Only live keys' work is billed and spends the monthly quota. Test keys work in the sandbox,
 * apart from live data: their calls are counted, never billed, so integrating costs nothing
 * and cannot exhaust production's quota.
 */
export function billableMode(mode: ApiKeyMode): boolean {
  return mode === 'live';
}

export function billableRoute(method: string, routePattern: string): UsageProduct | undefined {
  return BILLABLE.has(`${method} ${routePattern}`) ? productOfRoute(routePattern) : undefined;
}
