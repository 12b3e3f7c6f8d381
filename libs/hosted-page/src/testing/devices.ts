export interface DevicePreset {
  userAgent: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  isMobile: boolean;
  hasTouch: boolean;
}

export const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
export const ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36';
export const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36';
export const MAC_SAFARI_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

export const IPHONE_VIEWPORT = { width: 390, height: 844 };
export const ANDROID_VIEWPORT = { width: 412, height: 915 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

/** Options for `browser.newContext(...)`. */
export const DEVICES = {
  iphone: { userAgent: IPHONE_UA, viewport: IPHONE_VIEWPORT, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  android: { userAgent: ANDROID_UA, viewport: ANDROID_VIEWPORT, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true },
  desktop: { userAgent: DESKTOP_UA, viewport: DESKTOP_VIEWPORT, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
  macSafari: { userAgent: MAC_SAFARI_UA, viewport: DESKTOP_VIEWPORT, deviceScaleFactor: 2, isMobile: false, hasTouch: false },
} satisfies Record<string, DevicePreset>;
