import type { LookupAddress } from 'node:dns';
import { DestinationPolicy } from './destination-policy';
import { Resolver } from './guarded-lookup';
import { checkWebhookUrl } from './webhook-url';

/** A DNS of our own: names resolve where the test says, nothing leaves the process. */
function fakeDns(names: Record<string, string[]>): Resolver {
  return (hostname, callback) => {
    const addresses = names[hostname];
    if (!addresses) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      return callback(error, []);
    }
    callback(null, addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
}

const dns = fakeDns({
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
  'loopback.example.test': ['127.0.0.1'],
  'metadata.example.test': ['169.254.169.254'],
  'mixed.example.test': ['93.184.216.34', '10.0.0.7'],
  'v6-internal.example.test': ['fd00::5'],
});
const strict = new DestinationPolicy(false);
const dev = new DestinationPolicy(true);

describe('webhook URL check at registration', () => {
  it('accepts a public https or http endpoint and normalises it', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/wallet?x=1', strict, dns)).resolves.toEqual({ url: 'https://hooks.example.com/wallet?x=1' });
    await expect(checkWebhookUrl('HTTP://HOOKS.example.com:8080', strict, dns)).resolves.toEqual({ url: 'http://hooks.example.com:8080/' });
  });

  it.each([
    ['http://127.0.0.1:5432/', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local or cloud metadata'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'link-local or cloud metadata'],
    ['http://[fe80::1]/', 'link-local or cloud metadata'],
    ['http://10.0.0.1/', 'private network'],
    ['http://172.16.0.1/', 'private network'],
    ['http://192.168.0.1/', 'private network'],
    ['http://[fd00::1]/', 'private network'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
  ])('refuses %s (%s)', async (url, what) => {
    const result = await checkWebhookUrl(url, strict, dns);
    expect(result).toEqual({ refused: expect.stringContaining(what) });
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'ftp://hooks.example.com/', 'javascript:alert(1)', 'not a url', '//hooks.example.com/x'])(
    'refuses the non-http(s) or relative URL %s',
    async (url) => {
      expect(await checkWebhookUrl(url, strict, dns)).toEqual({ refused: expect.stringMatching(/http or https/) });
    },
  );

  it('refuses names that resolve to an internal address, without saying which address', async () => {
    for (const name of ['loopback.example.test', 'metadata.example.test', 'mixed.example.test', 'v6-internal.example.test']) {
      const result = await checkWebhookUrl(`https://${name}/hook`, strict, dns);
      expect(result).toEqual({ refused: expect.stringMatching(/^must not resolve to/) });
      expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|169\.254|10\.0\.0\.7|fd00/);
    }
  });

  it('refuses names that do not resolve, and URLs carrying credentials', async () => {
    expect(await checkWebhookUrl('https://nowhere.example.test/', strict, dns)).toEqual({ refused: 'must name a host that resolves' });
    expect(await checkWebhookUrl('https://user:pass@hooks.example.com/', strict, dns)).toEqual({ refused: 'must not contain credentials' });
  });

  it('with the development switch, allows loopback receivers but still refuses private and metadata ones', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:4000/hook', dev, dns)).resolves.toEqual({ url: 'http://127.0.0.1:4000/hook' });
    await expect(checkWebhookUrl('http://loopback.example.test:4000/', dev, dns)).resolves.toEqual({ url: 'http://loopback.example.test:4000/' });
    expect(await checkWebhookUrl('http://169.254.169.254/', dev, dns)).toEqual({ refused: expect.stringContaining('metadata') });
    expect(await checkWebhookUrl('http://192.168.1.1/', dev, dns)).toEqual({ refused: expect.stringContaining('private') });
  });
});
