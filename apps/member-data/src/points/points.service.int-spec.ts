import { UpdatePointsDto } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { memberDatabase } from '../database';
import { MembersService } from '../members/members.service';
import { MembershipsService } from '../memberships/memberships.service';
import { DEFAULT_PROGRAMME, tierFor } from '../memberships/programme';
import type { RetierQueue } from '../memberships/retier.queue';
import type { MemberDataConfig } from '../tokens';
import { PointsService } from './points.service';

describe('PointsService against Postgres', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let members: MembersService;
  let points: PointsService;

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_points');
    db = await openServiceDatabase({ ...memberDatabase, url: scratch.url, poolSize: 20 });
    // Re-tiering is not under test here; programmes are never replaced in this file.
    const memberships = new MembershipsService(db, { schedule: () => undefined } as unknown as RetierQueue);
    members = new MembersService(db, memberships, undefined as never, {} as MemberDataConfig);
    points = new PointsService(db, memberships);
  });
  afterAll(async () => {
    await db.destroy();
    await scratch.drop();
  });

  const operation = fc.record({
    operation: fc.constantFrom('add' as const, 'subtract' as const, 'set' as const),
    points: fc.integer({ min: 0, max: 400 }),
  });

  it('matches a sequential model for any sequence of operations, ledger and events included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        const tenantId = randomUUID();
        await members.register(tenantId, { member_id: 'MODEL' });
        let model = 0;
        for (const op of ops) {
          const previous = model;
          model = op.operation === 'add' ? model + op.points : op.operation === 'subtract' ? Math.max(0, model - op.points) : op.points;
          const result = await points.change(tenantId, 'MODEL', op as UpdatePointsDto);
          expect(result).toEqual(
            expect.objectContaining({
              points: model,
              previous_points: previous,
              tier: tierFor(DEFAULT_PROGRAMME.tiers, model),
              previous_tier: tierFor(DEFAULT_PROGRAMME.tiers, previous),
              was_duplicate: false,
            }),
          );
        }
        await expectConsistent(tenantId, 'MODEL', model, ops.length);
      }),
      { numRuns: 15 },
    );
  });

  it('stays consistent when random operations run all at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 2, maxLength: 40 }), async (ops) => {
        const tenantId = randomUUID();
        await members.register(tenantId, { member_id: 'RACE' });
        const results = await Promise.all(ops.map((op) => points.change(tenantId, 'RACE', op as UpdatePointsDto)));
        // Some serial order of the operations explains every answer: replay it by ledger order.
        const ledger = await db.query(
          `SELECT t.delta, t.balance_after, t.operation FROM member.point_transactions t JOIN member.members m ON m.id = t.member_pk
           WHERE m.tenant_id = $1 ORDER BY t.created_at, t.id`,
          [tenantId],
        );
        let balance = 0;
        for (const row of ledger) {
          expect(row.balance_after).toBe(balance + row.delta);
          expect(row.balance_after).toBeGreaterThanOrEqual(0);
          balance = row.balance_after;
        }
        expect(results.every((r) => r.points >= 0)).toBe(true);
        await expectConsistent(tenantId, 'RACE', balance, ops.length);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses to rewrite the ledger: it is append-only', async () => {
    const tenantId = randomUUID();
    await members.register(tenantId, { member_id: 'LEDGER' });
    await points.change(tenantId, 'LEDGER', { points: 5, operation: 'add' });
    await expect(db.query('UPDATE member.point_transactions SET delta = 500 WHERE tenant_id = $1', [tenantId])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM member.point_transactions WHERE tenant_id = $1', [tenantId])).rejects.toThrow(/append-only/);
  });

  /** Balance = ledger sum, tier follows the balance, one ledger row per call, one event per change. */
  async function expectConsistent(tenantId: string, memberId: string, expected: number, calls: number): Promise<void> {
    const [member] = await db.query('SELECT id, points, tier FROM member.members WHERE tenant_id = $1 AND member_id = $2', [tenantId, memberId]);
    expect(member.points).toBe(expected);
    expect(member.tier).toBe(tierFor(DEFAULT_PROGRAMME.tiers, expected));
    const [{ rows, total, moved }] = await db.query(
      `SELECT count(*)::int AS rows, coalesce(sum(delta), 0)::int AS total, count(*) FILTER (WHERE delta <> 0)::int AS moved
       FROM member.point_transactions WHERE member_pk = $1`,
      [member.id],
    );
    expect({ rows, total }).toEqual({ rows: calls, total: expected });
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM member.outbox WHERE type = 'member.points_changed' AND data->>'member_uuid' = $1`, [member.id]);
    expect(events).toBe(moved);
  }
});
