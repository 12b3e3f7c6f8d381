import { Fleet } from '@wp/testing';
import { WalletPassClient, eachItem, unwrap } from '@wp/sdk';
import { main } from '@wp/sdk/cli';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';

/** Runs `wp …` in this process, as `npm run cli -- …` would, and keeps what it printed. */
async function wp(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const progress: Array<[number, number]> = [];
  const code = await main(argv, { print: (l) => lines.push(l), error: (l) => errors.push(l), progress: (d, t) => progress.push([d, t]) });
  return { code, lines, errors, progress, json: () => JSON.parse(lines.join('\n')) };
}

/**
 * The SDK and the `wp` CLI against a real fleet whose tenants may make two calls a second
 * (burst 4): importing members runs into 429s, which the SDK waits out by Retry-After.
 */
describe('the wp CLI and the SDK', () => {
  let fleet: Fleet;
  let dir: string;
  let apiKey: string;
  let adminToken: string;
  let tenantId: string;

  beforeAll(async () => {
    fleet = await Fleet.start({ env: { RATE_LIMIT_RPS: '2', RATE_LIMIT_BURST: '4' } });
    dir = mkdtempSync(path.join(tmpdir(), 'wp-cli-'));
    process.env.WP_CLI_CONFIG = path.join(dir, 'cli.json');
    delete process.env.WP_API_KEY;
    delete process.env.WP_TOKEN;
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    delete process.env.WP_CLI_CONFIG;
    rmSync(dir, { recursive: true, force: true });
    await fleet?.stop();
  });

  test('bootstrap logs in as the new super admin, saving the token readable by the user only', async () => {
    const result = await wp('bootstrap', '--url', fleet.baseUrl, '--email', 'admin@example.com', '--password', 'a long passphrase here', '--json');
    expect(result).toMatchObject({ code: 0, errors: [] });
    expect(result.json().admin.email).toBe('admin@example.com');
    const saved = JSON.parse(readFileSync(process.env.WP_CLI_CONFIG!, 'utf8'));
    expect(saved).toEqual({ url: fleet.baseUrl, token: expect.stringMatching(/^st_/) });
    expect(statSync(process.env.WP_CLI_CONFIG!).mode & 0o777).toBe(0o600);
    adminToken = saved.token;
  });

  test('onboard prints the API key once; keys list shows only its prefix', async () => {
    const onboarded = await wp('onboard', '--company', 'Acme Coffee', '--email', 'ops@acme.example', '--name', 'Ops', '--json');
    expect(onboarded.code).toBe(0);
    ({ api_key: apiKey, tenant_id: tenantId } = onboarded.json());
    expect(apiKey).toMatch(/^wp_[0-9a-f]{32}$/);
    const listed = await wp('keys', 'list', '--tenant', tenantId, '--json');
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual([expect.objectContaining({ prefix: expect.any(String), revoked_at: null })]);
    expect(listed.lines.join('\n')).not.toContain(apiKey);
  });

  test('members import uploads the CSV as one batch and follows it; three at once get through the rate limit by retrying 429s', async () => {
    expect((await wp('login', '--url', fleet.baseUrl, '--api-key', apiKey)).code).toBe(0);
    const file = path.join(dir, 'members.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `M-${i + 1},"Doe, Jane ${i + 1}",jane${i + 1}@example.com,`);
    writeFileSync(file, ['member_id,member_name,member_email,phone_number', ...rows].join('\n'));
    const runs = await Promise.all([1, 2, 3].map(() => wp('members', 'import', file, '--json')));
    for (const run of runs) {
      expect(run.json()).toEqual({ batch_id: expect.any(String), total: 12, succeeded: 12, failed: [] });
      expect(run.code).toBe(0);
      expect(run.progress.at(-1)).toEqual([12, 12]);
    }
    // The burst is 4: six calls at once went through only by waiting as the 429s said.
    expect(runs.some((run) => run.errors.some((line) => line.startsWith('(429: retrying in')))).toBe(true);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'member_id,member_email\nM-1,not-an-email\n');
    const failed = await wp('members', 'import', bad, '--json');
    expect(failed.code).toBe(1);
    expect(failed.json()).toMatchObject({ total: 1, succeeded: 0, failed: [{ line: 2, message: 'member_email must be an e-mail address' }] });
  }, 120_000);

  test('members export writes every member, across pages', async () => {
    const csv = await wp('members', 'export');
    expect(csv.lines[0]).toBe('member_id,member_name,member_email,phone_number,points,tier,style_group_id,apple_passes,google_passes');
    expect(csv.lines).toHaveLength(13);
    expect(csv.lines).toContain('M-3,"Doe, Jane 3",jane3@example.com,,0,bronze,,0,0');
    const jsonl = await wp('members', 'export', '--format', 'jsonl');
    const all = Array.from({ length: 12 }, (_, i) => `M-${i + 1}`).sort();
    expect(jsonl.lines.map((l) => JSON.parse(l).member_id).sort()).toEqual(all);
    // The SDK follows next_cursor: five a page, three pages.
    const listed: string[] = [];
    const client = new WalletPassClient({ baseUrl: fleet.baseUrl, apiKey });
    for await (const member of eachItem((cursor) => client.api.GET('/v1/members', { params: { query: { limit: 5, cursor } } }))) listed.push(member.member_id);
    expect(listed.sort()).toEqual(all);
  }, 60_000);

  test('passes create says when a pass is development-signed; passes list shows it', async () => {
    const created = await wp('passes', 'create', 'M-1');
    expect(created.code).toBe(0);
    expect(created.lines.join('\n')).toContain('development certificate');
    const listed = await wp('passes', 'list', '--member', 'M-1', '--json');
    expect(listed.json()).toEqual([expect.objectContaining({ member_id: 'M-1', pass_type: 'apple', signing: 'development' })]);
  }, 60_000);

  test('doctor reports the healthy gateway, the key, and the missing wallet credentials, exiting 1', async () => {
    const doctor = await wp('doctor', '--json');
    expect(doctor.code).toBe(1);
    expect(doctor.json()).toEqual([
      expect.objectContaining({ check: `gateway at ${fleet.baseUrl}`, ok: true }),
      expect.objectContaining({ check: 'API key', ok: true, detail: 'tenant Acme Coffee' }),
      expect.objectContaining({ check: 'Apple Wallet', ok: false }),
      expect.objectContaining({ check: 'Google Wallet', ok: false }),
    ]);
  }, 60_000);

  test('an error envelope becomes exit code 1 with the fields named; the SDK throws it as WalletPassError', async () => {
    const refused = await wp('keys', 'list', '--tenant', tenantId);
    expect(refused.code).toBe(1);
    expect(refused.errors.join('\n')).toMatch(/^error 403/);
    const sdk = new WalletPassClient({ baseUrl: fleet.baseUrl, token: adminToken });
    // The generated types refuse this body at compile time; a JavaScript caller can still send it.
    const incomplete = { company_name: '' } as { company_name: string; contact_email: string; contact_name: string };
    await expect(unwrap(sdk.api.POST('/v1/onboard', { body: incomplete }))).rejects.toMatchObject({ name: 'WalletPassError', status: 400, errors: expect.arrayContaining([expect.objectContaining({ field: 'contact_email' })]) });
  }, 60_000);
});
