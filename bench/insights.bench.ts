// Insights at a million events for one tenant. The metrics endpoint reads the hour/day rollups
// that the event consumer keeps on insert; the baseline computes the same counts from the raw
// event log (which has its (tenant_id, occurred_at) index), as a rollup-less design would.
// Both run against one scratch database in this run, after a check that they agree; the write
// cost of keeping rollups is measured too. The scratch database is dropped at the end.
import { DomainEvent, EventType } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { notificationDatabase } from '../apps/notification/src/database';
import { EventLogEntry } from '../apps/notification/src/event-log/event-log-entry.entity';
import { EventLogSubscriber } from '../apps/notification/src/event-log/event-log.subscriber';
import { InsightsService } from '../apps/notification/src/insights/insights.service';
import { MetricRollupRecorder } from '../apps/notification/src/insights/metric-rollup.recorder';
import type { PassPushDispatcher } from '../apps/notification/src/push/pass-push.dispatcher';
import type { WebhookDispatcher } from '../apps/notification/src/webhooks/webhook.dispatcher';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const EVENTS = 1_000_000;
const RUNS = 15;
const TYPES: EventType[] = [
  'member.created',
  'member.points_changed',
  'member.tier_changed',
  'pass.created',
  'pass.updated',
  'pass.installed',
  'pass.uninstalled',
  'sms.sent',
  'sms.delivered',
  'link.clicked',
  'pass.updated',
  'member.points_changed',
  'link.clicked',
  'pass.created',
];

/** The counts straight from the log: what the rollups hold, computed at query time. */
const RAW_METRICS = `
  FROM notification.event_log e
  CROSS JOIN LATERAL unnest(CASE e.type
    WHEN 'pass.created' THEN ARRAY['passes_created_' || (e.data->>'pass_type')]
    WHEN 'pass.installed' THEN ARRAY['installs', 'installs_' || (e.data->>'channel')]
    WHEN 'pass.uninstalled' THEN ARRAY['uninstalls']
    WHEN 'pass.updated' THEN ARRAY['updates_pushed']
    WHEN 'sms.sent' THEN ARRAY['sms_sent']
    WHEN 'sms.delivered' THEN ARRAY['sms_delivered']
    WHEN 'link.clicked' THEN ARRAY['link_clicks']
    ELSE ARRAY[]::text[] END) AS m`;

function rawMetricsQuery(interval: 'hour' | 'day'): string {
  return `SELECT date_trunc('${interval}', e.occurred_at AT TIME ZONE 'UTC') AS start, m AS metric, count(*)::bigint AS count
    ${RAW_METRICS}
    WHERE e.tenant_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 GROUP BY 1, 2`;
}

async function p50(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function loadMillion(db: DataSource, tenant: string, now: Date): Promise<void> {
  const types = `ARRAY[${TYPES.map((t) => `'${t}'`).join(',')}]`;
  for (let offset = 0; offset < EVENTS; offset += 200_000) {
    await db.query(
      `INSERT INTO notification.event_log (id, tenant_id, type, member_id, occurred_at, data)
       SELECT gen_random_uuid(), $1, t.type, 'M-' || (g % 50000), $2::timestamptz - random() * interval '365 days',
              jsonb_build_object('member_id', 'M-' || (g % 50000), 'pass_id', gen_random_uuid(),
                                 'pass_type', CASE WHEN g % 3 = 0 THEN 'google' ELSE 'apple' END,
                                 'channel', (ARRAY['sms', 'page', 'api'])[1 + g % 3])
       FROM generate_series($3::int, $4::int) AS g, LATERAL (SELECT (${types})[1 + (g::bigint * 7919) % ${TYPES.length}] AS type) AS t`,
      [tenant, now, offset + 1, offset + 200_000],
    );
  }
  // The rollups the consumer would have kept while these arrived one by one.
  await db.query(
    `INSERT INTO notification.metric_rollups (tenant_id, period, bucket_start, metric, count)
     SELECT e.tenant_id, p, date_trunc(p, e.occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', m, count(*) ${RAW_METRICS}
     CROSS JOIN unnest(ARRAY['hour', 'day']) AS p
     WHERE e.tenant_id = $1 GROUP BY 1, 2, 3, 4`,
    [tenant],
  );
  await db.query('ANALYZE notification.event_log');
  await db.query('ANALYZE notification.metric_rollups');
}

function sampleEvent(tenant: string, i: number, now: Date): DomainEvent {
  const type = TYPES[i % TYPES.length];
  const pass = { pass_id: randomUUID(), member_id: `M-${i % 100}`, pass_type: i % 3 === 0 ? 'google' : 'apple' } as const;
  const occurredAt = new Date(now.getTime() - (i % 72) * 3600_000).toISOString();
  const channel = (['sms', 'page', 'api'] as const)[i % 3];
  const data: Record<string, unknown> = { ...pass, channel, status: 'active', cause: 'member', serial_number: `s${i}`, message_id: `m${i}`, short_code: `c${i}`, member_uuid: randomUUID(), version: 1 };
  return { id: randomUUID(), type, tenantId: tenant, occurredAt, data } as unknown as DomainEvent;
}

/** Events per second through the consumer's handler: log row + rollups, or the log row alone. */
async function writeRate(db: DataSource, handler: (event: DomainEvent, tx: EntityManager) => Promise<void>, now: Date, count: number): Promise<number> {
  const tenant = randomUUID();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const event = sampleEvent(tenant, i, now);
    await db.transaction((tx) => handler(event, tx));
  }
  return count / ((performance.now() - started) / 1000);
}

