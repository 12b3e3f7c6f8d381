import type { HostedPassModel } from '@wp/contracts';
import { renderPassPage } from '@wp/hosted-page';
import { toPassPageModel } from './pass-page.model';

const PASS: HostedPassModel = {
  pass_id: '3f6c2a7e-8d1b-4c55-9a3e-2b7f1d0c9e41',
  company_name: 'Acme Coffee',
  member_id: 'MEMBER-001',
  member_name: 'Jane Doe',
  points: 1560,
  tier: 'Gold',
  status: 'active',
  colors: { background: 'rgb(18, 52, 86)', foreground: '#ffffff', label: '#ffd27f' },
  logo_png_base64: 'iVBORw0KGgo=',
  apple_available: true,
  apple_signing: 'production',
  google_save_url: 'https://pay.google.com/gp/v/save/eyJ.e30.sig',
};
const ADDRESS = { token: 'AbCdEfGhIjKlMnOpQrStUv', source: 'sms' as const, publicBaseUrl: 'https://wallet.example' };

describe('toPassPageModel', () => {
  it('links the .pkpass through the page token, keeping the SMS attribution, and the QR code to the bare page', () => {
    const model = toPassPageModel(PASS, 'other', ADDRESS);
    expect(model.applePassUrl).toBe('/p/AbCdEfGhIjKlMnOpQrStUv/pass.pkpass?via=sms');
    expect(model.pageUrl).toBe('https://wallet.example/p/AbCdEfGhIjKlMnOpQrStUv');
    expect(toPassPageModel(PASS, 'ios', { ...ADDRESS, source: 'page' }).applePassUrl).toBe('/p/AbCdEfGhIjKlMnOpQrStUv/pass.pkpass');
  });

  it('shows the brand, the member, points and tier', () => {
    const html = renderPassPage(toPassPageModel(PASS, 'ios', ADDRESS));
    for (const text of ['Acme Coffee', 'Jane Doe', '1,560', 'Gold', 'MEMBER-001', 'data:image/png;base64,iVBORw0KGgo=']) expect(html).toContain(text);
    expect(html).toContain('data-testid="apple-wallet-button"');
    expect(html).not.toContain('data-testid="google-wallet-button"');
  });

  it('says when the Apple pass is development-signed, which Wallet will not add', () => {
    expect(renderPassPage(toPassPageModel(PASS, 'ios', ADDRESS))).not.toContain('development-signed');
    const html = renderPassPage(toPassPageModel({ ...PASS, apple_signing: 'development' }, 'ios', ADDRESS));
    expect(html).toContain('data-testid="development-signed"');
    expect(html).toContain('Apple Wallet will not add it until Acme Coffee sets up its own');
    // Android shows no Apple button, so no note about it either.
    expect(renderPassPage(toPassPageModel({ ...PASS, apple_signing: 'development' }, 'android', ADDRESS))).not.toContain('development-signed');
  });

  it('leaves out a button pass-generation cannot back', () => {
    const html = renderPassPage(toPassPageModel({ ...PASS, apple_available: false, google_save_url: null }, 'other', ADDRESS));
    expect(html).not.toContain('apple-wallet-button');
    expect(html).not.toContain('google-wallet-button');
  });

  it('names a member without a name by their id, and says when the pass is voided', () => {
    const html = renderPassPage(toPassPageModel({ ...PASS, member_name: null, status: 'voided' }, 'android', ADDRESS));
    expect(html).toContain('<dd>MEMBER-001</dd>');
    expect(html).toContain('This pass has been cancelled');
    expect(html).not.toContain('google-wallet-button');
  });
});
