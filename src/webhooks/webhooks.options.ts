import { type DynamicModule, Global, Module } from '@nestjs/common';

/**
 * Delivery tunables with environment-independent defaults; tests (or a deployment) override
 * them by importing `WebhookOptionsModule.forRoot({...})`.
 */
export interface WebhookOptions {
  /** Attempts per delivery, the first included (14 with a 1-minute base span more than 24 hours). */
  maxAttempts: number;
  /** First retry delay; each retry doubles it up to 256 × (see backoff.ts). */
  backoffBaseMs: number;
  /** Per attempt: connect, send and response headers. */
  requestTimeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: Readonly<WebhookOptions> = Object.freeze({ maxAttempts: 14, backoffBaseMs: 60_000, requestTimeoutMs: 10_000 });

export const WEBHOOK_OVERRIDES = Symbol('WebhookOverrides');
export const WEBHOOK_OPTIONS = Symbol('WebhookOptions');

export function resolveWebhookOptions(overrides: Partial<WebhookOptions> | undefined): WebhookOptions {
  const options = { ...DEFAULT_WEBHOOK_OPTIONS, ...overrides };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`webhook option ${name} must be a positive integer, got ${value}`);
  }
  return options;
}

@Global()
@Module({})
export class WebhookOptionsModule {
  static forRoot(overrides: Partial<WebhookOptions>): DynamicModule {
    return { module: WebhookOptionsModule, providers: [{ provide: WEBHOOK_OVERRIDES, useValue: overrides }], exports: [WEBHOOK_OVERRIDES] };
  }
}
