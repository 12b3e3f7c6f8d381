// `npm run chaos [-- --duration 60]`: a fleet of its own (own database, own Redis namespace,
// loopback only) under a mixed load while each process is killed in turn, one is paused and
// the fleet's Redis connections are cut; then, once it is quiet, the invariants are checked
// from the database and the fakes. Prints a table; exits 1 on any violation. See
// docs/operations.md, "Chaos run".
import { FakeApnsServer, ensureTestCa } from '@wp/apns/testing';
import { consumersOf } from '@wp/contracts';
import { createTestCa, issuePassCertificate, readZip } from '@wp/pkpass/testing';
import { ApiClient, ApiResponse, FLEET_PROCESSES, Fleet, FleetProcess, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot } from '@wp/testing';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { InvariantRow, Observed, WriteRecord, checkInvariants, formatTable } from './chaos/invariants';
import { clientIdsOfFleet } from './chaos/redis-connections';

const PASS_TYPE = 'pass.com.example.chaos';
const WEBHOOK_TYPES = ['member.created', 'member.points_changed', 'pass.created'];
/** How long one logical write keeps retrying before its outcome counts as unknown. */
const RETRY_BUDGET_MS = 120_000;
/** How long to wait for events, webhooks and pushes to settle after the load. */
const QUIET_TIMEOUT_MS = 240_000;

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

function durationSeconds(): number {
  const i = process.argv.indexOf('--duration');
  const value = Number(i >= 0 ? process.argv[i + 1] : 60);
  if (!Number.isFinite(value) || value < 5 || value > 3600) throw new Error('--duration takes seconds, 5 to 3600');
  return value;
}

/** An integrator's webhook endpoint on loopback: records every event id it receives. */
async function startReceiver(): Promise<{ url: string; eventIds: Set<string>; close: () => void }> {
  const eventIds = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        eventIds.add(JSON.parse(Buffer.concat(chunks).toString('utf8')).id);
      } catch {
        // not an event: ignore
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, eventIds, close: () => (server.closeAllConnections(), server.close()) };
}

/**
 * A client as the docs ask integrators to write one: retries a 503, a 429 and a 409 "still
 * running"; retries a broken connection only when the write is safe to repeat (a reference or
 * an Idempotency-Key). A write that got no answer and cannot be retried counts as unknown.
 */
class WellBehavedClient {
  readonly statuses: Observed['statuses'] = [];
  readonly contractErrors: string[] = [];

  constructor(private readonly api: ApiClient) {}

  async send(method: string, path: string, body: unknown, options: { key?: string; safe: boolean; headers?: Record<string, string>; api?: ApiClient }): Promise<{ outcome: WriteRecord['outcome']; response?: ApiResponse }> {
    const until = Date.now() + RETRY_BUDGET_MS;
    const headers = { ...options.headers, ...(options.key ? { 'idempotency-key': options.key } : {}) };
    for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
      let response: ApiResponse | undefined;
      try {
        response = await (options.api ?? this.api).request(method, path, { body, headers });
      } catch (error) {
        const message = (error as Error).message;
        if (message.startsWith('response differs')) this.contractErrors.push(`${method} ${path}: ${message.split('\n')[1] ?? message}`);
        if (!options.safe) return { outcome: 'unknown' };
      }
      if (response) {
        this.statuses.push({ status: response.status, retryAfter: response.headers.has('retry-after'), path: `${method} ${path}` });
        const lost = response.status === 503 && /applied/.test(response.text);
        const again = response.status === 503 || response.status === 429 || (response.status === 409 && options.key !== undefined && /in progress/.test(response.text));
        if (lost && !options.safe) return { outcome: 'unknown', response };
        if (!again) return { outcome: response.status < 300 ? 'done' : 'refused', response };
      }
      if (Date.now() > until) return { outcome: 'unknown' };
      await delay(wait);
    }
  }
}

