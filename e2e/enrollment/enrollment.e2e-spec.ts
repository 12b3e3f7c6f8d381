import AxeBuilder from '@axe-core/playwright';
import { FakeGoogleWalletServer, createTestServiceAccount } from '@wp/google-wallet/testing';
import { DEVICES, launchChromium } from '@wp/hosted-page/testing';
import { Admin, ApiResponse, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot, waitFor } from '@wp/testing';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FLEET_BOOT_TIMEOUT_MS, UUID, expectError, fieldsOf, listAll } from '../foundation/foundation.helpers';
import { FakeIPhone } from '../live-updates/fake-iphone';

// Runs inside the page; the repo compiles without the DOM lib, so declare just what is used.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };

const ARTIFACTS = path.join(repoRoot(), 'test-artifacts', 'enrollment');
const ISSUER_ID = '3388000000066666666';
const CONSENT = 'I agree to receive offers from Acme Coffee by e-mail.';
/** Sign-ups per minute per address in this fleet; the rate-limit test spends the rest. */
const SIGN_UP_RATE = 30;
const HOSTED_PAGE = /^\/p\/[0-9A-Za-z]{22}\?via=enrollment$/;
const FORM = 'application/x-www-form-urlencoded';

/**
 * Enrollment forms end to end: a tenant makes a form through the API; people sign up on its
 * public page, in real Chromium (with an axe-core scan) and as a plain HTML form post with no
 * JavaScript at all, and land on the Add to Wallet page of the member and passes made for
 * them. Google Wallet is the local fake, so `both` makes both passes.
 */
