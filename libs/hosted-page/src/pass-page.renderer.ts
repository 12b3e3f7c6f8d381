import { parseCssColor, readableTextColor, toCssRgb, type Rgb } from './color-contrast';
import { htmlDocument, SYSTEM_FONT_STACK } from './html-document';
import { safeHref, safeImageDataUri } from './html-escape';
import type { Platform } from './platform.detector';
import { renderQrCodeSvg } from './qr-code.renderer';
import { view } from './views';
import { APPLE_WALLET_BADGE_SVG, GOOGLE_WALLET_BADGE_SVG } from './wallet-badges';

export type PassStatus = 'active' | 'voided' | 'expired' | 'blocked' | 'redeemed';

export interface PassPageModel {
  companyName: string;
  /** A data:image/…;base64 URI; anything else is ignored so the page loads nothing external. */
  logoDataUri?: string | null;
  /** CSS colour strings (hex, rgb(), hsl(), common names). */
  colors: { background: string; foreground: string; label: string };
  memberName: string;
  memberId: string;
  points: number;
  tier: string;
  status: PassStatus;
  platform: Platform;
  /** The .pkpass link; without it the Apple button is left out. */
  applePassUrl?: string | null;
  /** The .pkpass is signed with the platform's development certificate: the page says Wallet will not add it. */
  appleDevelopmentSigned?: boolean;
  /** The "Save to Google Wallet" link; without it (no Google credentials) the Google button is left out. */
  googleSaveUrl?: string | null;
  /** This page's public URL, encoded in the QR code for desktop visitors. */
  pageUrl: string;
}

const DEFAULT_BACKGROUND: Rgb = { r: 28, g: 28, b: 30 };
const DEFAULT_FOREGROUND: Rgb = { r: 255, g: 255, b: 255 };

const STATUS_BANNERS: Record<Exclude<PassStatus, 'active'>, { title: string; detail: string; tone: 'error' | 'warning' }> = {
  voided: { title: 'This pass has been cancelled', detail: 'It can no longer be added to a wallet.', tone: 'error' },
  expired: { title: 'This pass has expired', detail: 'It can no longer be added to a wallet.', tone: 'warning' },
  blocked: { title: 'This pass is blocked', detail: 'It cannot be added to a wallet right now.', tone: 'error' },
  redeemed: { title: 'This pass has already been redeemed', detail: 'There is nothing left to add to a wallet.', tone: 'warning' },
};

const POINTS_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The hosted "Add to Wallet" page (GET /p/{token}): the pass preview plus the buttons for this device. */
export function renderPassPage(model: PassPageModel): string {
  const background = parseCssColor(model.colors.background) ?? DEFAULT_BACKGROUND;
  const foreground = readableTextColor(parseCssColor(model.colors.foreground) ?? DEFAULT_FOREGROUND, background);
  // Labels are text too: a faint brand label colour falls back to the readable text colour.
  const label = readableTextColor(parseCssColor(model.colors.label) ?? foreground, background);
  const company = model.companyName.trim() || 'Loyalty card';

  // An unusable pass leads with the banner, so nobody looks for a button that is not there.
  const body =
    model.status === 'active'
      ? `<main class="page">\n${renderPassCard(model, company)}\n${renderAddSection(model, company)}\n</main>`
      : `<main class="page">\n${renderStatusBanner(model.status, company)}\n${renderPassCard(model, company)}\n</main>`;
  return htmlDocument({
    title: `${company}: add your loyalty card to your wallet`,
    css: pageCss(background, foreground, label),
    body,
  });
}

interface CardView {
  logo: string | null;
  company: string;
  inactive: boolean;
  fields: Array<{ name: string; value: string; cls: string }>;
}

const renderCard = view<CardView>(
  'pass-card',
  `<article class="pass<%= it.inactive ? ' pass-inactive' : '' %>" aria-labelledby="pass-title">
<header class="pass-header">
<% if (it.logo) { %><img class="logo" src="<%= it.logo %>" alt="<%= it.company %> logo"><% } %>
<h1 id="pass-title"><%= it.company %></h1>
</header>
<p class="pass-kind">Loyalty card</p>
<dl class="fields">
<% it.fields.forEach((f, i) => { %><%= i > 0 ? '\\n' : '' %><div class="<%= f.cls %>"><dt><%= f.name %></dt><dd><%= f.value %></dd></div><% }) %>
</dl>
</article>`,
);

function renderPassCard(model: PassPageModel, company: string): string {
  const points = Number.isFinite(model.points) ? POINTS_FORMAT.format(model.points) : String(model.points);
  const fields = [
    { name: 'Member', value: model.memberName, cls: 'field field-wide' },
    { name: 'Points', value: points, cls: 'field' },
    ...(model.tier.trim() ? [{ name: 'Tier', value: model.tier, cls: 'field' }] : []),
    { name: 'Member ID', value: model.memberId, cls: 'field field-wide' },
  ];
  return renderCard({ logo: safeImageDataUri(model.logoDataUri), company, inactive: model.status !== 'active', fields });
}

