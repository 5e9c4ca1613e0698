import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { billableRoute } from './metered-routes.js';
import { QuotaService } from './quota.service.js';
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

/**
 * Billable routes reserve a unit of the tenant's monthly quota before the work is done; the
 * metering hook gives it back if the call ends up not billed. Adds the "quota" policy to the
 * RateLimit headers next to the per-key "key" policy.
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(
    private readonly quotas: QuotaService,
    private readonly usage: UsageRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    if (!principal || !this.usage.enabled || !billableRoute(request.method, request.routeOptions.url ?? '')) return true;
    const quota = principal.plan.monthlyQuota;
    const now = new Date();
    const reservation = await this.quotas.reserve(principal.tenantId, quota, 1, now);
    const resetSeconds = Math.max(1, Math.ceil((reservation.month.end.getTime() - now.getTime()) / 1000));
    const windowSeconds = Math.round((reservation.month.end.getTime() - reservation.month.start.getTime()) / 1000);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    appendHeader(reply, 'ratelimit-policy', `"quota";q=${quota};w=${windowSeconds}`);
    appendHeader(reply, 'ratelimit', `"quota";r=${reservation.remaining};t=${resetSeconds}`);
    if (!reservation.allowed) throw new QuotaExceededError(quota, reservation.month.end, resetSeconds);
    if (reservation.enforced) request.quotaReservation = { tenantId: principal.tenantId, month: reservation.month.key, units: 1 };
    return true;
  }
}

function appendHeader(reply: FastifyReply, name: string, value: string): void {
  const current = reply.getHeader(name);
  reply.header(name, typeof current === 'string' && current.length > 0 ? `${current}, ${value}` : value);
}
