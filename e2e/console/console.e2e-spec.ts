import AxeBuilder from '@axe-core/playwright';
import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { DEVICES, launchChromium } from '@wp/hosted-page/testing';
import { createTestCa, issuePassCertificate } from '@wp/pkpass/testing';
import { ADMIN_PASSWORD, Admin, Fleet, bootstrapAdmin, repoRoot, waitFor } from '@wp/testing';
import { mkdirSync } from 'node:fs';
import forge from 'node-forge';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FLEET_BOOT_TIMEOUT_MS } from '../foundation/foundation.helpers';
import { WebhookReceiver } from '../webhooks/webhook-receiver';

// Runs inside the page; the repo compiles without the DOM lib, so declare just what is used.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const ARTIFACTS = path.join(repoRoot(), 'test-artifacts', 'console');
const UI_TIMEOUT = 60_000;
const PASS_TYPE = 'pass.com.example.console';
const TEAM = 'CONSOLE123';
const ISSUER_ID = '3388000000077777777';

/**
 * The operator console end to end, in Chromium against a real fleet: an admin signs in and
 * does every task of the console's guide through the UI only, each screen passing axe-core
 * (no serious or critical violations) and photographed at desktop and phone width. The API
 * is read only to check that what the console shows is what the API says.
 */
describe('operator console', () => {
  let fleet: Fleet;
  let admin: Admin;
  let browser: Browser;
  let receiver: WebhookReceiver;
  let google: FakeGoogleWalletServer;
  const account = createTestServiceAccount();
  let context: BrowserContext;
  let page: Page;
  let tenantId: string;
  let passId: string;
  /** Uncaught errors in the page: a screen that threw is broken even if it looks fine. */
  const pageErrors: string[] = [];
  /** Every screen visited, for the phone-width pass at the end. */
  const screens: Array<{ name: string; url: string }> = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    receiver = await WebhookReceiver.start();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url: googleUrl } = await google.start();
    fleet = await Fleet.start({ env: { WEBHOOK_ALLOW_LOOPBACK: '1', WEBHOOK_RETRY_SCHEDULE_MS: '300,600', GOOGLE_WALLET_API_URL: googleUrl } });
    admin = await bootstrapAdmin(fleet);
    browser = await launchChromium();
    context = await browser.newContext({ ...DEVICES.desktop, viewport: { width: 1280, height: 900 }, baseURL: fleet.baseUrl });
    context.setDefaultTimeout(UI_TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await fleet?.stop();
    await receiver?.close();
    await google?.stop();
  });

  const tenantApi = () => admin.api.with({ 'x-tenant-id': tenantId });

  async function expectAccessible(target: Page, name: string): Promise<void> {
    const results = await new AxeBuilder({ page: target }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ screen: name, violations: serious.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) })) }).toEqual({ screen: name, violations: [] });
  }

  /** A screen is drawn: its heading is up and nothing is still loading. Then axe and a photo. */
  async function screen(target: Page, name: string, width: 'desktop' | 'phone' = 'desktop'): Promise<void> {
    await target.locator('h1').first().waitFor();
    await target.locator('[role="status"]', { hasText: /^Loading/ }).first().waitFor({ state: 'detached' });
    await expectAccessible(target, `${name} (${width})`);
    expect(pageErrors).toEqual([]);
    await target.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
    if (width === 'desktop') screens.push({ name, url: new URL(target.url()).pathname });
  }

  /** Types into a search box and waits for the API call it makes (debounced), with `q` as typed. */
  async function searchFor(target: Page, label: string, listPath: string, text: string): Promise<void> {
    const searched = target.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === listPath && url.searchParams.get('q') === text && r.status() === 200;
    });
    await target.getByLabel(label).fill(text);
    await searched;
  }

  async function signIn(target: Page, email: string): Promise<void> {
    // Keyboard only: focus, type, Tab, type, Enter.
    await target.getByLabel('Admin e-mail').focus();
    await target.keyboard.type(email);
    await target.keyboard.press('Tab');
    await target.keyboard.type(ADMIN_PASSWORD);
    await target.keyboard.press('Enter');
  }

  test('the gateway serves the built console: the app for every page, immutable hashed assets, a CSP it works under', async () => {
    const index = await fleet.api.get('/console');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await fleet.api.get('/console/t/some-tenant/members');
    expect(page.status).toBe(200);
    expect(page.text).toBe(index.text);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(index.text)?.[1] as string;
    const asset = await fleet.api.get(script);
    expect({ status: asset.status, type: asset.headers.get('content-type'), cache: asset.headers.get('cache-control') }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
      cache: 'public, max-age=31536000, immutable',
    });
    const missing = await fleet.api.get('/console/assets/nope-123.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 'error', request_id: expect.any(String) });
  });

  test('sign in with the keyboard alone, onboard a tenant and see its API key once', async () => {
    await page.goto('/console/');
    await page.waitForURL(/\/console\/login\?next=/);
    await screen(page, 'sign-in');
    // A wrong password is said in words, and nothing else happens.
    await page.getByLabel('Admin e-mail').fill(admin.email);
    await page.getByLabel('Password').fill('wrong-password-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('error-summary').waitFor();
    await page.getByLabel('Admin e-mail').fill('');
    await page.getByLabel('Password').fill('');
    await signIn(page, admin.email);
    await page.waitForURL(/\/console\/tenants$/);

    // The API's errors[] land beside the fields they name.
    await page.getByLabel('Company name').fill('Console Coffee');
    await page.getByLabel('Contact name').fill('Casey Operator');
    await page.getByLabel('Contact e-mail').fill('not-an-email');
    await page.getByRole('button', { name: 'Onboard tenant' }).click();
    await expect(page.getByText('must be an e-mail address').isVisible()).resolves.toBe(true);
    await page.getByLabel('Contact e-mail').fill('casey@console-coffee.example');
    await page.getByRole('button', { name: 'Onboard tenant' }).click();
    const key = await page.getByRole('region', { name: 'API key' }).getByTestId('secret-value').innerText();
    expect(key).toMatch(/^wp_[0-9a-f]{32}$/);
    const tenants = await admin.api.get('/v1/tenants?limit=100');
    tenantId = tenants.body.data.find((t: any) => t.company_name === 'Console Coffee').tenant_id;
    expect((await fleet.api.withApiKey(key).get('/v1/tenant')).body.data.tenant_id).toBe(tenantId);
    await page.getByRole('link', { name: 'Console Coffee' }).first().waitFor();
    // The search is the API's (GET /v1/tenants?q=): a tenant onboarded elsewhere is found without reloading.
    expect((await admin.api.post('/v1/onboard', { company_name: 'Teahouse Elsewhere', contact_email: 'tea@elsewhere.example', contact_name: 'Tea Operator' })).status).toBe(201);
    await searchFor(page, 'Search tenants', '/v1/tenants', 'TEAHOUSE');
    // In the list, not the "Onboarded …" note above it, which links the new tenant too.
    const listed = (name: string) => page.getByRole('table', { name: 'Tenants' }).getByRole('link', { name, exact: true });
    await listed('Teahouse Elsewhere').waitFor();
    await listed('Console Coffee').waitFor({ state: 'detached' });
    await searchFor(page, 'Search tenants', '/v1/tenants', 'coffee');
    await listed('Console Coffee').waitFor();
    await listed('Teahouse Elsewhere').waitFor({ state: 'detached' });
    await expect(page.getByRole('row').count()).resolves.toBe(2);
    // Suspend and resume: the API agrees at each step.
    const row = page.getByRole('row').filter({ hasText: 'Console Coffee' });
    await row.getByRole('button', { name: 'Suspend Console Coffee' }).click();
    await row.getByText('suspended', { exact: true }).waitFor();
    expect((await admin.api.get(`/v1/tenants/${tenantId}`)).body.data.status).toBe('suspended');
    await row.getByRole('button', { name: 'Resume Console Coffee' }).click();
    await row.getByText('active', { exact: true }).waitFor();
    expect((await admin.api.get(`/v1/tenants/${tenantId}`)).body.data.status).toBe('active');
    await screen(page, 'tenants');
  });

  test('issue an API key (shown once, with a copy button) and revoke it; create a bearer token', async () => {
    await page.getByRole('link', { name: 'API keys of Console Coffee' }).click();
    await page.getByRole('heading', { name: 'API keys of Console Coffee' }).waitFor();
    await page.getByLabel('Key name (optional)').fill('CI key');
    await page.getByRole('button', { name: 'Issue API key' }).click();
    const key = await page.getByTestId('secret-value').innerText();
    expect(key).toMatch(/^wp_[0-9a-f]{32}$/);
    await page.getByRole('button', { name: 'Copy api key' }).waitFor();
    expect((await fleet.api.withApiKey(key).get('/v1/tenant')).status).toBe(200);
    const prefix = key.slice(0, 8);
    const row = page.getByRole('row').filter({ hasText: 'CI key' });
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await row.getByText(/^revoked/).waitFor();
    expect((await fleet.api.withApiKey(key).get('/v1/tenant')).status).toBe(403);
    expect(prefix).toMatch(/^wp_/);
    await screen(page, 'api-keys');

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Bearer tokens' }).click();
    await page.getByLabel('Token name').fill('Onboarding script');
    await page.getByRole('button', { name: 'Create bearer token' }).click();
    const token = await page.getByTestId('secret-value').innerText();
    expect(token).toMatch(/^bt_[0-9a-f]{32}$/);
    await page.getByRole('cell', { name: 'Onboarding script', exact: true }).waitFor();
    await screen(page, 'bearer-tokens');
  });

  test('upload Apple credentials and see subject, pass type id, team id and expiry, never the key', async () => {
    await page.goto(`/console/t/${tenantId}/overview`);
    await page.getByRole('heading', { name: 'Console Coffee overview' }).waitFor();
    await screen(page, 'overview');
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Credentials' }).click();
    const ca = createTestCa('Console Test CA');
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE, teamIdentifier: TEAM });
    await page.getByLabel('Pass type identifier').fill(PASS_TYPE);
    await page.getByLabel('Team identifier').fill(TEAM);
    // A .p12 as Apple's Keychain exports it, locked with a passphrase.
    const p12 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(certificate.privateKeyPem), [forge.pki.certificateFromPem(certificate.certificatePem)], 'console secret', { algorithm: 'aes256' });
    await page.getByLabel('Certificate (.p12 or PEM)').setInputFiles({ name: 'pass.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary') });
    // The API's refusal of a wrong passphrase appears beside the passphrase field.
    await page.getByLabel('Passphrase').fill('wrong guess');
    await page.getByRole('button', { name: 'Save Apple credentials' }).click();
    await waitFor('the passphrase error', async () => ((await page.getByLabel('Passphrase').getAttribute('aria-invalid')) === 'true') || undefined, UI_TIMEOUT);
    await page.getByLabel('Passphrase').fill('console secret');
    await page.getByRole('button', { name: 'Save Apple credentials' }).click();
    const facts = page.getByTestId('apple-credentials');
    await facts.getByText(PASS_TYPE, { exact: true }).waitFor();
    await expect(facts.innerText()).resolves.toContain(TEAM);
    await page.getByLabel('Issuer id').fill(ISSUER_ID);
    await page.getByLabel('Service account key (JSON)').setInputFiles({ name: 'service-account.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(account.json)) });
    await page.getByRole('button', { name: 'Save Google credentials' }).click();
    await page.getByText(account.json.client_email, { exact: true }).waitFor();
    await page.getByText(ISSUER_ID, { exact: true }).waitFor();
    await expect(page.content()).resolves.not.toContain('PRIVATE KEY');
    await screen(page, 'credentials');
  });

  test('create tiers, with a refused programme explained beside its field', async () => {
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Tiers' }).click();
    await page.getByRole('heading', { name: 'Membership tiers' }).waitFor();
    await page.getByLabel('Programme name').fill('Coffee Club');
    while ((await page.getByRole('button', { name: /^Remove tier/ }).count()) > 0) await page.getByRole('button', { name: /^Remove tier/ }).first().click();
    await page.getByRole('button', { name: 'Add tier' }).click();
    await page.getByRole('button', { name: 'Add tier' }).click();
    const tier = (i: number) => page.getByRole('group', { name: `Tier ${i}` });
    await tier(1).getByLabel('Tier name').fill('Bean');
    await tier(1).getByLabel('Minimum points').fill('5');
    await tier(1).getByLabel('Maximum points').fill('99');
    await tier(2).getByLabel('Tier name').fill('Roast');
    await tier(2).getByLabel('Minimum points').fill('100');
    await tier(2).getByLabel('Maximum points').fill('0');
    await page.getByRole('button', { name: 'Save tiers' }).click();
    await tier(1).getByText('the lowest tier must start at 0').waitFor();
    await tier(1).getByLabel('Minimum points').fill('0');
    await page.getByRole('button', { name: 'Save tiers' }).click();
    await page.getByText('Saved. Members are re-tiered.').waitFor();
    const programme = await tenantApi().get('/v1/memberships');
    expect(programme.body.data).toMatchObject({ name: 'Coffee Club', tiers: [{ tier_name: 'Bean', min_points: 0, max_points: 99 }, { tier_name: 'Roast', min_points: 100, max_points: 0 }] });
    await screen(page, 'tiers');
  });

  test('create a style and watch the live preview change colour as the colour changes', async () => {
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Pass styles' }).click();
    await page.getByRole('link', { name: 'New style' }).click();
    await page.getByRole('heading', { name: 'New pass style' }).waitFor();
    const preview = page.getByTestId('pass-preview');
    const background = () => preview.evaluate((el) => getComputedStyle(el).backgroundColor);
    await page.getByLabel('Style name').fill('Espresso');
    await page.getByLabel('Default style of the tenant').check();
    await page.getByLabel('Background colour', { exact: true }).fill('#123456');
    await waitFor('the preview to turn #123456', async () => ((await background()) === 'rgb(18, 52, 86)') || undefined, UI_TIMEOUT);
    await page.getByLabel('Background colour', { exact: true }).fill('rgb(170, 0, 0)');
    await waitFor('the preview to turn red', async () => ((await background()) === 'rgb(170, 0, 0)') || undefined, UI_TIMEOUT);
    // Placeholders are filled from the sample member as they are typed.
    await page.getByLabel('Primary field 1 value').fill('{member_name} · {tier}');
    await preview.getByText('Alex Sample · Gold').waitFor();
    await page.getByLabel('Background colour', { exact: true }).fill('#12345');
    await page.getByText('must be #RRGGBB or rgb(r,g,b)').waitFor();
    await page.getByLabel('Background colour', { exact: true }).fill('#6F4E37');
    await page.getByRole('button', { name: 'Create style' }).click();
    await page.getByRole('heading', { name: 'Style Espresso' }).waitFor();
    await waitFor('the saved style in the preview', async () => ((await background()) === 'rgb(111, 78, 55)') || undefined, UI_TIMEOUT);
    const styles = await tenantApi().get('/v1/pass-styles');
    expect(styles.body.data).toEqual([expect.objectContaining({ name: 'Espresso', is_default: true, brand_colors: expect.objectContaining({ background_color: '#6F4E37' }) })]);

    await page.getByRole('link', { name: '← Pass styles' }).click();
    await page.getByRole('link', { name: 'Espresso' }).waitFor();
    await screen(page, 'styles');
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Style groups' }).click();
    await page.getByLabel('Group name').fill('By points');
    await page.getByRole('group', { name: 'Rule 1' }).getByLabel('Style').selectOption({ label: 'Espresso' });
    await page.getByRole('button', { name: 'Create style group' }).click();
    await page.getByRole('cell', { name: 'Espresso: 0–∞' }).waitFor();
    expect((await tenantApi().get('/v1/style-groups')).body.data).toEqual([expect.objectContaining({ name: 'By points', rules: [expect.objectContaining({ min_points: 0, max_points: 0 })] })]);
    await screen(page, 'style-groups');
    await page.goto(`/console/t/${tenantId}/styles/${styles.body.data[0].id}`);
    await page.getByRole('heading', { name: 'Style Espresso' }).waitFor();
    await waitFor('the stored style in the preview', async () => ((await background()) === 'rgb(111, 78, 55)') || undefined, UI_TIMEOUT);
    await screen(page, 'style-editor');
    // The README's picture of the console (docs/images/console.png is a copy of this one).
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'readme.png') });
  });

  test('register a member, adjust points and see the ledger row; create a pass, preview its SMS, void it', async () => {
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Members' }).click();
    await page.getByLabel('Member id').fill('M-100');
    await page.getByLabel('Name', { exact: true }).fill('Jamie Latte');
    await page.getByLabel('E-mail', { exact: true }).fill('jamie@example.com');
    await page.getByLabel('Phone (E.164)').fill('+14155550123');
    await page.getByRole('button', { name: 'Register member' }).click();
    await page.getByRole('heading', { name: 'Member M-100' }).waitFor();

    await page.getByLabel('Points', { exact: true }).fill('150');
    await page.getByLabel('Description').fill('Welcome bonus');
    await page.getByLabel('Reference (optional)').fill('welcome-M-100');
    await page.getByRole('button', { name: 'Apply points' }).click();
    await page.getByRole('row').filter({ hasText: 'Welcome bonus' }).filter({ hasText: '+150' }).waitFor();
    await waitFor('the new tier', async () => ((await page.getByTestId('member-tier').innerText()) === 'Roast') || undefined, UI_TIMEOUT);
    await expect(page.getByTestId('member-points').innerText()).resolves.toBe('150');
    await screen(page, 'member');

    await page.getByLabel('Wallet').selectOption('google');
    await page.getByRole('button', { name: 'Create pass' }).click();
    await page.getByRole('status').getByRole('link', { name: /^pass / }).waitFor();
    await page.getByRole('row').filter({ hasText: 'google' }).waitFor();
    await page.getByLabel('Wallet').selectOption('apple');
    await page.getByRole('button', { name: 'Create pass' }).click();
    await page.getByRole('row').filter({ hasText: 'apple' }).waitFor();
    await page.getByRole('status').getByRole('link', { name: /^pass / }).click();
    await page.getByRole('heading', { name: /^Pass / }).waitFor();
    passId = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByLabel('Phone number (E.164)').fill('4155550123');
    await page.getByRole('button', { name: 'Preview SMS (dry run)' }).click();
    await page.getByText('must be in E.164 form, e.g. +447700900123').waitFor();
    await page.getByLabel('Phone number (E.164)').fill('+14155550123');
    await page.getByRole('button', { name: 'Preview SMS (dry run)' }).click();
    const body = await page.getByTestId('sms-body').innerText();
    expect(body).toContain('/s/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .pkpass' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pkpass$/);
    expect((await download.createReadStream()) !== null).toBe(true);
    await page.getByLabel('Message', { exact: true }).fill('Double points this weekend');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText(/^Sent to \d+ of \d+ wallet/).waitFor();
    await screen(page, 'pass');
    await page.getByRole('button', { name: 'Void pass' }).click();
    await waitFor('the pass to show voided', async () => ((await page.getByTestId('pass-status').innerText()) === 'voided') || undefined, UI_TIMEOUT);
    expect((await tenantApi().get(`/v1/passes/${passId}`)).body.data.status).toBe('voided');

    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Passes' }).click();
    await page.getByLabel('Status').selectOption('voided');
    await page.getByRole('cell', { name: 'M-100' }).waitFor();
    await screen(page, 'passes');
    await page.goto(`/console/t/${tenantId}/members`);
    await page.getByRole('cell', { name: 'Jamie Latte' }).waitFor();
    await screen(page, 'members');

    // The search is the API's (GET /v1/members?q=): id prefix, name substring, exact e-mail.
    expect((await tenantApi().post('/v1/members/register', { member_id: 'M-200', member_name: 'Robin Espresso', member_email: 'robin@example.com' })).status).toBe(201);
    await searchFor(page, 'Search by id, name or e-mail', '/v1/members', 'espresso');
    await page.getByRole('cell', { name: 'Robin Espresso' }).waitFor();
    await page.getByRole('cell', { name: 'Jamie Latte' }).waitFor({ state: 'detached' });
    await searchFor(page, 'Search by id, name or e-mail', '/v1/members', 'JAMIE@EXAMPLE.COM');
    await page.getByRole('cell', { name: 'Jamie Latte' }).waitFor();
    await page.getByRole('cell', { name: 'Robin Espresso' }).waitFor({ state: 'detached' });
    await searchFor(page, 'Search by id, name or e-mail', '/v1/members', 'nobody-here');
    await page.getByRole('cell', { name: 'Nothing yet.' }).waitFor();
    await searchFor(page, 'Search by id, name or e-mail', '/v1/members', 'm-');
    await page.getByRole('cell', { name: 'Robin Espresso' }).waitFor();
    await page.getByRole('cell', { name: 'Jamie Latte' }).waitFor();
    await screen(page, 'members-search');
  });

  test('create a webhook (secret shown once) and see a delivery with its status code and attempt', async () => {
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('Endpoint URL').fill(receiver.url('/hooks/console'));
    await page.getByLabel('Events').fill('member.points_changed');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect(page.getByTestId('secret-value').innerText()).resolves.toMatch(/^whsec_/);
    await screen(page, 'webhooks');
    await page.getByRole('link', { name: receiver.url('/hooks/console') }).click();
    await page.getByRole('heading', { name: /^Deliveries to/ }).waitFor();
    const changed = await tenantApi().put('/v1/members/M-100/points', { points: 5, operation: 'add', description: 'Refill' });
    expect(changed.status).toBe(200);
    const delivery = page.getByRole('row').filter({ hasText: 'member.points_changed' });
    await delivery.filter({ hasText: 'delivered' }).first().waitFor();
    await expect(delivery.first().innerText()).resolves.toMatch(/\b1\b[\s\S]*\b200\b/);
    expect(receiver.at('/hooks/console').length).toBeGreaterThanOrEqual(1);
    await screen(page, 'webhook-deliveries');
  });

  test('the batch list shows every batch of the tenant, newest first, with progress and per-operation errors', async () => {
    // Started through the API, not this browser: the list (GET /v1/batches) shows it all the same.
    const fromApi = await tenantApi().post('/v1/batch', { operations: [{ op: 'void_pass', pass_id: '00000000-0000-4000-8000-000000000001' }] });
    expect(fromApi.status).toBe(202);
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Batches' }).click();
    const apiBatch = page.getByRole('article', { name: `Batch ${(fromApi.body.data.batch_id as string).slice(0, 8)}` });
    await apiBatch.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
    await expect(apiBatch.getByTestId('batch-counts').innerText()).resolves.toBe('1 of 1 done: 0 succeeded, 1 failed — completed');
    await apiBatch.getByRole('row').filter({ hasText: 'not_found' }).waitFor();
    await page.getByLabel('Member ids (one per line)').fill('M-100\nM-NOBODY\nM-100');
    await page.getByLabel('Company name on the passes').fill('Console Coffee');
    await page.getByRole('button', { name: 'Start batch' }).click();
    // The new batch is listed first, above the one started through the API.
    await page.getByTestId('batch').nth(1).waitFor();
    await expect(page.getByTestId('batch').nth(1).getAttribute('aria-label')).resolves.toBe(`Batch ${(fromApi.body.data.batch_id as string).slice(0, 8)}`);
    const batch = page.getByTestId('batch').first();
    await batch.getByTestId('batch-counts').filter({ hasText: 'completed' }).waitFor();
    await expect(batch.getByTestId('batch-counts').innerText()).resolves.toBe('3 of 3 done: 2 succeeded, 1 failed — completed');
    await batch.getByRole('row').filter({ hasText: 'not_found' }).waitFor();
    await expect(batch.getByRole('progressbar').getAttribute('value')).resolves.toBe('3');
    await screen(page, 'batches');
  });

  test('insights charts show the numbers the API returns', async () => {
    // Counting is asynchronous: wait until the API counts the passes made above.
    await waitFor(
      'insights to count the passes',
      async () => {
        const totals = (await tenantApi().get('/v1/insights/metrics')).body.data.totals;
        return (totals.passes_created_apple >= 3 && totals.passes_created_google >= 1) || undefined;
      },
      UI_TIMEOUT,
    );
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Insights' }).click();
    const totals = page.getByTestId('insights-totals');
    await totals.waitFor();
    const from = await page.getByLabel('From').inputValue();
    const to = await page.getByLabel('To (exclusive)').inputValue();
    const api = (await tenantApi().get(`/v1/insights/metrics?from=${from}&to=${to}&interval=day`)).body.data;
    for (const metric of ['passes_created_apple', 'passes_created_google', 'installs', 'updates_pushed', 'sms_sent', 'link_clicks']) {
      await expect(totals.locator(`[data-metric="${metric}"]`).innerText()).resolves.toBe(String(api.totals[metric]));
    }
    const wallets = page.getByRole('figure', { name: 'Passes created by wallet' });
    await wallets.locator('.recharts-bar-rectangle path, .recharts-bar-rectangle rect').first().waitFor();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await totals.waitFor();
    await screen(page, 'insights');
  });

  test('the audit log lists every change made through X-Tenant-Id, with the actor and request id', async () => {
    const log = (await admin.api.get(`/v1/audit-log?tenant_id=${tenantId}&limit=100`)).body.data as any[];
    expect(log.length).toBeGreaterThanOrEqual(8);
    expect(log.map((e) => `${e.method} ${e.path}`)).toEqual(
      expect.arrayContaining(['PUT /v1/tenant/apple', 'POST /v1/memberships', 'POST /v1/pass-styles', 'POST /v1/members/register', `POST /v1/passes/${passId}/void`, 'POST /v1/webhooks', 'POST /v1/batch']),
    );
    expect(log.every((e) => e.actor.type === 'admin' && e.request_id)).toBe(true);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Tenant id').fill(tenantId);
    await page.getByRole('cell', { name: log[0].request_id }).waitFor();
    await page.getByRole('cell', { name: `POST /v1/passes/${passId}/void` }).waitFor();
    await screen(page, 'audit-log');
  });

  test('an expired session goes back to sign-in and then to the page the user was on', async () => {
    await page.goto(`/console/t/${tenantId}/members`);
    await page.getByRole('cell', { name: 'Jamie Latte' }).waitFor();
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('wp-console-session') as string);
      sessionStorage.setItem('wp-console-session', JSON.stringify({ ...session, token: 'st_expired', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    });
    // The server refuses the token; the console notices on its next call.
    await page.getByRole('navigation', { name: 'Tenant' }).getByRole('link', { name: 'Passes' }).click();
    await page.waitForURL((url) => url.pathname === '/console/login' && url.searchParams.get('next') === `/t/${tenantId}/passes`);
    await page.getByText('Your session ended.').waitFor();
    await signIn(page, admin.email);
    await page.waitForURL(new RegExp(`/console/t/${tenantId}/passes$`));
    // A token past its expiry is not even tried: the console goes straight to sign-in.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('wp-console-session') as string);
      sessionStorage.setItem('wp-console-session', JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    });
    await page.goto(`/console/t/${tenantId}/webhooks`);
    await page.waitForURL((url) => url.pathname === '/console/login' && url.searchParams.get('next') === `/t/${tenantId}/webhooks`);
    await signIn(page, admin.email);
    await page.waitForURL(new RegExp(`/console/t/${tenantId}/webhooks$`));
    await page.goto(`/console/t/${tenantId}/passes`);
    await page.getByRole('heading', { name: 'Passes' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to the WalletPass console' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/login');
  });

  test('every screen works at phone width and passes axe there too', async () => {
    const phone = await browser.newContext({ ...DEVICES.iphone, deviceScaleFactor: 1, baseURL: fleet.baseUrl });
    phone.setDefaultTimeout(UI_TIMEOUT);
    try {
      const small = await phone.newPage();
      small.on('pageerror', (error) => pageErrors.push(error.message));
      await small.goto('/console/login');
      await signIn(small, admin.email);
      await small.waitForURL(/\/console\/tenants$/);
      expect(screens.length).toBeGreaterThanOrEqual(14);
      for (const { name, url } of screens.filter((s) => s.name !== 'sign-in')) {
        await small.goto(url);
        await screen(small, name, 'phone');
      }
      // Nothing is wider than the phone.
      await small.goto(`/console/t/${tenantId}/members`);
      await small.getByRole('cell', { name: 'Jamie Latte' }).waitFor();
      await expect(small.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    } finally {
      await phone.close();
    }
  });
});
