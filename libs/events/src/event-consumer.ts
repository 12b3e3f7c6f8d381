import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainEvent, EVENT_QUEUES, EVENT_ROUTES, EventConsumerName, EventOf, EventType, EventTypesFor } from '@wp/contracts';
import { Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { SpanKind, inSpan } from '@wp/observability';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { EventBatchJob, bullConnection, queuePrefix, recordJob } from './bullmq';
import { ProcessedEvent } from './processed-event.entity';

/** Handles one event inside the transaction that also records it as processed. */
export type EventHandler<T extends EventType> = (event: EventOf<T>, tx: EntityManager) => Promise<void>;

/** One handler for every event type routed to the consumer (contracts' EVENT_ROUTES). */
export type EventHandlerMap<C extends EventConsumerName> = { [T in EventTypesFor<C>]: EventHandler<T> };

/** What a consuming service provides: a Nest provider exposing its handler map. */
export interface EventSubscriber<C extends EventConsumerName> {
  readonly handlers: EventHandlerMap<C>;
  /**
   * Optional: of several events handled together (one job's batch), which to run handlers
   * for. The others are still recorded as processed. For events that each carry a whole
   * state (a member's points and tier), only the newest needs handling.
   */
  readonly coalesce?: EventCoalescer;
  /**
   * Optional: runs last in the transaction, once for every event recorded as processed in it
   * (one, or a whole job's batch). For counters on shared rows: one statement in a fixed row
   * order, with the locks held the shortest and never taken in two orders by two jobs.
   */
  readonly afterHandled?: AfterHandled;
  /**
   * Optional: called once the transaction committed, with the events it handled. For waking
   * work that reads what the handlers wrote (a poller woken inside the transaction would find
   * nothing yet and sleep until its next poll).
   */
  readonly afterCommit?: (events: readonly DomainEvent[]) => void;
}

export type AfterHandled = (events: readonly DomainEvent[], tx: EntityManager) => Promise<void>;

/** Returns the events of `events` (outbox order) whose handlers must run; the rest are superseded. */
export type EventCoalescer = (events: readonly DomainEvent[]) => DomainEvent[];

/** The same handler for every event routed to `consumer` (an event log, a webhook fan-out). */
export function handleEveryEvent<C extends EventConsumerName>(consumer: C, handler: (event: DomainEvent, tx: EntityManager) => Promise<void>): EventHandlerMap<C> {
  const types = EVENT_ROUTES[consumer] as readonly EventType[];
  return Object.fromEntries(types.map((type) => [type, handler])) as unknown as EventHandlerMap<C>;
}

export interface ConsumerTuning {
  concurrency?: number;
  /** How long a job stays claimed by a worker that stopped answering (a killed process). */
  lockDurationMs?: number;
  /** processed_events rows are kept this long (far beyond any redelivery), then pruned. */
  processedRetentionMs?: number;
  pruneIntervalMs?: number;
}

export interface EventConsumerOptions<C extends EventConsumerName> extends ConsumerTuning {
  consumer: C;
  handlers: EventHandlerMap<C>;
  coalesce?: EventCoalescer;
  afterHandled?: AfterHandled;
  afterCommit?: (events: readonly DomainEvent[]) => void;
  redisUrl: string;
  namespace: string;
  logger: Logger;
}

/**
 * A BullMQ worker on the consumer's event queue. Each event is handled in one database
 * transaction that first inserts (consumer, event id) into processed_events: a redelivered
 * event finds its row and does nothing, and a handler that throws rolls the row back so the
 * retry runs it again.
 */
export class EventConsumer<C extends EventConsumerName> implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly handlers: Map<EventType, EventHandler<EventType>>;
  private readonly logger: Logger;
  private connection?: Redis;
  private worker?: Worker<DomainEvent | EventBatchJob>;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: EventConsumerOptions<C>,
  ) {
    this.logger = options.logger;
    const declared = EVENT_ROUTES[options.consumer] as readonly EventType[];
    const given = options.handlers as Record<string, unknown>;
    // Fail at boot: an event type routed here without a handler would fail every delivery.
    const missing = declared.filter((type) => typeof given[type] !== 'function');
    if (missing.length) throw new Error(`${options.consumer} has no event handler for ${missing.join(', ')}`);
    this.handlers = new Map(declared.map((type) => [type, given[type] as EventHandler<EventType>]));
  }

  get queueName(): string {
    return EVENT_QUEUES[this.options.consumer];
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.worker) return;
    this.connection = bullConnection(this.options, `${this.options.consumer}-events`);
    this.worker = new Worker<DomainEvent | EventBatchJob>(this.queueName, (job) => this.process(job), {
      connection: this.connection,
      prefix: queuePrefix(this.options.namespace),
      concurrency: this.options.concurrency ?? 8,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      // A killed worker's job comes back after the lock expires; a few such returns are normal.
      maxStalledCount: 10,
    });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message, queue: this.queueName }, 'event worker error'));
    this.worker.on('failed', (job, err) =>
      this.logger.error({ err: err.message, event_id: job?.id, type: job?.name, attempt: job?.attemptsMade }, 'event handler failed'),
    );
    const retention = this.options.processedRetentionMs ?? 30 * 24 * 3600_000;
    this.pruneTimer = setInterval(
      () => void this.prune(retention).catch((err: Error) => this.logger.warn({ err: err.message }, 'processed_events prune failed')),
      this.options.pruneIntervalMs ?? 3600_000,
    );
    this.pruneTimer.unref();
  }

  /** Stops taking jobs and waits for the running ones to finish. */
  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.worker?.close();
    this.worker = undefined;
    await this.connection?.quit().catch(() => undefined);
    this.connection = undefined;
  }

  /** Handles one event; returns false when it had been handled before. */
  async handle(event: DomainEvent): Promise<boolean> {
    const handler = this.handlers.get(event.type);
    if (!handler) throw new Error(`${this.options.consumer} does not consume ${event.type}`);
    const handled = await this.dataSource.transaction(async (tx) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(ProcessedEvent)
        .values({ consumer: this.options.consumer, eventId: event.id })
        .orIgnore()
        .returning('event_id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) return false;
      await handler(event, tx);
      await this.options.afterHandled?.([event], tx);
      return true;
    });
    if (handled) this.committed([event]);
    return handled;
  }

  /**
   * Handles a batch in one transaction: one processed_events insert for all, handlers for the
   * new ones (after coalescing), one commit. When it fails, each event is handled on its own,
   * so one failing event holds back only itself; the job then fails and its retry finds the
   * others already processed. Returns how many were new.
   */
  async handleBatch(events: readonly DomainEvent[]): Promise<number> {
    for (const event of events) if (!this.handlers.has(event.type)) throw new Error(`${this.options.consumer} does not consume ${event.type}`);
    try {
      const handled = await this.dataSource.transaction(async (tx) => {
        const rows = (await tx.query(
          `INSERT INTO ${this.processedTable()} (consumer, event_id)
           SELECT $1, id FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.consumer, events.map((e) => e.id)],
        )) as Array<{ event_id: string }>;
        const fresh = new Set(rows.map((row) => row.event_id));
        const todo = events.filter((event) => fresh.has(event.id));
        for (const event of this.options.coalesce ? this.options.coalesce(todo) : todo) await (this.handlers.get(event.type) as EventHandler<EventType>)(event, tx);
        if (todo.length) await this.options.afterHandled?.(todo, tx);
        return todo;
      });
      if (handled.length) this.committed(handled);
      return handled.length;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, events: events.length }, 'event batch failed; handling its events one by one');
      let handled = 0;
      let failure: unknown;
      for (const event of events) {
        try {
          if (await this.handle(event)) handled += 1;
        } catch (err) {
          failure ??= err;
        }
      }
      if (failure) throw failure;
      return handled;
    }
  }

  async prune(retentionMs: number): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(ProcessedEvent)
      .where('consumer = :consumer', { consumer: this.options.consumer })
      .andWhere('processed_at < now() - make_interval(secs => :secs)', { secs: retentionMs / 1000 })
      .execute();
    return result.affected ?? 0;
  }

  private committed(events: readonly DomainEvent[]): void {
    try {
      this.options.afterCommit?.(events);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'after-commit hook failed');
    }
  }

  private processedTable(): string {
    const metadata = this.dataSource.getMetadata(ProcessedEvent);
    const driver = this.dataSource.driver;
    return `${driver.escape(metadata.schema ?? 'public')}.${driver.escape(metadata.tableName)}`;
  }

  private async process(job: Job<DomainEvent | EventBatchJob>): Promise<void> {
    const data = job.data;
    // A grouped job continues the trace of its first event (the change that started the burst).
    const first = 'events' in data ? data.events[0] : data;
    const type = 'events' in data ? `batch of ${data.events.length}` : data.type;
    const attributes = { 'messaging.system': 'bullmq', 'messaging.destination.name': this.queueName, 'wp.event_type': type, 'wp.event_id': first?.id ?? '' };
    await recordJob(this.queueName, () =>
      inSpan(`event ${type}`, { kind: SpanKind.CONSUMER, parent: first?.traceparent, attributes }, async () => {
        if ('events' in data) {
          await this.handleBatch(data.events);
          return;
        }
        const handled = await this.handle(data);
        if (!handled) this.logger.info({ event_id: data.id, type: data.type }, 'event already handled; redelivery ignored');
      }),
    );
  }
}
