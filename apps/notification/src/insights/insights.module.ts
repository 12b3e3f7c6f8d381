import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';
import { MetricRollupRecorder } from './metric-rollup.recorder';

/** Usage metrics (hourly rollups kept on insert) and the browsable event log. */
@Module({
  controllers: [InsightsController],
  providers: [InsightsService, MetricRollupRecorder],
  exports: [MetricRollupRecorder],
})
export class InsightsModule {}
