import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import { IMPORT_FLEET_ENV, exportCsv, importAndWait, importCsv, ledgerState } from './import-export.helpers';

/**
 * POST /v1/members/import and GET /v1/members/export end to end: the CSV dialects people
 * actually send (BOM, CRLF, quoting, non-ASCII), bad rows reported by line without stopping
 * the good ones, a re-run that changes nothing, an export that imports as it is, the header
 * and content-type refusals, and tenant isolation.
 */
describe('member CSV import and export', () => {
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: IMPORT_FLEET_ENV });
    admin = await bootstrapAdmin(fleet);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  // Line numbers: the header is line 1; the quoted name of IMP-2 spans lines 3 and 4.
  const MESSY = [
    'member_id,member_name,member_email,phone_number,points',
    'IMP-1,"Doe, Jane",jane@example.com,+14155550101,150',
    'IMP-2,"Multi',
    'line ""quoted""",,+14155550102,0',
    'IMP-3,Zoë Ångström-Øster 日本,zoe@example.com,,250',
    'IMP-4,Bad Mail,not-an-email,,10',
    '',
    'IMP-5,Too Few Fields',
    'has space,Bad Id,,,5',
    'IMP-6,Negative,,,-3',
    'IMP-7,Seven,,,7',
  ];
  const messyFile = (lineEnd: string) => Buffer.from(`\uFEFF${MESSY.join(lineEnd)}${lineEnd}`, 'utf8');

  async function member(tenant: TenantFixture, memberId: string) {
    const response = await tenant.api.get(`/v1/members/${memberId}`);
    expect(response.status).toBe(200);
    return response.body.data;
  }

  test('BOM, CRLF, quoting and non-ASCII names import; bad rows are reported by line and the good ones still apply', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const batch = await importAndWait(tenant, messyFile('\r\n'));
    expect(batch).toMatchObject({ state: 'completed', total: 8, succeeded: 4, failed: 4, pending: 0 });
    expect(batch.errors).toEqual([
      { index: 3, line: 6, op: 'import_member', code: 'bad_request', message: 'member_email must be an e-mail address' },
      { index: 4, line: 8, op: 'import_member', code: 'bad_request', message: 'has 2 fields where the header has 5' },
      { index: 5, line: 9, op: 'import_member', code: 'bad_request', message: expect.stringMatching(/^member_id must be/) },
      { index: 6, line: 10, op: 'import_member', code: 'bad_request', message: 'points must be a non-negative integer' },
    ]);

    expect(await member(tenant, 'IMP-1')).toMatchObject({ member_name: 'Doe, Jane', member_email: 'jane@example.com', phone_number: '+14155550101', points: 150, tier: 'silver' });
    expect(await member(tenant, 'IMP-2')).toMatchObject({ member_name: 'Multi\nline "quoted"', member_email: null, points: 0, tier: 'bronze' });
    expect(await member(tenant, 'IMP-3')).toMatchObject({ member_name: 'Zoë Ångström-Øster 日本', points: 250, tier: 'gold' });
    expect(await member(tenant, 'IMP-7')).toMatchObject({ points: 7 });
    expect((await tenant.api.get('/v1/members/IMP-4')).status).toBe(404);

    // The balance is a ledgered set, like PUT points with operation set.
    const ledger = await tenant.api.get('/v1/members/IMP-3/transactions');
    expect(ledger.body.data).toEqual([
      expect.objectContaining({ delta: 250, balance_after: 250, operation: 'set', description: 'CSV import, line 5', transaction_reference: expect.stringMatching(/^import:/) }),
    ]);

    // LF line ends give the same lines.
    const lf = await importAndWait(await onboardTenant(fleet, admin), messyFile('\n'));
    expect(lf.errors.map((e: { line: number }) => e.line)).toEqual([6, 8, 9, 10]);
  }, 300_000);

  test('importing the same file again changes nothing: same balances, same ledger', async () => {
    const tenant = await onboardTenant(fleet, admin);
    await importAndWait(tenant, messyFile('\r\n'));
    const before = await ledgerState(fleet, tenant.tenantId);
    const again = await importAndWait(tenant, messyFile('\r\n'));
    expect(again).toMatchObject({ succeeded: 4, failed: 4 });
    expect(await ledgerState(fleet, tenant.tenantId)).toEqual(before);
    expect(before.ledgerRows).toBe(4);

    // A later file with another balance does apply, and updates a profile field.
    await importAndWait(tenant, 'member_id,member_email,points\nIMP-1,jane@new.example,90\n');
    expect(await member(tenant, 'IMP-1')).toMatchObject({ member_name: 'Doe, Jane', member_email: 'jane@new.example', points: 90, tier: 'bronze' });
    expect((await ledgerState(fleet, tenant.tenantId)).ledgerRows).toBe(5);

    // Without a points column, profiles change and balances stay; a new member starts at 0.
    await importAndWait(tenant, 'member_id,member_name\nIMP-3,Zoë Renamed\nIMP-9,Nine\n');
    expect(await member(tenant, 'IMP-3')).toMatchObject({ member_name: 'Zoë Renamed', points: 250 });
    expect(await member(tenant, 'IMP-9')).toMatchObject({ member_name: 'Nine', points: 0, tier: 'bronze' });
    expect((await ledgerState(fleet, tenant.tenantId)).ledgerRows).toBe(5);
  }, 300_000);

  test('the export streams every member as CSV and imports into another tenant as it is', async () => {
    const source = await onboardTenant(fleet, admin);
    await importAndWait(source, messyFile('\r\n'));
    const exported = await exportCsv(source);
    expect(exported.disposition).toMatch(/^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(exported.text.split('\n')[0]).toBe('member_id,member_name,member_email,phone_number,points,tier,style_group_id,apple_passes,google_passes');
    expect(exported.rows.map((row) => row.member_id).sort()).toEqual(['IMP-1', 'IMP-2', 'IMP-3', 'IMP-7']);
    expect(exported.rows.find((row) => row.member_id === 'IMP-3')).toEqual({
      member_id: 'IMP-3',
      member_name: 'Zoë Ångström-Øster 日本',
      member_email: 'zoe@example.com',
      phone_number: '',
      points: '250',
      tier: 'gold',
      style_group_id: '',
      apple_passes: '0',
      google_passes: '0',
    });

    const copy = await onboardTenant(fleet, admin);
    const batch = await importAndWait(copy, exported.text);
    expect(batch).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    const reexported = await exportCsv(copy);
    const byId = (rows: Array<Record<string, string>>) => Object.fromEntries(rows.map((row) => [row.member_id, row]));
    expect(byId(reexported.rows)).toEqual(byId(exported.rows));
  }, 300_000);

  test('a bad header is a 400 naming the column, a non-CSV body a 415, too many rows a 413; nothing is imported', async () => {
    const tenant = await onboardTenant(fleet, admin);
    const unknown = await importCsv(tenant, 'member_id,points,shoe_size\nA,1,42\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'shoe_size', message: expect.stringContaining('is not a column') }]);
    const missing = await importCsv(tenant, 'member_name,points\nAnna,1\n');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'member_id', message: 'column is missing from the header' }]);
    expect((await importCsv(tenant, '')).status).toBe(400);
    expect((await importCsv(tenant, 'member_id,points\n')).status).toBe(400);

    const json = await tenant.api.post('/v1/members/import', { member_id: 'A', points: 1 });
    expect(json.status).toBe(415);
    expect((await importCsv(tenant, 'member_id,points\nA,1\n', 'text/plain')).status).toBe(415);
    // text/csv is for the import alone.
    expect((await tenant.api.request('POST', '/v1/members/register', { rawBody: 'member_id\nA\n', headers: { 'content-type': 'text/csv' } })).status).toBe(415);

    const rows = Array.from({ length: 100_001 }, (_, i) => `TOO-${i},1`).join('\n');
    const tooMany = await importCsv(tenant, `member_id,points\n${rows}\n`);
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.errors).toEqual([{ field: 'body', message: 'has more than 100,000 rows after the header' }]);

    expect((await exportCsv(tenant)).rows).toEqual([]);
  }, 300_000);

  test("tenants are isolated: another tenant's import batch is a 404 and its members are not in my export", async () => {
    const mine = await onboardTenant(fleet, admin);
    const theirs = await onboardTenant(fleet, admin);
    const submitted = await importCsv(theirs, 'member_id,points\nTHEIRS-1,5\n');
    expect(submitted.status).toBe(202);
    expect((await mine.api.get(`/v1/batch/${submitted.body.data.batch_id}`)).status).toBe(404);
    await importAndWait(mine, 'member_id,points\nMINE-1,5\n');
    expect((await exportCsv(mine)).rows.map((row) => row.member_id)).toEqual(['MINE-1']);
    expect((await mine.api.get('/v1/members/THEIRS-1')).status).toBe(404);
  }, 300_000);
});
