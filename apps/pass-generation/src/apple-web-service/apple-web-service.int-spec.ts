import { CallContext, DomainError, PassCredential } from '@wp/contracts';
import { openServiceDatabase } from '@wp/database';
import { scratchDatabase } from '@wp/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { passDatabase } from '../database';
import type { PassBundlesService } from '../passes/pass-bundles.service';
import { Pass } from '../passes/pass.entity';
import { publishNewVersions } from '../passes/pass-versions';
import type { PassSignersService } from '../signing/pass-signers.service';
import { AppleWebService } from './apple-web-service.service';
import type { TenantStatusService } from '../tenant-status/tenant-status.service';
import { PushTargetsService } from './push-targets.service';

const DEVICE_CTX: CallContext = { requestId: 'int-spec', actor: { kind: 'anonymous' } };
/** Every tenant here is active; suspension is covered end to end (e2e/hardening). */
const activeTenants = { isActive: async () => true } as unknown as TenantStatusService;

const PASS_TYPE = 'pass.com.example.coffee';
const credential = (token: string, platform: PassCredential['platform'] = 'apple'): PassCredential => ({
  platform,
  token_sha256: createHash('sha256').update(token).digest('hex'),
});
const pushToken = () => randomBytes(32).toString('hex');

/**
 * The web service's registrations and "updated since" list against the real schema:
 * registering and unregistering (with their events), token rotation, the clean-up APNs
 * asks for, and a pass whose transaction commits after a later tag was already listed.
 */
