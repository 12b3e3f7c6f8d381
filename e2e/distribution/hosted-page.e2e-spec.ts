import { FakeGoogleWalletServer, TestServiceAccount, createTestServiceAccount } from '@wp/google-wallet/testing';
import { DEVICES, type DevicePreset, launchChromium } from '@wp/hosted-page/testing';
import { TestCa, createTestCa, issuePassCertificate, verifyPkpass } from '@wp/pkpass/testing';
import { Admin, Fleet, TenantFixture, bootstrapAdmin, onboardTenant, repoRoot } from '@wp/testing';
import { createPublicKey, createVerify } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SEND, expectError, registerMember } from './distribution.helpers';

// Runs inside the page; the repo compiles without the DOM lib, so declare just what is used.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string };

const ARTIFACTS = path.join(repoRoot(), 'test-artifacts', 'distribution');
const ISSUER_ID = '3388000000022334455';
const PASS_TYPE_ID = 'pass.com.example.coffee';
const TEAM_ID = 'ABCDE12345';
const SAVE_URL = /^https:\/\/pay\.google\.com\/gp\/v\/save\/([\w-]+\.[\w-]+\.[\w-]+)$/;

function jwtClaims(jwt: string, publicKeyPem: string): { payload: { loyaltyObjects: Array<{ id: string }> } } {
  const [header, payload, signature] = jwt.split('.');
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'))) throw new Error('save URL JWT does not verify');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/**
 * The SMS recipient's side, in real headless Chromium (Debian's, driven by playwright-core):
 * follow the short link, land on the hosted page, and find the right wallet button for the
 * phone in hand. The fleet has no Twilio configuration: the links come from dry runs, and a
 * real send is a clear 422.
 */
