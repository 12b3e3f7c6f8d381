import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { BATCH_FLEET_ENV, createOps, memberIds, passesPerMember, postOversized, registerMembers, waitForBatch, withDatabase } from './batch.helpers';

/**
 * POST /v1/batch and GET /v1/batch/{id} end to end: a large batch of creates, per-operation
 * failures that do not stop a batch, validation of the whole shape up front, the raised body
 * limit of this one route, and tenant isolation.
 */
describe('batch operations', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: BATCH_FLEET_ENV });
    admin = await bootstrapAdmin(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  async function createPass(tenant: TenantFixture, memberId: string): Promise<string> {
    const response = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Batch Coffee' });
    expect(response.status).toBe(201);
    return response.body.data.pass_id;
  }

  async function batchesOf(tenant: TenantFixture): Promise<number> {
    return withDatabase(fleet.databaseUrl, async (client) => {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pass.batches WHERE tenant_id = $1', [tenant.tenantId]);
      return rows[0].n;
    });
  }

  test('2,000 create_pass operations complete with the right counts: one pass per member', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const ids = memberIds('BULK', 2000);
    await registerMembers(tenant, ids);

    const submitted = await tenant.api.post('/v1/batch', { operations: createOps(ids) });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ status: 'success', data: { batch_id: expect.any(String), state: 'queued', total: 2000 } });

    const batch = await waitForBatch(tenant, submitted.body.data.batch_id, (b) => b.state === 'completed');
    expect(batch).toMatchObject({ batch_id: submitted.body.data.batch_id, state: 'completed', total: 2000, succeeded: 2000, failed: 0, pending: 0, errors: [] });
    expect(Date.parse(batch.completed_at)).toBeGreaterThanOrEqual(Date.parse(batch.started_at));

    const perMember = await passesPerMember(fleet.databaseUrl, tenant.tenantId);
    expect(perMember.size).toBe(2000);
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);
    // What an integrator sees: the member's one pass, an Apple pass that downloads.
    const listed = await tenant.api.get(`/v1/passes?member_id=${ids[1234]}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ member_id: ids[1234], pass_type: 'apple', status: 'active' })]);
    const download = await tenant.api.get(`/v1/passes/${listed.body.data[0].pass_id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/vnd.apple.pkpass');
  }, 1_200_000); // bounded by waitForBatch's stall detection, not by a guess at the machine's speed

  test('failed operations are reported one by one, the others take effect, and the batch completes', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const other = await onboardTenant(fleet, admin);
    await registerMembers(tenant, ['MIX-1', 'MIX-2', 'MIX-3']);
    await registerMembers(other, ['THEIRS-1']);
    const [toBlock, toVoid, alreadyVoided] = [await createPass(tenant, 'MIX-1'), await createPass(tenant, 'MIX-2'), await createPass(tenant, 'MIX-3')];
    expect((await tenant.api.post(`/v1/passes/${alreadyVoided}/void`)).status).toBe(200);
    const theirs = await createPass(other, 'THEIRS-1');

    const submitted = await tenant.api.post('/v1/batch', {
      operations: [
        { op: 'create_pass', member_id: 'MIX-1', pass_type: 'apple', company_name: 'Batch Coffee' },
        { op: 'create_pass', member_id: 'NOBODY', pass_type: 'apple', company_name: 'Batch Coffee' },
        { op: 'update_pass', pass_id: toBlock, status: 'blocked' },
        { op: 'void_pass', pass_id: toVoid },
        { op: 'update_pass', pass_id: theirs, status: 'blocked' },
        { op: 'void_pass', pass_id: theirs },
        { op: 'update_pass', pass_id: alreadyVoided, expiration_date: '2030-01-01T00:00:00Z' },
        { op: 'void_pass', pass_id: randomUUID() },
        { op: 'create_pass', member_id: 'MIX-2', pass_type: 'google', company_name: 'Batch Coffee' },
      ],
    });
    expect(submitted.status).toBe(202);

    const batch = await waitForBatch(tenant, submitted.body.data.batch_id, (b) => b.state === 'completed', 60_000);
    expect(batch).toMatchObject({ state: 'completed', total: 9, succeeded: 3, failed: 6, pending: 0 });
    expect(batch.errors).toEqual([
      { index: 1, op: 'create_pass', code: 'not_found', message: 'Member not found' },
      { index: 4, op: 'update_pass', code: 'not_found', message: 'Pass not found' },
      { index: 5, op: 'void_pass', code: 'not_found', message: 'Pass not found' },
      { index: 6, op: 'update_pass', code: 'conflict', message: expect.stringContaining('voided') },
      { index: 7, op: 'void_pass', code: 'not_found', message: 'Pass not found' },
      { index: 8, op: 'create_pass', code: 'unprocessable', message: expect.stringContaining('Google') },
    ]);

    expect((await tenant.api.get(`/v1/passes/${toBlock}`)).body.data.status).toBe('blocked');
    expect((await tenant.api.get(`/v1/passes/${toVoid}`)).body.data.status).toBe('voided');
    expect((await tenant.api.get('/v1/passes?member_id=MIX-1')).body.data).toHaveLength(2);
    // Another tenant's pass is not found, and stays exactly as it was.
    expect((await other.api.get(`/v1/passes/${theirs}`)).body.data).toMatchObject({ status: 'active', version: 1 });
  }, 600_000);

  test('one malformed operation rejects the whole batch with a 400 naming each bad field, and nothing is recorded', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const response = await tenant.api.post('/v1/batch', {
      operations: [
        { op: 'create_pass', member_id: 'OK-1', pass_type: 'apple', company_name: 'Batch Coffee' },
        { op: 'create_pass', member_id: 'not a member id!', pass_type: 'apple', company_name: 'Batch Coffee' },
        { op: 'update_pass', pass_id: randomUUID() },
        { op: 'explode', pass_id: randomUUID() },
        { op: 'void_pass', pass_id: 'abc', note: 'typo' },
        'create_pass',
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 'error', message: 'Validation failed' });
    const fields = (response.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining(['operations.1.member_id', 'operations.2.status', 'operations.3.op', 'operations.4.pass_id', 'operations.4.note', 'operations.5']),
    );
    expect(fields.some((field) => field.startsWith('operations.0'))).toBe(false);
    expect(response.body.errors).toEqual(expect.arrayContaining([{ field: 'operations.2.status', message: 'send status, expiration_date or both' }]));

    for (const body of [{}, { operations: [] }, { operations: 'create_pass' }]) {
      const rejected = await tenant.api.post('/v1/batch', body);
      expect({ status: rejected.status, fields: rejected.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: expect.arrayContaining(['operations']) });
    }
    expect(await batchesOf(tenant)).toBe(0);
  });

  test('the batch route reads bodies beyond the 1 MiB JSON limit, up to 8 MiB, and caps a batch at 10,000 operations', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const company = 'C'.repeat(150);
    // 10,001 operations: about 2.3 MB, over the ordinary limit; refused for its count, not its size.
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ op: 'create_pass', member_id: `M-${i}`, pass_type: 'apple', company_name: company }));
    expect(JSON.stringify({ operations: tooMany }).length).toBeGreaterThan(1024 * 1024);
    const counted = await tenant.api.post('/v1/batch', { operations: tooMany });
    expect(counted.status).toBe(400);
    expect(counted.body.errors).toEqual([{ field: 'operations', message: 'must hold at most 10,000 operations' }]);

    // Every other JSON route keeps 1 MiB.
    const single = JSON.stringify({ member_id: 'M-1', pass_type: 'apple', company_name: 'x', padding: 'p'.repeat(2 * 1024 * 1024) });
    expect(await postOversized(fleet.baseUrl, '/v1/passes/create-from-member', tenant.apiKey, single)).toBe(413);
    const overEight = JSON.stringify({ operations: [], padding: 'p'.repeat(9 * 1024 * 1024) });
    expect(await postOversized(fleet.baseUrl, '/v1/batch', tenant.apiKey, overEight)).toBe(413);
    expect(await batchesOf(tenant)).toBe(0);
  });

  test("a batch is not found by another tenant, nor by an id that does not exist", async () => {
    const tenant = await onboardTenant(fleet, admin);
    const other = await onboardTenant(fleet, admin);
    await registerMembers(tenant, ['ISO-1']);
    const submitted = await tenant.api.post('/v1/batch', { operations: createOps(['ISO-1']) });
    expect(submitted.status).toBe(202);
    const batchId = submitted.body.data.batch_id as string;

    expect((await tenant.api.get(`/v1/batch/${batchId}`)).status).toBe(200);
    for (const [client, id] of [
      [other, batchId],
      [tenant, randomUUID()],
      [tenant, 'not-a-batch'],
    ] as const) {
      const response = await client.api.get(`/v1/batch/${id}`);
      expect({ status: response.status, message: response.body.message }).toEqual({ status: 404, message: 'Batch not found' });
    }
    const done = await waitForBatch(tenant, batchId, (b) => b.state === 'completed', 60_000);
    expect(done).toMatchObject({ succeeded: 1, failed: 0 });
  });
});
