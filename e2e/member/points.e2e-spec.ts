import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { UUID, changePoints, expectError, fieldsOf, listAll, registerMember } from './member.helpers';

interface LedgerRow {
  id: string;
  delta: number;
  balance_after: number;
  operation: string;
  transaction_reference: string;
}

/**
 * Points are atomic under any concurrency, against the real Postgres and through the gateway
 * (the ledger is append-only), and a transaction_reference makes a call idempotent.
 */
describe('points under concurrency', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;

  beforeAll(async () => {
    // 200 calls on one member queue on its row lock, one transaction after another; on a
    // busy machine the last waits longer than the harness's 5 s RPC deadline. Atomicity, not
    // latency, is under test here.
    fleet = await Fleet.start({ env: { RPC_TIMEOUT_MS: '30000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  async function balance(memberId: string): Promise<number> {
    const response = await tenant.api.get(`/v1/members/${memberId}`);
    expect(response.status).toBe(200);
    return response.body.data.points;
  }

  const ledger = (memberId: string) => listAll<LedgerRow>(tenant.api, `/v1/members/${memberId}/transactions`);
  const sum = (rows: LedgerRow[]) => rows.reduce((total, row) => total + row.delta, 0);

  test('200 parallel "add 1" calls with distinct references end exactly 200 higher, with 200 ledger rows summing to the balance', async () => {
    await registerMember(tenant.api, 'CONC-ADD');
    expect((await changePoints(tenant.api, 'CONC-ADD', { points: 7, operation: 'set' })).status).toBe(200);

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => changePoints(tenant.api, 'CONC-ADD', { points: 1, operation: 'add', transaction_reference: `add-${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(responses.every((r) => r.body.data.was_duplicate === false)).toBe(true);
    // Each call saw a distinct balance: nothing was lost to a read-modify-write race.
    expect(responses.map((r) => r.body.data.points).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => 8 + i));

    expect(await balance('CONC-ADD')).toBe(207);
    const rows = await ledger('CONC-ADD');
    expect(rows).toHaveLength(201);
    expect(rows.filter((r) => r.operation === 'add')).toHaveLength(200);
    expect(sum(rows)).toBe(207);
    // Newest first, and in the order the changes were applied.
    expect(rows.map((r) => r.balance_after)).toEqual(Array.from({ length: 201 }, (_, i) => 207 - i));
  });

  test('50 parallel "subtract 10" calls from 100 end at 0, never negative, and the deltas still sum to the balance', async () => {
    await registerMember(tenant.api, 'CONC-SUB');
    expect((await changePoints(tenant.api, 'CONC-SUB', { points: 100, operation: 'set' })).status).toBe(200);

    const responses = await Promise.all(Array.from({ length: 50 }, () => changePoints(tenant.api, 'CONC-SUB', { points: 10, operation: 'subtract' })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.every((r) => r.body.data.points >= 0)).toBe(true);

    expect(await balance('CONC-SUB')).toBe(0);
    const rows = await ledger('CONC-SUB');
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => r.balance_after >= 0)).toBe(true);
    expect(rows.filter((r) => r.delta === -10)).toHaveLength(10);
    expect(rows.filter((r) => r.operation === 'subtract' && r.delta === 0)).toHaveLength(40);
    expect(sum(rows)).toBe(0);
  });

  test('50 parallel calls with one reference write one ledger row; exactly one is not a duplicate and all answer its result', async () => {
    await registerMember(tenant.api, 'CONC-REF');
    const reference = `order-${randomUUID()}`;
    const body = { points: 30, operation: 'add', description: 'Order 8812', transaction_reference: reference };

    const responses = await Promise.all(Array.from({ length: 50 }, () => changePoints(tenant.api, 'CONC-REF', body)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.filter((r) => r.body.data.was_duplicate === false)).toHaveLength(1);
    const first = { member_id: 'CONC-REF', points: 30, tier: 'bronze', previous_points: 0, previous_tier: 'bronze', operation: 'add', description: 'Order 8812', transaction_reference: reference };
    for (const response of responses) expect(response.body.data).toEqual({ ...first, was_duplicate: expect.any(Boolean) });

    expect(await balance('CONC-REF')).toBe(30);
    const rows = await ledger('CONC-REF');
    expect(rows.map((r) => r.transaction_reference)).toEqual([reference]);

    // A later repeat, even with another amount, changes nothing and answers the first result.
    const later = await changePoints(tenant.api, 'CONC-REF', { ...body, points: 999 });
    expect(later.body.data).toEqual({ ...first, was_duplicate: true });
    expect(await balance('CONC-REF')).toBe(30);
  });

  test('without a reference the server makes one and returns it; the returned one replays', async () => {
    await registerMember(tenant.api, 'REF-GEN');
    const first = await changePoints(tenant.api, 'REF-GEN', { points: 5, operation: 'add' });
    expect(first.status).toBe(200);
    expect(first.body.data.transaction_reference).toMatch(UUID);
    expect(first.body.data.description).toBeNull();

    const replay = await changePoints(tenant.api, 'REF-GEN', { points: 5, operation: 'add', transaction_reference: first.body.data.transaction_reference });
    expect(replay.body.data).toEqual({ ...first.body.data, was_duplicate: true });
    expect(await balance('REF-GEN')).toBe(5);
  });

  test('a reference already used for another member of the tenant is refused, not replayed', async () => {
    await registerMember(tenant.api, 'REF-A');
    await registerMember(tenant.api, 'REF-B');
    expect((await changePoints(tenant.api, 'REF-A', { points: 5, operation: 'add', transaction_reference: 'shared-ref' })).status).toBe(200);
    const other = await changePoints(tenant.api, 'REF-B', { points: 5, operation: 'add', transaction_reference: 'shared-ref' });
    expectError(other, 422);
    expect(fieldsOf(other)).toEqual(['transaction_reference']);
    expect(await balance('REF-B')).toBe(0);
  });

  test('set overwrites; subtract floors at 0; the ledger records the signed deltas', async () => {
    await registerMember(tenant.api, 'OPS');
    const steps = [
      [{ points: 40, operation: 'set' }, 40],
      [{ points: 15, operation: 'subtract' }, 25],
      [{ points: 100, operation: 'subtract' }, 0],
      [{ points: 12, operation: 'add' }, 12],
      [{ points: 3, operation: 'set' }, 3],
    ] as const;
    for (const [body, expected] of steps) {
      const response = await changePoints(tenant.api, 'OPS', body);
      expect(response.body.data.points).toBe(expected);
    }
    expect((await ledger('OPS')).map((r) => r.delta)).toEqual([-9, 12, -25, -15, 40]);
  });

  test('invalid amounts, operations, references and unknown fields are 400s naming the field', async () => {
    await registerMember(tenant.api, 'BAD-POINTS');
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ points: -1, operation: 'add' }, ['points']],
      [{ points: 1.5, operation: 'add' }, ['points']],
      [{ points: '10', operation: 'add' }, ['points']],
      [{ points: 10, operation: 'multiply' }, ['operation']],
      [{ points: 10 }, ['operation']],
      [{ point: 10, operation: 'add' }, ['point', 'points']],
      [{ points: 10, operation: 'add', transaction_reference: 'r'.repeat(65) }, ['transaction_reference']],
    ];
    for (const [body, fields] of cases) {
      const response = await changePoints(tenant.api, 'BAD-POINTS', body);
      expectError(response, 400);
      expect(fieldsOf(response).sort()).toEqual(fields);
    }
    const negative = await changePoints(tenant.api, 'BAD-POINTS', { points: -1, operation: 'add' });
    expect(negative.body.errors).toEqual([{ field: 'points', message: 'must be a non-negative integer' }]);
    expect(await balance('BAD-POINTS')).toBe(0);
    expectError(await changePoints(tenant.api, 'NO-SUCH-MEMBER', { points: 1, operation: 'add' }), 404);
  });
});
