import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/errors/domain-error.js';
import { billableRoute } from './metered-routes.js';
import { type QuotaReservation, QuotaService } from './quota.service.js';
import { UsageRecorder } from './usage-recorder.service.js';

export class QuotaExceededError extends DomainError {
  constructor(quota: number, resetsAt: Date, retryAfterSeconds: number) {
    super(
      429,
      'quota_exceeded',
      'Monthly quota exceeded',
      `This account has used its ${quota} billable units for the month; the quota resets at ${resetsAt.toISOString()}.`,
      [],
      { 'retry-after': String(retryAfterSeconds) },
      { resetsAt: resetsAt.toISOString() },
    );
  }
}

/** A billable call's claim on the monthly quota, with what the headers say about it. */
export interface QuotaClaim {
  quota: number;
  reservation: QuotaReservation;
  resetSeconds: number;
  windowSeconds: number;
}

/**
 * Billable routes reserve a unit of the tenant's monthly quota before the work is done. The
 * reservation is recorded on the request as soon as it is made, so if the call then fails or
 * is not billed (a business error, an idempotent replay), the metering hook gives it back.
 */
@Injectable()
export class QuotaGate {
  constructor(
    private readonly quotas: QuotaService,
    private readonly usage: UsageRecorder,
  ) {}

  /** Reserves a unit when the call is billable (a live key on a billable route); undefined when it is not. */
  async claim(request: FastifyRequest, principal: Principal): Promise<QuotaClaim | undefined> {
    if (!this.usage.bills(principal.mode) || !billableRoute(request.method, request.routeOptions.url ?? '')) return undefined;
    const quota = principal.plan.monthlyQuota;
    const now = new Date();
    const reservation = await this.quotas.reserve(principal.tenantId, quota, 1, now);
    if (reservation.allowed && reservation.enforced) {
      request.quotaReservation = { tenantId: principal.tenantId, month: reservation.month.key, units: 1 };
    }
    const { start, end } = reservation.month;
    return {
      quota,
      reservation,
      resetSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)),
      windowSeconds: Math.round((end.getTime() - start.getTime()) / 1000),
    };
  }
}

/** Adds the "quota" policy after the per-key "key" policy in the RateLimit headers. */
export function appendQuotaHeaders(reply: FastifyReply, claim: QuotaClaim): void {
  appendHeader(reply, 'ratelimit-policy', `"quota";q=${claim.quota};w=${claim.windowSeconds}`);
  appendHeader(reply, 'ratelimit', `"quota";r=${claim.reservation.remaining};t=${claim.resetSeconds}`);
}

export function quotaExceededError(claim: QuotaClaim): QuotaExceededError {
  return new QuotaExceededError(claim.quota, claim.reservation.month.end, claim.resetSeconds);
}

function appendHeader(reply: FastifyReply, name: string, value: string): void {
  const current = reply.getHeader(name);
  reply.header(name, typeof current === 'string' && current.length > 0 ? `${current}, ${value}` : value);
}