interface Device {
  token: string;
  passId: string;
}

async function main(): Promise<void> {
  const seconds = durationSeconds();
  // The APNs fake presents a certificate from the test CA; fleet processes trust it.
  process.env.NODE_EXTRA_CA_CERTS = (await ensureTestCa(path.join(repoRoot(), '.local/test-ca'))).caFile;
  const apns = await FakeApnsServer.start();
  const receiver = await startReceiver();
  log('starting a fleet of its own');
  const fleet = await Fleet.start({
    env: { APNS_URL: apns.url, WEBHOOK_ALLOW_LOOPBACK: 'true', RATE_LIMIT_RPS: '100000', RATE_LIMIT_BURST: '100000', RPC_TIMEOUT_MS: '10000' },
  });
  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  let failed = true;
  try {
    const tenant = await onboardTenant(fleet, await bootstrapAdmin(fleet), 'Chaos Coffee');
    const certificate = issuePassCertificate(createTestCa('Stand-in Apple CA'), { passTypeIdentifier: PASS_TYPE, teamIdentifier: 'CHAOS12345' });
    await must(tenant.api.put('/v1/tenant/apple', { pass_type_identifier: PASS_TYPE, team_identifier: 'CHAOS12345', certificate_pem: certificate.certificatePem, private_key_pem: certificate.privateKeyPem }));
    await must(tenant.api.post('/v1/webhooks', { url: receiver.url, events: WEBHOOK_TYPES }));

    const client = new WellBehavedClient(tenant.api);
    const load = new Load(client, tenant);
    for (let i = 0; i < 8; i++) await load.register();
    log(`load and chaos for ${seconds} s`);
    const stopAt = Date.now() + seconds * 1000;
    // The load goes on until the last disruption is over, however long restarts take.
    const workers = Array.from({ length: 6 }, (_, w) => load.run(w));
    await chaos(fleet, redis, stopAt);
    load.stop();
    await Promise.all(workers);
    log(`load done: ${load.writes.length} writes, ${load.devices.length} devices; waiting for the fleet to settle`);

    const deadline = Date.now() + QUIET_TIMEOUT_MS;
    let rows: InvariantRow[];
    for (;;) {
      rows = checkInvariants(await observe(fleet, tenant, load, client, apns, receiver.eventIds));
      if (rows.every((r) => r.violations === 0) || Date.now() > deadline) break;
      await delay(2000);
    }
    rows.push({ invariant: 'every response matches the OpenAPI document', checked: client.statuses.length, violations: client.contractErrors.length, examples: client.contractErrors.slice(0, 3) });
    const statuses = [...countStatuses(client.statuses)].map(([s, n]) => `${s}×${n}`).join(' ');
    const outcomes = [...countStatuses(load.writes.map((w) => ({ status: `${w.kind}:${w.outcome}` })))].map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`\nresponses: ${statuses}\nwrites: ${outcomes}\n\n${formatTable(rows)}\n`);
    failed = rows.some((r) => r.violations > 0);
  } finally {
    redis.disconnect();
    await fleet.stop();
    await apns.stop();
    receiver.close();
  }
  process.exit(failed ? 1 : 0);
}

async function must(response: Promise<ApiResponse>): Promise<ApiResponse> {
  const r = await response;
  if (r.status >= 300) throw new Error(`setup failed: ${r.status} ${r.text}`);
  return r;
}

function countStatuses(items: Array<{ status: number | string }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { status } of items) counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
  return new Map([...counts].sort());
}

/** The mixed load: registers, points with and without references, passes, devices. */
class Load {
  readonly writes: WriteRecord[] = [];
  readonly devices: Device[] = [];
  private readonly members: string[] = [];
  private readonly applePasses: string[] = [];
  private next = 0;

  constructor(
    private readonly client: WellBehavedClient,
    private readonly tenant: TenantFixture,
  ) {}

  private stopped = false;

