// The live-update path as a phone sees it: from `PUT /v1/members/{id}/points` at the gateway
// to the APNs push arriving at a local HTTP/2 TLS APNs fake (member-data's outbox → relay →
// pass-generation re-renders a new version → its outbox → relay → notification's consumer →
// push fan-out → one push per device over the tenant certificate's HTTP/2 session).
// 1,000 members, each with one pass and one registered device, get their points changed at
// once; the figure is each member's time from its PUT's answer to its push, p50 and p99
// (a push that beats the answer counts as 0 ms). Afterwards every device fetches its pass as
// Wallet would and must see its final points. Baseline:
// the same path for one update at a time (sequential), measured in this run.
// A whole fleet runs from dist/ with its own database and Redis namespace, removed at the end.
import { FakeApnsServer, RecordedPush, ensureTestCa } from '@wp/apns/testing';
import { createTestCa, issuePassCertificate, readZip } from '@wp/pkpass/testing';
import { Fleet, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot, waitFor } from '@wp/testing';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { runGoogle } from './live-update-google';

interface BenchRow {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  lowerIsBetter?: boolean;
}

const MEMBERS = 1000;
const SEQUENTIAL = 25;
const SETUP_CONCURRENCY = 40;
const PASS_TYPE = 'pass.com.example.bench';

