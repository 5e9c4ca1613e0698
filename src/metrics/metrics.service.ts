import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus registry of this app instance (not the global one: tests run several apps). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly usageCalls = new Counter({
    name: 'usage_calls_total',
    help: 'Authenticated partner calls by product and whether they were billable',
    labelNames: ['product', 'billable'] as const,
    registers: [this.registry],
  });

  readonly usageUnits = new Counter({
    name: 'usage_billable_units_total',
    help: 'Billable units served by this process, by product (the ledger in PostgreSQL is the billing truth)',
    labelNames: ['product'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