describe('the hosted Add to Wallet page in a browser', () => {
  let google: FakeGoogleWalletServer;
  let account: TestServiceAccount;
  let ca: TestCa;
  let fleet: Fleet;
  let admin: Admin;
  let tenant: TenantFixture;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let shortUrl: string;
  let passId: string;
  let messageId: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    account = createTestServiceAccount();
    google = new FakeGoogleWalletServer();
    google.registerServiceAccount(account, { issuerIds: [ISSUER_ID] });
    const { url } = await google.start();
    fleet = await Fleet.start({ env: { GOOGLE_WALLET_API_URL: url } });
    admin = await bootstrapAdmin(fleet);
    tenant = await onboardTenant(fleet, admin, 'Acme Coffee');

    // The tenant's own Pass Type ID certificate (from a test CA standing in for Apple) and Google account.
    ca = createTestCa();
    const certificate = issuePassCertificate(ca, { passTypeIdentifier: PASS_TYPE_ID, teamIdentifier: TEAM_ID });
    const apple = await tenant.api.put('/v1/tenant/apple', {
      pass_type_identifier: PASS_TYPE_ID,
      team_identifier: TEAM_ID,
      certificate_pem: certificate.certificatePem,
      private_key_pem: certificate.privateKeyPem,
    });
    expect(apple.status).toBe(200);
    expect((await tenant.api.put('/v1/tenant/google', { issuer_id: ISSUER_ID, service_account_json: account.json })).status).toBe(200);
    const style = await tenant.api.post('/v1/pass-styles', {
      name: 'Acme',
      is_default: true,
      brand_colors: { foreground_color: '#FFFFFF', background_color: '#123456', label_color: '#FFD27F' },
      barcode: { format: 'PKBarcodeFormatQR' },
    });
    expect(style.status).toBe(201);

    await registerMember(tenant.api, 'MEMBER-001', { member_name: 'Jane Doe' });
    expect((await tenant.api.put('/v1/members/MEMBER-001/points', { points: 150, operation: 'add' })).status).toBe(200);
    const sent = await tenant.api.post(`${SEND}?dry_run=1`, { member_id: 'MEMBER-001', phone_number: '+14155550123' });
    expect(sent.status).toBe(201);
    shortUrl = sent.body.data.short_url;
    passId = sent.body.data.pass_id;
    messageId = sent.body.data.message_id;

    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fleet?.stop();
    await google?.stop();
  });

  async function open(device: DevicePreset, url: string): Promise<{ page: Page; context: BrowserContext; status: number | undefined }> {
    const context = await browser.newContext(device);
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(url);
    return { page, context, status: response?.status() };
  }

  test('an iPhone following the short link sees the pass and the Apple button, whose .pkpass verifies', async () => {
    const { page, context, status } = await open(DEVICES.iphone, shortUrl);
    expect(status).toBe(200);
    expect(page.url()).toMatch(new RegExp(`^${fleet.baseUrl}/p/[0-9A-Za-z]{22}\\?via=sms$`));
    const text = await page.locator('main').innerText();
    for (const shown of ['Acme Coffee', 'Jane Doe', '150', 'MEMBER-001']) expect(text).toContain(shown);
    expect(text).toMatch(/silver/i);
    const background = await page.locator('article.pass').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(18, 52, 86)');

    const apple = page.getByTestId('apple-wallet-button');
    await expect(apple.isVisible()).resolves.toBe(true);
    await expect(apple.getAttribute('aria-label')).resolves.toBe('Add to Apple Wallet');
    expect(await page.getByTestId('google-wallet-button').count()).toBe(0);
    // Signed with the tenant's own certificate: no "test pass" note.
    expect(await page.getByTestId('development-signed').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'iphone.png'), fullPage: true });

    // The button's link, fetched as the phone would (same browser context, no API key).
    const href = (await apple.getAttribute('href')) as string;
    expect(href).toMatch(/^\/p\/[0-9A-Za-z]{22}\/pass\.pkpass\?via=sms$/);
    const download = await context.request.get(new URL(href, page.url()).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/vnd.apple.pkpass');
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.pkpass"$/);
    const verified = await verifyPkpass(await download.body(), { caPem: ca.certificatePem });
    expect(verified.passJson).toMatchObject({ passTypeIdentifier: PASS_TYPE_ID, teamIdentifier: TEAM_ID, organizationName: 'Acme Coffee' });
  });

  test("an Android phone sees the Google button, linking to the member's save URL", async () => {
    const { page } = await open(DEVICES.android, shortUrl);
    const button = page.getByTestId('google-wallet-button');
    await expect(button.isVisible()).resolves.toBe(true);
    await expect(button.getAttribute('aria-label')).resolves.toBe('Add to Google Wallet');
    expect(await page.getByTestId('apple-wallet-button').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'android.png'), fullPage: true });

    const href = (await button.getAttribute('href')) as string;
    const jwt = SAVE_URL.exec(href)?.[1];
    expect(jwt).toBeDefined();
    const [object] = jwtClaims(jwt as string, account.publicKeyPem).payload.loyaltyObjects;
    const member = await tenant.api.get('/v1/members/MEMBER-001');
    const googlePass = member.body.data.passes.find((p: { pass_type: string }) => p.pass_type === 'google');
    expect(object.id).toBe(`${ISSUER_ID}.${googlePass.pass_id}`);
    expect(googlePass.url).toBe(href);
  });

  test('a desktop browser sees both buttons and a QR code of the page', async () => {
    const { page } = await open(DEVICES.desktop, shortUrl);
    await expect(page.getByTestId('apple-wallet-button').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('google-wallet-button').isVisible()).resolves.toBe(true);
    const qr = page.getByTestId('qr-code');
    await expect(qr.isVisible()).resolves.toBe(true);
    await expect(qr.getAttribute('aria-label')).resolves.toMatch(/QR code/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'desktop.png'), fullPage: true });
  });

  test('each of the three visits above was counted as a follow of the link', async () => {
    const message = await tenant.api.get(`/v1/distribution/messages/${messageId}`);
    expect(message.body.data).toMatchObject({ short_url: shortUrl, clicks: 3, status: 'dry_run' });
  });

  test('an unknown link shows a friendly page, not an error dump', async () => {
    const { page, status } = await open(DEVICES.iphone, `${fleet.baseUrl}/s/AAAAAAAAAAAA`);
    expect(status).toBe(404);
    await expect(page.locator('h1').innerText()).resolves.toBe('This link is not valid or has expired');
    await page.screenshot({ path: path.join(ARTIFACTS, 'not-found.png'), fullPage: true });
  });

  test('once the pass is voided, the page says so and offers no button', async () => {
    expect((await tenant.api.post(`/v1/passes/${passId}/void`, {})).status).toBe(200);
    const { page } = await open(DEVICES.iphone, shortUrl);
    const banner = page.getByTestId('status-banner');
    await expect(banner.innerText()).resolves.toContain('This pass has been cancelled');
    expect(await page.getByTestId('apple-wallet-button').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'iphone-voided.png'), fullPage: true });
  });

  test('without Twilio configuration the fleet runs, and a real send is a clear 422', async () => {
    const response = await tenant.api.post(SEND, { member_id: 'MEMBER-001', phone_number: '+14155550123' });
    expectError(response, 422);
    expect(response.body.message).toContain('SMS sending is not configured');
    expect(response.body.message).toContain('TWILIO_ACCOUNT_SID');
  });
});
