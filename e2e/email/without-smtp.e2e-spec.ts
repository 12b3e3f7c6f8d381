import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';

/** A fleet without SMTP_URL runs, composes e-mails in dry runs, and refuses real sends with a 422 that says what to set. */
describe('send-pass-email without SMTP_URL', () => {
  let fleet: Fleet;
  let tenant: TenantFixture;

  beforeAll(async () => {
    fleet = await Fleet.start();
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'No Mail Shop');
    expect((await tenant.api.post('/v1/members/register', { member_id: 'N-1', member_name: 'Nina' })).status).toBe(201);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  test('a real send is a 422 naming SMTP_URL and leaves no pass behind; a dry run still composes', async () => {
    const refused = await tenant.api.post('/v1/distribution/send-pass-email', { member_id: 'N-1', email: 'nina@example.com' });
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 422, body: expect.objectContaining({ status: 'error', message: expect.stringContaining('SMTP_URL') }) });
    expect((await tenant.api.get('/v1/passes?member_id=N-1')).body.data).toEqual([]);

    const dry = await tenant.api.post('/v1/distribution/send-pass-email?dry_run=1', { member_id: 'N-1', email: 'nina@example.com' });
    expect(dry.status).toBe(201);
    expect(dry.body.data).toMatchObject({ status: 'dry_run', subject: 'Your No Mail Shop card', attachments: [expect.stringMatching(/^pass-.+\.pkpass$/)] });
  });
});
