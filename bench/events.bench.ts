// The event path's own throughput: events appended to an outbox (in transactions of 50, as a
// burst of requests commits them), relayed to the consumers' BullMQ queues, and handled by
// two consumers (pass-generation's and notification's queues, as member.points_changed is
// routed) whose handlers do nothing but the consumer's own work: the processed_events row
// that makes redelivery harmless. Baseline in the same run: bare BullMQ, the same number of
// jobs added in bulk and taken by one worker of the same concurrency, with no database.
import { EVENT_ROUTES } from '@wp/contracts';
import { EventConsumer, OutboxEvent, OutboxRelay, ProcessedEvent, appendEvents, createEvent, handleEveryEvent } from '@wp/events';
import { deleteNamespaceKeys, scratchDatabase, waitFor } from '@wp/testing';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
}

const EVENTS = Number(process.env.EVENTS_BENCH_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.EVENTS_BENCH_CONCURRENCY ?? 8);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TENANT = randomUUID();

async function bareBullmq(): Promise<number> {
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('bare', { connection, prefix });
  let done = 0;
  const worker = new Worker('bare', async () => void done++, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: CONCURRENCY });
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 500) await queue.addBulk(Array.from({ length: Math.min(500, EVENTS - i) }, (_, j) => ({ name: 'e', data: { i: i + j }, opts: { jobId: randomUUID(), removeOnComplete: true } })));
  await waitFor('bare jobs handled', () => (done >= EVENTS ? true : undefined), 600_000, 20);
  const perSecond = EVENTS / ((Date.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  await deleteNamespaceKeys(REDIS_URL, prefix);
  return perSecond;
}

async function outboxToConsumers(): Promise<number> {
  const scratch = await scratchDatabase('wp_bench_events');
  const namespace = `bench${randomBytes(4).toString('hex')}`;
  const logger = pino({ level: 'warn' });
  const dataSource = new DataSource({ type: 'postgres', url: scratch.url, schema: 'evt', entities: [OutboxEvent, ProcessedEvent], extra: { max: 20 } });
  const stoppers: Array<() => Promise<unknown>> = [];
  try {
    const admin = new DataSource({ type: 'postgres', url: scratch.url });
    await admin.initialize();
    await admin.query('CREATE SCHEMA evt');
    await admin.destroy();
    await dataSource.initialize();
    // A bench's scratch tables come from the entities; services get theirs from migrations.
    await dataSource.synchronize();
    const relay = new OutboxRelay(dataSource, { databaseUrl: scratch.url, redisUrl: REDIS_URL, namespace, logger });
    await relay.start();
    stoppers.push(() => relay.stop());
    for (const consumer of ['pass-generation', 'notification'] as const) {
      if (!(EVENT_ROUTES[consumer] as readonly string[]).includes('member.points_changed')) throw new Error(`${consumer} does not take member.points_changed`);
      const worker = new EventConsumer(dataSource, { consumer, handlers: handleEveryEvent(consumer, async () => undefined), redisUrl: REDIS_URL, namespace, logger, concurrency: CONCURRENCY });
      worker.start();
      stoppers.push(() => worker.stop());
    }
    const started = Date.now();
    for (let i = 0; i < EVENTS; i += 50) {
      await dataSource.transaction((tx) =>
        appendEvents(
          tx,
          Array.from({ length: Math.min(50, EVENTS - i) }, (_, j) =>
            createEvent('member.points_changed', TENANT, {
              member_id: `M-${i + j}`,
              member_uuid: randomUUID(),
              version: 2,
              points: 10,
              previous_points: 0,
              delta: 10,
              tier: 'bronze',
              previous_tier: 'bronze',
              operation: 'add',
              transaction_reference: randomUUID(),
            }),
          ),
        ),
      );
    }
    await waitFor(
      'every event handled by both consumers',
      async () => (Number((await dataSource.query('SELECT count(*) AS n FROM evt.processed_events'))[0].n) >= 2 * EVENTS ? true : undefined),
      1_800_000,
      50,
    );
    return EVENTS / ((Date.now() - started) / 1000);
  } finally {
    for (const stop of stoppers.reverse()) await stop();
    await dataSource.destroy().catch(() => undefined);
    await scratch.drop();
    await deleteNamespaceKeys(REDIS_URL, namespace);
  }
}

export default async function run(): Promise<BenchRow[]> {
  const baseline = await bareBullmq();
  const ours = await outboxToConsumers();
  return [{ name: `outbox → relay → 2 consumers, ${EVENTS} events (baseline: bare BullMQ jobs)`, unit: 'events/s', baseline, value: ours }];
}
