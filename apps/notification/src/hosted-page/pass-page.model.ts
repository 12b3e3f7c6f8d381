import type { HostedPassModel, PageVisitSource } from '@wp/contracts';
import type { PassPageModel, Platform } from '@wp/hosted-page';

export interface PageAddress {
  token: string;
  /** Carried into the .pkpass link, so the install is attributed to the SMS, the enrollment form or the page. */
  source: PageVisitSource;
  publicBaseUrl: string;
}

/** `?via=…` for every source but a plain page visit. */
const via = (source: PageVisitSource): string => (source === 'page' ? '' : `?via=${source}`);

/** The page's own URL (the QR code encodes it, without `via`: a scan is a page visit). */
export function pageUrl(publicBaseUrl: string, token: string, source: PageVisitSource = 'page'): string {
  return `${publicBaseUrl}/p/${token}${via(source)}`;
}

/** The page's path, for a same-origin redirect (an enrollment form's post lands there). */
export function pagePath(token: string, source: PageVisitSource): string {
  return `/p/${token}${via(source)}`;
}

export function pkpassPath(token: string, source: PageVisitSource): string {
  return `/p/${token}/pass.pkpass${via(source)}`;
}

/** What pass-generation knows about the pass, as the page renderer wants it. */
export function toPassPageModel(pass: HostedPassModel, platform: Platform, address: PageAddress): PassPageModel {
  return {
    companyName: pass.company_name,
    logoDataUri: pass.logo_png_base64 ? `data:image/png;base64,${pass.logo_png_base64}` : null,
    colors: pass.colors,
    // A member registered without a name still gets a card that says whose it is.
    memberName: pass.member_name ?? pass.member_id ?? '',
    memberId: pass.member_id ?? '',
    points: pass.points ?? 0,
    tier: pass.tier ?? '',
    status: pass.status,
    platform,
    applePassUrl: pass.apple_available ? pkpassPath(address.token, address.source) : null,
    appleDevelopmentSigned: pass.apple_signing === 'development',
    googleSaveUrl: pass.google_save_url,
    pageUrl: pageUrl(address.publicBaseUrl, address.token),
  };
}
