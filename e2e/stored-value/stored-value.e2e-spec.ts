import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS, expectError } from '../foundation/foundation.helpers';
import { FleetDatabase, changePoints, fieldsOf, listAll, registerMember } from '../member/member.helpers';
import { developmentCaPem, passFields } from '../pass/pass.helpers';
import { download, openPass } from '../pass-content/pass-content.helpers';

/**
 * Stored value end to end (spec/API.md §8.7): the tenant's currency, a member balance in minor
 * units with the points' semantics except that money is never clamped, its ledger rows and
 * events, and `{balance}` on the pass in the currency (Apple currencyCode).
 */
describe('stored value', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let db: FleetDatabase;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: { RPC_TIMEOUT_MS: '30000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    other = await onboardTenant(fleet, admin);
    db = await FleetDatabase.open(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await db?.close();
    await fleet?.stop();
  });

  const balance = (memberId: string, body: Record<string, unknown>, api = tenant.api) => api.put(`/v1/members/${memberId}/balance`, body);
  const memberOf = async (memberId: string) => (await tenant.api.get(`/v1/members/${memberId}`)).body.data;

  test('a tenant counts in EUR until it says otherwise (GET and PATCH /v1/tenant); codes are checked', async () => {
    expect((await tenant.api.get('/v1/tenant')).body.data.currency).toBe('EUR');
    const changed = await other.api.patch('/v1/tenant', { currency: 'USD' });
    expect(changed.status).toBe(200);
    expect(changed.body.data.currency).toBe('USD');
    expect((await other.api.get('/v1/tenant')).body.data.currency).toBe('USD');
    expect((await tenant.api.get('/v1/tenant')).body.data.currency).toBe('EUR');
    for (const currency of ['eur', 'EURO', 'XXY', 12]) expect(fieldsOf(await other.api.patch('/v1/tenant', { currency }))).toEqual(['currency']);
    expectError(await other.api.patch('/v1/tenant', {}), 400);
  });

  test('add, subtract and set in minor units, ledgered with kind balance, idempotent by reference', async () => {
    await registerMember(tenant.api, 'SV-1');
    expect((await memberOf('SV-1')).balance).toBe(0);
    const added = await balance('SV-1', { amount: 1250, operation: 'add', description: 'Top-up', transaction_reference: 'topup-1' });
    expect(added.status).toBe(200);
    expect(added.body.data).toEqual({
      member_id: 'SV-1',
      balance: 1250,
      previous_balance: 0,
      operation: 'add',
      description: 'Top-up',
      transaction_reference: 'topup-1',
      was_duplicate: false,
    });
    const again = await balance('SV-1', { amount: 1250, operation: 'add', transaction_reference: 'topup-1' });
    expect(again.body.data).toEqual({ ...added.body.data, was_duplicate: true });
    expect((await balance('SV-1', { amount: 250, operation: 'subtract' })).body.data.balance).toBe(1000);
    expect((await balance('SV-1', { amount: 4000, operation: 'set' })).body.data).toEqual(expect.objectContaining({ balance: 4000, previous_balance: 1000 }));
    // Points and balance are separate: the same reference may name one of each.
    expect((await changePoints(tenant.api, 'SV-1', { points: 5, operation: 'add', transaction_reference: 'topup-1' })).body.data.was_duplicate).toBe(false);

    const member = await memberOf('SV-1');
    expect({ balance: member.balance, points: member.points }).toEqual({ balance: 4000, points: 5 });
    const ledger = await listAll(tenant.api, '/v1/members/SV-1/transactions');
    expect(ledger.map((row) => [row.kind, row.operation, row.delta, row.balance_after])).toEqual([
      ['points', 'add', 5, 5],
      ['balance', 'set', 3000, 4000],
      ['balance', 'subtract', -250, 1000],
      ['balance', 'add', 1250, 1250],
    ]);

    await registerMember(tenant.api, 'SV-2');
    expectError(await balance('SV-2', { amount: 1, operation: 'add', transaction_reference: 'topup-1' }), 422);
    expect(fieldsOf(await balance('SV-2', { amount: -1, operation: 'take' }))).toEqual(expect.arrayContaining(['amount', 'operation']));
    expectError(await balance('SV-1', { amount: 1, operation: 'add' }, other.api), 404);
  });

  test('a subtract beyond the balance is a 422 insufficient_balance that changes nothing', async () => {
    await registerMember(tenant.api, 'SV-POOR');
    expect((await balance('SV-POOR', { amount: 500, operation: 'set' })).status).toBe(200);
    const ledgerBefore = await listAll(tenant.api, '/v1/members/SV-POOR/transactions');
    const refused = await balance('SV-POOR', { amount: 501, operation: 'subtract', transaction_reference: 'too-much' });
    expectError(refused, 422);
    expect(refused.body.message).toMatch(/insufficient_balance/);
    expect(refused.body.errors).toEqual([{ field: 'amount', message: 'insufficient_balance: 501 asked, 500 available' }]);
    expect((await memberOf('SV-POOR')).balance).toBe(500);
    expect(await listAll(tenant.api, '/v1/members/SV-POOR/transactions')).toEqual(ledgerBefore);
    // The refused reference was not used up.
    expect((await balance('SV-POOR', { amount: 500, operation: 'subtract', transaction_reference: 'too-much' })).body.data).toEqual(
      expect.objectContaining({ balance: 0, was_duplicate: false }),
    );
  });

  test('50 concurrent subtracts never take the balance below zero', async () => {
    await registerMember(tenant.api, 'SV-RUSH');
    expect((await balance('SV-RUSH', { amount: 2000, operation: 'set' })).status).toBe(200);
    const responses = await Promise.all(Array.from({ length: 50 }, () => balance('SV-RUSH', { amount: 100, operation: 'subtract' })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(20);
    expect(responses.filter((r) => r.status === 422)).toHaveLength(30);
    expect((await memberOf('SV-RUSH')).balance).toBe(0);
    const ledger = await listAll(tenant.api, '/v1/members/SV-RUSH/transactions');
    expect(ledger.filter((row) => row.kind === 'balance' && row.operation === 'subtract')).toHaveLength(20);
    expect(ledger.every((row) => row.balance_after >= 0)).toBe(true);
  });

  test('member.balance_changed is written with the change, and the member passes show {balance} in the currency', async () => {
    const style = await tenant.api.post('/v1/pass-styles', {
      name: 'Prepaid',
      primary_fields: [{ key: 'balance', label: 'Balance', value: '{balance}' }],
      secondary_fields: [{ key: 'line', label: 'Card', value: '{member_name}: {balance} left' }],
    });
    expect(style.status).toBe(201);
    await registerMember(tenant.api, 'SV-PASS', { member_name: 'Ada' });
    const pass = (await tenant.api.post('/v1/passes/create-from-member', { member_id: 'SV-PASS', pass_type: 'apple', company_name: 'Cafe', pass_style_id: style.body.data.id })).body.data;
    expect((await balance('SV-PASS', { amount: 1250, operation: 'add', transaction_reference: 'sv-pass-1' })).status).toBe(200);

    const [event] = await db.query(`SELECT data FROM member.outbox WHERE type = 'member.balance_changed' AND data->>'member_id' = 'SV-PASS'`);
    expect(event.data).toEqual(expect.objectContaining({ member_id: 'SV-PASS', balance: 1250, previous_balance: 0, delta: 1250, operation: 'add', transaction_reference: 'sv-pass-1' }));

    // The pass gets a new version carrying the balance (the live-update path of points).
    const updated = await waitFor('the pass to get the balance', async () => {
      const view = (await tenant.api.get(`/v1/passes/${pass.pass_id}`)).body.data;
      return view.version > pass.version ? view : undefined;
    });
    const opened = await openPass(await download(tenant, updated.pass_id), await developmentCaPem(fleet));
    const fields = passFields(opened.passJson);
    expect(fields.find((f) => f.key === 'balance')).toEqual(expect.objectContaining({ value: 12.5, currencyCode: 'EUR' }));
    expect(fields.find((f) => f.key === 'line')?.value).toBe('Ada: €12.50 left');
  });
});
