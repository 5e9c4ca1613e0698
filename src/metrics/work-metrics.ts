import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ALL_QUEUES } from '../queues/queue-registry.js';
import { MetricsService } from './metrics.service.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed'] as const;
/** A scrape must answer even when Redis or PostgreSQL does not: past this, the series is left out. */
const READ_TIMEOUT_MS = 1_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * The background work of every process (DESIGN §8: queue depth, batch throughput), read from
 * Redis and PostgreSQL when Prometheus scrapes: workers run no HTTP server, and any api replica
 * can report what all of them did.
 * - `queue_jobs{queue,state}`: BullMQ jobs waiting, active, delayed, failed… per queue.
 * - `batch_rows_total{outcome}`: batch rows scored or failed since the start (from the chunks'
 *   ledger); `rate(batch_rows_total[5m])` is the batch throughput of all workers together.
 */
@Injectable()
export class WorkMetrics implements OnModuleInit {
  private readonly logger = new Logger(WorkMetrics.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    const queues = ALL_QUEUES.map((name) => ({ name, queue: this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }) }));
    const db = this.db;
    const logger = this.logger;
    new Gauge({
      name: 'queue_jobs',
      help: 'BullMQ jobs by queue and state, read from Redis at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async ({ name, queue }) => {
            try {
              const counts = await within(queue.getJobCounts(...JOB_STATES), READ_TIMEOUT_MS);
              for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
            } catch (err) {
              logger.warn(`queue ${name} not measured: ${(err as Error).message}`);
            }
          }),
        );
      },
    });
    new Gauge({
      name: 'batch_rows_total',
      help: 'Batch rows processed since the start, by outcome (all workers; rate() gives the throughput)',
      labelNames: ['outcome'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        try {
          const [row] = await within(db.query<{ scored: string; failed: string }[]>(`SELECT COALESCE(sum(scored_rows), 0) AS scored, COALESCE(sum(failed_rows), 0) AS failed FROM batch_chunks`), READ_TIMEOUT_MS);
          this.set({ outcome: 'scored' }, Number(row.scored));
          this.set({ outcome: 'failed' }, Number(row.failed));
        } catch (err) {
          logger.warn(`batch rows not measured: ${(err as Error).message}`);
        }
      },
    });
  }
}
