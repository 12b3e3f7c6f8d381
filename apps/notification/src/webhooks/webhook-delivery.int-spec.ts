import { DomainEvent, WEBHOOK_DELIVERY_QUEUE } from '@wp/contracts';
import { readConfig } from '@wp/config';
import { SecretBox } from '@wp/crypto';
import { openServiceDatabase } from '@wp/database';
import { createEvent } from '@wp/events';
import { deleteNamespaceKeys, scratchDatabase, waitFor } from '@wp/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { notificationDatabase } from '../database';
import { systemResolver } from './egress/guarded-lookup';
import { webhookConfigSpec } from './webhook.config';
import { WebhookDeliverer, createWebhookSender } from './webhook-deliverer';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhooksService } from './webhooks.service';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Hit {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on loopback whose answers the test scripts: one status per request, then 200. */
async function receiver(statuses: number[] = []): Promise<{ url: string; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end('internal answer that must never be echoed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits, server };
}

describe('webhook deliveries (real Postgres and Redis, loopback receivers)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let queue: WebhookDeliveryQueue;
  let dispatcher: WebhookDispatcher;
  let service: WebhooksService;
  let deliverer: WebhookDeliverer;
  let redis: Redis;
  const namespace = `int${randomBytes(5).toString('hex')}`;
  const servers: Server[] = [];
  const tenant = randomUUID();

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_webhooks');
    db = await openServiceDatabase({ ...notificationDatabase, url: scratch.url });
    const config = readConfig(webhookConfigSpec, {
      MASTER_KEY: randomBytes(32).toString('hex'),
      REDIS_URL,
      WP_NAMESPACE: namespace,
      WEBHOOK_ALLOW_LOOPBACK: '1',
      WEBHOOK_RETRY_SCHEDULE_MS: '50,100',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    const box = new SecretBox(config.masterKey, config.masterKeyId);
    deliverer = new WebhookDeliverer(db, box, createWebhookSender(config), config);
    queue = new WebhookDeliveryQueue(config, pino({ level: 'silent' }), db, deliverer);
    queue.onModuleInit();
    queue.onApplicationBootstrap();
    dispatcher = new WebhookDispatcher(queue);
    service = new WebhooksService(db, box, deliverer, config, systemResolver);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await queue.onModuleDestroy();
    deliverer.onModuleDestroy();
    const leftover = new Queue(WEBHOOK_DELIVERY_QUEUE, { connection: redis, prefix: namespace });
    await leftover.obliterate({ force: true });
    await leftover.close();
    await redis.quit();
    await deleteNamespaceKeys(REDIS_URL, namespace);
    for (const server of servers) server.close();
    await db.destroy();
    await scratch.drop();
  });

  async function registered(statuses: number[] = [], events = ['*']) {
    const r = await receiver(statuses);
    servers.push(r.server);
    const webhook = await service.create(tenant, { url: r.url, events });
    return { ...r, webhook };
  }

  function pointsChanged(): DomainEvent {
    return createEvent('member.points_changed', tenant, {
      member_id: 'M-1',
      member_uuid: randomUUID(),
      version: 2,
      points: 10,
      previous_points: 0,
      delta: 10,
      tier: 'bronze',
      previous_tier: 'bronze',
      operation: 'add',
      transaction_reference: randomUUID(),
    });
  }

  async function attempts(webhookId: string) {
    return (await service.deliveries(tenant, webhookId, { limit: 100 })).items;
  }

  it('retries 500, 500, then succeeds: three attempts, one webhook-id, all recorded, all verifiable', async () => {
    const { webhook, hits } = await registered([500, 500]);
    const event = pointsChanged();
    await db.transaction((tx) => dispatcher.dispatch(event, tx));
    await waitFor('three attempts', async () => ((await attempts(webhook.id)).length === 3 ? true : undefined));

    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers['webhook-id']))).toEqual(new Set([event.id]));
    const verifier = new StandardWebhook(webhook.secret);
    for (const hit of hits) expect(verifier.verify(hit.body, hit.headers as Record<string, string>)).toMatchObject({ id: event.id });
    expect(JSON.parse(hits[0].body)).toEqual({ id: event.id, type: 'member.points_changed', created_at: event.occurredAt, tenant_id: tenant, data: event.data });
    const recorded = (await attempts(webhook.id)).sort((a, b) => a.attempt - b.attempt);
    expect(recorded.map((d) => [d.attempt, d.status_code, d.success, d.event_id, d.event_type])).toEqual([
      [1, 500, false, event.id, 'member.points_changed'],
      [2, 500, false, event.id, 'member.points_changed'],
      [3, 200, true, event.id, 'member.points_changed'],
    ]);
    expect(recorded[0].error).toBe('receiver answered 500');
  });

  it('sends only to endpoints subscribed to the type, by exact name or wildcard', async () => {
    const passOnly = await registered([], ['pass.*']);
    const pointsOnly = await registered([], ['member.points_changed']);
    const event = pointsChanged();
    expect(await db.transaction((tx) => dispatcher.dispatch(event, tx))).toBeGreaterThanOrEqual(1);
    await waitFor('the subscribed endpoint to get it', () => (pointsOnly.hits.length === 1 ? true : undefined));
    expect(passOnly.hits).toHaveLength(0);
  });

  it('disables the endpoint on 410 and stops retrying', async () => {
    const { webhook, hits } = await registered([410]);
    await db.transaction((tx) => dispatcher.dispatch(pointsChanged(), tx));
    await waitFor('the endpoint to be disabled', async () => ((await service.get(tenant, webhook.id)).status === 'disabled' ? true : undefined));
    expect((await service.get(tenant, webhook.id)).disabled_reason).toMatch(/410/);
    // Another event is not even queued for a disabled endpoint.
    await db.transaction((tx) => dispatcher.dispatch(pointsChanged(), tx));
    const recorded = await attempts(webhook.id);
    expect(recorded.map((d) => d.status_code)).toEqual([410]);
    expect(hits).toHaveLength(1);
  });

  it('test-sends a signed webhook.test event and answers without the receiver body', async () => {
    const { webhook, hits } = await registered();
    const delivery = await service.test(tenant, webhook.id);
    expect(delivery).toEqual({
      id: expect.any(String),
      event_id: expect.any(String),
      event_type: 'webhook.test',
      attempt: 1,
      status_code: 200,
      success: true,
      error: null,
      created_at: expect.any(String),
    });
    expect(JSON.stringify(delivery)).not.toContain('internal answer');
    expect(new StandardWebhook(webhook.secret).verify(hits[0].body, hits[0].headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
  });

  it('keeps the secret sealed at rest and bound to its row', async () => {
    const { webhook } = await registered();
    const [row] = await db.query('SELECT sealed_secret FROM notification.webhooks WHERE id = $1', [webhook.id]);
    expect(row.sealed_secret).not.toContain(webhook.secret.slice(6));
    expect((await service.get(tenant, webhook.id)) as object).not.toHaveProperty('secret');
    const other = await registered();
    await db.query('UPDATE notification.webhooks SET sealed_secret = $1 WHERE id = $2', [row.sealed_secret, other.webhook.id]);
    // Copied into another endpoint's row, the ciphertext does not open: nothing is sent.
    await expect(service.test(tenant, other.webhook.id)).rejects.toThrow();
    expect(other.hits).toHaveLength(0);
  });

  it('answers 404 for another tenant', async () => {
    const { webhook } = await registered();
    await expect(service.get(randomUUID(), webhook.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.deliveries(randomUUID(), webhook.id, {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.delete(randomUUID(), webhook.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
