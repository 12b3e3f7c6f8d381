import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainEvent, EVENT_QUEUES, EventConsumerName, consumersOf } from '@wp/contracts';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { processMetrics } from '@wp/observability';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { outboxChannel } from './append-event';
import { EVENT_BATCH_JOB_NAME, EVENT_JOB_OPTIONS, EventBatchJob, bullConnection, queuePrefix } from './bullmq';
import { OutboxEvent } from './outbox.entity';

export interface RelayTuning {
  /** Fallback poll when no NOTIFY arrives (a lost LISTEN connection, a missed wake-up). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** A queue add that takes longer (Redis down) rolls the batch back and is retried. */
  publishTimeoutMs?: number;
  /** Published rows are kept this long, for inspection, then pruned. */
  retentionMs?: number;
  pruneIntervalMs?: number;
}

export interface OutboxRelayOptions extends RelayTuning {
  databaseUrl: string;
  redisUrl: string;
  namespace: string;
  logger: Logger;
}

const MAX_BACKOFF_MS = 10_000;
/**
 * Events per job when a round has several for one consumer. Small enough that a burst still
 * spreads over the consumer's parallel workers, large enough that a commit and a queue hop
 * serve many events.
 */
const EVENTS_PER_JOB = 25;
/** Fewer events than this in a round travel one per job, as in a quiet moment. */
const BATCH_FROM = 4;

/**
 * Moves outbox rows into one BullMQ queue per consuming service (a lone event's id is its job
 * id; several found in one round go in grouped jobs, see groupByEntity). A row is
 * marked published only in the transaction that saw every add succeed, so a Redis outage or
 * a crash leaves it to be sent again: delivery is at least once, and consumers deduplicate.
 * `FOR UPDATE SKIP LOCKED` lets several replicas relay one outbox without sending a row twice
 * at the same moment.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly publishTimeoutMs: number;
  private readonly retentionMs: number;
  private readonly pruneIntervalMs: number;
  private readonly schema: string;
  private readonly logger: Logger;

  private connection?: Redis;
  private readonly queues = new Map<EventConsumerName, Queue>();
  private listener?: Client;
  private running = false;
  private loopDone?: Promise<void>;
  private wakeRequested = false;
  private wakeIdle?: () => void;
  private readonly stopped = new AbortController();
  private pruneTimer?: NodeJS.Timeout;
  private relistenTimer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OutboxRelayOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 500;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.pruneIntervalMs = options.pruneIntervalMs ?? 10 * 60_000;
    this.schema = dataSource.getMetadata(OutboxEvent).schema ?? 'public';
    this.logger = options.logger;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.connection = bullConnection(this.options, `${this.schema}-outbox-relay`);
    this.connection.on('error', (err) => this.logger.warn({ err: err.message }, 'outbox relay: redis connection error'));
    for (const [consumer, name] of Object.entries(EVENT_QUEUES) as Array<[EventConsumerName, string]>) {
      const queue = new Queue(name, { connection: this.connection, prefix: queuePrefix(this.options.namespace) });
      queue.on('error', (err) => this.logger.warn({ err: err.message, queue: name }, 'outbox relay: queue error'));
      this.queues.set(consumer, queue);
      processMetrics().watchQueue(name, () => queue.getJobCounts('waiting', 'active', 'delayed', 'failed'));
    }
    processMetrics().watchOutbox(this.schema, () => this.lag());
    await this.listen();
    this.pruneTimer = setInterval(() => void this.prune().catch((err: Error) => this.logger.warn({ err: err.message }, 'outbox prune failed')), this.pruneIntervalMs);
    this.pruneTimer.unref();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopped.abort();
    this.wake();
    clearInterval(this.pruneTimer);
    clearTimeout(this.relistenTimer);
    await this.loopDone;
    await this.listener?.end().catch(() => undefined);
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
    await this.connection?.quit().catch(() => undefined);
  }

  /** Relays one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx
        .getRepository(OutboxEvent)
        .createQueryBuilder('o')
        .where('o.published_at IS NULL')
        .orderBy('o.seq', 'ASC')
        .limit(this.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      await withDeadline(this.enqueue(rows.map(toDomainEvent)), this.publishTimeoutMs, 'queue add');
      await tx
        .createQueryBuilder()
        .update(OutboxEvent)
        .set({ publishedAt: () => 'now()' })
        .where('seq IN (:...seqs)', { seqs: rows.map((r) => r.seq) })
        .execute();
      return rows.length;
    });
  }

  /** How long the oldest unrelayed row has waited, and how many wait: a stuck relay shows here first. */
  async lag(): Promise<{ lagSeconds: number; pending: number }> {
    const metadata = this.dataSource.getMetadata(OutboxEvent);
    const table = `${this.dataSource.driver.escape(this.schema)}.${this.dataSource.driver.escape(metadata.tableName)}`;
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(occurred_at)), 0)::float8 AS lag
         FROM ${table} WHERE published_at IS NULL`,
    )) as Array<{ pending: number; lag: number }>;
    return { pending: row.pending, lagSeconds: Math.max(0, row.lag) };
  }

  /** Deletes published rows older than the retention; returns how many. */
  async prune(): Promise<number> {
    const metadata = this.dataSource.getMetadata(OutboxEvent);
    const table = `${this.dataSource.driver.escape(this.schema)}.${this.dataSource.driver.escape(metadata.tableName)}`;
    const [, affected] = (await this.dataSource.query(
      `DELETE FROM ${table} WHERE seq IN (
         SELECT seq FROM ${table} WHERE published_at < now() - make_interval(secs => $1) LIMIT 10000
       )`,
      [this.retentionMs / 1000],
    )) as [unknown, number];
    return affected;
  }

  private async enqueue(events: DomainEvent[]): Promise<void> {
    await Promise.all(
      [...this.queues.entries()].map(async ([consumer, queue]) => {
        const mine = events.filter((e) => consumersOf(e.type).includes(consumer));
        if (mine.length === 0) return;
        if (mine.length < BATCH_FROM) {
          await queue.addBulk(mine.map((event) => ({ name: event.type, data: event, opts: { ...EVENT_JOB_OPTIONS, jobId: event.id } })));
          return;
        }
        await queue.addBulk(
          groupByEntity(mine, EVENTS_PER_JOB).map((events) => ({
            name: EVENT_BATCH_JOB_NAME,
            data: { events } satisfies EventBatchJob,
            // The same rows re-sent after a rolled-back round form the same job: ignored while it exists.
            opts: { ...EVENT_JOB_OPTIONS, jobId: `batch.${createHash('sha256').update(events.map((e) => e.id).join(',')).digest('hex').slice(0, 32)}` },
          })),
        );
      }),
    );
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.wakeRequested = false;
      if (this.connection?.status !== 'ready') {
        // Redis is away: adds would only pile up in the client's offline queue.
        failures += 1;
        await this.sleep(backoff(failures));
        continue;
      }
      try {
        const published = await this.publishBatch();
        if (failures > 0) this.logger.info({ schema: this.schema }, 'outbox relay recovered');
        failures = 0;
        if (published >= this.batchSize) continue;
      } catch (error) {
        failures += 1;
        this.logger.warn({ err: (error as Error).message, failures, schema: this.schema }, 'outbox relay: batch not published, will retry');
        await this.sleep(backoff(failures));
        continue;
      }
      await this.idle(this.pollIntervalMs);
    }
  }

  private wake(): void {
    this.wakeRequested = true;
    this.wakeIdle?.();
  }

  /** Waits for a NOTIFY, the poll interval, or stop(). */
  private idle(ms: number): Promise<void> {
    if (this.wakeRequested || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeIdle = done;
    });
  }

  /** Waits for the backoff; only stop() cuts it short (NOTIFYs keep coming while Redis is down). */
  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      const signal = this.stopped.signal;
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      }
      signal.addEventListener('abort', finish);
    });
  }

  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: `${this.schema}-outbox-listen` });
    const retry = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.running) return;
      this.logger.warn({ reason, schema: this.schema }, 'outbox relay: LISTEN connection lost; polling until it is back');
      this.relistenTimer = setTimeout(() => void this.listen(), 1000);
    };
    this.listener = client;
    client.on('notification', () => this.wake());
    client.on('error', (err) => retry(err.message));
    client.on('end', () => retry('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.dataSource.driver.escape(outboxChannel(this.schema))}`);
      // Whatever was committed while nobody listened is picked up now.
      this.wake();
    } catch (error) {
      retry((error as Error).message);
    }
  }
}