  stop(): void {
    this.stopped = true;
  }

  async run(worker: number): Promise<void> {
    for (let i = worker; !this.stopped; i += 6) {
      const member = this.members[i % this.members.length];
      const step = i % 10;
      if (step === 0) await this.register();
      else if (step <= 4) await this.points(member, true);
      else if (step <= 6) await this.points(member, false);
      else if (step <= 8) await this.pass(member);
      else await this.device();
    }
  }

  async register(): Promise<void> {
    const member = `chaos-${this.next++}`;
    const { outcome } = await this.client.send('POST', '/v1/members/register', { member_id: member }, { key: `register-${member}`, safe: true });
    this.writes.push({ kind: 'register', member, outcome });
    if (outcome === 'done') this.members.push(member);
  }

  private async points(member: string, withReference: boolean): Promise<void> {
    const amount = 1 + (this.next++ % 5);
    const reference = withReference ? `ref-${randomBytes(6).toString('hex')}` : undefined;
    const body = { operation: 'add', points: amount, ...(reference ? { transaction_reference: reference } : {}) };
    const { outcome, response } = await this.client.send('PUT', `/v1/members/${member}/points`, body, { safe: withReference });
    this.writes.push({ kind: 'points', member, outcome, amount, reference: reference ?? response?.body?.data?.transaction_reference });
  }

  private async pass(member: string): Promise<void> {
    const { outcome, response } = await this.client.send('POST', '/v1/passes/create-from-member', { member_id: member, pass_type: 'apple', company_name: 'Chaos Coffee' }, { key: `pass-${randomBytes(6).toString('hex')}`, safe: true });
    const passId = response?.body?.data?.pass_id as string | undefined;
    this.writes.push({ kind: 'pass', member, outcome, passId });
    if (outcome === 'done' && passId) this.applePasses.push(passId);
  }

  /** An iPhone adds one of the passes and registers for its pushes, as Wallet does. */
  private async device(): Promise<void> {
    const passId = this.applePasses[this.next++ % Math.max(1, this.applePasses.length)];
    if (!passId) return;
    const download = await this.client.send('GET', `/v1/passes/${passId}/download`, undefined, { safe: true });
    if (download.outcome !== 'done' || !download.response) return;
    const passJson = JSON.parse(readZip(download.response.bytes)['pass.json'].toString('utf8'));
    const token = randomBytes(32).toString('hex');
    const web = new ApiClient(passJson.webServiceURL);
    const registered = await this.client.send(
      'POST',
      `/v1/devices/${randomBytes(16).toString('hex')}/registrations/${passJson.passTypeIdentifier}/${passJson.serialNumber}`,
      { pushToken: token },
      { safe: true, api: web, headers: { authorization: `ApplePass ${passJson.authenticationToken}` } },
    );
    if (registered.outcome === 'done') this.devices.push({ token, passId });
  }
}

/**
 * Each process killed (SIGKILL) and started again after a short backoff, as the supervisor
 * of `npm start` does; member-data paused and resumed; the fleet's Redis connections cut.
 */
async function chaos(fleet: Fleet, redis: Redis, stopAt: number): Promise<void> {
  const actions: Array<[string, () => Promise<void>]> = [
    ...FLEET_PROCESSES.map((name): [string, () => Promise<void>] => [`SIGKILL ${name}`, () => killAndRestart(fleet, name)]),
    ['SIGSTOP member-data for 3 s', async () => (fleet.signal('member-data', 'SIGSTOP'), await delay(3000), fleet.signal('member-data', 'SIGCONT'))],
    ['CLIENT KILL the fleet’s Redis connections', () => cutRedisConnections(fleet, redis)],
  ];
  const start = Date.now();
  const gap = (stopAt - start) / (actions.length + 1);
  for (const [k, [name, act]] of actions.entries()) {
    await delay(Math.max(0, start + gap * (k + 1) - Date.now()));
    log(name);
    await act();
  }
  await delay(Math.max(0, stopAt - Date.now()));
}

