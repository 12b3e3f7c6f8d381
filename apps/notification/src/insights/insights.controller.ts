import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventLogView, InsightsPatterns, ListEventsQueryDto, Message, MetricsQueryDto, MetricsView, Page, requireTenant } from '@wp/contracts';
import { Rpc } from '@wp/messaging';
import { InsightsService } from './insights.service';

@Controller()
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  @Rpc(InsightsPatterns.metrics)
  metrics(@Payload() { ctx, payload }: Message<MetricsQueryDto>): Promise<MetricsView> {
    return this.insights.metrics(requireTenant(ctx), payload);
  }

  @Rpc(InsightsPatterns.events)
  events(@Payload() { ctx, payload }: Message<ListEventsQueryDto>): Promise<Page<EventLogView>> {
    return this.insights.events(requireTenant(ctx), payload);
  }
}
