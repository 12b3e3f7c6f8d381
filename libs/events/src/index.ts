export * from './outbox.entity';
export * from './processed-event.entity';
export * from './bullmq';
export * from './append-event';
export * from './outbox.relay';
export * from './event-consumer';
export * from './event.providers';