const renderBanner = view<{ tone: string; title: string; detail: string; company: string }>(
  'status-banner',
  `<div class="banner banner-<%= it.tone %>" role="status" data-testid="status-banner">
<p class="banner-title"><%= it.title %></p>
<p><%= it.detail %> Contact <%= it.company %> if you think this is a mistake.</p>
</div>`,
);

function renderStatusBanner(status: Exclude<PassStatus, 'active'>, company: string): string {
  return renderBanner({ ...STATUS_BANNERS[status], company });
}

interface WalletButton {
  href: string;
  name: string;
  testId: string;
  /** Our own badge SVG (wallet-badges.ts), written raw. */
  badge: string;
}

interface AddView {
  buttons: WalletButton[];
  development: boolean;
  company: string;
  /** The QR code SVG rendered by renderQrCodeSvg, written raw; null when not shown. */
  qr: string | null;
}

const renderAdd = view<AddView>(
  'add-section',
  `<section class="add" aria-labelledby="add-title">
<h2 id="add-title">Add to your wallet</h2>
<% if (it.buttons.length > 0) { %><div class="actions">
<% it.buttons.forEach((b, i) => { %><%= i > 0 ? '\\n' : '' %><a class="wallet-button" href="<%= b.href %>" aria-label="<%= b.name %>" data-testid="<%= b.testId %>" rel="noopener noreferrer"><%~ b.badge %></a><% }) %>
</div><% if (it.development) { %>
<p class="notice" data-testid="development-signed">Test pass: signed with a development certificate, so Apple Wallet will not add it until <%= it.company %> sets up its own.</p><% } %><% } else { %><p class="notice">This card can't be added to a wallet on this device yet.</p><% } %>
</section>
<% if (it.qr) { %><section class="qr" aria-labelledby="qr-title">
<h2 id="qr-title">On your phone</h2>
<p>Scan this code with your phone's camera to open this page there.</p>
<%~ it.qr %>
</section><% } %>`,
);

function renderAddSection(model: PassPageModel, company: string): string {
  const apple = safeHref(model.applePassUrl);
  const google = safeHref(model.googleSaveUrl);
  const showApple = apple !== null && model.platform !== 'android';
  const showGoogle = google !== null && model.platform !== 'ios';
  const buttons: WalletButton[] = [
    ...(showApple ? [{ href: apple, name: 'Add to Apple Wallet', testId: 'apple-wallet-button', badge: APPLE_WALLET_BADGE_SVG }] : []),
    ...(showGoogle ? [{ href: google, name: 'Add to Google Wallet', testId: 'google-wallet-button', badge: GOOGLE_WALLET_BADGE_SVG }] : []),
  ];
  // A development-signed pass opens, but Wallet refuses to add it: say so rather than let the button fail.
  const development = showApple && model.appleDevelopmentSigned === true;
  const pageUrl = safeHref(model.pageUrl);
  const qr =
    model.platform === 'other' && pageUrl ? renderQrCodeSvg(pageUrl, { label: 'QR code that opens this page on your phone', testId: 'qr-code', className: 'qr-code' }) : null;
  return renderAdd({ buttons, development, company, qr });
}

function pageCss(background: Rgb, foreground: Rgb, label: Rgb): string {
  return `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:${SYSTEM_FONT_STACK};background:#f2f2f7;color:#1c1c1e;line-height:1.4}
.page{max-width:28rem;margin:0 auto;padding:1.5rem 1rem 2.5rem}
.pass{background:${toCssRgb(background)};color:${toCssRgb(foreground)};border-radius:1rem;padding:1.25rem 1.25rem 1.5rem;box-shadow:0 6px 20px rgba(0,0,0,.18)}
.pass-inactive{filter:grayscale(1)}
.pass-header{display:flex;align-items:center;gap:.75rem;min-height:3rem}
.logo{height:2.5rem;width:auto;max-width:8rem;object-fit:contain}
.pass h1{font-size:1.25rem;margin:0;overflow-wrap:anywhere}
.pass-kind{margin:.25rem 0 1.25rem;color:${toCssRgb(label)};font-size:.875rem}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:0}
.field-wide{grid-column:1/-1}
.field dt{color:${toCssRgb(label)};font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.field dd{margin:.125rem 0 0;font-size:1.25rem;font-weight:600;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:0 0 .75rem}
.add{margin-top:1.75rem;text-align:center}
.actions{display:flex;flex-direction:column;align-items:center;gap:.875rem}
.wallet-button{display:inline-block;line-height:0;border-radius:12px}
.wallet-button svg{width:220px;height:auto;max-width:100%}
.wallet-button:focus-visible{outline:3px solid #0a60c2;outline-offset:3px}
.notice{margin:0;color:#3a3a3c}
.qr{margin-top:2rem;text-align:center}
.qr p{margin:0 0 1rem;color:#3a3a3c}
.qr-code{width:11rem;height:11rem}
.banner{margin-bottom:1.25rem;border-radius:.75rem;padding:1rem 1.25rem;border-left:6px solid}
.banner p{margin:0}
.banner .banner-title{font-weight:700;font-size:1.0625rem;margin-bottom:.25rem}
.banner-error{background:#fdecea;color:#7a1a12;border-color:#c5221f}
.banner-warning{background:#fff4e5;color:#5c3600;border-color:#b06000}`;
}
