import { FakeApnsServer } from '@wp/apns/testing';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { Client } from 'pg';
import { FakeIPhone, HeldPass, fieldValue } from './fake-iphone';

const PASS_TYPE = 'pass.com.example.burst';
const TEAM = 'BURST12345';
const MEMBERS = 200;

interface Holder {
  memberId: string;
  phone: FakeIPhone;
  held: HeldPass;
  expected: number;
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  return results;
}

/**
 * Nothing lost in a burst (issue 13): notification is killed (SIGKILL) while 200 members'
 * points change at once, and started again. Every registered iPhone still gets a push, lists
 * its pass as updated and fetches it showing the final points; no pass stays on an old version.
 */
describe('live updates: notification killed in the middle of a burst', () => {
  let apns: FakeApnsServer;
  let fleet: Fleet;
  let tenant: TenantFixture;
  let holders: Holder[];

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    fleet = await Fleet.start({ env: { APNS_URL: apns.url, RATE_LIMIT_RPS: '100000', RATE_LIMIT_BURST: '100000' } });
    tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'Burst Coffee');
    const certificate = issuePassCertificate(createTestCa('Stand-in Apple CA'), { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    expect(
      (
        await tenant.api.put('/v1/tenant/apple', {
          pass_type_identifier: PASS_TYPE,
          team_identifier: TEAM,
          certificate_pem: certificate.certificatePem,
          private_key_pem: certificate.privateKeyPem,
        })
      ).status,
    ).toBe(200);
    const ids = Array.from({ length: MEMBERS }, (_, i) => `burst-${i}`);
    holders = await inBatches(ids, 10, async (memberId, i) => {
      expect((await tenant.api.post('/v1/members/register', { member_id: memberId })).status).toBe(201);
      const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Burst Coffee' });
      expect(created.status).toBe(201);
      const download = await tenant.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
      expect(download.status).toBe(200);
      const phone = new FakeIPhone();
      const held = phone.add(download.bytes, download.headers.get('last-modified'));
      expect((await phone.register(held)).status).toBe(201);
      expect((await phone.listUpdated(held)).status).toBe(200);
      return { memberId, phone, held, expected: 10 + i };
    });
  }, 600_000);
  afterAll(async () => {
    await fleet?.stop();
    await apns?.stop();
  });

  it('gets every device its final pass although notification died mid-burst', async () => {
    const pushedBefore = new Map(holders.map((h) => [h.phone.pushToken, apns.pushes.filter((p) => p.token === h.phone.pushToken).length]));
    let answered = 0;
    let killed: Promise<void> | undefined;
    const burst = Promise.all(
      holders.map(async (holder) => {
        const response = await tenant.api.put(`/v1/members/${holder.memberId}/points`, { points: holder.expected, operation: 'set', transaction_reference: `burst-${holder.memberId}` });
        expect(response.status).toBe(200);
        answered += 1;
        // A quarter of the way in: the rest of the burst and its events meet a dead notification.
        if (answered === MEMBERS / 4) killed = fleet.kill('notification');
      }),
    );
    await burst;
    await killed;
    await fleet.respawn('notification');

    // Every device gets a push after the burst, lists its pass and fetches the final points.
    await inBatches(holders, 20, async (holder) => {
      await waitFor(`a push to ${holder.memberId}'s phone`, () => apns.pushes.filter((p) => p.token === holder.phone.pushToken).length > (pushedBefore.get(holder.phone.pushToken) ?? 0) || undefined, 180_000);
      const { list } = await holder.phone.sync(holder.held);
      expect(list.status).toBe(200);
      expect(fieldValue(holder.held.passJson, 'points')).toBe(holder.expected);
    });

    // No pass left on an old version of its member.
    const db = new Client({ connectionString: fleet.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT m.member_id FROM member.members m JOIN pass.passes p ON p.member_uuid = m.id WHERE m.tenant_id = $1 AND p.member_points_version < m.version`,
        [tenant.tenantId],
      );
      expect(rows).toEqual([]);
    } finally {
      await db.end();
    }
  }, 600_000);
});