export default async function run(): Promise<BenchRow[]> {
  const scratch = await scratchDatabase('wp_bench_insights');
  const db = await openServiceDatabase({ ...notificationDatabase, url: scratch.url });
  try {
    const now = new Date();
    const insights = new InsightsService(db);
    const subscriber = new EventLogSubscriber(
      new MetricRollupRecorder(),
      { dispatch: async () => 0 } as unknown as WebhookDispatcher,
      { dispatch: async () => undefined } as unknown as PassPushDispatcher,
    );
    const handle = (event: DomainEvent, tx: EntityManager) => (subscriber.handlers[event.type] as (e: DomainEvent, t: EntityManager) => Promise<void>)(event, tx);

    // The rollups kept by the real handler agree with counts taken from the raw log.
    const checked = randomUUID();
    for (let i = 0; i < 2000; i++) {
      const event = { ...sampleEvent(checked, i, now) } as DomainEvent;
      await db.transaction((tx) => handle(event, tx));
    }
    await expectSameCounts(db, insights, checked, now);

    const rowsWithRollup = await writeRate(db, handle, now, 1000);
    const logOnly = await writeRate(db, (event, tx) => tx.insert(EventLogEntry, { id: event.id, tenantId: event.tenantId, type: event.type, memberId: 'member_id' in event.data ? event.data.member_id : null, occurredAt: new Date(event.occurredAt), data: event.data }).then(() => undefined), now, 1000);

    const tenant = randomUUID();
    await loadMillion(db, tenant, now);
    await expectSameCounts(db, insights, tenant, now);

    const rows: BenchRow[] = [];
    const ranges = [
      { name: 'metrics, one year by day', interval: 'day' as const, from: new Date(now.getTime() - 365 * 86_400_000) },
      { name: 'metrics, 30 days by day', interval: 'day' as const, from: new Date(now.getTime() - 30 * 86_400_000) },
      { name: 'metrics, 48 hours by hour', interval: 'hour' as const, from: new Date(now.getTime() - 48 * 3600_000) },
    ];
    for (const range of ranges) {
      const query = { from: range.from.toISOString(), to: now.toISOString(), interval: range.interval };
      const baseline = await p50(() => db.query(rawMetricsQuery(range.interval), [tenant, range.from, now]));
      const value = await p50(() => insights.metrics(tenant, query));
      rows.push({ name: `${range.name}, 1M events (p50; baseline: raw event log)`, unit: 'ms', baseline, value, lowerIsBetter: true });
    }
    rows.push({ name: 'events list, first page of one type, 1M events (p50)', unit: 'ms', baseline: null, value: await p50(() => insights.events(tenant, { type: 'sms.delivered', limit: 20 })), lowerIsBetter: true });
    rows.push({ name: 'events list, one member, 1M events (p50)', unit: 'ms', baseline: null, value: await p50(() => insights.events(tenant, { member_id: 'M-4242', limit: 20 })), lowerIsBetter: true });
    rows.push({ name: 'event consumer writes with rollups (baseline: log row only)', unit: 'events/s', baseline: logOnly, value: rowsWithRollup });
    return rows;
  } finally {
    await db.destroy();
    await scratch.drop();
  }
}

async function expectSameCounts(db: DataSource, insights: InsightsService, tenant: string, now: Date): Promise<void> {
  const from = new Date(now.getTime() - 365 * 86_400_000);
  const view = await insights.metrics(tenant, { from: from.toISOString(), to: now.toISOString(), interval: 'day' });
  const raw: Array<{ metric: string; count: string }> = await db.query(
    `SELECT m AS metric, count(*)::bigint AS count ${RAW_METRICS} WHERE e.tenant_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 GROUP BY 1`,
    [tenant, new Date(view.from), new Date(view.to)],
  );
  const expected = Object.fromEntries(raw.map((r) => [r.metric, Number(r.count)]));
  const t = view.totals;
  const got: Record<string, number> = {
    passes_created_apple: t.passes_created_apple,
    passes_created_google: t.passes_created_google,
    installs: t.installs,
    installs_sms: t.installs_by_channel.sms,
    installs_page: t.installs_by_channel.page,
    installs_api: t.installs_by_channel.api,
    uninstalls: t.uninstalls,
    updates_pushed: t.updates_pushed,
    sms_sent: t.sms_sent,
    sms_delivered: t.sms_delivered,
    link_clicks: t.link_clicks,
  };
  for (const [metric, count] of Object.entries(got)) {
    if ((expected[metric] ?? 0) !== count) throw new Error(`rollup ${metric} = ${count}, raw log says ${expected[metric] ?? 0}`);
  }
}
