import { FactoryProvider, Type } from '@nestjs/common';
import type { EventConsumerName } from '@wp/contracts';
import type { FleetConfig } from '@wp/config';
import { CONFIG, LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ConsumerTuning, EventConsumer, EventSubscriber } from './event-consumer';
import { OutboxRelay, RelayTuning } from './outbox.relay';

/** For a service that appends events: relays its outbox while the service runs. */
export function outboxRelayProvider(tuning: RelayTuning = {}): FactoryProvider<OutboxRelay> {
  return {
    provide: OutboxRelay,
    useFactory: (dataSource: DataSource, config: FleetConfig, logger: Logger) =>
      new OutboxRelay(dataSource, {
        databaseUrl: config.DATABASE_URL,
        redisUrl: config.REDIS_URL,
        namespace: config.WP_NAMESPACE,
        logger: logger.child({ component: 'outbox-relay' }),
        ...tuning,
      }),
    inject: [DataSource, CONFIG, LOGGER],
  };
}

/**
 * For a service that consumes events: a worker on its queue, dispatching to `subscriber`'s
 * handlers (a provider of the same module). Throws at boot when a routed type has no handler.
 */
export function eventConsumerProvider<C extends EventConsumerName>(
  consumer: C,
  subscriber: Type<EventSubscriber<C>>,
  tuning: ConsumerTuning = {},
): FactoryProvider<EventConsumer<C>> {
  return {
    provide: EventConsumer,
    useFactory: (handlers: EventSubscriber<C>, dataSource: DataSource, config: FleetConfig, logger: Logger) =>
      new EventConsumer(dataSource, {
        consumer,
        handlers: handlers.handlers,
        coalesce: handlers.coalesce?.bind(handlers),
        afterHandled: handlers.afterHandled?.bind(handlers),
        afterCommit: handlers.afterCommit?.bind(handlers),
        redisUrl: config.REDIS_URL,
        namespace: config.WP_NAMESPACE,
        logger: logger.child({ component: 'event-consumer' }),
        ...tuning,
      }),
    inject: [subscriber, DataSource, CONFIG, LOGGER],
  };
}
