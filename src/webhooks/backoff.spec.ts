import { DEFAULT_WEBHOOK_OPTIONS } from './webhooks.options.js';
import { webhookRetryDelay, webhookRetrySpanMs } from './backoff.js';

describe('webhook retry schedule', () => {
  it('doubles from the base up to 256 × base, with up to +25 % jitter', () => {
    expect([1, 2, 3, 9, 10, 14].map((n) => webhookRetryDelay(n, 1000, () => 0))).toEqual([1000, 2000, 4000, 256_000, 256_000, 256_000]);
    expect(webhookRetryDelay(3, 1000, () => 0.999)).toBeLessThanOrEqual(5000);
    expect(webhookRetryDelay(3, 1000, () => 0.999)).toBeGreaterThan(4900);
  });

  it('spans more than 24 hours with the default options, jitter or not', () => {
    const span = webhookRetrySpanMs(DEFAULT_WEBHOOK_OPTIONS.maxAttempts, DEFAULT_WEBHOOK_OPTIONS.backoffBaseMs);
    expect(span).toBeGreaterThan(24 * 3_600_000);
    expect(span).toBeLessThan(30 * 3_600_000);
  });
});
