import { detectPlatform } from './platform.detector';

const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1',
  ipadOld: 'Mozilla/5.0 (iPad; CPU OS 12_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1',
  ipod: 'Mozilla/5.0 (iPod touch; CPU iPhone OS 15_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  macFirefox: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:126.0) Gecko/20100101 Firefox/126.0',
  macEdge: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36',
  androidSamsung: 'Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0',
  windowsChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0',
  linuxFirefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  windowsPhone: 'Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063',
};

describe('detectPlatform', () => {
  it.each([
    ['iPhone Safari', UA.iphoneSafari],
    ['iPhone Chrome (WebKit underneath, hands .pkpass to Wallet)', UA.iphoneChrome],
    ['iPad (pre-iPadOS)', UA.ipadOld],
    ['iPod touch', UA.ipod],
    ['Safari on macOS (and iPadOS desktop mode)', UA.macSafari],
  ])('gives %s the Apple button', (_label, ua) => {
    expect(detectPlatform(ua)).toBe('ios');
  });

  it.each([
    ['Chrome', UA.androidChrome],
    ['Samsung Internet', UA.androidSamsung],
    ['Firefox', UA.androidFirefox],
  ])('gives Android %s the Google button', (_label, ua) => {
    expect(detectPlatform(ua)).toBe('android');
  });

  it.each([
    ['Chrome on macOS', UA.macChrome],
    ['Firefox on macOS', UA.macFirefox],
    ['Edge on macOS', UA.macEdge],
    ['Chrome on Windows', UA.windowsChrome],
    ['Firefox on Windows', UA.windowsFirefox],
    ['Firefox on Linux', UA.linuxFirefox],
    ['Windows Phone (claims Android)', UA.windowsPhone],
    ['an empty user agent', ''],
    ['no user agent', undefined],
    ['a bot', 'curl/8.5.0'],
  ])('gives %s both buttons and the QR code', (_label, ua) => {
    expect(detectPlatform(ua)).toBe('other');
  });
});
