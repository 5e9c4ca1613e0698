import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsModule } from '../tenants/tenants.module.js';
import { MeteringHooks } from './metering.hooks.js';
import { QuotaGuard } from './quota.guard.js';
import { QuotaService } from './quota.service.js';
import { UsageEvent } from './usage-event.entity.js';
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
      providers: [UsageRecorder, QuotaService, ...(options.http ? [QuotaGuard, MeteringHooks, UsageReportService] : [])],
      exports: [UsageRecorder, QuotaService, ...(options.http ? [QuotaGuard] : [])],
    };
  }
}
