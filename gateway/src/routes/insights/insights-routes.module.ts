import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller';

/** /v1/insights/*, owned by notification. */
@Module({ controllers: [InsightsController] })
export class InsightsRoutesModule {}
