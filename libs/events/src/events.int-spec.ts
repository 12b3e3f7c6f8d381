import { DomainEvent, EVENT_QUEUES } from '@wp/contracts';
import { TcpProxy, deleteNamespaceKeys, scratchDatabase, waitFor } from '@wp/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { appendEvent, appendEvents, createEvent } from './append-event';
import { EventConsumer, handleEveryEvent } from './event-consumer';
import { OutboxEvent } from './outbox.entity';
import { OutboxRelay } from './outbox.relay';
import { ProcessedEvent } from './processed-event.entity';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TENANT = randomUUID();

function pointsChanged(points: number): DomainEvent {
  return createEvent('member.points_changed', TENANT, {
    member_id: 'M-1',
    member_uuid: randomUUID(),
    version: points,
    points,
    previous_points: 0,
    delta: points,
    tier: 'bronze',
    previous_tier: 'bronze',
    operation: 'add',
    transaction_reference: randomUUID(),
  });
}

function passCreated(): DomainEvent {
  return createEvent('pass.created', TENANT, { pass_id: randomUUID(), pass_type: 'apple', member_id: 'M-1', serial_number: randomUUID(), channel: 'api' });
}

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('durable events (outbox → relay → queue → consumer)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataSource: DataSource;
  let namespace: string;
  let redis: Redis;
  const queues: Record<string, Queue> = {};
  const stoppers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_events');
    const admin = new DataSource({ type: 'postgres', url: scratch.url });
    await admin.initialize();
    await admin.query('CREATE SCHEMA evt');
    await admin.destroy();
    dataSource = new DataSource({ type: 'postgres', url: scratch.url, schema: 'evt', entities: [OutboxEvent, ProcessedEvent] });
    await dataSource.initialize();
    // A lib test builds its scratch tables from the entities; services get theirs from migrations.
    await dataSource.synchronize();
    await dataSource.query('CREATE TABLE evt.handled (event_id uuid NOT NULL, attempt int NOT NULL)');
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });

  beforeEach(() => {
    namespace = `int${randomBytes(5).toString('hex')}`;
    for (const [consumer, name] of Object.entries(EVENT_QUEUES)) queues[consumer] = new Queue(name, { connection: redis, prefix: namespace });
  });

  afterEach(async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop();
    for (const queue of Object.values(queues)) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await deleteNamespaceKeys(REDIS_URL, namespace);
    await dataSource.query('DELETE FROM evt.outbox');
    await dataSource.query('DELETE FROM evt.processed_events');
    await dataSource.query('DELETE FROM evt.handled');
  });

  afterAll(async () => {
    await redis.quit();
    await dataSource.destroy();
    await scratch.drop();
  });

  async function startRelay(opts: { redisUrl?: string; pollIntervalMs?: number; publishTimeoutMs?: number } = {}) {
    const { logger, lines } = capturingLogger();
    const relay = new OutboxRelay(dataSource, {
      databaseUrl: scratch.url,
      redisUrl: opts.redisUrl ?? REDIS_URL,
      namespace,
      logger,
      // Far longer than any wait below: the relay must be woken by NOTIFY, not by polling.
      pollIntervalMs: opts.pollIntervalMs ?? 120_000,
      publishTimeoutMs: opts.publishTimeoutMs,
    });
    await relay.start();
    stoppers.push(() => relay.stop());
    return { relay, lines };
  }

  async function jobIds(consumer: keyof typeof EVENT_QUEUES): Promise<string[]> {
    // Events the relay grouped (several in one round) count by the ids of the events they carry.
    const jobs = await queues[consumer].getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    return jobs.flatMap((j) => ('events' in j.data ? (j.data.events as DomainEvent[]).map((e) => e.id) : [j.id as string])).sort();
  }

  async function unpublished(): Promise<number> {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM evt.outbox WHERE published_at IS NULL');
    return count;
  }

  it('delivers a committed event to each consuming queue once, with the event id as job id, woken by NOTIFY', async () => {
    await startRelay();
    const points = pointsChanged(10);
    const pass = passCreated();
    await dataSource.transaction((tx) => appendEvents(tx, [points, pass]));

    await waitFor('both events in the notification queue', async () => ((await jobIds('notification')).length === 2 ? true : undefined));
    expect(await jobIds('notification')).toEqual([points.id, pass.id].sort());
    // pass-generation gets member events and its own pass.created (it reports pass lists to member-data).
    await waitFor('both events in the pass-generation queue', async () => ((await jobIds('pass-generation')).length === 2 ? true : undefined));
    expect(await jobIds('pass-generation')).toEqual([points.id, pass.id].sort());
    const job = await queues.notification.getJob(points.id);
    expect(job?.name).toBe('member.points_changed');
    expect(job?.data).toEqual(points);
    await waitFor('rows marked published', async () => ((await unpublished()) === 0 ? true : undefined));
  });

  it('publishes nothing for a rolled back transaction', async () => {
    await startRelay();
    const lost = pointsChanged(1);
    await expect(
      dataSource.transaction(async (tx) => {
        await appendEvent(tx, lost);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const kept = pointsChanged(2);
    await dataSource.transaction((tx) => appendEvent(tx, kept));

    await waitFor('the committed event', async () => ((await jobIds('notification')).includes(kept.id) ? true : undefined));
    expect(await jobIds('notification')).toEqual([kept.id]);
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM evt.outbox WHERE event_id = $1', [lost.id]);
    expect(count).toBe(0);
  });

  it('keeps rows unpublished while Redis is down and delivers each exactly once when it is back', async () => {
    const proxy = await TcpProxy.start(REDIS_URL);
    stoppers.push(() => proxy.close());
    const { lines } = await startRelay({ redisUrl: proxy.url(REDIS_URL), pollIntervalMs: 200 });
    const before = pointsChanged(1);
    await dataSource.transaction((tx) => appendEvent(tx, before));
    await waitFor('the first event', async () => ((await jobIds('notification')).length === 1 ? true : undefined));

    await proxy.cut();
    const during = Array.from({ length: 20 }, (_, i) => pointsChanged(i + 2));
    for (const event of during) await dataSource.transaction((tx) => appendEvent(tx, event));
    await waitFor('the relay to hit the outage', () => (lines.some((l) => l.includes('redis connection error')) ? true : undefined));
    expect(await unpublished()).toBe(20);
    expect(await jobIds('notification')).toEqual([before.id]);

    await proxy.restore();
    await waitFor('every row published', async () => ((await unpublished()) === 0 ? true : undefined), 30_000);
    expect(await jobIds('notification')).toEqual([before, ...during].map((e) => e.id).sort());
    expect(await jobIds('pass-generation')).toEqual([before, ...during].map((e) => e.id).sort());
  });

  it('rolls a batch back when Redis hangs mid-publish, and the late adds do not duplicate jobs', async () => {
    const proxy = await TcpProxy.start(REDIS_URL);
    stoppers.push(() => proxy.close());
    const { lines } = await startRelay({ redisUrl: proxy.url(REDIS_URL), pollIntervalMs: 200, publishTimeoutMs: 300 });
    const first = pointsChanged(0);
    await dataSource.transaction((tx) => appendEvent(tx, first));
    await waitFor('the relay to be connected', async () => ((await jobIds('notification')).length === 1 ? true : undefined));

    proxy.stall();
    const events = Array.from({ length: 5 }, (_, i) => pointsChanged(i + 1));
    await dataSource.transaction((tx) => appendEvents(tx, events));
    await waitFor('a batch to time out', () => (lines.some((l) => l.includes('batch not published')) ? true : undefined));
    expect(await unpublished()).toBe(5);

    await proxy.restore();
    await waitFor('every row published', async () => ((await unpublished()) === 0 ? true : undefined), 30_000);
    expect(await jobIds('notification')).toEqual([first, ...events].map((e) => e.id).sort());
  });

  it('prunes published rows past their retention and keeps unpublished ones', async () => {
    const { logger } = capturingLogger();
    const relay = new OutboxRelay(dataSource, { databaseUrl: scratch.url, redisUrl: REDIS_URL, namespace, logger, retentionMs: 0 });
    await dataSource.transaction((tx) => appendEvents(tx, [pointsChanged(1), pointsChanged(2)]));
    await dataSource.query('UPDATE evt.outbox SET published_at = now() - interval \'1 second\' WHERE seq = (SELECT min(seq) FROM evt.outbox)');

    expect(await relay.prune()).toBe(1);
    expect(await unpublished()).toBe(1);
  });

  describe('consumer', () => {
    function startConsumer(onEvent: (event: DomainEvent, attempt: number) => void = () => undefined) {
      const { logger, lines } = capturingLogger();
      const attempts = new Map<string, number>();
      const consumer = new EventConsumer(dataSource, {
        consumer: 'notification',
        redisUrl: REDIS_URL,
        namespace,
        logger,
        handlers: handleEveryEvent('notification', async (event, tx) => {
          const attempt = (attempts.get(event.id) ?? 0) + 1;
          attempts.set(event.id, attempt);
          // The side effect is written first, so a throw below proves it is rolled back.
          await tx.query('INSERT INTO evt.handled (event_id, attempt) VALUES ($1, $2)', [event.id, attempt]);
          onEvent(event, attempt);
        }),
      });
      consumer.start();
      stoppers.push(() => consumer.stop());
      return { consumer, lines, attempts };
    }

    async function handledRows(): Promise<Array<{ event_id: string; attempt: number }>> {
      return dataSource.query('SELECT event_id, attempt FROM evt.handled ORDER BY event_id');
    }

    it('handles an event once however often it is delivered', async () => {
      const { lines } = startConsumer();
      const event = pointsChanged(5);
      // The same event under three job ids: BullMQ forgot the first job, the relay re-sent it.
      for (const jobId of [event.id, `${event.id}-again`, `${event.id}-third`]) {
        await queues.notification.add(event.type, event, { jobId });
      }
      await waitFor('all three deliveries done', async () => ((await queues.notification.getCompletedCount()) === 3 ? true : undefined));

      expect(await handledRows()).toEqual([{ event_id: event.id, attempt: 1 }]);
      const processed = await dataSource.query('SELECT consumer, event_id FROM evt.processed_events');
      expect(processed).toEqual([{ consumer: 'notification', event_id: event.id }]);
      expect(lines.filter((l) => l.includes('redelivery ignored'))).toHaveLength(2);
    });

    it('rolls a failed handler back, retries it, and records the event only when it succeeded', async () => {
      startConsumer((_event, attempt) => {
        if (attempt < 3) throw new Error(`transient failure ${attempt}`);
      });
      const event = pointsChanged(7);
      await queues.notification.add(event.type, event, { jobId: event.id, attempts: 5, backoff: { type: 'fixed', delay: 20 } });
      await waitFor('the job to complete', async () => ((await queues.notification.getCompletedCount()) === 1 ? true : undefined));

      expect(await handledRows()).toEqual([{ event_id: event.id, attempt: 3 }]);
      const job = await queues.notification.getJob(event.id);
      expect(job?.attemptsMade).toBe(3);
    });

    it('handles a grouped job in one transaction; a failing event holds back only itself, and its retry runs it alone', async () => {
      const events = Array.from({ length: 6 }, (_, i) => pointsChanged(i));
      const poison = events[2];
      startConsumer((event, attempt) => {
        if (event.id === poison.id && attempt < 3) throw new Error('poison');
      });
      await queues.notification.add('events.batch', { events }, { jobId: 'batch-1', attempts: 5, backoff: { type: 'fixed', delay: 20 } });
      await waitFor('the job to complete', async () => ((await queues.notification.getCompletedCount()) === 1 ? true : undefined));
      const rows = await handledRows();
      // Every event handled exactly once (rolled-back attempts leave no row).
      expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.id).sort());
      expect(rows.find((r) => r.event_id === poison.id)?.attempt).toBe(3);
    });

    it('refuses to start without a handler for every event type routed to it', () => {
      const { logger } = capturingLogger();
      const handlers = handleEveryEvent('notification', async () => undefined) as Record<string, unknown>;
      delete handlers['sms.failed'];
      delete handlers['link.clicked'];
      expect(
        () => new EventConsumer(dataSource, { consumer: 'notification', handlers: handlers as never, redisUrl: REDIS_URL, namespace, logger }),
      ).toThrow('notification has no event handler for sms.failed, link.clicked');
    });

    it('receives what the relay publishes, end to end', async () => {
      await startRelay();
      const seen: string[] = [];
      startConsumer((event) => void seen.push(event.id));
      const events = Array.from({ length: 30 }, (_, i) => pointsChanged(i));
      await Promise.all(events.map((event) => dataSource.transaction((tx) => appendEvent(tx, event))));

      await waitFor('every event handled', () => (seen.length === events.length ? true : undefined));
      expect(seen.sort()).toEqual(events.map((e) => e.id).sort());
    });
  });
});
