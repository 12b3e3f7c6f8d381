import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { memberDatabase } from '../database';
import { MembersService } from '../members/members.service';
import { PointsService } from '../points/points.service';
import type { MemberDataConfig } from '../tokens';
import { MembershipsService } from './memberships.service';
import type { RetierQueue } from './retier.queue';
import { RetierService } from './retier.service';

describe('re-tiering after a programme is replaced', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let members: MembersService;
  let points: PointsService;
  let memberships: MembershipsService;
  let retier: RetierService;
  const scheduled: Array<{ tenantId: string; version: number }> = [];

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_retier');
    db = await openServiceDatabase({ ...memberDatabase, url: scratch.url });
    const queue = { schedule: (tenantId: string, version: number) => void scheduled.push({ tenantId, version }) } as unknown as RetierQueue;
    memberships = new MembershipsService(db, queue);
    members = new MembersService(db, memberships, undefined as never, {} as MemberDataConfig);
    points = new PointsService(db, memberships);
    retier = new RetierService(db, { RETIER_PAGE_SIZE: 2 } as MemberDataConfig);
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  it('moves every member page by page, records tier_changed for the moved ones only, and settles what is owed', async () => {
    const tenantId = randomUUID();
    const balances: Record<string, number> = { A: 0, B: 150, C: 250, D: 900, E: 101 };
    for (const [id, balance] of Object.entries(balances)) {
      await members.register(tenantId, { member_id: id });
      if (balance) await points.change(tenantId, id, { points: balance, operation: 'set' });
    }
    const view = await memberships.replace(tenantId, {
      name: 'Two tiers',
      tiers: [
        { tier_name: 'silver', min_points: 101, max_points: 200 },
        { tier_name: 'bronze', min_points: 0, max_points: 100 },
      ],
    });
    expect(view.tiers.map((t) => t.tier_name)).toEqual(['bronze', 'silver']);
    expect(scheduled).toContainEqual({ tenantId, version: 1 });
    expect(await retier.owed()).toContainEqual({ tenantId, version: 1 });

    let after: string | null = null;
    let pages = 0;
    do {
      const page = await retier.retierPage(tenantId, after);
      after = page.next;
      pages += 1;
    } while (after);
    await retier.markDone(tenantId, 1);
    expect(pages).toBe(3);
    expect(await retier.owed()).not.toContainEqual({ tenantId, version: 1 });

    const tiers = await db.query('SELECT member_id, tier FROM member.members WHERE tenant_id = $1 ORDER BY member_id', [tenantId]);
    expect(tiers).toEqual([
      { member_id: 'A', tier: 'bronze' },
      { member_id: 'B', tier: 'silver' },
      { member_id: 'C', tier: 'silver' },
      { member_id: 'D', tier: 'silver' },
      { member_id: 'E', tier: 'silver' },
    ]);
    const events = await db.query(
      `SELECT data->>'member_id' AS member_id, data->>'previous_tier' AS previous_tier, data->>'tier' AS tier FROM member.outbox
       WHERE tenant_id = $1 AND type = 'member.tier_changed' AND data->>'reason' = 'programme' ORDER BY 1`,
      [tenantId],
    );
    expect(events).toEqual([
      { member_id: 'C', previous_tier: 'gold', tier: 'silver' },
      { member_id: 'D', previous_tier: 'gold', tier: 'silver' },
    ]);

    // Running it again moves nobody.
    expect((await retier.retierPage(tenantId, null)).moved).toBe(0);
  });
});
