import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FleetDatabase, UUID, changePoints, expectError, fieldsOf, listAll, registerMember } from './member.helpers';

/** The seed's member-data calls, sent verbatim through the gateway with a tenant's API key. */
describe('members and memberships through the gateway', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let db: FleetDatabase;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Member Seed Co');
    db = await FleetDatabase.open(fleet);
  });
  afterAll(async () => {
    await db?.close();
    await fleet?.stop();
  });

  describe('the seed walk-through', () => {
    // The seed's curl examples, with the Host of its member base URL (any host reaches the gateway).
    const seed = () => tenant.api.with({ host: 'member.walletpass.ai', 'content-type': 'application/json' });

    test('register → 201 with 0 points and the lowest tier', async () => {
      const response = await seed().post('/v1/members/register', {
        member_id: 'MEMBER-001',
        member_name: 'John Doe',
        member_email: 'john@example.com',
        phone_number: '+1234567890',
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        status: 'success',
        data: expect.objectContaining({
          id: expect.stringMatching(UUID),
          member_id: 'MEMBER-001',
          member_name: 'John Doe',
          member_email: 'john@example.com',
          phone_number: '+1234567890',
          points: 0,
          tier: 'bronze',
          created_at: expect.any(String),
        }),
      });
      expect(Number.isNaN(Date.parse(response.body.data.created_at))).toBe(false);
    });

    test('points set to 150 → silver; add 25 then subtract 10 → 165 silver', async () => {
      const set = await changePoints(seed(), 'MEMBER-001', { points: 150, operation: 'set', description: 'Opening balance' });
      expect(set.status).toBe(200);
      expect(set.body.data).toEqual(
        expect.objectContaining({ member_id: 'MEMBER-001', points: 150, tier: 'silver', previous_points: 0, previous_tier: 'bronze', operation: 'set', was_duplicate: false }),
      );

      const add = await changePoints(seed(), 'MEMBER-001', { points: 25, operation: 'add', description: 'Purchase bonus' });
      expect(add.status).toBe(200);
      expect(add.body).toEqual({
        status: 'success',
        data: {
          member_id: 'MEMBER-001',
          points: 175,
          tier: 'silver',
          previous_points: 150,
          previous_tier: 'silver',
          operation: 'add',
          description: 'Purchase bonus',
          transaction_reference: expect.stringMatching(UUID),
          was_duplicate: false,
        },
      });

      const redeem = await changePoints(seed(), 'MEMBER-001', { points: 10, operation: 'subtract', description: 'Reward redeem' });
      expect(redeem.status).toBe(200);
      expect(redeem.body.data).toEqual(expect.objectContaining({ points: 165, tier: 'silver', previous_points: 175, operation: 'subtract', description: 'Reward redeem' }));
    });

    test('get member → points, tier and the passes pass-generation reports (none yet)', async () => {
      const response = await seed().get('/v1/members/MEMBER-001');
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual(
        expect.objectContaining({ member_id: 'MEMBER-001', member_name: 'John Doe', member_email: 'john@example.com', points: 165, tier: 'silver', passes: [] }),
      );
    });

    test('the ledger lists every change, newest first', async () => {
      const response = await seed().get('/v1/members/MEMBER-001/transactions');
      expect(response.status).toBe(200);
      expect(response.body.pagination).toEqual({ next_cursor: null, limit: 20 });
      expect(response.body.data.map((t: any) => [t.operation, t.delta, t.balance_after, t.description])).toEqual([
        ['subtract', -10, 165, 'Reward redeem'],
        ['add', 25, 175, 'Purchase bonus'],
        ['set', 150, 150, 'Opening balance'],
      ]);
      for (const row of response.body.data) {
        expect(row).toEqual({
          id: expect.stringMatching(UUID),
          kind: 'points',
          delta: expect.any(Number),
          balance_after: expect.any(Number),
          operation: expect.any(String),
          description: expect.any(String),
          transaction_reference: expect.any(String),
          created_at: expect.any(String),
        });
      }
    });
  });

  describe('registration and profile', () => {
    test('a member id the tenant already has is a 409', async () => {
      await registerMember(tenant.api, 'DUP-1');
      const again = await tenant.api.post('/v1/members/register', { member_id: 'DUP-1', member_name: 'Someone else' });
      expectError(again, 409);
      expect(fieldsOf(again)).toEqual(['member_id']);
    });

    test('bad phone, e-mail and member id get one 400 entry each', async () => {
      const response = await tenant.api.post('/v1/members/register', {
        member_id: 'has a space',
        member_name: 'Bad Data',
        member_email: 'not-an-email',
        phone_number: '0123456789',
      });
      expectError(response, 400);
      expect(fieldsOf(response).sort()).toEqual(['member_email', 'member_id', 'phone_number']);
      const phone = response.body.errors.find((e: any) => e.field === 'phone_number');
      expect(phone.message).toMatch(/E\.164/);
    });

    test.each([['+1234567'], ['+12345678901234567'], ['1234567890'], ['+0123456789']])('phone %s is not E.164', async (phone) => {
      const response = await tenant.api.post('/v1/members/register', { member_id: `P-${phone.length}-${phone.charCodeAt(1)}`, phone_number: phone });
      expectError(response, 400);
      expect(fieldsOf(response)).toEqual(['phone_number']);
    });

    test('PATCH changes the registration fields, null clears one, and bad values are 400', async () => {
      await registerMember(tenant.api, 'PATCH-1', { member_email: 'old@example.com', phone_number: '+14155550123' });
      // style_group_id must name one of the tenant's style groups.
      const style = await tenant.api.post('/v1/pass-styles', { name: 'Patch style' });
      const group = await tenant.api.post('/v1/style-groups', { name: 'Patch group', rules: [{ pass_style_id: style.body.data.id, min_points: 0, max_points: 0 }] });
      const groupId: string = group.body.data.id;
      const patched = await tenant.api.patch('/v1/members/PATCH-1', {
        member_name: 'New Name',
        member_email: 'new@example.com',
        phone_number: null,
        style_group_id: groupId,
      });
      expect(patched.status).toBe(200);
      expect(patched.body.data).toEqual(
        expect.objectContaining({ member_id: 'PATCH-1', member_name: 'New Name', member_email: 'new@example.com', phone_number: null, style_group_id: groupId }),
      );
      expect((await tenant.api.get('/v1/members/PATCH-1')).body.data.member_name).toBe('New Name');

      const bad = await tenant.api.patch('/v1/members/PATCH-1', { phone_number: '555-1234', member_email: 'nope', points: 5 });
      expectError(bad, 400);
      expect(fieldsOf(bad).sort()).toEqual(['member_email', 'phone_number', 'points']);
    });

    test('DELETE erases the member: 404 afterwards, personal data gone, the id free again, and member.deleted recorded', async () => {
      const member = await registerMember(tenant.api, 'GONE-1', { member_email: 'gone@example.com', phone_number: '+14155550199' });
      expect((await changePoints(tenant.api, 'GONE-1', { points: 40, operation: 'add' })).status).toBe(200);

      const deleted = await tenant.api.delete('/v1/members/GONE-1');
      expect(deleted.status).toBe(200);
      expect(deleted.body.data).toEqual({ id: member.id, member_id: 'GONE-1', deleted_at: expect.any(String) });

      for (const call of [
        () => tenant.api.get('/v1/members/GONE-1'),
        () => tenant.api.patch('/v1/members/GONE-1', { member_name: 'Back' }),
        () => tenant.api.delete('/v1/members/GONE-1'),
        () => changePoints(tenant.api, 'GONE-1', { points: 1, operation: 'add' }),
        () => tenant.api.get('/v1/members/GONE-1/transactions'),
      ]) {
        expectError(await call(), 404);
      }
      const [row] = await db.query('SELECT member_name, member_email, phone_number FROM member.members WHERE id = $1', [member.id]);
      expect(row).toEqual({ member_name: null, member_email: null, phone_number: null });

      const fresh = await registerMember(tenant.api, 'GONE-1');
      expect(fresh.id).not.toBe(member.id);
      expect(fresh.points).toBe(0);

      // What pass-generation needs to void the member's passes, without any personal data.
      const [logged] = await waitFor('member.deleted in the event log', async () => {
        const rows = await db.eventLog('member.deleted', 'GONE-1');
        return rows.length ? rows : undefined;
      });
      expect(logged.tenant_id).toBe(tenant.tenantId);
      expect(logged.data).toEqual({ member_id: 'GONE-1', member_uuid: member.id, version: expect.any(Number) });
      const [queued] = await db.query(`SELECT type FROM member.outbox WHERE event_id = $1`, [logged.id]);
      expect(queued.type).toBe('member.deleted');
    });

    test('an id that cannot be a member id is a 404', async () => {
      expectError(await tenant.api.get(`/v1/members/${'x'.repeat(65)}`), 404);
      expectError(await tenant.api.get('/v1/members/a%20b'), 404);
    });

    test('the list is paginated by cursor and filters by tier', async () => {
      const ids = ['LIST-1', 'LIST-2', 'LIST-3', 'LIST-4', 'LIST-5'];
      for (const id of ids) await registerMember(tenant.api, id);
      expect((await changePoints(tenant.api, 'LIST-2', { points: 250, operation: 'set' })).status).toBe(200);
      expect((await changePoints(tenant.api, 'LIST-4', { points: 250, operation: 'set' })).status).toBe(200);

      const firstPage = await tenant.api.get('/v1/members?limit=2');
      expect(firstPage.status).toBe(200);
      expect(firstPage.body.data).toHaveLength(2);
      expect(firstPage.body.pagination).toEqual({ next_cursor: expect.any(String), limit: 2 });

      const everyone = await listAll(tenant.api, '/v1/members', 2);
      expect(new Set(everyone.map((m) => m.id)).size).toBe(everyone.length);
      expect(everyone.map((m) => m.member_id)).toEqual(expect.arrayContaining(ids));
      // The deleted GONE-1 is not listed; the one registered again is.
      expect(everyone.filter((m) => m.member_id === 'GONE-1')).toHaveLength(1);

      const gold = await listAll(tenant.api, '/v1/members?tier=gold', 1);
      expect(gold.map((m) => m.member_id).sort()).toEqual(['LIST-2', 'LIST-4']);
      expectError(await tenant.api.get('/v1/members?limit=101'), 400);
      expectError(await tenant.api.get('/v1/members?cursor=garbage'), 400);
    });
  });

  describe('membership programmes', () => {
    let programmeTenant: TenantFixture;

    beforeAll(async () => {
      programmeTenant = await onboardTenant(fleet, admin, 'Programme Co');
    });

    test('without a programme the default bronze 0–100, silver 101–200, gold 201+ is in force', async () => {
      const response = await programmeTenant.api.get('/v1/memberships');
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        name: 'Default',
        is_default: true,
        tiers: [
          { tier_name: 'bronze', min_points: 0, max_points: 100 },
          { tier_name: 'silver', min_points: 101, max_points: 200 },
          { tier_name: 'gold', min_points: 201, max_points: 0 },
        ],
        created_at: null,
        updated_at: null,
      });
    });

    test("the seed's memberships curl (top tier bounded at 200) is a 201 and re-tiers existing members", async () => {
      for (const [id, points] of [
        ['TIER-50', 50],
        ['TIER-150', 150],
        ['TIER-250', 250],
        ['TIER-900', 900],
      ] as const) {
        await registerMember(programmeTenant.api, id);
        expect((await changePoints(programmeTenant.api, id, { points, operation: 'set' })).status).toBe(200);
      }
      expect((await programmeTenant.api.get('/v1/members/TIER-250')).body.data.tier).toBe('gold');

      const created = await programmeTenant.api.with({ host: 'member.walletpass.ai' }).post('/v1/memberships', {
        name: 'Loyalty Program',
        tiers: [
          { tier_name: 'bronze', min_points: 0, max_points: 100 },
          { tier_name: 'silver', min_points: 101, max_points: 200 },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toEqual(
        expect.objectContaining({
          name: 'Loyalty Program',
          is_default: false,
          tiers: [
            { tier_name: 'bronze', min_points: 0, max_points: 100 },
            { tier_name: 'silver', min_points: 101, max_points: 200 },
          ],
        }),
      );
      expect((await programmeTenant.api.get('/v1/memberships')).body.data.name).toBe('Loyalty Program');

      // Points above a bounded top tier keep the top tier.
      for (const id of ['TIER-250', 'TIER-900']) {
        await waitFor(`${id} re-tiered`, async () => ((await programmeTenant.api.get(`/v1/members/${id}`)).body.data.tier === 'silver' ? true : undefined));
      }
      expect((await programmeTenant.api.get('/v1/members/TIER-50')).body.data.tier).toBe('bronze');
      expect((await programmeTenant.api.get('/v1/members/TIER-150')).body.data.tier).toBe('silver');

      const moved = await waitFor('tier_changed events for the moved members', async () => {
        const rows = [...(await db.eventLog('member.tier_changed', 'TIER-250')), ...(await db.eventLog('member.tier_changed', 'TIER-900'))].filter(
          (r) => r.data.reason === 'programme',
        );
        return rows.length === 2 ? rows : undefined;
      });
      expect(moved.map((r) => [r.data.member_id, r.data.previous_tier, r.data.tier]).sort()).toEqual([
        ['TIER-250', 'gold', 'silver'],
        ['TIER-900', 'gold', 'silver'],
      ]);
      // Members whose tier did not move got no event.
      expect((await db.eventLog('member.tier_changed', 'TIER-150')).filter((r) => r.data.reason === 'programme')).toEqual([]);

      // New members and new points follow the programme in force.
      const newcomer = await registerMember(programmeTenant.api, 'TIER-NEW');
      expect(newcomer.tier).toBe('bronze');
      const climb = await changePoints(programmeTenant.api, 'TIER-NEW', { points: 5000, operation: 'add' });
      expect(climb.body.data).toEqual(expect.objectContaining({ points: 5000, tier: 'silver', previous_tier: 'bronze' }));
    });

    test.each([
      [
        'a first tier that does not start at 0',
        [
          { tier_name: 'bronze', min_points: 1, max_points: 100 },
          { tier_name: 'silver', min_points: 101, max_points: 0 },
        ],
        [{ field: 'tiers.0.min_points', message: 'the lowest tier must start at 0' }],
      ],
      [
        'overlapping tiers',
        [
          { tier_name: 'bronze', min_points: 0, max_points: 100 },
          { tier_name: 'silver', min_points: 90, max_points: 0 },
        ],
        [{ field: 'tiers.1.min_points', message: 'overlaps bronze (0-100)' }],
      ],
      [
        'an unbounded tier below another',
        [
          { tier_name: 'bronze', min_points: 0, max_points: 0 },
          { tier_name: 'silver', min_points: 101, max_points: 200 },
        ],
        [{ field: 'tiers.0.max_points', message: 'only the highest tier may be unbounded (0); this one overlaps silver' }],
      ],
    ])('%s is a 400 naming the problem, and the programme in force stays', async (_name, tiers, errors) => {
      const before = (await programmeTenant.api.get('/v1/memberships')).body.data;
      const response = await programmeTenant.api.post('/v1/memberships', { name: 'Broken', tiers });
      expectError(response, 400);
      expect(response.body.errors).toEqual(errors);
      expect((await programmeTenant.api.get('/v1/memberships')).body.data).toEqual(before);
    });

    test('malformed tiers are 400 per field', async () => {
      const response = await programmeTenant.api.post('/v1/memberships', { name: 'Broken', tiers: [{ tier_name: '', min_points: -1, max_points: 'ten' }] });
      expectError(response, 400);
      expect(fieldsOf(response).sort()).toEqual(['tiers.0.max_points', 'tiers.0.min_points', 'tiers.0.tier_name']);
      expectError(await programmeTenant.api.post('/v1/memberships', { name: 'Empty', tiers: [] }), 400);
    });
  });

  test('OpenAPI lists every member route with its schemas', async () => {
    const response = await fleet.api.get('/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    const routes: Array<[string, string, number, string | null]> = [
      ['/v1/members/register', 'post', 201, 'RegisterMemberDto'],
      ['/v1/members', 'get', 200, null],
      ['/v1/members/{member_id}', 'get', 200, null],
      ['/v1/members/{member_id}', 'patch', 200, 'UpdateMemberDto'],
      ['/v1/members/{member_id}', 'delete', 200, null],
      ['/v1/members/{member_id}/points', 'put', 200, 'UpdatePointsDto'],
      ['/v1/members/{member_id}/transactions', 'get', 200, null],
      ['/v1/memberships', 'post', 201, 'CreateMembershipDto'],
      ['/v1/memberships', 'get', 200, null],
    ];
    for (const [path, method, status, body] of routes) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, documented: Boolean(operation) }).toEqual({ path, method, documented: true });
      // The tenant's API key, or an operator's admin/bearer token with X-Tenant-Id (contract §8.2).
      expect(operation.security).toEqual([{ apiKey: [] }, { adminToken: [] }, { bearerToken: [] }]);
      expect(operation.responses[String(status)].content['application/json'].schema.properties.data).toBeDefined();
      expect(operation.responses['404'] ?? operation.responses['400']).toBeDefined();
      if (body) expect(operation.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${body}`);
    }
    expect(doc.paths['/v1/members/{member_id}/points'].put.responses['200'].content['application/json'].schema.properties.data.$ref).toBe(
      '#/components/schemas/PointsChangeView',
    );
    expect(doc.paths['/v1/members'].get.parameters.map((p: any) => p.name ?? p.$ref).sort()).toEqual(['#/components/parameters/TenantId', 'cursor', 'limit', 'q', 'tier']);
    const schemas = doc.components.schemas;
    expect(schemas.UpdatePointsDto.required.sort()).toEqual(['operation', 'points']);
    expect(schemas.UpdatePointsDto.properties.operation.enum).toEqual(['add', 'subtract', 'set']);
    expect(schemas.RegisterMemberDto.properties.phone_number.pattern).toBe('^\\+[1-9]\\d{7,14}$');
    expect(Object.keys(schemas.PointsChangeView.properties).sort()).toEqual(
      ['description', 'member_id', 'operation', 'points', 'previous_points', 'previous_tier', 'tier', 'transaction_reference', 'was_duplicate'].sort(),
    );
    expect(Object.keys(schemas.PointTransactionView.properties).sort()).toEqual(
      ['balance_after', 'created_at', 'delta', 'description', 'id', 'kind', 'operation', 'transaction_reference'].sort(),
    );
    expect(schemas.MemberDetailView.properties.passes.items.$ref).toBe('#/components/schemas/MemberPassView');
    expect(schemas.CreateMembershipDto.properties.tiers.items.$ref).toBe('#/components/schemas/MembershipTierDto');
  });
});
