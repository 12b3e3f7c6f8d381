import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { fieldErrors } from '../pass-content/pass-content.helpers';

/**
 * Tags and finding passes (spec/API.md §8.7): passes carry tags on create and PATCH, lists
 * filter by tag, member e-mail (member-data owns members) and code (serial or barcode
 * message), batches act on every pass with a tag, and nothing crosses tenants.
 */
describe('pass tags and lookups', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start();
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Tag Shop');
    other = await onboardTenant(fleet, admin, 'Other Shop');
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  async function member(owner: TenantFixture, memberId: string, email?: string): Promise<void> {
    const response = await owner.api.post('/v1/members/register', { member_id: memberId, member_name: `Member ${memberId}`, ...(email ? { member_email: email } : {}) });
    expect(response.status).toBe(201);
  }

  async function pass(owner: TenantFixture, memberId: string, extra: Record<string, unknown> = {}): Promise<any> {
    const response = await owner.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Tag Shop', ...extra });
    expect({ status: response.status, body: response.body }).toEqual({ status: 201, body: expect.anything() });
    return response.body.data;
  }

  const ids = (response: { body: { data: Array<{ pass_id: string }> } }) => response.body.data.map((p) => p.pass_id).sort();

  test('tags on create and PATCH, shown in views, filtered by ?tag=, and validated', async () => {
    await member(tenant, 'T-1');
    await member(tenant, 'T-2');
    const a = await pass(tenant, 'T-1', { tags: ['summer-2026', 'order 4711'] });
    const b = await pass(tenant, 'T-2', { tags: ['summer-2026'] });
    const c = await pass(tenant, 'T-2');
    expect(a.tags).toEqual(['summer-2026', 'order 4711']);
    expect(c.tags).toEqual([]);
    expect(ids(await tenant.api.get('/v1/passes?tag=summer-2026'))).toEqual([a.pass_id, b.pass_id].sort());
    expect(ids(await tenant.api.get(`/v1/passes?tag=${encodeURIComponent('order 4711')}`))).toEqual([a.pass_id]);

    // PATCH replaces the list and makes no new version (tags are not on the pass).
    const patched = await tenant.api.patch(`/v1/passes/${c.pass_id}`, { tags: ['summer-2026', 'vip'] });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ tags: ['summer-2026', 'vip'], version: c.version });
    expect((await tenant.api.get(`/v1/passes/${c.pass_id}`)).body.data.tags).toEqual(['summer-2026', 'vip']);
    expect(ids(await tenant.api.get('/v1/passes?tag=summer-2026'))).toHaveLength(3);

    expect(fieldErrors(await tenant.api.post('/v1/passes/create-from-member', { member_id: 'T-1', pass_type: 'apple', company_name: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }))).toEqual({
      tags: expect.stringContaining('10'),
    });
    expect(fieldErrors(await tenant.api.patch(`/v1/passes/${c.pass_id}`, { tags: ['x'.repeat(41)] }))).toEqual({ tags: expect.stringContaining('40') });
    expect(fieldErrors(await tenant.api.patch(`/v1/passes/${c.pass_id}`, { tags: ['a', 'a'] }))).toEqual({ tags: expect.stringContaining('once') });
    expect(fieldErrors(await tenant.api.get(`/v1/passes?tag=${'y'.repeat(41)}`))).toEqual({ tag: expect.any(String) });

    // Another tenant's tag is its own.
    await member(other, 'T-1');
    await pass(other, 'T-1', { tags: ['summer-2026'] });
    expect(ids(await tenant.api.get('/v1/passes?tag=summer-2026'))).toHaveLength(3);
    expect(ids(await other.api.get('/v1/passes?tag=summer-2026'))).toHaveLength(1);
  });

  test('a batch operation with a tag acts on every pass carrying it, and only those', async () => {
    await member(tenant, 'B-1');
    const tagged = [await pass(tenant, 'B-1', { tags: ['recall'] }), await pass(tenant, 'B-1', { tags: ['recall', 'x'] })];
    const untagged = await pass(tenant, 'B-1', { tags: ['keep'] });
    await member(other, 'B-1');
    const foreign = await pass(other, 'B-1', { tags: ['recall'] });

    const submitted = await tenant.api.post('/v1/batch', { operations: [{ op: 'update_pass', tag: 'recall', status: 'blocked' }] });
    expect(submitted.status).toBe(202);
    expect(submitted.body.data.total).toBe(2);
    await waitFor('the batch to finish', async () => {
      const batch = (await tenant.api.get(`/v1/batch/${submitted.body.data.batch_id}`)).body.data;
      return batch.state === 'completed' ? batch : undefined;
    });
    for (const p of tagged) expect((await tenant.api.get(`/v1/passes/${p.pass_id}`)).body.data.status).toBe('blocked');
    expect((await tenant.api.get(`/v1/passes/${untagged.pass_id}`)).body.data.status).toBe('active');
    expect((await other.api.get(`/v1/passes/${foreign.pass_id}`)).body.data.status).toBe('active');

    const voided = await tenant.api.post('/v1/batch', { operations: [{ op: 'void_pass', tag: 'keep' }] });
    expect(voided.status).toBe(202);
    await waitFor('the void', async () => ((await tenant.api.get(`/v1/passes/${untagged.pass_id}`)).body.data.status === 'voided' ? true : undefined));

    const nothing = await tenant.api.post('/v1/batch', { operations: [{ op: 'void_pass', tag: 'no-such-tag' }] });
    expect(nothing.status).toBe(422);
    const both = await tenant.api.post('/v1/batch', { operations: [{ op: 'void_pass', tag: 'recall', pass_id: untagged.pass_id }] });
    expect(both.status).toBe(400);
    const neither = await tenant.api.post('/v1/batch', { operations: [{ op: 'void_pass' }] });
    expect(neither.status).toBe(400);
  });

  test('?email= finds the passes of members with that e-mail, case-insensitively, in the tenant only', async () => {
    await member(tenant, 'E-1', 'Ada@Example.com');
    await member(tenant, 'E-2', 'ada@example.com');
    await member(tenant, 'E-3', 'bob@example.com');
    const mine = [await pass(tenant, 'E-1'), await pass(tenant, 'E-2', { pass_type: 'apple' })];
    await pass(tenant, 'E-3');
    await member(other, 'E-9', 'ada@example.com');
    await pass(other, 'E-9');

    expect(ids(await tenant.api.get('/v1/passes?email=ADA%40example.com'))).toEqual(mine.map((p) => p.pass_id).sort());
    expect((await tenant.api.get('/v1/passes?email=nobody%40example.com')).body.data).toEqual([]);
    expect(fieldErrors(await tenant.api.get('/v1/passes?email=not-an-email'))).toEqual({ email: expect.any(String) });
  });

  test('?code= finds a pass by serial number or by the barcode message it shows, in the tenant only', async () => {
    await member(tenant, 'C-1');
    const plain = await pass(tenant, 'C-1');
    const style = await tenant.api.post('/v1/pass-styles', { name: 'Coded', barcode: { format: 'PKBarcodeFormatQR', message: 'WP-{member_id}-{tier}' } });
    expect(style.status).toBe(201);
    await member(tenant, 'C-2');
    const coded = await pass(tenant, 'C-2', { pass_style_id: style.body.data.id });

    expect(ids(await tenant.api.get(`/v1/passes?code=${plain.serial_number}`))).toEqual([plain.pass_id]);
    expect(ids(await tenant.api.get('/v1/passes?code=C-1'))).toEqual([plain.pass_id]);
    expect(ids(await tenant.api.get(`/v1/passes?code=${encodeURIComponent(`WP-C-2-${coded.tier}`)}`))).toEqual([coded.pass_id]);
    // The style's template, not the built-in one, is what the coded pass shows.
    expect((await tenant.api.get('/v1/passes?code=C-2')).body.data).toEqual([]);
    // Foreign tenants never match, by serial or by message.
    expect((await other.api.get(`/v1/passes?code=${plain.serial_number}`)).body.data).toEqual([]);
    expect((await other.api.get('/v1/passes?code=C-1')).body.data).toEqual([]);
  });
});
