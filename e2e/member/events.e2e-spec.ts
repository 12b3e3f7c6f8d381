import { EVENT_QUEUES } from '@wp/contracts';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { FleetDatabase, changePoints, clearFleetKeys, registerMember } from './member.helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// A job that was running when its worker was killed comes back once its lock expires (30 s).
const REDELIVERY_MS = 90_000;

/**
 * No event is lost when a service restarts: member events are recorded in
 * member-data's outbox with the change, relayed to one queue per consumer, and handled once.
 */
describe('durable member events', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let db: FleetDatabase;
  let redis: Redis;
  let passQueue: Queue;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    db = await FleetDatabase.open(fleet);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    passQueue = new Queue(EVENT_QUEUES['pass-generation'], { connection: redis, prefix: fleet.namespace });
  });
  afterAll(async () => {
    await passQueue?.close();
    await db?.close();
    await fleet?.stop();
    if (fleet) await clearFleetKeys(redis, fleet.namespace);
    await redis?.quit();
  });

  /** Waits until the notification service's event log holds exactly the outbox's events of a type. */
  async function expectLoggedExactlyOnce(type: string, memberId: string): Promise<string[]> {
    const produced = await db.outboxIds(type, memberId);
    await waitFor(
      `every ${type} of ${memberId} in the event log`,
      async () => ((await db.eventLog(type, memberId)).length === produced.length ? true : undefined),
      REDELIVERY_MS,
      200,
    );
    expect((await db.eventLog(type, memberId)).map((r) => r.id)).toEqual(produced);
    const processed = await db.query<{ event_id: string; times: number }>(
      `SELECT event_id, count(*)::int AS times FROM notification.processed_events WHERE consumer = 'notification' AND event_id = ANY($1::uuid[]) GROUP BY event_id ORDER BY event_id`,
      [produced],
    );
    expect(processed).toEqual(produced.map((id) => ({ event_id: id, times: 1 })));
    return produced;
  }

  /**
   * The pass-generation queue (no consumer yet) holds each routed event once: alone in a job
   * under the event's id, or in a job the relay grouped with others of the same round.
   */
  async function expectQueuedOnceForPassGeneration(memberId: string): Promise<void> {
    const routed = [...(await db.outboxIds('member.points_changed', memberId)), ...(await db.outboxIds('member.tier_changed', memberId))].sort();
    const queued = await waitFor('every routed event queued for pass-generation', async () => {
      const all = await passQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'], 0, -1);
      const events = all.flatMap((job): Array<{ jobId: string | null | undefined; event: any }> => ('events' in job.data ? (job.data.events as any[]).map((event) => ({ jobId: null, event })) : [{ jobId: job.id, event: job.data }]));
      const mine = events.filter(({ event }) => event.data.member_id === memberId);
      return mine.length >= routed.length ? mine : undefined;
    });
    expect(queued.map(({ event }) => event.id).sort()).toEqual(routed);
    for (const { jobId, event } of queued) if (jobId !== null) expect(jobId).toBe(event.id);
  }

  test('killing the consuming service while points change loses nothing and duplicates nothing', async () => {
    await registerMember(tenant.api, 'DUR-1');
    expect((await changePoints(tenant.api, 'DUR-1', { points: 1, operation: 'add', transaction_reference: 'dur-warm' })).status).toBe(200);
    await expectLoggedExactlyOnce('member.points_changed', 'DUR-1');

    // The consumer dies in the middle of a burst of changes...
    const burst = Promise.all(
      Array.from({ length: 25 }, (_, i) => changePoints(tenant.api, 'DUR-1', { points: 10, operation: 'add', transaction_reference: `dur-burst-${i}` })),
    );
    await fleet.kill('notification');
    const burstResponses = await burst;
    // ...and more change while it is down (crossing into silver and gold on the way).
    const whileDown = [];
    for (let i = 0; i < 15; i++) {
      whileDown.push(await changePoints(tenant.api, 'DUR-1', { points: 7, operation: 'add', transaction_reference: `dur-down-${i}` }));
    }
    expect([...burstResponses, ...whileDown].map((r) => r.status)).toEqual(Array(40).fill(200));
    const member = (await tenant.api.get('/v1/members/DUR-1')).body.data;
    expect(member.points).toBe(1 + 25 * 10 + 15 * 7);
    expect(member.tier).toBe('gold');
    expect(await db.outboxIds('member.points_changed', 'DUR-1')).toHaveLength(41);

    await fleet.restart('notification');

    const delivered = await expectLoggedExactlyOnce('member.points_changed', 'DUR-1');
    expect(delivered).toHaveLength(41);
    const tierChanges = await expectLoggedExactlyOnce('member.tier_changed', 'DUR-1');
    expect(tierChanges).toHaveLength(2);
    const logged = await db.eventLog('member.points_changed', 'DUR-1');
    expect(logged.map((r) => r.data.transaction_reference).sort()).toEqual(
      ['dur-warm', ...Array.from({ length: 25 }, (_, i) => `dur-burst-${i}`), ...Array.from({ length: 15 }, (_, i) => `dur-down-${i}`)].sort(),
    );
    expect(logged.every((r) => r.tenant_id === tenant.tenantId)).toBe(true);
    await expectQueuedOnceForPassGeneration('DUR-1');
    // A duplicate delivery would have hit the event log's primary key and failed the job.
    expect(fleet.logs('notification').filter((line) => line.includes('event handler failed'))).toEqual([]);
  }, 3 * REDELIVERY_MS);

  test('killing the producer mid-burst loses no committed change or event, and applies none half-way', async () => {
    await registerMember(tenant.api, 'DUR-2');
    const burst = Promise.all(
      Array.from({ length: 30 }, (_, i) => changePoints(tenant.api, 'DUR-2', { points: 3, operation: 'add', transaction_reference: `dur2-${i}` })),
    );
    await waitFor('some of the burst committed', async () => ((await db.outboxIds('member.points_changed', 'DUR-2')).length >= 3 ? true : undefined));
    await fleet.kill('member-data');
    const responses = await burst;
    expect(responses.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    await fleet.restart('member-data');

    const ledger = (await tenant.api.get('/v1/members/DUR-2/transactions?limit=100')).body.data as Array<{ delta: number; transaction_reference: string }>;
    const balance = (await tenant.api.get('/v1/members/DUR-2')).body.data.points;
    expect(ledger.reduce((total, row) => total + row.delta, 0)).toBe(balance);
    expect(balance).toBe(3 * ledger.length);
    // Every call answered 200 was applied; a 503 may or may not have been, never half-way.
    const applied = new Set(ledger.map((row) => row.transaction_reference));
    for (const response of responses.filter((r) => r.status === 200)) expect(applied.has(response.body.data.transaction_reference)).toBe(true);

    const delivered = await expectLoggedExactlyOnce('member.points_changed', 'DUR-2');
    expect(delivered).toHaveLength(ledger.length);
  }, 2 * REDELIVERY_MS);
});
