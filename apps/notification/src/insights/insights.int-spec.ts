import { DomainEvent, EventPayloads, EventType } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { notificationDatabase } from '../database';
import { EventLogSubscriber } from '../event-log/event-log.subscriber';
import type { PassPushDispatcher } from '../push/pass-push.dispatcher';
import type { WebhookDispatcher } from '../webhooks/webhook.dispatcher';
import { InsightsService } from './insights.service';
import { MetricRollupRecorder } from './metric-rollup.recorder';

describe('insights over the event log (real Postgres)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let subscriber: EventLogSubscriber;
  let insights: InsightsService;
  const tenant = randomUUID();
  const other = randomUUID();

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_insights');
    db = await openServiceDatabase({ ...notificationDatabase, url: scratch.url });
    // Webhook fan-out has its own spec; here every event simply has no subscriber.
    const noWebhooks = { dispatch: async () => 0 } as unknown as WebhookDispatcher;
    const noPushes = { dispatch: async () => undefined } as unknown as PassPushDispatcher;
    subscriber = new EventLogSubscriber(new MetricRollupRecorder(), noWebhooks, noPushes);
    insights = new InsightsService(db);
  });

  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  async function handle<T extends EventType>(type: T, data: EventPayloads[T], occurredAt: string, tenantId = tenant): Promise<DomainEvent> {
    const event = { id: randomUUID(), type, tenantId, occurredAt, data } as DomainEvent;
    const handler = subscriber.handlers[type] as (e: DomainEvent, tx: import('typeorm').EntityManager) => Promise<void>;
    await db.transaction(async (tx) => {
      await handler(event, tx);
      await subscriber.afterHandled([event], tx);
    });
    return event;
  }

  const pass = (member: string) => ({ pass_id: randomUUID(), member_id: member });

  beforeAll(async () => {
    await handle('pass.created', { ...pass('M-1'), pass_type: 'apple', serial_number: 's1', channel: 'api' }, '2026-01-01T09:15:00.000Z');
    await handle('pass.created', { ...pass('M-2'), pass_type: 'google', serial_number: 's2', channel: 'sms' }, '2026-01-01T09:45:00.000Z');
    await handle('pass.installed', { ...pass('M-1'), pass_type: 'apple', channel: 'sms' }, '2026-01-01T10:05:00.000Z');
    await handle('pass.installed', { ...pass('M-2'), pass_type: 'apple', channel: 'page' }, '2026-01-02T08:00:00.000Z');
    await handle('pass.uninstalled', { ...pass('M-2'), pass_type: 'apple' }, '2026-01-02T08:30:00.000Z');
    await handle('pass.updated', { ...pass('M-1'), pass_type: 'apple', status: 'active', cause: 'member' }, '2026-01-02T23:59:59.999Z');
    await handle('sms.sent', { message_id: 'm1', pass_id: null, member_id: 'M-1', to: '+1******0123', short_code: 'abc' }, '2026-01-01T09:00:00.000Z');
    await handle('sms.delivered', { message_id: 'm1', pass_id: null, member_id: 'M-1' }, '2026-01-01T09:00:05.000Z');
    await handle('link.clicked', { short_code: 'abc', pass_id: null, member_id: 'M-1' }, '2026-01-01T09:01:00.000Z');
    await handle('link.clicked', { short_code: 'abc', pass_id: null, member_id: 'M-1' }, '2026-01-03T00:00:00.000Z');
    await handle('member.created', { member_id: 'M-3', member_uuid: randomUUID(), version: 1, points: 0, tier: 'bronze', style_group_id: null }, '2026-01-02T12:00:00.000Z');
    // Another tenant's activity never shows up.
    await handle('pass.created', { ...pass('X-1'), pass_type: 'apple', serial_number: 'x', channel: 'api' }, '2026-01-01T09:15:00.000Z', other);
  });

  it('counts per UTC day, with totals and the aligned range', async () => {
    const view = await insights.metrics(tenant, { from: '2026-01-01', to: '2026-01-03', interval: 'day' });
    expect(view.from).toBe('2026-01-01T00:00:00.000Z');
    expect(view.to).toBe('2026-01-03T00:00:00.000Z');
    expect(view.series).toEqual([
      expect.objectContaining({
        start: '2026-01-01T00:00:00.000Z',
        passes_created_apple: 1,
        passes_created_google: 1,
        installs: 1,
        installs_by_channel: { sms: 1, page: 0, api: 0, enrollment: 0, email: 0 },
        sms_sent: 1,
        sms_delivered: 1,
        link_clicks: 1,
        uninstalls: 0,
        updates_pushed: 0,
      }),
      expect.objectContaining({ start: '2026-01-02T00:00:00.000Z', installs: 1, installs_by_channel: { sms: 0, page: 1, api: 0, enrollment: 0, email: 0 }, uninstalls: 1, updates_pushed: 1, link_clicks: 0 }),
    ]);
    expect(view.totals).toEqual({
      passes_created_apple: 1,
      passes_created_google: 1,
      installs: 2,
      uninstalls: 1,
      updates_pushed: 1,
      sms_sent: 1,
      sms_delivered: 1,
      link_clicks: 1,
      scans: 0,
      redemptions: 0,
      installs_by_channel: { sms: 1, page: 1, api: 0, enrollment: 0, email: 0 },
    });
  });

  it('counts per hour, zero-filled', async () => {
    const view = await insights.metrics(tenant, { from: '2026-01-01T08:00:00Z', to: '2026-01-01T11:00:00Z', interval: 'hour' });
    expect(view.series.map((b) => [b.start.slice(11, 13), b.passes_created_apple + b.passes_created_google, b.installs, b.link_clicks])).toEqual([
      ['08', 0, 0, 0],
      ['09', 2, 0, 1],
      ['10', 0, 1, 0],
    ]);
  });

  it('lists the event log newest first, across pages, filtered by type, family, member and time', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await insights.events(tenant, { limit: 4, cursor });
      all.push(...page.items.map((e) => e.created_at));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(all).toHaveLength(11);
    expect([...all].sort().reverse()).toEqual(all);

    const clicks = await insights.events(tenant, { type: 'link.clicked' });
    expect(clicks.items.map((e) => e.type)).toEqual(['link.clicked', 'link.clicked']);
    expect(clicks.items[0]).toEqual({ id: expect.any(String), type: 'link.clicked', created_at: '2026-01-03T00:00:00.000Z', member_id: 'M-1', data: expect.objectContaining({ short_code: 'abc' }) });

    const passEvents = await insights.events(tenant, { type: 'pass.*' });
    expect(new Set(passEvents.items.map((e) => e.type))).toEqual(new Set(['pass.created', 'pass.installed', 'pass.uninstalled', 'pass.updated']));
    expect(passEvents.items).toHaveLength(6);

    const m2 = await insights.events(tenant, { member_id: 'M-2' });
    expect(m2.items.map((e) => e.type)).toEqual(['pass.uninstalled', 'pass.installed', 'pass.created']);

    const day2 = await insights.events(tenant, { from: '2026-01-02T00:00:00Z', to: '2026-01-03T00:00:00Z' });
    expect(day2.items).toHaveLength(4);
    expect((await insights.events(other, {})).items).toHaveLength(1);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(insights.events(tenant, { cursor: 'bogus' })).rejects.toMatchObject({ code: 'bad_request', errors: [{ field: 'cursor' }] });
  });
});