/**
 * Splits a round's events into jobs of about `size`, keeping every event of one member (or
 * pass) in one job and in outbox order: jobs run in parallel, and two of them holding one
 * member's events would make its changes race (and lock its pass rows in turn).
 */
export function groupByEntity(events: DomainEvent[], size: number): DomainEvent[][] {
  const buckets = Math.max(1, Math.ceil(events.length / size));
  const jobs: DomainEvent[][] = Array.from({ length: buckets }, () => []);
  for (const event of events) jobs[bucketOf(entityKey(event), buckets)].push(event);
  return jobs.filter((job) => job.length > 0);
}

function entityKey(event: DomainEvent): string {
  const data = event.data as { member_uuid?: string; pass_id?: string | null; member_id?: string | null };
  return data.member_uuid ?? data.pass_id ?? data.member_id ?? event.id;
}

function bucketOf(key: string, buckets: number): number {
  let hash = 0;
  for (let i = 0; i < key.length; i += 1) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % buckets;
}

function toDomainEvent(row: OutboxEvent): DomainEvent {
  return {
    id: row.eventId,
    type: row.type,
    tenantId: row.tenantId,
    occurredAt: row.occurredAt.toISOString(),
    data: row.data,
    ...(row.traceParent ? { traceparent: row.traceParent } : {}),
  } as DomainEvent;
}

function backoff(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 10));
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // A late success is harmless: the rows stay unpublished and the same job ids are re-added.
    work.catch(() => undefined);
  }
}
