import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { billableRoute, productOfRoute } from './metered-routes.js';
import { QuotaService } from './quota.service.js';
import { UsageRecorder } from './usage-recorder.service.js';

export const BILLABLE_HEADER = 'guanxing-billable';

/**
 * Every authenticated /v1 response: says whether it was billable (`Guanxing-Billable`),
 * counts it (Prometheus, and a non-billable usage event: billable ones were written with
 * the business transaction), and gives back an unused quota reservation. Hooks see every
 * response, including ones a guard refused (rate limit, scope, quota).
 */
@Injectable()
export class MeteringHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly usage: UsageRecorder,
    private readonly quotas: QuotaService,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.principal) reply.header(BILLABLE_HEADER, String(this.billed(request, reply, request.principal)));
      return payload;
    });
    fastify.addHook('onResponse', async (request, reply) => {
      const principal = request.principal;
      if (!principal) return;
      const route = request.routeOptions.url ?? 'unmatched';
      const product = productOfRoute(route);
      const billed = this.billed(request, reply, principal);
      this.metrics.usageCalls.inc({ product, billable: String(billed) });
      if (billed) this.metrics.usageUnits.inc({ product }, 1);
      if (!billed) {
        this.usage.recordCall({
          tenantId: principal.tenantId,
          apiKeyId: principal.keyId,
          product,
          route: `${request.method} ${route}`.slice(0, 120),
          statusClass: Math.floor(reply.statusCode / 100),
          occurredAt: new Date(),
        });
        const reservation = request.quotaReservation;
        if (reservation) await this.quotas.refund(reservation.tenantId, reservation.month, reservation.units);
      }
    });
  }

  private billed(request: FastifyRequest, reply: FastifyReply, principal: Principal): boolean {
    return (
      this.usage.bills(principal.mode) &&
      reply.statusCode >= 200 &&
      reply.statusCode < 300 &&
      !request.idempotentReplay &&
      billableRoute(request.method, request.routeOptions.url ?? '') !== undefined
    );
  }
}
