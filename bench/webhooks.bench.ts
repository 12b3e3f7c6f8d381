// Webhook delivery throughput to a local receiver: the real delivery path (BullMQ worker →
// unseal the secret → Standard Webhooks signature → POST through the SSRF-guarded agent →
// one webhook_deliveries row per attempt), jobs queued first and then drained. Baseline:
// the same path with one delivery at a time (WEBHOOK_CONCURRENCY=1), measured in this run.
// Scratch database and a private Redis namespace, both removed at the end.
import { WEBHOOK_DELIVERY_QUEUE } from '@wp/contracts';
import { readConfig } from '@wp/config';
import { SecretBox } from '@wp/crypto';
import { openServiceDatabase } from '@wp/database';
import { createEvent } from '@wp/events';
import { scratchDatabase } from '@wp/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { notificationDatabase } from '../apps/notification/src/database';
import { systemResolver } from '../apps/notification/src/webhooks/egress/guarded-lookup';
import { webhookConfigSpec } from '../apps/notification/src/webhooks/webhook.config';
import { WebhookDeliverer, createWebhookSender } from '../apps/notification/src/webhooks/webhook-deliverer';
import { WebhookDeliveryQueue } from '../apps/notification/src/webhooks/webhook-delivery.queue';
import { WebhookDispatcher } from '../apps/notification/src/webhooks/webhook.dispatcher';
import { WebhooksService } from '../apps/notification/src/webhooks/webhooks.service';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function receiver(latencyMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = () => res.writeHead(204).end();
      if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

/** Deliveries per second of `count` queued events to one endpoint at `concurrency`. */
async function deliveriesPerSecond(db: DataSource, redis: Redis, opts: { concurrency: number; count: number; latencyMs: number }): Promise<number> {
  const namespace = `bench${randomBytes(4).toString('hex')}`;
  const config = readConfig(webhookConfigSpec, {
    MASTER_KEY: randomBytes(32).toString('hex'),
    REDIS_URL,
    WP_NAMESPACE: namespace,
    WEBHOOK_ALLOW_LOOPBACK: '1',
    WEBHOOK_CONCURRENCY: String(opts.concurrency),
    LOG_LEVEL: 'silent',
  });
  const box = new SecretBox(config.masterKey, config.masterKeyId);
  const deliverer = new WebhookDeliverer(db, box, createWebhookSender(config), config);
  const queue = new WebhookDeliveryQueue(config, pino({ level: 'silent' }), db, deliverer);
  const { url, server } = await receiver(opts.latencyMs);
  try {
    queue.onModuleInit();
    const tenant = randomUUID();
    const webhook = await new WebhooksService(db, box, deliverer, config, systemResolver).create(tenant, { url, events: ['*'] });
    const dispatcher = new WebhookDispatcher(queue);
    for (let i = 0; i < opts.count; i++) {
      const event = createEvent('link.clicked', tenant, { short_code: `c${i}`, pass_id: null, member_id: `M-${i}` });
      await db.transaction((tx) => dispatcher.dispatch(event, tx));
    }
    const started = performance.now();
    queue.onApplicationBootstrap();
    for (;;) {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM notification.webhook_deliveries WHERE webhook_id = $1 AND success', [webhook.id]);
      if (n >= opts.count) break;
      await delay(20);
    }
    return opts.count / ((performance.now() - started) / 1000);
  } finally {
    await queue.onModuleDestroy();
    deliverer.onModuleDestroy();
    const leftover = new Queue(WEBHOOK_DELIVERY_QUEUE, { connection: redis, prefix: namespace });
    await leftover.obliterate({ force: true });
    await leftover.close();
    server.closeAllConnections();
    server.close();
  }
}

export default async function run(): Promise<BenchRow[]> {
  const scratch = await scratchDatabase('wp_bench_webhooks');
  const db = await openServiceDatabase({ ...notificationDatabase, url: scratch.url, poolSize: 40 });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const ours = readConfig(webhookConfigSpec, { MASTER_KEY: randomBytes(32).toString('hex') }).WEBHOOK_CONCURRENCY;
  try {
    const rows: BenchRow[] = [];
    for (const latencyMs of [0, 50]) {
      const baseline = await deliveriesPerSecond(db, redis, { concurrency: 1, count: latencyMs ? 100 : 500, latencyMs });
      const value = await deliveriesPerSecond(db, redis, { concurrency: ours, count: latencyMs ? 2000 : 5000, latencyMs });
      rows.push({ name: `webhook deliveries, receiver answering in ${latencyMs} ms (vs one at a time)`, unit: 'deliveries/s', baseline, value });
    }
    return rows;
  } finally {
    await redis.quit();
    await db.destroy();
    await scratch.drop();
  }
}
