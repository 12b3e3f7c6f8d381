import { Admin, ApiClient, ApiResponse, Fleet, TenantFixture, bootstrapAdmin, onboardTenant } from '@wp/testing';
import fc from 'fast-check';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';
import { OpenApiDocument, OpenApiOperation, anyJson, nastyScalar, valueFor } from './openapi-arbitraries';

/** Fixed, so a failure found once is found again; bump deliberately to explore further. */
const SEED = 20261205;
/** Generated requests per operation: about 7,000 in all, well under a couple of minutes on two busy cores. */
const RUNS_PER_OPERATION = 100;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A URL can only carry well-formed text: lone surrogates become U+FFFD, as a browser would send them. */
const wellFormed = (text: string): string => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** What HTTP lets a header carry (visible ASCII and spaces), shaped like the header where it matters. */
const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
function headerValue(name: string): fc.Arbitrary<string> {
  if (/^authorization$/i.test(name)) return fc.oneof(headerText.map((token) => `ApplePass ${token}`), headerText.map((token) => `AndroidPass ${token}`), headerText);
  if (/modified-since/i.test(name)) return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), headerText);
  return headerText;
}

/**
 * The links people follow in a browser (spec/API.md §4: /s/{code}, /p/{token}, its
 * pass.pkpass; §8.6: the enrollment form /e/{slug}) answer with HTML pages.
 */
const BROWSER_LINK = /^\/(s|p|e)\//;

/** How a generated value travels in a URL: objects as their JSON, everything else as text. */
const asText = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

interface Target {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

/**
 * Property: whatever body, query and path a client sends to any operation of the served
 * OpenAPI document, with valid credentials for it, the gateway never answers 5xx and every
 * 4xx is the contract's error envelope (spec/API.md §2) carrying the X-Request-Id.
 */
describe('fuzz: generated requests for every operation of /openapi.json', () => {
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  /** A tenant only the fuzzer's path parameters name: admin operations may suspend or rotate it. */
  let sacrificialTenantId: string;
  let bearer: ApiClient;
  let document: OpenApiDocument;
  let targets: Target[] = [];

  beforeAll(async () => {
    // Per-tenant buckets large enough that generated traffic reaches handlers, not the limiter.
    fleet = await Fleet.start({ env: { RATE_LIMIT_BURST: '100000', RATE_LIMIT_RPS: '10000', LINK_RATE_PER_MIN: '100000', DEMO_RATE_PER_MIN: '100000', APPLE_LOG_RATE_PER_MIN: '100000' } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin);
    sacrificialTenantId = (await onboardTenant(fleet, admin)).tenantId;
    const token = await admin.api.post('/v1/bearer-tokens', { name: 'fuzz' });
    bearer = fleet.api.withBearer(token.body.data.token);
    // Real things to point at, so some generated requests get past "not found".
    await tenant.api.post('/v1/members/register', { member_id: 'M-FUZZ', member_name: 'Fuzz' });
    document = (await fleet.api.get('/openapi.json')).body as OpenApiDocument;
    targets = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
  }, FLEET_BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await fleet?.stop();
  });

  function clientFor(operation: OpenApiOperation): ApiClient {
    const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
    if (schemes.includes('apiKey')) return tenant.api;
    if (schemes.includes('adminToken')) return admin.api;
    if (schemes.includes('bearerToken')) return bearer;
    return fleet.api;
  }

  function pathValue(name: string): fc.Arbitrary<string> {
    const ids = /tenant/i.test(name) ? [sacrificialTenantId, UNKNOWN_ID] : name === 'member_id' ? ['M-FUZZ', UNKNOWN_ID] : [UNKNOWN_ID];
    return fc.oneof(fc.constantFrom(...ids), fc.string({ minLength: 1, maxLength: 40 }), nastyScalar.map((v) => String(v) || 'x')).map(wellFormed);
  }

  function requestFor(target: Target) {
    const parameters = target.operation.parameters ?? [];
    const pathNames = [...target.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const path = fc.record(Object.fromEntries(pathNames.map((name) => [name, pathValue(name)])));
    const query = fc.record(
      Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, fc.oneof(valueFor(document, p.schema), nastyScalar).map((value) => wellFormed(asText(value)))])),
      { requiredKeys: [] },
    );
    const jsonSchema = target.operation.requestBody?.content?.['application/json']?.schema;
    const body = target.method === 'GET' || target.method === 'DELETE'
      ? fc.constant(undefined)
      : fc.oneof(
          { arbitrary: valueFor(document, jsonSchema), weight: 6 },
          { arbitrary: anyJson, weight: 1 },
          // Not JSON at all, under a JSON content type.
          { arbitrary: fc.string({ maxLength: 50 }).map((text) => ({ raw: text })), weight: 1 },
        );
    const headers = fc.record(
      Object.fromEntries(parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), headerValue(p.name)])),
      { requiredKeys: [] },
    );
    return fc.record({ path, query, body, headers });
  }

  function expectNoServerErrorAndEnvelope(target: Target, response: ApiResponse, what: string): void {
    if (response.status >= 500) throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 300)}`);
    if (response.status < 400) return;
    if (BROWSER_LINK.test(target.path) && (response.headers.get('content-type') ?? '').startsWith('text/html')) return;
    const body = response.body as Record<string, unknown> | string;
    const envelope = typeof body === 'object' && body !== null && body.status === 'error' && typeof body.message === 'string' && typeof body.timestamp === 'string';
    if (!envelope || body.request_id !== response.headers.get('x-request-id')) {
      throw new Error(`${what} answered ${response.status} without the error envelope: ${response.text.slice(0, 300)}`);
    }
  }

  test('every operation, generated inputs: no 5xx, every 4xx an envelope', async () => {
    expect(targets.length).toBeGreaterThan(40);
    // Every operation is tried even after one fails, so one run lists every finding.
    const failures: string[] = [];
    let sent = 0;
    for (const target of targets) {
      const client = clientFor(target.operation);
      const details = await fc.check(
        fc.asyncProperty(requestFor(target), async ({ path, query, body, headers }) => {
          const url =
            target.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(path[name])) +
            (Object.keys(query).length ? `?${new URLSearchParams(query as Record<string, string>)}` : '');
          const raw =
            body === undefined
              ? undefined
              : typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length === 1
                ? String((body as { raw: unknown }).raw)
                : (JSON.stringify(body) ?? 'null');
          const given = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
          const options = raw === undefined ? { headers: given } : { rawBody: raw, headers: { ...given, 'content-type': 'application/json' } };
          const response = await client.request(target.method, url, options);
          sent++;
          expectNoServerErrorAndEnvelope(target, response, `${target.method} ${url}`);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
      if (details.failed) {
        const reason = details.errorInstance instanceof Error ? details.errorInstance.message : fc.defaultReportMessage(details);
        failures.push(`${target.method} ${target.path}: ${reason} (seed ${SEED}, counterexample ${JSON.stringify(details.counterexample)})`);
      }
    }
    // The services' own account of any 500, so a finding can be fixed from this run alone.
    if (failures.length > 0) failures.push(...fleet.logs().filter((line) => /"level":(50|60)|rror/.test(line)).slice(0, 20));
    expect(failures).toEqual([]);
    expect(sent).toBe(targets.length * RUNS_PER_OPERATION);
  }, 600_000);
});
