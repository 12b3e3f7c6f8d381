import { createHash } from 'node:crypto';
import { renderNotFoundPage, renderPassPage, type PassPageModel } from './index';

const MODEL: PassPageModel = {
  companyName: 'Acme Coffee',
  colors: { background: 'rgb(18, 52, 86)', foreground: '#ffffff', label: '#ffd27f' },
  memberName: 'Jane Doe',
  memberId: 'M-12345678',
  points: 1560,
  tier: 'Gold',
  status: 'active',
  platform: 'other',
  applePassUrl: '/p/tok/pass.pkpass',
  googleSaveUrl: 'https://pay.google.com/gp/v/save/jwt',
  pageUrl: 'https://wallet.example.com/p/tok',
};

const render = (overrides: Partial<PassPageModel> = {}): string => renderPassPage({ ...MODEL, ...overrides });
const has = (html: string, testId: string): boolean => html.includes(`data-testid="${testId}"`);
const styleOf = (html: string): string => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
const cspOf = (html: string): string =>
  (/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '').replace(/&#39;/g, "'");

describe('renderPassPage', () => {
  it('is a phone-ready, self-describing document', () => {
    const html = render();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Acme Coffee: add your loyalty card to your wallet</title>');
    expect(html).toContain('<h1 id="pass-title">Acme Coffee</h1>');
    expect(html).toContain('<dt>Member</dt><dd>Jane Doe</dd>');
    expect(html).toContain('<dt>Points</dt><dd>1,560</dd>');
    expect(html).toContain('<dt>Tier</dt><dd>Gold</dd>');
    expect(html).toContain('<dt>Member ID</dt><dd>M-12345678</dd>');
    expect(styleOf(html)).toMatch(/max-width:28rem/);
  });

  it('loads nothing from elsewhere: no script, no external URL in src or CSS, and a CSP that forbids it', () => {
    const html = render({ logoDataUri: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(styleOf(html)).not.toMatch(/url\(|@import|@font-face/);
    expect(cspOf(html)).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[^']+'; base-uri 'none'; form-action 'none'$/);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
  });

  it('allows its own stylesheet by hash, so brand colours apply under the CSP', () => {
    const html = render();
    const hash = createHash('sha256').update(styleOf(html)).digest('base64');
    expect(cspOf(html)).toContain(`style-src 'sha256-${hash}'`);
  });

  describe('buttons per platform', () => {
    it('iOS/macOS Safari: only the Apple Wallet link, with an accessible name, to the .pkpass', () => {
      const html = render({ platform: 'ios' });
      expect(html).toMatch(/<a class="wallet-button" href="\/p\/tok\/pass.pkpass" aria-label="Add to Apple Wallet" data-testid="apple-wallet-button"/);
      expect(has(html, 'google-wallet-button')).toBe(false);
      expect(has(html, 'qr-code')).toBe(false);
    });

    it('Android: only the Google Wallet link', () => {
      const html = render({ platform: 'android' });
      expect(html).toMatch(/href="https:\/\/pay.google.com\/gp\/v\/save\/jwt" aria-label="Add to Google Wallet" data-testid="google-wallet-button"/);
      expect(has(html, 'apple-wallet-button')).toBe(false);
      expect(has(html, 'qr-code')).toBe(false);
    });

    it('elsewhere: both links and a labelled QR code', () => {
      const html = render({ platform: 'other' });
      expect(has(html, 'apple-wallet-button')).toBe(true);
      expect(has(html, 'google-wallet-button')).toBe(true);
      expect(html).toMatch(/<svg[^>]*role="img" aria-label="QR code that opens this page on your phone" data-testid="qr-code"/);
    });

    it('omits the Google button when the tenant has no Google link, and the Apple one without a .pkpass link', () => {
      expect(has(render({ googleSaveUrl: undefined }), 'google-wallet-button')).toBe(false);
      expect(has(render({ googleSaveUrl: undefined }), 'apple-wallet-button')).toBe(true);
      expect(has(render({ applePassUrl: null }), 'apple-wallet-button')).toBe(false);
    });

    it('says so when no button is left for this device', () => {
      const html = render({ platform: 'android', googleSaveUrl: undefined });
      expect(html).toContain("This card can't be added to a wallet on this device yet.");
      expect(html).not.toContain('<a ');
    });
  });

  describe.each([
    ['voided', 'This pass has been cancelled'],
    ['expired', 'This pass has expired'],
    ['blocked', 'This pass is blocked'],
    ['redeemed', 'This pass has already been redeemed'],
  ] as const)('a %s pass', (status, title) => {
    it('shows a banner first and no add buttons or QR code', () => {
      const html = render({ status });
      expect(html).toContain(`<div class="banner banner-`);
      expect(html).toContain(title);
      expect(html.indexOf('data-testid="status-banner"')).toBeLessThan(html.indexOf('<article'));
      expect(has(html, 'apple-wallet-button')).toBe(false);
      expect(has(html, 'google-wallet-button')).toBe(false);
      expect(has(html, 'qr-code')).toBe(false);
    });
  });

  it('has no banner on an active pass', () => {
    expect(has(render(), 'status-banner')).toBe(false);
  });

  describe('brand colours and contrast', () => {
    it('uses the brand colours when they are readable', () => {
      const css = styleOf(render());
      expect(css).toContain('.pass{background:rgb(18, 52, 86);color:rgb(255, 255, 255);');
      expect(css).toContain('.field dt{color:rgb(255, 210, 127);');
    });

    it('picks black text on a light brand background whose foreground is too faint (< 4.5:1)', () => {
      const css = styleOf(render({ colors: { background: '#ffeb3b', foreground: '#ffffff', label: '#fff59d' } }));
      expect(css).toContain('.pass{background:rgb(255, 235, 59);color:rgb(0, 0, 0);');
      expect(css).toContain('.field dt{color:rgb(0, 0, 0);');
    });

    it('picks white text on a dark brand background whose foreground is too dark', () => {
      const css = styleOf(render({ colors: { background: '#101010', foreground: '#333333', label: '#222222' } }));
      expect(css).toContain('.pass{background:rgb(16, 16, 16);color:rgb(255, 255, 255);');
    });

    it('falls back to safe defaults for colours that are not colours, never copying them into CSS', () => {
      const evil = 'red;}</style><script>alert(1)</script><style>{';
      const html = render({ colors: { background: evil, foreground: 'url(https://evil.example/x)', label: evil } });
      expect(html).not.toContain('alert(1)');
      expect(html).not.toContain('evil.example');
      expect(styleOf(html)).toContain('.pass{background:rgb(28, 28, 30);color:rgb(255, 255, 255);');
    });
  });

  describe('escaping (XSS)', () => {
    it('escapes a member name that contains a script tag', () => {
      const html = render({ memberName: '<script>alert("x")</script>' });
      expect(html).not.toContain('<script>');
      expect(html).toContain('<dd>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</dd>');
    });

    it('escapes every interpolated field, in text and in attributes', () => {
      const html = render({
        companyName: `"><img src=x onerror=alert(1)>`,
        memberId: '<b>id</b>',
        tier: `Gold' onmouseover='x`,
        logoDataUri: 'data:image/png;base64,iVBORw0KGgo=',
      });
      expect(html).not.toMatch(/<img src=x/);
      expect(html).not.toContain('<b>id</b>');
      expect(html).toContain('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; logo"');
      expect(html).toContain('<title>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;: add your loyalty card to your wallet</title>');
      expect(html).toContain('<dd>Gold&#39; onmouseover=&#39;x</dd>');
    });

    it('drops wallet links and logos with dangerous schemes instead of rendering them', () => {
      const html = render({ applePassUrl: 'javascript:alert(1)', googleSaveUrl: 'data:text/html,x', logoDataUri: 'https://cdn.example/logo.png' });
      expect(html).not.toContain('javascript:');
      expect(html).not.toContain('cdn.example');
      expect(has(html, 'apple-wallet-button')).toBe(false);
      expect(has(html, 'google-wallet-button')).toBe(false);
    });

    it('keeps query strings in a link intact but escaped', () => {
      const html = render({ platform: 'android', googleSaveUrl: 'https://pay.google.com/gp/v/save/a?b=1&c="2"' });
      expect(html).toContain('href="https://pay.google.com/gp/v/save/a?b=1&amp;c=%222%22"');
    });
  });
});

describe('renderNotFoundPage', () => {
  it('is a friendly page that says the link is not valid', () => {
    const html = renderNotFoundPage();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>This link is not valid or has expired</h1>');
    expect(html).toContain('name="viewport"');
  });

  it('shows a custom message, escaped', () => {
    const html = renderNotFoundPage({ message: 'Ask <Acme> for a new link' });
    expect(html).toContain('<p>Ask &lt;Acme&gt; for a new link</p>');
  });
});
