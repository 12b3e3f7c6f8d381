import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { changePoints, expectError, listAll, registerMember } from './member.helpers';

/** Tenant isolation is absolute: another tenant's member ids answer 404 and stay untouched. */
describe('member data across tenants', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenantA: TenantFixture;
  let tenantB: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    tenantA = await onboardTenant(fleet, admin, 'Tenant A');
    tenantB = await onboardTenant(fleet, admin, 'Tenant B');
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  test("tenant B reading, patching, deleting or changing points of A's member gets 404, and A's data is unchanged", async () => {
    await registerMember(tenantA.api, 'SHARED-1', { member_name: 'Alice A', member_email: 'alice@a.example', phone_number: '+14155550100' });
    expect((await changePoints(tenantA.api, 'SHARED-1', { points: 150, operation: 'set', transaction_reference: 'a-ref-1' })).status).toBe(200);
    const before = (await tenantA.api.get('/v1/members/SHARED-1')).body.data;
    const ledgerBefore = (await tenantA.api.get('/v1/members/SHARED-1/transactions')).body.data;

    expectError(await tenantB.api.get('/v1/members/SHARED-1'), 404);
    expectError(await tenantB.api.get('/v1/members/SHARED-1/transactions'), 404);
    expectError(await tenantB.api.patch('/v1/members/SHARED-1', { member_name: 'Mallory' }), 404);
    expectError(await changePoints(tenantB.api, 'SHARED-1', { points: 1000, operation: 'set' }), 404);
    // A's reference means nothing to B either: no replay of A's result leaks across.
    expectError(await changePoints(tenantB.api, 'SHARED-1', { points: 5, operation: 'add', transaction_reference: 'a-ref-1' }), 404);
    expectError(await tenantB.api.delete('/v1/members/SHARED-1'), 404);
    expect((await listAll(tenantB.api, '/v1/members')).map((m) => m.member_id)).not.toContain('SHARED-1');
    expect((await listAll(tenantB.api, '/v1/members?tier=silver')).map((m) => m.member_id)).not.toContain('SHARED-1');

    expect((await tenantA.api.get('/v1/members/SHARED-1')).body.data).toEqual(before);
    expect((await tenantA.api.get('/v1/members/SHARED-1/transactions')).body.data).toEqual(ledgerBefore);
    expect(before).toEqual(expect.objectContaining({ member_name: 'Alice A', member_email: 'alice@a.example', points: 150, tier: 'silver' }));
  });

  test('the same member id and reference in two tenants are two independent members', async () => {
    await registerMember(tenantA.api, 'SHARED-2');
    const b = await registerMember(tenantB.api, 'SHARED-2', { member_name: 'Bob B' });
    expect(b.points).toBe(0);

    const inA = await changePoints(tenantA.api, 'SHARED-2', { points: 40, operation: 'add', transaction_reference: 'same-ref' });
    const inB = await changePoints(tenantB.api, 'SHARED-2', { points: 7, operation: 'add', transaction_reference: 'same-ref' });
    expect(inA.body.data).toEqual(expect.objectContaining({ points: 40, was_duplicate: false }));
    expect(inB.body.data).toEqual(expect.objectContaining({ points: 7, was_duplicate: false }));

    expect((await tenantB.api.delete('/v1/members/SHARED-2')).status).toBe(200);
    expect((await tenantA.api.get('/v1/members/SHARED-2')).body.data.points).toBe(40);
    expectError(await tenantB.api.get('/v1/members/SHARED-2'), 404);
  });

  test("a tenant's programme applies to its own members only", async () => {
    await registerMember(tenantA.api, 'PROG-A');
    await registerMember(tenantB.api, 'PROG-B');
    const programme = await tenantB.api.post('/v1/memberships', {
      name: 'B Club',
      tiers: [
        { tier_name: 'member', min_points: 0, max_points: 9 },
        { tier_name: 'vip', min_points: 10, max_points: 0 },
      ],
    });
    expect(programme.status).toBe(201);

    expect((await changePoints(tenantB.api, 'PROG-B', { points: 50, operation: 'set' })).body.data.tier).toBe('vip');
    expect((await changePoints(tenantA.api, 'PROG-A', { points: 50, operation: 'set' })).body.data.tier).toBe('bronze');
    expect((await tenantA.api.get('/v1/memberships')).body.data.is_default).toBe(true);
  });
});
