import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { detectPlatform } from './platform.detector';
import { renderNotFoundPage } from './not-found-page.renderer';
import { renderPassPage, PassPageModel } from './pass-page.renderer';
// The tsconfig has no @wp/hosted-page/testing alias yet, hence the relative import.
import { DEVICES, DevicePreset } from './testing/devices';
import { launchChromium } from './testing/chromium.launcher';

// Runs inside the page; the repo compiles without the DOM lib, so declare just what is used.
declare const getComputedStyle: (element: unknown) => { backgroundColor: string; color: string };

const ARTIFACTS = join(__dirname, '../../../test-artifacts/hosted-page');

// An inline SVG logo (a cup): the page must show it without fetching anything.
const LOGO =
  'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA0OCA0OCI+PGNpcmNsZSBjeD0iMjQiIGN5PSIyNCIgcj0iMjIiIGZpbGw9IiNmZmQyN2YiLz48cGF0aCBkPSJNMTQgMThoMTh2MTBhOCA4IDAgMCAxLTggOGgtMmE4IDggMCAwIDEtOC04eiIgZmlsbD0iIzEyMzQ1NiIvPjxwYXRoIGQ9Ik0zMiAyMWgzYTQgNCAwIDAgMSAwIDhoLTMiIGZpbGw9Im5vbmUiIHN0cm9rZT0iIzEyMzQ1NiIgc3Ryb2tlLXdpZHRoPSIzIi8+PC9zdmc+';

interface PageServer {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves /p/{name} like the gateway would: the platform comes from the request's User-Agent. */
async function startPageServer(models: Record<string, Omit<PassPageModel, 'platform' | 'pageUrl'>>): Promise<PageServer> {
  const requests: string[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const name = /^\/p\/([a-z-]+)$/.exec(req.url ?? '')?.[1];
    const model = name ? models[name] : undefined;
    const html = model
      ? renderPassPage({ ...model, platform: detectPlatform(req.headers['user-agent']), pageUrl: `${base}/p/${name}` })
      : renderNotFoundPage();
    res.writeHead(model ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ACTIVE: Omit<PassPageModel, 'platform' | 'pageUrl'> = {
  companyName: 'Acme Coffee',
  logoDataUri: LOGO,
  colors: { background: 'rgb(18, 52, 86)', foreground: '#ffffff', label: '#ffd27f' },
  memberName: 'Jane Doe',
  memberId: 'M-12345678',
  points: 1560,
  tier: 'Gold',
  status: 'active',
  applePassUrl: '/p/active/pass.pkpass',
  googleSaveUrl: 'https://pay.google.com/gp/v/save/eyJhbGciOiJSUzI1NiJ9.e30.sig',
};

describe('hosted pass page in headless Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    server = await startPageServer({
      active: ACTIVE,
      voided: { ...ACTIVE, status: 'voided' },
      'no-google': { ...ACTIVE, googleSaveUrl: undefined },
      'low-contrast': { ...ACTIVE, colors: { background: '#ffeb3b', foreground: '#ffffff', label: '#fff59d' } },
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function open(device: DevicePreset, path: string): Promise<Page> {
    const context = await browser.newContext(device);
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(`${server.base}${path}`);
    expect(response?.status()).toBe(path.startsWith('/p/missing') ? 404 : 200);
    return page;
  }

  it('shows an iPhone only the Apple Wallet button, linking to the .pkpass', async () => {
    const page = await open(DEVICES.iphone, '/p/active');

    const apple = page.getByRole('link', { name: 'Add to Apple Wallet' });
    await expect(apple.isVisible()).resolves.toBe(true);
    await expect(apple.getAttribute('href')).resolves.toBe('/p/active/pass.pkpass');
    await expect(page.getByTestId('google-wallet-button').count()).resolves.toBe(0);
    await expect(page.getByTestId('qr-code').count()).resolves.toBe(0);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Acme Coffee');
    await expect(page.getByText('1,560').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'iphone-active.png'), fullPage: true });
  });

  it('treats Safari on macOS like iOS', async () => {
    const page = await open(DEVICES.macSafari, '/p/active');
    await expect(page.getByTestId('apple-wallet-button').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('google-wallet-button').count()).resolves.toBe(0);
  });

  it('shows an Android phone only the Google Wallet button', async () => {
    const page = await open(DEVICES.android, '/p/active');

    const google = page.getByRole('link', { name: 'Add to Google Wallet' });
    await expect(google.isVisible()).resolves.toBe(true);
    await expect(google.getAttribute('href')).resolves.toBe(ACTIVE.googleSaveUrl);
    await expect(page.getByTestId('apple-wallet-button').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'android-active.png'), fullPage: true });
  });

  it('shows a desktop both buttons and a QR code of the page URL, all fitting the phone-width column', async () => {
    const page = await open(DEVICES.desktop, '/p/active');

    await expect(page.getByTestId('apple-wallet-button').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('google-wallet-button').isVisible()).resolves.toBe(true);
    const qr = page.getByRole('img', { name: 'QR code that opens this page on your phone' });
    await expect(qr.isVisible()).resolves.toBe(true);
    await expect(qr.getAttribute('data-testid')).resolves.toBe('qr-code');
    const box = await qr.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(150);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-active.png'), fullPage: true });
  });

  it('applies the brand colours from the inline stylesheet (allowed by the page CSP)', async () => {
    const page = await open(DEVICES.iphone, '/p/active');
    const colors = await page.locator('article.pass').evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, color: style.color };
    });
    expect(colors).toEqual({ background: 'rgb(18, 52, 86)', color: 'rgb(255, 255, 255)' });
    await expect(page.getByRole('img', { name: 'Acme Coffee logo' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(0);
  });

  it('switches unreadable brand text (white on yellow) to black', async () => {
    const page = await open(DEVICES.android, '/p/low-contrast');
    const color = await page.locator('article.pass').evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: join(ARTIFACTS, 'android-low-contrast.png'), fullPage: true });
  });

  it('shows a voided pass with a banner and no add buttons', async () => {
    const page = await open(DEVICES.desktop, '/p/voided');

    const banner = page.getByTestId('status-banner');
    await expect(banner.isVisible()).resolves.toBe(true);
    await expect(banner.textContent()).resolves.toContain('This pass has been cancelled');
    await expect(page.getByRole('link').count()).resolves.toBe(0);
    await expect(page.getByTestId('qr-code').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'desktop-voided.png'), fullPage: true });
  });

  it('leaves the Google button out when the tenant has no Google Wallet link', async () => {
    const page = await open(DEVICES.desktop, '/p/no-google');
    await expect(page.getByTestId('apple-wallet-button').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('google-wallet-button').count()).resolves.toBe(0);
  });

  it('answers an unknown link with the friendly not-found page', async () => {
    const page = await open(DEVICES.iphone, '/p/missing');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This link is not valid or has expired');
    await page.screenshot({ path: join(ARTIFACTS, 'iphone-not-found.png'), fullPage: true });
  });

  it('makes no request other than the page itself', async () => {
    const context = await browser.newContext(DEVICES.desktop);
    contexts.push(context);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${server.base}/p/active`, { waitUntil: 'networkidle' });
    expect(urls).toEqual([`${server.base}/p/active`]);
  });
});
