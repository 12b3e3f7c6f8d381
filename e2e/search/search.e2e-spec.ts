import { Admin, ApiClient, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { randomUUID } from 'node:crypto';
import { waitForBatch } from '../batch/batch.helpers';
import { changePoints, expectError, fieldsOf, listAll, registerMember } from '../member/member.helpers';

const ids = (items: Array<{ member_id: string }>) => items.map((item) => item.member_id);

/** Server-side search of members and tenants (`?q=`) and the list of a tenant's batches. */
describe('search and batch list', () => {
  let fleet: Fleet;
  let admin: Admin;
  let shop: TenantFixture;
  let rival: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    shop = await onboardTenant(fleet, admin, 'Searchable Coffee Roasters');
    rival = await onboardTenant(fleet, admin, 'Rival Tea House');
    // Registered one after another, so newest first is the reverse of this order.
    await registerMember(shop.api, 'ALPHA-001', { member_name: 'Zoë Smith', member_email: 'Zoe@Example.com' });
    await registerMember(shop.api, 'alpha-002', { member_name: 'Bob Brown', member_email: 'bob@example.com' });
    await registerMember(shop.api, 'BETA-001', { member_name: 'Carol Alphabet' });
    await registerMember(shop.api, 'GAMMA_50', { member_name: 'Dan 50% Off' });
    // Another tenant's member matches every search below by id, name and e-mail: it must never show.
    await registerMember(rival.api, 'ALPHA-999', { member_name: 'Alpha Smith', member_email: 'zoe@example.com' });
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  describe('GET /v1/members?q=', () => {
    const search = async (api: ApiClient, query: string) => {
      const response = await api.get(`/v1/members?${query}`);
      expect(response.status).toBe(200);
      return ids(response.body.data);
    };

    test('matches an id prefix or a name substring, case-insensitively, newest first', async () => {
      expect(await search(shop.api, 'q=alpha')).toEqual(['BETA-001', 'alpha-002', 'ALPHA-001']);
      expect(await search(shop.api, 'q=SMI')).toEqual(['ALPHA-001']);
      expect(await search(shop.api, 'q=alpha-00')).toEqual(['alpha-002', 'ALPHA-001']);
    });

    test('an id matches only from its start', async () => {
      expect(await search(shop.api, 'q=LPHA-0')).toEqual([]);
      expect(await search(shop.api, 'q=001')).toEqual([]);
    });

    test('an e-mail matches only whole (any case)', async () => {
      expect(await search(shop.api, `q=${encodeURIComponent('ZOE@EXAMPLE.COM')}`)).toEqual(['ALPHA-001']);
      expect(await search(shop.api, `q=${encodeURIComponent('zoe@example')}`)).toEqual([]);
      expect(await search(shop.api, 'q=example.com')).toEqual([]);
    });

    test('% and _ are matched as themselves, not as wildcards', async () => {
      expect(await search(shop.api, 'q=gamma_5')).toEqual(['GAMMA_50']);
      expect(await search(shop.api, 'q=gamm_')).toEqual([]);
      expect(await search(shop.api, `q=${encodeURIComponent('50% o')}`)).toEqual(['GAMMA_50']);
      expect(await search(shop.api, `q=${encodeURIComponent('5%f')}`)).toEqual([]);
    });

    test('a miss is an empty page', async () => {
      const response = await shop.api.get('/v1/members?q=nobody');
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual([]);
      expect(response.body.pagination.next_cursor).toBeNull();
    });

    test('pages through the matches and combines with ?tier=', async () => {
      expect(ids(await listAll(shop.api, '/v1/members?q=alpha', 1))).toEqual(['BETA-001', 'alpha-002', 'ALPHA-001']);
      expect((await changePoints(shop.api, 'alpha-002', { points: 150, operation: 'set', description: 'to silver' })).status).toBe(200);
      expect(await search(shop.api, 'q=alpha&tier=silver')).toEqual(['alpha-002']);
      expect(await search(shop.api, 'q=alpha&tier=bronze')).toEqual(['BETA-001', 'ALPHA-001']);
    });

    test("never matches another tenant's members", async () => {
      expect(await search(rival.api, 'q=alpha')).toEqual(['ALPHA-999']);
      expect(await search(rival.api, 'q=zoe%40example.com')).toEqual(['ALPHA-999']);
      expect(await search(rival.api, 'q=bob')).toEqual([]);
      // An admin acting on the tenant sees that tenant only.
      expect(await search(admin.api.with({ 'x-tenant-id': shop.tenantId }), 'q=smith')).toEqual(['ALPHA-001']);
    });

    test('q must be 1 to 100 characters', async () => {
      for (const q of ['', 'x'.repeat(101)]) {
        const response = await shop.api.get(`/v1/members?q=${q}`);
        expectError(response, 400);
        expect(fieldsOf(response)).toEqual(['q']);
      }
      expect((await shop.api.get(`/v1/members?q=${'x'.repeat(100)}`)).status).toBe(200);
    });

    test('a deleted member is not found', async () => {
      await registerMember(shop.api, 'DELTA-001', { member_name: 'Gone Soon', member_email: 'gone@example.com' });
      expect(await search(shop.api, 'q=delta')).toEqual(['DELTA-001']);
      expect((await shop.api.delete('/v1/members/DELTA-001')).status).toBe(200);
      expect(await search(shop.api, 'q=delta')).toEqual([]);
      expect(await search(shop.api, 'q=gone%40example.com')).toEqual([]);
    });
  });

  describe('GET /v1/tenants?q=', () => {
    const tenantIds = async (query: string) => {
      const response = await admin.api.get(`/v1/tenants?${query}`);
      expect(response.status).toBe(200);
      return (response.body.data as Array<{ tenant_id: string }>).map((t) => t.tenant_id);
    };

    test('matches a company name or contact e-mail substring or an id prefix, case-insensitively', async () => {
      expect(await tenantIds('q=COFFEE')).toEqual([shop.tenantId]);
      expect(await tenantIds('q=tea%20h')).toEqual([rival.tenantId]);
      expect(await tenantIds('q=OPS%40EXAMPLE')).toEqual([rival.tenantId, shop.tenantId]);
      expect(await tenantIds(`q=${rival.tenantId.slice(0, 8).toUpperCase()}`)).toEqual([rival.tenantId]);
      expect(await tenantIds(`q=${shop.tenantId.slice(4, 12)}`)).not.toContain(shop.tenantId);
      expect(await tenantIds('q=no%20such%20company')).toEqual([]);
    });

    test('pages through the matches, newest first', async () => {
      const all = await listAll(admin.api, '/v1/tenants?q=o', 1);
      expect(all.map((t: { tenant_id: string }) => t.tenant_id)).toEqual([rival.tenantId, shop.tenantId]);
    });

    test('bad q is a 400; a tenant may not list tenants', async () => {
      const empty = await admin.api.get('/v1/tenants?q=');
      expectError(empty, 400);
      expect(fieldsOf(empty)).toEqual(['q']);
      expectError(await admin.api.get(`/v1/tenants?q=${'y'.repeat(101)}`), 400);
      expectError(await shop.api.get('/v1/tenants?q=coffee'), 403);
    });
  });

  describe('GET /v1/batches', () => {
    const submit = async (tenant: TenantFixture, count: number): Promise<string> => {
      // Voiding passes that do not exist: each operation fails, and the batch still completes.
      const response = await tenant.api.post('/v1/batch', { operations: Array.from({ length: count }, () => ({ op: 'void_pass', pass_id: randomUUID() })) });
      expect(response.status).toBe(202);
      return response.body.data.batch_id as string;
    };

    test("lists the tenant's batches newest first with their counts, and only its own", async () => {
      const first = await submit(shop, 1);
      const second = await submit(shop, 2);
      const third = await submit(shop, 3);
      const foreign = await submit(rival, 1);
      for (const [tenant, id] of [[shop, first], [shop, second], [shop, third], [rival, foreign]] as const) {
        await waitForBatch(tenant, id, (batch) => batch.state === 'completed');
      }

      const listed = await listAll(shop.api, '/v1/batches', 2);
      expect(listed.map((b: { batch_id: string }) => b.batch_id)).toEqual([third, second, first]);
      expect(listed[0]).toEqual({
        batch_id: third,
        state: 'completed',
        total: 3,
        succeeded: 0,
        failed: 3,
        pending: 0,
        created_at: expect.any(String),
        started_at: expect.any(String),
        completed_at: expect.any(String),
      });
      expect(listed.map((b: { total: number }) => b.total)).toEqual([3, 2, 1]);

      const theirs = await shop.api.get('/v1/batches');
      expect(theirs.body.data.map((b: { batch_id: string }) => b.batch_id)).not.toContain(foreign);
      const rivals = await rival.api.get('/v1/batches');
      expect(rivals.status).toBe(200);
      expect(rivals.body.data.map((b: { batch_id: string }) => b.batch_id)).toEqual([foreign]);
    });

    test('a bad cursor or limit is a 400', async () => {
      expectError(await shop.api.get('/v1/batches?cursor=nonsense'), 400);
      expectError(await shop.api.get('/v1/batches?limit=0'), 400);
    });
  });
});
