export type Platform = 'ios' | 'android' | 'other';

// Any non-Safari engine on a Mac: these cannot open a .pkpass into Wallet.
const NON_SAFARI_MAC_BROWSERS = /Chrome|Chromium|CriOS|FxiOS|Firefox|Edg|OPR|Opera|Vivaldi|Brave|YaBrowser|SamsungBrowser/;

/**
 * Which wallet button to show. Every browser on iPhone/iPad/iPod uses WebKit and hands a
 * .pkpass to Wallet, as does Safari on macOS. iPadOS 13+ Safari sends a Mac user agent, so
 * it lands in the same bucket. Android gets Google Wallet; everything else gets both + a QR.
 */
export function detectPlatform(userAgent: string | null | undefined): Platform {
  const ua = userAgent ?? '';
  if (/Windows Phone/i.test(ua)) return 'other';
  if (/iPhone|iPad|iPod/.test(ua)) return 'ios';
  if (/Android/i.test(ua)) return 'android';
  if (/Macintosh|Mac OS X/.test(ua) && /Safari\//.test(ua) && /Version\/\d/.test(ua) && !NON_SAFARI_MAC_BROWSERS.test(ua)) {
    return 'ios';
  }
  return 'other';
}
