import type { Page } from '../pagination';
import type { Rpc } from '../rpc';
import type { ListEventsQueryDto, MetricsQueryDto } from './insights.dto';
import type { EventLogView, MetricsView } from './insights.views';

// Do not change the values: they are channel names on the Redis transport.
export const InsightsPatterns = {
  metrics: 'notification.insights.metrics',
  events: 'notification.insights.events',
} as const;

export interface InsightsRpcMap {
  [InsightsPatterns.metrics]: Rpc<MetricsQueryDto, MetricsView>;
  [InsightsPatterns.events]: Rpc<ListEventsQueryDto, Page<EventLogView>>;
}