interface Device {
  memberId: string;
  pushToken: string;
  /** What Wallet keeps from pass.json to fetch the pass again. */
  fetchPath: string;
  authenticationToken: string;
  /** The member's points after every PUT so far. */
  points: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** A member with an Apple pass, downloaded and registered by one device, as Wallet would. */
async function enrol(fleet: Fleet, tenant: TenantFixture, memberId: string): Promise<Device> {
  const expectStatus = (what: string, status: number, expected: number) => {
    if (status !== expected) throw new Error(`${what} for ${memberId}: ${status}`);
  };
  expectStatus('register member', (await tenant.api.post('/v1/members/register', { member_id: memberId })).status, 201);
  const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Bench Coffee' });
  expectStatus('create pass', created.status, 201);
  const download = await tenant.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
  expectStatus('download', download.status, 200);
  const passJson = JSON.parse(readZip(download.bytes)['pass.json'].toString('utf8')) as Record<string, string>;
  const webServicePath = new URL(passJson.webServiceURL).pathname;
  const device: Device = {
    memberId,
    pushToken: randomBytes(32).toString('hex'),
    fetchPath: `${webServicePath}/v1/passes/${passJson.passTypeIdentifier}/${passJson.serialNumber}`,
    authenticationToken: passJson.authenticationToken,
    points: 0,
  };
  const registered = await fleet.api.post(
    `${webServicePath}/v1/devices/${randomBytes(16).toString('hex')}/registrations/${passJson.passTypeIdentifier}/${passJson.serialNumber}`,
    { pushToken: device.pushToken },
    { headers: { authorization: `ApplePass ${passJson.authenticationToken}` } },
  );
  expectStatus('device registration', registered.status, 201);
  return device;
}

/** Milliseconds from each PUT's answer to the next push to its device (sorted), when each PUT was sent, and how many pushes the change caused. */
async function updateAndTime(
  fleet: Fleet,
  tenant: TenantFixture,
  apns: FakeApnsServer,
  devices: Device[],
): Promise<{ latencies: number[]; sentAt: Map<string, number>; pushes: number }> {
  const tokens = new Set(devices.map((device) => device.pushToken));
  const pushesBefore = apns.pushes.filter((push) => tokens.has(push.token)).length;
  const byToken = new Map<string, RecordedPush[]>();
  for (const push of apns.pushes) byToken.set(push.token, [...(byToken.get(push.token) ?? []), push]);
  const seen = new Map(devices.map((device) => [device.pushToken, byToken.get(device.pushToken)?.length ?? 0]));
  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  await Promise.all(
    devices.map(async (device) => {
      sentAt.set(device.pushToken, Date.now());
      const response = await tenant.api.put(`/v1/members/${device.memberId}/points`, { points: 10, operation: 'add' });
      answeredAt.set(device.pushToken, Date.now());
      if (response.status !== 200) throw new Error(`PUT points for ${device.memberId}: ${response.status} ${response.text}`);
      device.points += 10;
    }),
  );
  const arrived = await waitFor(
    `${devices.length} pushes`,
    () => {
      const counts = new Map<string, RecordedPush[]>();
      for (const push of apns.pushes) if (tokens.has(push.token)) counts.set(push.token, [...(counts.get(push.token) ?? []), push]);
      const next = devices.map((device) => counts.get(device.pushToken)?.[seen.get(device.pushToken) ?? 0]);
      return next.every((push) => push !== undefined) ? (next as RecordedPush[]) : undefined;
    },
    300_000,
    50,
  );
  const latencies = arrived.map((push, i) => Math.max(0, push.receivedAt.getTime() - (answeredAt.get(devices[i].pushToken) as number))).sort((a, b) => a - b);
  return {
    latencies,
    sentAt: new Map(devices.map((device) => [device.memberId, sentAt.get(device.pushToken) as number])),
    pushes: apns.pushes.filter((push) => tokens.has(push.token)).length - pushesBefore,
  };
}

/** Wallet after a push: fetch the pass and read its points. Returns the devices that do not show their final points. */
async function staleDevices(fleet: Fleet, devices: Device[]): Promise<string[]> {
  const stale: string[] = [];
  await inParallel(devices, SETUP_CONCURRENCY, async (device) => {
    const response = await fleet.api.get(device.fetchPath, { headers: { authorization: `ApplePass ${device.authenticationToken}` } });
    if (response.status !== 200) {
      stale.push(`${device.memberId} (HTTP ${response.status})`);
      return;
    }
    const passJson = JSON.parse(readZip(response.bytes)['pass.json'].toString('utf8')) as { storeCard: Record<string, Array<{ key: string; value: unknown }>> };
    const shown = Object.values(passJson.storeCard).flat().find((field) => field.key === 'points')?.value;
    if (Number(shown) !== device.points) stale.push(`${device.memberId} (shows ${String(shown)}, has ${device.points})`);
  });
  return stale;
}

/**
 * Where the time went, per member: when member-data committed the points change, when
 * pass-generation wrote the new version, when notification handled pass.updated (and queued
 * the push), read from the fleet's own outboxes and event log. Medians, from the PUT.
 */
async function stages(fleet: Fleet, sentAt: Map<string, number>, since: Date): Promise<string> {
  const client = new Client({ connectionString: fleet.databaseUrl });
  await client.connect();
  try {
    const at = async (sql: string): Promise<number[]> => {
      const { rows } = await client.query<{ member_id: string; at: Date }>(sql, [since]);
      return rows
        .filter((row) => sentAt.has(row.member_id))
        .map((row) => row.at.getTime() - (sentAt.get(row.member_id) as number))
        .sort((a, b) => a - b);
    };
    const median = (values: number[]) => (values.length ? `${percentile(values, 50)} ms` : 'n/a');
    const committed = await at(`SELECT data->>'member_id' AS member_id, occurred_at AS at FROM member.outbox WHERE type = 'member.points_changed' AND occurred_at >= $1`);
    const rendered = await at(`SELECT data->>'member_id' AS member_id, occurred_at AS at FROM pass.outbox WHERE type = 'pass.updated' AND occurred_at >= $1`);
    const handled = await at(`SELECT member_id, received_at AS at FROM notification.event_log WHERE type = 'pass.updated' AND occurred_at >= $1`);
    return `points committed ${median(committed)}, new pass version ${median(rendered)}, push queued ${median(handled)}`;
  } finally {
    await client.end();
  }
}

export default async function run(): Promise<BenchRow[]> {
  // `npm run bench -- live-update --google`: the same burst, to Google Wallet objects.
  if (process.argv.includes('--google')) return runGoogle();
  const ca = ensureTestCa(path.join(repoRoot(), '.local', 'test-ca'));
  const apns = await FakeApnsServer.start({ ca });
  const fleet = await Fleet.start({
    env: {
      APNS_URL: apns.url,
      // The fleet trusts the fake exactly as production trusts Apple: through the CA store.
      NODE_EXTRA_CA_CERTS: ca.caFile,
      LOG_LEVEL: 'warn',
      // A burst of 1,000 requests queues at member-data; none may give up while it waits its turn.
      RPC_TIMEOUT_MS: '120000',
      RATE_LIMIT_RPS: '100000',
      RATE_LIMIT_BURST: '100000',
    },
  });
  try {
    const admin = await bootstrapAdmin(fleet);
    const tenant = await onboardTenant(fleet, admin, 'Bench Coffee');
    const certificate = issuePassCertificate(createTestCa('Bench Apple CA'), { passTypeIdentifier: PASS_TYPE, teamIdentifier: 'BENCH12345' });
    const stored = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: 'BENCH12345',
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    if (stored.status !== 200) throw new Error(`PUT /v1/tenant/apple: ${stored.status}`);

    const devices: Device[] = [];
    const ids = Array.from({ length: MEMBERS }, (_, i) => `BENCH-${String(i).padStart(4, '0')}`);
    const setupStarted = Date.now();
    await inParallel(ids, SETUP_CONCURRENCY, async (memberId) => void devices.push(await enrol(fleet, tenant, memberId)));
    process.stderr.write(`  ${MEMBERS} members enrolled (pass downloaded, device registered) in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s\n`);

    // Baseline: one update at a time, each waiting for its push (the first warms every session).
    const sequential: number[] = [];
    await updateAndTime(fleet, tenant, apns, [devices[0]]);
    for (const device of devices.slice(1, SEQUENTIAL + 1)) sequential.push(...(await updateAndTime(fleet, tenant, apns, [device])).latencies);
    sequential.sort((a, b) => a - b);

    const started = Date.now();
    const { latencies: concurrent, sentAt, pushes } = await updateAndTime(fleet, tenant, apns, devices);
    const drainedSeconds = (Date.now() - started) / 1000;
    const connections = new Set(apns.pushes.map((push) => push.connectionId)).size;
    process.stderr.write(`  ${pushes} pushes for ${MEMBERS} changes over ${connections} HTTP/2 connection(s); burst drained in ${drainedSeconds.toFixed(1)} s\n`);
    process.stderr.write(`  medians from the PUT: ${await stages(fleet, sentAt, new Date(started - 1000))}\n`);
    // Late duplicates (a retry, a second version) arrive after the first push: counted after the fetches.
    const stale = await staleDevices(fleet, devices);
    const burstPushes = apns.pushes.filter((push) => push.receivedAt.getTime() >= started).length;
    process.stderr.write(`  final state: ${MEMBERS - stale.length} of ${MEMBERS} devices fetch their final points${stale.length ? `; stale: ${stale.slice(0, 5).join(', ')}` : ''}; ${burstPushes} pushes in all\n`);

    return [
      { name: `PUT points → APNs push, p50 (${MEMBERS} concurrent; baseline: one at a time)`, unit: 'ms', baseline: percentile(sequential, 50), value: percentile(concurrent, 50), lowerIsBetter: true },
      { name: `PUT points → APNs push, p99 (${MEMBERS} concurrent; baseline: one at a time)`, unit: 'ms', baseline: percentile(sequential, 99), value: percentile(concurrent, 99), lowerIsBetter: true },
      { name: `pushes delivered per second (${MEMBERS} concurrent updates)`, unit: 'push/s', baseline: null, value: MEMBERS / drainedSeconds },
      { name: 'pushes per change (1 = one version, one push)', unit: 'push', baseline: 1, value: burstPushes / MEMBERS, lowerIsBetter: true },
      { name: 'devices fetching their final points after the burst', unit: 'devices', baseline: MEMBERS, value: MEMBERS - stale.length },
    ];
  } finally {
    await fleet.stop();
    await apns.stop();
  }
}
