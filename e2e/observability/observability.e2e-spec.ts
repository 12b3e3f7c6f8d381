import { FakeApnsServer } from '@wp/apns/testing';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { Admin, Fleet, FleetProcess, TenantFixture, bootstrapAdmin, onboardTenant, waitFor } from '@wp/testing';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';
import { FakeIPhone } from '../live-updates/fake-iphone';
import { OtlpReceiver, ReceivedSpan } from './otlp-receiver';

const PASS_TYPE = 'pass.com.example.observed';
const TEAM = 'OBSRV12345';
const SERVICES: FleetProcess[] = ['gateway', 'tenant-management', 'member-data', 'pass-generation', 'notification'];

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, one sample per line (what Prometheus itself parses from /metrics). */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Sum of the samples of `name` whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

/**
 * Tracing, metrics and the APNs circuit breaker, end to end: the fleet exports its spans over
 * OTLP/HTTP to a receiver in this test (the standard OTEL_* variables, the real exporter),
 * /metrics is scraped from each process's private ops port, and the APNs fake stands in for
 * Apple, failing on demand.
 */
describe('observability', () => {
  let apns: FakeApnsServer;
  let otlp: OtlpReceiver;
  let fleet: Fleet;
  let admin: Admin;

  beforeAll(async () => {
    apns = await FakeApnsServer.start();
    otlp = await OtlpReceiver.start();
    fleet = await Fleet.start({
      env: {
        APNS_URL: apns.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
        // Export every span soon after it ends instead of every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '200',
        UPSTREAM_BREAKER_THRESHOLD: '2',
        UPSTREAM_BREAKER_HALF_OPEN_MS: '1500',
      },
    });
    admin = await bootstrapAdmin(fleet);
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
    await apns?.stop();
    await otlp?.stop();
  });

  async function appleTenant(name: string): Promise<TenantFixture> {
    const tenant = await onboardTenant(fleet, admin, name);
    const certificate = issuePassCertificate(createTestCa('Stand-in Apple CA'), { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    const stored = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE,
      team_identifier: TEAM,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(stored.status).toBe(200);
    return tenant;
  }

  /** A member whose Apple pass sits on a fake iPhone registered for its updates. */
  async function memberOnPhone(tenant: TenantFixture, memberId: string): Promise<FakeIPhone> {
    expect((await tenant.api.post('/v1/members/register', { member_id: memberId, member_name: 'Grace Hopper' })).status).toBe(201);
    const created = await tenant.api.post('/v1/passes/create-from-member', { member_id: memberId, pass_type: 'apple', company_name: 'Observed Coffee' });
    expect(created.status).toBe(201);
    const download = await tenant.api.get(`/v1/passes/${created.body.data.pass_id}/download`);
    const phone = new FakeIPhone();
    const held = phone.add(download.bytes, download.headers.get('last-modified'));
    expect((await phone.register(held)).status).toBe(201);
    return phone;
  }

  async function scrape(process: FleetProcess): Promise<Sample[]> {
    const response = await fetch(`http://127.0.0.1:${await fleet.opsPort(process)}/metrics`);
    expect(response.status).toBe(200);
    return parseMetrics(await response.text());
  }

  test('the spans of one points change form one trace, from the gateway request to the APNs push', async () => {
    const tenant = await appleTenant('Traced Coffee');
    const phone = await memberOnPhone(tenant, 'TRACED-1');
    expect((await tenant.api.put('/v1/members/TRACED-1/points', { points: 25, operation: 'add' })).status).toBe(200);
    const push = await apns.waitForPush((p) => p.token === phone.pushToken, 60_000);
    expect(push.response.status).toBe(200);

    // The push itself carries the trace onward (W3C traceparent): the trace is the one the points change started.
    const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(push.headers.traceparent ?? '');
    expect(traceparent).not.toBeNull();
    const [, traceId, pushSpanId] = traceparent!;

    const root = (spans: ReceivedSpan[]) => spans.find((s) => s.service === 'gateway' && s.name === 'PUT /v1/members/:member_id/points');
    const spans = await waitFor(
      'the whole trace at the collector',
      async () => {
        const received = otlp.trace(traceId);
        const ids = new Set(received.map((s) => s.spanId));
        // Complete once the gateway's request span (exported last, when the response is sent)
        // and the APNs span are in, and every other span's parent is too.
        const complete = root(received) && ids.has(pushSpanId) && received.every((s) => !s.parentSpanId || ids.has(s.parentSpanId));
        return complete ? received : undefined;
      },
      60_000,
    );

    const request = root(spans)!;
    expect(request.parentSpanId).toBeUndefined();
    expect(spans.filter((s) => !s.parentSpanId)).toEqual([request]);
    const apnsSpan = spans.find((s) => s.spanId === pushSpanId)!;
    expect(apnsSpan).toMatchObject({ service: 'notification', name: 'apns send', attributes: expect.objectContaining({ 'wp.upstream.status': '200' }) });

    // The chain: gateway → member-data (RPC) → pass-generation (event) → notification (event, jobs) → APNs.
    const services = new Set(spans.map((s) => s.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'member-data', 'notification', 'pass-generation']));
    expect(spans).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'member-data', name: expect.stringMatching(/^rpc member\./) }),
        expect.objectContaining({ service: 'pass-generation', name: 'event member.points_changed' }),
        expect.objectContaining({ service: 'notification', name: 'event pass.updated' }),
      ]),
    );
    // Walking up from the APNs span reaches the gateway's request.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const path: string[] = [];
    for (let at: ReceivedSpan | undefined = apnsSpan; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) path.unshift(`${at.service}: ${at.name}`);
    expect(path[0]).toBe('gateway: PUT /v1/members/:member_id/points');
    expect(path.at(-1)).toBe('notification: apns send');
  });

  test('every process serves the metric families; a points change moves the counters', async () => {
    const families = ['wp_rpc_duration_seconds', 'wp_jobs_total', 'wp_job_duration_seconds', 'wp_queue_depth', 'wp_outbox_lag_seconds', 'wp_upstream_requests_total', 'wp_pushes_total', 'wp_pass_signing_duration_seconds', 'wp_circuit_state'];
    for (const process of SERVICES) {
      const response = await fetch(`http://127.0.0.1:${await fleet.opsPort(process)}/metrics`);
      const text = await response.text();
      for (const family of families) expect(`${process}: ${text.includes(`# TYPE ${family} `)}`).toBe(`${process}: true`);
    }

    const tenant = await appleTenant('Counted Coffee');
    const phone = await memberOnPhone(tenant, 'COUNTED-1');
    const before = Object.fromEntries(await Promise.all(SERVICES.map(async (p) => [p, await scrape(p)] as const))) as Record<FleetProcess, Sample[]>;
    expect((await tenant.api.put('/v1/members/COUNTED-1/points', { points: 10, operation: 'add' })).status).toBe(200);
    await apns.waitForPush((p) => p.token === phone.pushToken, 60_000);

    const moved = async (process: FleetProcess, name: string, labels: Record<string, string> = {}) => {
      await waitFor(`${name} ${JSON.stringify(labels)} to grow on ${process}`, async () => total(await scrape(process), name, labels) > total(before[process], name, labels), 30_000);
    };
    await moved('gateway', 'wp_requests_duration_seconds_count', { route: 'PUT /v1/members/:member_id/points', status: '200' });
    await moved('gateway', 'wp_rpc_duration_seconds_count', { side: 'client', outcome: 'ok' });
    await moved('member-data', 'wp_rpc_duration_seconds_count', { side: 'server', outcome: 'ok' });
    await moved('pass-generation', 'wp_jobs_total', { outcome: 'completed' });
    await moved('pass-generation', 'wp_pass_signing_duration_seconds_count');
    await moved('notification', 'wp_jobs_total', { queue: 'notification.pass-push', outcome: 'completed' });
    await moved('notification', 'wp_upstream_requests_total', { upstream: 'apns', status: '200' });
    await moved('notification', 'wp_pushes_total', { platform: 'ios', outcome: 'delivered' });
    // Gauges read at scrape time: the relay's outboxes and the queues it feeds.
    const member = await scrape('member-data');
    expect(member.some((s) => s.name === 'wp_outbox_lag_seconds' && s.labels.schema === 'member')).toBe(true);
    expect(member.some((s) => s.name === 'wp_queue_depth' && s.labels.state === 'waiting')).toBe(true);
    expect((await scrape('notification')).find((s) => s.name === 'wp_circuit_state' && s.labels.upstream === 'apns' && s.labels.tenant_id === tenant.tenantId)?.value).toBe(0);
  });

  test("APNs failing opens the tenant's circuit; recovery closes it, and every push still arrives", async () => {
    const tenant = await appleTenant('Broken Coffee');
    const phones = [await memberOnPhone(tenant, 'BROKEN-1'), await memberOnPhone(tenant, 'BROKEN-2')];
    for (const phone of phones) apns.respondWith(phone.pushToken, { status: 503, reason: 'ServiceUnavailable' });
    const circuit = async () => (await scrape('notification')).find((s) => s.name === 'wp_circuit_state' && s.labels.upstream === 'apns' && s.labels.tenant_id === tenant.tenantId)?.value;
    const refused = async () => total(await scrape('notification'), 'wp_upstream_requests_total', { upstream: 'apns', status: 'circuit_open' });
    const refusedBefore = await refused();

    for (const id of ['BROKEN-1', 'BROKEN-2']) expect((await tenant.api.put(`/v1/members/${id}/points`, { points: 7, operation: 'add' })).status).toBe(200);
    await waitFor('the circuit to open', async () => (await circuit()) === 1, 60_000);
    // While open, pushes are held back without calling APNs.
    await waitFor('a push held back by the open circuit', async () => (await refused()) > refusedBefore, 60_000);

    // APNs recovers: the next test call closes the circuit and the held pushes go out.
    const failedAt = apns.pushes.length;
    for (const phone of phones) apns.respondWith(phone.pushToken, { status: 200 });
    for (const phone of phones) {
      const delivered = await apns.waitForPush((p) => p.token === phone.pushToken && p.response.status === 200 && apns.pushes.indexOf(p) >= failedAt, 90_000);
      expect(delivered.response.status).toBe(200);
    }
    await waitFor('the circuit to close', async () => (await circuit()) === 0, 60_000);
    // Nothing was dropped: no push job of this tenant ended failed for good.
    expect(fleet.logs('notification').filter((line) => line.includes('APNs push failed for good'))).toEqual([]);
  });
});
