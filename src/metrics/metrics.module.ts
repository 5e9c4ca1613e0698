import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { WorkMetrics } from './work-metrics.js';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, WorkMetrics], exports: [MetricsService] })
export class MetricsModule {}