describe('Apple web service registrations (real Postgres)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let db: DataSource;
  let service: AppleWebService;
  let targets: PushTargetsService;
  const tenantId = randomUUID();

  beforeAll(async () => {
    scratch = await scratchDatabase('wp_apple_ws');
    db = await openServiceDatabase({ ...passDatabase, url: scratch.url });
    service = new AppleWebService(db, {} as PassBundlesService, pino({ level: 'silent' }), activeTenants);
    targets = new PushTargetsService(db, {} as PassSignersService);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  async function issuePass(overrides: Partial<Pass> = {}): Promise<Pass> {
    const id = randomUUID();
    const [{ tag }] = (await db.query(`SELECT nextval('pass.pass_update_tag_seq') AS tag`)) as Array<{ tag: string }>;
    return db.getRepository(Pass).save({
      id,
      tenantId,
      passType: 'apple',
      status: 'active',
      serialNumber: id,
      authenticationToken: randomBytes(24).toString('base64url'),
      passTypeIdentifier: PASS_TYPE,
      teamIdentifier: 'ABCDE12345',
      signing: 'production',
      companyName: 'Example Coffee',
      memberId: `M-${id.slice(0, 8)}`,
      memberUuid: randomUUID(),
      memberName: null,
      points: 0,
      tier: 'bronze',
      channel: 'api',
      version: 1,
      updateTag: tag,
      updatedAt: new Date(),
      ...overrides,
    });
  }

  const register = (device: string, pass: Pass, token = pushToken(), platform: PassCredential['platform'] = 'apple') =>
    service.register(DEVICE_CTX, {
      device_library_identifier: device,
      pass_type_identifier: PASS_TYPE,
      serial_number: pass.serialNumber,
      credential: credential(pass.authenticationToken, platform),
      body: { pushToken: token },
    });

  const list = (device: string, since: string | null) =>
    service.updatedSerials(DEVICE_CTX, { device_library_identifier: device, pass_type_identifier: PASS_TYPE, passes_updated_since: since, record: true });

  const events = async (passId: string) =>
    ((await db.query(`SELECT type, data FROM pass.outbox WHERE data->>'pass_id' = $1 ORDER BY seq`, [passId])) as Array<{ type: string; data: Record<string, unknown> }>).filter(
      (event) => event.type !== 'pass.updated',
    );

  test('a first registration is new (201) and emits pass.installed with the channel the pass last went out through; a repeat is not (200)', async () => {
    const pass = await issuePass({ distributionChannel: 'sms' });
    expect(await register('device-1', pass)).toEqual({ created: true });
    expect(await register('device-1', pass)).toEqual({ created: false });
    expect(await events(pass.id)).toEqual([{ type: 'pass.installed', data: { pass_id: pass.id, pass_type: 'apple', member_id: pass.memberId, channel: 'sms' } }]);
  });

  test('a wrong token, no credential, another pass type or an unknown serial are the same refusal', async () => {
    const pass = await issuePass();
    const refusals = [
      service.register(DEVICE_CTX, { device_library_identifier: 'd', pass_type_identifier: PASS_TYPE, serial_number: pass.serialNumber, credential: credential('wrong-token-xxxxxxxx'), body: { pushToken: pushToken() } }),
      service.register(DEVICE_CTX, { device_library_identifier: 'd', pass_type_identifier: PASS_TYPE, serial_number: pass.serialNumber, credential: null, body: { pushToken: pushToken() } }),
      service.register(DEVICE_CTX, { device_library_identifier: 'd', pass_type_identifier: 'pass.other', serial_number: pass.serialNumber, credential: credential(pass.authenticationToken), body: { pushToken: pushToken() } }),
      service.register(DEVICE_CTX, { device_library_identifier: 'd', pass_type_identifier: PASS_TYPE, serial_number: randomUUID(), credential: credential(pass.authenticationToken), body: { pushToken: pushToken() } }),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await db.query('SELECT 1 FROM pass.device_registrations WHERE pass_id = $1', [pass.id])).toEqual([]);
  });

  test('a new push token from a device replaces the old one on all of its registrations', async () => {
    const [one, two] = [await issuePass(), await issuePass()];
    await register('device-rotate', one, 'aa'.repeat(32));
    await register('device-rotate', two, 'aa'.repeat(32));
    await register('device-rotate', one, 'bb'.repeat(32));
    const rows = (await db.query(`SELECT push_token FROM pass.device_registrations WHERE device_library_identifier = 'device-rotate'`)) as Array<{ push_token: string }>;
    expect(rows.map((row) => row.push_token)).toEqual(['bb'.repeat(32), 'bb'.repeat(32)]);
  });

  test('an Android app registration is recorded as such, and push targets list it with its platform', async () => {
    const pass = await issuePass();
    await register('android-device', pass, 'fcm:abc-DEF_123', 'android');
    const rows = (await db.query(`SELECT platform, push_token FROM pass.device_registrations WHERE pass_id = $1`, [pass.id])) as Array<{ platform: string; push_token: string }>;
    expect(rows).toEqual([{ platform: 'android', push_token: 'fcm:abc-DEF_123' }]);
  });

  test('unregistering removes the registration once and emits pass.uninstalled', async () => {
    const pass = await issuePass();
    await register('device-leaving', pass);
    const unregister = () =>
      service.unregister({ device_library_identifier: 'device-leaving', pass_type_identifier: PASS_TYPE, serial_number: pass.serialNumber, credential: credential(pass.authenticationToken) });
    expect(await unregister()).toEqual({ removed: true });
    expect(await unregister()).toEqual({ removed: false });
    expect((await events(pass.id)).map((event) => event.type)).toEqual(['pass.installed', 'pass.uninstalled']);
    expect(await list('device-leaving', null)).toEqual({ serial_numbers: [], last_updated: '0' });
  });

  test('APNs refusing a token drops the Wallet registrations that use it for the topic, each an uninstall', async () => {
    const [one, two] = [await issuePass(), await issuePass()];
    const dead = 'cc'.repeat(32);
    await register('device-dead', one, dead);
    await register('device-dead', two, dead);
    const ctx = { requestId: 'test', tenantId, actor: { kind: 'system' as const, service: 'test' } };
    expect(await targets.dropRegistrations(ctx, { push_token: dead, topic: PASS_TYPE, reason: 'unregistered' })).toEqual({ removed: 2 });
    expect((await events(one.id)).map((event) => event.type)).toEqual(['pass.installed', 'pass.uninstalled']);
    expect(await list('device-dead', null)).toEqual({ serial_numbers: [], last_updated: '0' });
  });

  test('lists what changed since the tag, remembers what it told the device, and answers nothing when nothing changed', async () => {
    const [a, b] = [await issuePass(), await issuePass()];
    await register('device-list', a);
    await register('device-list', b);
    const all = await list('device-list', null);
    expect(all.serial_numbers.sort()).toEqual([a.serialNumber, b.serialNumber].sort());
    expect(await list('device-list', all.last_updated)).toEqual({ serial_numbers: [], last_updated: all.last_updated });

    await db.transaction((tx) => publishNewVersions(tx, [a], 'member'));
    const changed = await list('device-list', all.last_updated);
    expect(changed.serial_numbers).toEqual([a.serialNumber]);
    expect(BigInt(changed.last_updated)).toBeGreaterThan(BigInt(all.last_updated));
  });

  test('a pass whose transaction took an earlier tag but committed after a later one was listed is still listed', async () => {
    const [late, early] = [await issuePass(), await issuePass()];
    await register('device-race', late);
    await register('device-race', early);
    const before = await list('device-race', null);

    // `late` takes its tag first and stays uncommitted while `early` takes a higher tag and commits.
    const slow = db.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      await publishNewVersions(slow.manager, [late], 'member');
      await db.transaction((tx) => publishNewVersions(tx, [early], 'member'));
      expect(BigInt(late.updateTag)).toBeLessThan(BigInt(early.updateTag));

      const first = await list('device-race', before.last_updated);
      expect(first.serial_numbers).toEqual([early.serialNumber]);
      expect(first.last_updated).toBe(early.updateTag);
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }

    // The device asks with the cursor it was given, which is past `late`'s tag.
    const second = await list('device-race', early.updateTag);
    expect(second.serial_numbers).toEqual([late.serialNumber]);
    expect(await list('device-race', second.last_updated)).toEqual({ serial_numbers: [], last_updated: early.updateTag });
  });

  test('a HEAD of the list only looks: what the device was told is not remembered', async () => {
    const pass = await issuePass();
    await register('device-head', pass);
    const head = await service.updatedSerials(DEVICE_CTX, { device_library_identifier: 'device-head', pass_type_identifier: PASS_TYPE, passes_updated_since: null, record: false });
    expect(head.serial_numbers).toEqual([pass.serialNumber]);
    const listed = async () => ((await db.query(`SELECT listed_tag FROM pass.device_registrations WHERE device_library_identifier = 'device-head'`)) as Array<{ listed_tag: string | null }>)[0].listed_tag;
    expect(await listed()).toBeNull();
    await list('device-head', null);
    expect(await listed()).toBe(pass.updateTag);
  });

  test('an unknown device has no matching passes', async () => {
    expect(await list('never-registered', null)).toEqual({ serial_numbers: [], last_updated: '0' });
    expect(await list('../not-a-device', '5')).toEqual({ serial_numbers: [], last_updated: '0' });
  });

  test('device input that no device could send is a 400 once the pass is authorised', async () => {
    const pass = await issuePass();
    await expect(
      service.register(DEVICE_CTX, { device_library_identifier: 'device-x', pass_type_identifier: PASS_TYPE, serial_number: pass.serialNumber, credential: credential(pass.authenticationToken), body: { pushToken: 'not hex' } }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      service.register(DEVICE_CTX, { device_library_identifier: 'bad/device', pass_type_identifier: PASS_TYPE, serial_number: pass.serialNumber, credential: credential(pass.authenticationToken), body: { pushToken: pushToken() } }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});
