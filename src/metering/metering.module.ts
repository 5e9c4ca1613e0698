import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsModule } from '../tenants/tenants.module.js';
import { MeteringHooks } from './metering.hooks.js';
import { QuotaGate } from './quota-gate.js';
import { QuotaService } from './quota.service.js';
import { UsageEvent } from './usage-event.entity.js';
import { BATCH_ROWS_METER, type BatchRowsMeter } from '../batch-scoring/processing/batch-rows-meter.js';
import { UsageRecorder } from './usage-recorder.service.js';
import { UsageReportService } from './usage-report.service.js';
import { UsageAdminController } from './usage.admin.controller.js';
import { UsageController } from './usage.controller.js';

/** Usage ledger, quotas and reports. The recorder is global: billable writes happen in every domain. */
@Global()
@Module({})
export class MeteringModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: MeteringModule,
      imports: [TypeOrmModule.forFeature([UsageEvent]), ...(options.http ? [TenantsModule] : [])],
      controllers: options.http ? [UsageController, UsageAdminController] : [],
      providers: [
        UsageRecorder,
        QuotaService,
        // Scored batch rows are billed per chunk, in the chunk's own transaction (worker side).
        { provide: BATCH_ROWS_METER, inject: [UsageRecorder], useFactory: batchRowsMeter },
        ...(options.http ? [QuotaGate, MeteringHooks, UsageReportService] : []),
      ],
      exports: [UsageRecorder, QuotaService, BATCH_ROWS_METER, ...(options.http ? [QuotaGate] : [])],
    };
  }
}

function batchRowsMeter(usage: UsageRecorder): BatchRowsMeter {
  return {
    recordChunk: async (manager, chunk) => {
      if (chunk.scoredRows === 0) return;
      await usage.recordBillable(manager, {
        tenantId: chunk.tenantId,
        mode: chunk.mode,
        apiKeyId: chunk.apiKeyId,
        product: 'batch_rows',
        route: 'POST /v1/batch-scoring-jobs',
        units: chunk.scoredRows,
        resourceId: chunk.resourceId,
        isCall: false,
        occurredAt: chunk.occurredAt,
      });
    },
  };
}