describe('enrollment forms', () => {
  let google: FakeGoogleWalletServer;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let form: { id: string; slug: string; url: string };
  /** The Add to Wallet page the plain-HTML sign-up landed on. */
  let plainLanding: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url, ENROLLMENT_RATE_PER_MIN: String(SIGN_UP_RATE) } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Acme Coffee');
    other = await onboardTenant(fleet, admin, 'Other Bakery');
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    const style = await tenant.api.post('/v1/pass-styles', {
      name: 'Acme',
      is_default: true,
      brand_colors: { foreground_color: '#FFFFFF', background_color: '#123456', label_color: '#FFD27F' },
      barcode: { format: 'PKBarcodeFormatQR' },
    });
    expect(style.status).toBe(201);
    const created = await tenant.api.post('/v1/enrollment-forms', {
      name: 'Summer sign-up',
      pass_type: 'both',
      fields: ['member_name', 'member_email', 'phone_number'],
      consent_text: CONSENT,
    });
    expect(created.status).toBe(201);
    form = created.body.data;
    browser = await launchChromium();
  }, FLEET_BOOT_TIMEOUT_MS);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fleet?.stop();
    await google?.stop();
  });

  const formPath = () => new URL(form.url).pathname;
  const members = () => listAll(tenant.api, '/v1/members');

  function post(pathname: string, fields: Record<string, string>): Promise<ApiResponse> {
    return fleet.api.post(pathname, undefined, { rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM } });
  }

  async function signUp(fields: Record<string, string>): Promise<string> {
    const response = await post(formPath(), { consent: 'yes', ...fields });
    expect({ status: response.status, location: response.headers.get('location') }).toEqual({ status: 303, location: expect.stringMatching(HOSTED_PAGE) });
    return response.headers.get('location') as string;
  }

  async function memberOfLanding(landing: string): Promise<any> {
    const page = await fleet.api.get(landing);
    expect(page.status).toBe(200);
    const memberId = /<dt>Member ID<\/dt><dd>([^<]+)<\/dd>/.exec(page.text)?.[1] as string;
    const member = await tenant.api.get(`/v1/members/${encodeURIComponent(memberId)}`);
    expect(member.status).toBe(200);
    return member.body.data;
  }

  async function openInChromium(url: string): Promise<Page> {
    const context = await browser.newContext(DEVICES.iphone);
    contexts.push(context);
    const page = await context.newPage();
    return page.goto(url).then(() => page);
  }

  async function expectNoAxeViolations(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target) }))).toEqual([]);
  }

  test('the API creates, lists, reads and deletes forms, names bad fields, and keeps tenants apart', async () => {
    expect(form).toMatchObject({ id: expect.stringMatching(UUID), slug: expect.stringMatching(/^summer-sign-up-[a-z2-9]{6}$/), url: `${fleet.baseUrl}/e/${form.slug}` });
    const read = await tenant.api.get(`/v1/enrollment-forms/${form.id}`);
    expect(read.body.data).toMatchObject({ ...form, name: 'Summer sign-up', pass_type: 'both', consent_text: CONSENT, style_group_id: null });
    expect((await listAll(tenant.api, '/v1/enrollment-forms')).map((f) => f.id)).toContain(form.id);

    const bad = await tenant.api.post('/v1/enrollment-forms', { name: '', pass_type: 'paper', fields: ['member_name', 'favourite_colour'] });
    expectError(bad, 400);
    expect(fieldsOf(bad).sort()).toEqual(['fields', 'name', 'pass_type']);
    const noContact = await tenant.api.post('/v1/enrollment-forms', { name: 'Names only', pass_type: 'apple', fields: ['member_name'] });
    expectError(noContact, 400);
    expect(noContact.body.errors).toEqual([{ field: 'fields', message: expect.stringContaining('member_email or phone_number') }]);
    const unknownGroup = await tenant.api.post('/v1/enrollment-forms', { name: 'X', pass_type: 'apple', fields: ['member_email'], style_group_id: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41' });
    expectError(unknownGroup, 404);
    expect(fieldsOf(unknownGroup)).toEqual(['style_group_id']);
    // The other tenant has no Google Wallet credentials.
    const noGoogle = await other.api.post('/v1/enrollment-forms', { name: 'X', pass_type: 'google', fields: ['member_email'] });
    expectError(noGoogle, 422);
    expect(fieldsOf(noGoogle)).toEqual(['pass_type']);

    // Another tenant's form id is simply not found, for reading and for deleting.
    expectError(await other.api.get(`/v1/enrollment-forms/${form.id}`), 404);
    expectError(await other.api.delete(`/v1/enrollment-forms/${form.id}`), 404);
    expect(await listAll(other.api, '/v1/enrollment-forms')).toEqual([]);
    expectError(await tenant.api.get('/v1/enrollment-forms/not-a-uuid'), 404);
  });

  test('in Chromium: the page wears the brand and passes axe, errors too, and a sign-up ends on the Add to Wallet page', async () => {
    const page = await openInChromium(form.url);
    await expect(page.locator('h1').innerText()).resolves.toBe('Get your Acme Coffee card');
    await expect(page.locator('header.brand').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgb(18, 52, 86)');
    await expect(page.locator('img.logo').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'form.png'), fullPage: true });

    // Submitted empty: the form comes back with every message tied to its input.
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign up' }).click()]);
    expect(refused.status()).toBe(422);
    await page.getByTestId('error-summary').waitFor();
    const email = page.getByLabel('Email address');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(email.getAttribute('aria-describedby')).resolves.toBe('field-member-email-error');
    await expect(page.locator('#field-member-email-error').innerText()).resolves.toContain('Enter your email address');
    await expect(page.getByTestId('error-consent').innerText()).resolves.toContain('Tick the box');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'form-errors.png'), fullPage: true });

    // Filled in as a person would, by label, and sent with the keyboard (Enter in a text field submits).
    await page.getByLabel('Full name').fill('Jane Doe');
    await email.fill('jane@example.com');
    await page.getByLabel('Mobile phone number').fill('+1 415 555 0123');
    await page.getByLabel(CONSENT).check();
    await Promise.all([page.waitForURL(/\/p\/[0-9A-Za-z]{22}\?via=enrollment$/), page.getByLabel('Mobile phone number').press('Enter')]);
    const text = await page.locator('main').innerText();
    for (const shown of ['Acme Coffee', 'Jane Doe']) expect(text).toContain(shown);
    await expect(page.getByTestId('apple-wallet-button').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'landing.png'), fullPage: true });

    const member = await memberOfLanding(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(member).toMatchObject({ member_id: expect.stringMatching(/^M-[A-Z2-9]{10}$/), member_name: 'Jane Doe', member_email: 'jane@example.com', phone_number: '+14155550123', points: 0 });
    await waitFor('both passes on the member', async () => {
      const passes = (await tenant.api.get(`/v1/members/${member.member_id}`)).body.data.passes as Array<{ pass_type: string }>;
      return passes.map((p) => p.pass_type).sort().join() === 'apple,google' ? true : undefined;
    });
  });

  test('without JavaScript: a plain form post is answered 303 to the Add to Wallet page, with a member and passes', async () => {
    const form0 = await fleet.api.get(formPath());
    expect(form0.status).toBe(200);
    expect(form0.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(form0.text).toContain(`<form method="post" action="/e/${form.slug}" novalidate>`);
    expect(form0.text).not.toContain('<script');

    plainLanding = await signUp({ member_name: 'Sam Plain', member_email: 'sam@example.com', phone_number: '+44 7700 900123' });
    const member = await memberOfLanding(plainLanding);
    expect(member).toMatchObject({ member_name: 'Sam Plain', member_email: 'sam@example.com', phone_number: '+447700900123' });
    const passes = await listAll(tenant.api, `/v1/passes?member_id=${encodeURIComponent(member.member_id)}`);
    expect(passes.map((p) => p.pass_type).sort()).toEqual(['apple', 'google']);
    expect((await tenant.api.get(`/v1/enrollment-forms/${form.id}`)).body.data.submissions).toBeGreaterThanOrEqual(2);
  });

  test('a repeat sign-up with the same e-mail (any case) or the same phone reuses the member and their passes', async () => {
    const before = await members();
    const again = await signUp({ member_name: 'Sam P.', member_email: 'SAM@example.com', phone_number: '+44 7700 900999' });
    const byPhone = await signUp({ member_name: 'Sam', member_email: 'other-sam@example.com', phone_number: '+447700900123' });
    // One pass, one page: the same Add to Wallet page each time.
    expect([again, byPhone]).toEqual([plainLanding, plainLanding]);
    expect((await members()).length).toBe(before.length);
    const member = await memberOfLanding(plainLanding);
    expect((await listAll(tenant.api, `/v1/passes?member_id=${encodeURIComponent(member.member_id)}`)).length).toBe(2);

    // The same new person twice at once: still one member.
    const [first, second] = await Promise.all([
      signUp({ member_name: 'Twin', member_email: 'twin@example.com', phone_number: '+14155550199' }),
      signUp({ member_name: 'Twin', member_email: 'twin@example.com', phone_number: '+14155550199' }),
    ]);
    expect(first).toBe(second);
    expect((await members()).length).toBe(before.length + 1);
  });

  test('bad input re-renders the form (422) with each message beside its field and what was typed; nothing is created', async () => {
    const before = (await members()).length;
    const response = await post(formPath(), { member_name: 'Kim <b>Bold</b>', member_email: 'not-an-email', phone_number: '12345' });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // Kept, escaped.
    expect(response.text).toContain('value="Kim &lt;b&gt;Bold&lt;/b&gt;"');
    expect(response.text).toContain('value="not-an-email"');
    expect(response.text).toContain('value="12345"');
    expect(response.text).toMatch(/<p class="error" id="field-member-email-error"[^>]*>.*Enter an email address like name@example.com<\/p>/);
    expect(response.text).toContain('aria-describedby="field-phone-number-hint field-phone-number-error" aria-invalid="true"');
    expect(response.text).toContain('id="field-consent-error"');
    expect(response.text).not.toContain('id="field-member-name-error"');
    expect((await members()).length).toBe(before);
  });

  test('a filled honeypot is refused (422, like any refused post) and creates nothing', async () => {
    const before = (await members()).length;
    const response = await post(formPath(), { member_name: 'Bot', member_email: 'bot@example.com', phone_number: '+14155550111', consent: 'yes', website: 'http://spam.example' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Your sign-up could not be accepted');
    expect((await members()).length).toBe(before);
  });

  test('an unknown slug and a deleted form answer the 404 page; oversized and non-form bodies are refused', async () => {
    const unknown = await fleet.api.get('/e/no-such-form-abcdef');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('This link is not valid or has expired');

    const doomed = (await tenant.api.post('/v1/enrollment-forms', { name: 'Doomed', pass_type: 'apple', fields: ['member_email'] })).body.data;
    expect((await fleet.api.get(new URL(doomed.url).pathname)).status).toBe(200);
    const deleted = await tenant.api.delete(`/v1/enrollment-forms/${doomed.id}`);
    expect(deleted.status).toBe(200);
    expect((await fleet.api.get(new URL(doomed.url).pathname)).status).toBe(404);
    expect((await post(new URL(doomed.url).pathname, { member_email: 'late@example.com' })).status).toBe(404);
    expectError(await tenant.api.get(`/v1/enrollment-forms/${doomed.id}`), 404);

    expectError(await post(formPath(), { member_name: 'x'.repeat(20_000), member_email: 'big@example.com' }), 413);
    expectError(await fleet.api.post(formPath(), { member_email: 'json@example.com' }), 415);
  });

  test('an install from the form counts under channel enrollment in insights', async () => {
    const page = await fleet.api.get(plainLanding);
    const href = /href="(\/p\/[0-9A-Za-z]{22}\/pass\.pkpass\?via=enrollment)"/.exec(page.text)?.[1];
    expect(href).toBeDefined();
    const pkpass = await fleet.api.get(href as string);
    expect(pkpass.status).toBe(200);
    const phone = new FakeIPhone();
    expect((await phone.register(phone.add(pkpass.bytes, null))).status).toBe(201);
    const totals = await waitFor(
      'the install in insights',
      async () => {
        const counted = (await tenant.api.get('/v1/insights/metrics')).body.data?.totals;
        return counted?.installs_by_channel?.enrollment === 1 ? counted : undefined;
      },
      60_000,
      250,
    );
    expect(totals.installs_by_channel).toEqual({ sms: 0, page: 0, api: 0, enrollment: 1, email: 0 });
  });

  // Last: it spends this address's sign-up budget.
  test('sign-ups beyond the per-address rate are refused with 429 and Retry-After, creating nothing', async () => {
    const before = (await members()).length;
    let limited: ApiResponse | undefined;
    // Bounded (the bucket refills while the loop runs), so a limit that never bites fails the test.
    for (let i = 0; i < SIGN_UP_RATE * 2 && !limited; i++) {
      const response = await post(formPath(), { member_email: '' });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(422);
    }
    expect(limited).toBeDefined();
    expectError(limited as ApiResponse, 429);
    expect(Number((limited as ApiResponse).headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const refused = await post(formPath(), { member_name: 'Late', member_email: 'late@example.com', phone_number: '+14155550177', consent: 'yes' });
    expect(refused.status).toBe(429);
    expect((await members()).length).toBe(before);
    // The page itself (a GET) is limited separately, so it still shows.
    expect((await fleet.api.get(formPath())).status).toBe(200);
  });
});