async function killAndRestart(fleet: Fleet, name: FleetProcess): Promise<void> {
  await fleet.kill(name, 'SIGKILL');
  await delay(500);
  await fleet.respawn(name);
}

async function cutRedisConnections(fleet: Fleet, redis: Redis): Promise<void> {
  const ids = clientIdsOfFleet((await redis.client('LIST')) as string, fleet.namespace);
  for (const id of ids) await redis.client('KILL', 'ID', id);
  log(`  cut ${ids.length} connections`);
}

/** What the database and the fakes hold now. */
async function observe(fleet: Fleet, tenant: TenantFixture, load: Load, client: WellBehavedClient, apns: FakeApnsServer, webhookEventIds: Set<string>): Promise<Observed> {
  const db = new Client({ connectionString: fleet.databaseUrl });
  await db.connect();
  try {
    const q = async (sql: string) => (await db.query(sql, [tenant.tenantId])).rows;
    const members = await q(`SELECT member_id, points FROM member.members WHERE tenant_id = $1 AND deleted_at IS NULL`);
    const ledger = await q(`SELECT m.member_id, t.transaction_reference, t.delta FROM member.point_transactions t JOIN member.members m ON m.id = t.member_pk WHERE t.tenant_id = $1`);
    const passes = await q(
      `SELECT p.id, p.member_id, (GREATEST(p.member_points_version, p.member_profile_version) < m.version) AS stale
         FROM pass.passes p JOIN member.members m ON m.id = p.member_uuid WHERE p.tenant_id = $1`,
    );
    const schemas = (await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'`)).rows.map((r) => r.table_schema as string);
    const outbox: Observed['outbox'] = [];
    for (const s of schemas) outbox.push(...(await q(`SELECT event_id, type, published_at IS NOT NULL AS published FROM "${s}".outbox WHERE tenant_id = $1`)));
    const processed = new Map<string, Set<string>>();
    for (const s of (await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'processed_events'`)).rows.map((r) => r.table_schema as string)) {
      for (const r of (await db.query(`SELECT consumer, event_id FROM "${s}".processed_events`)).rows) {
        if (!processed.has(r.event_id)) processed.set(r.event_id, new Set());
        processed.get(r.event_id)!.add(r.consumer);
      }
    }
    const lastChange = new Map((await q(`SELECT id, updated_at FROM pass.passes WHERE tenant_id = $1`)).map((r) => [r.id as string, (r.updated_at as Date).getTime()]));
    const registeredAt = new Map((await q(`SELECT push_token, created_at FROM pass.device_registrations WHERE tenant_id = $1`)).map((r) => [r.push_token as string, (r.created_at as Date).getTime()]));
    const devices = load.devices.map((d) => {
      const changed = lastChange.get(d.passId) ?? 0;
      // A device registered after the pass last changed has nothing to be told.
      const quietSince = (registeredAt.get(d.token) ?? Infinity) >= changed;
      const pushes = apns.pushes.filter((p) => p.token === d.token).map((p) => p.receivedAt.toISOString().slice(11, 23));
      const detail = `registered ${new Date(registeredAt.get(d.token) ?? 0).toISOString().slice(11, 23)}, pass changed ${new Date(changed).toISOString().slice(11, 23)}, pushes [${pushes.join(' ')}]`;
      return { token: d.token, pushedAfterLastChange: quietSince || apns.pushes.some((p) => p.token === d.token && p.receivedAt.getTime() >= changed), detail };
    });
    return {
      writes: load.writes,
      statuses: client.statuses,
      members,
      ledger,
      passes,
      outbox,
      processed,
      consumersOf: (type) => consumersOf(type as never),
      webhookTypes: new Set(WEBHOOK_TYPES),
      webhookEventIds,
      devices,
    } as Observed;
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
