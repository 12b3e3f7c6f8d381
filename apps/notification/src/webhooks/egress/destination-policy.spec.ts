import { DestinationPolicy, classifyAddress } from './destination-policy';

describe('webhook destination policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.10', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    // ipaddr.js reads the dotted form as IPv4-mapped; the hex form is IPv4-compatible.
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'reserved'],
    ['64:ff9b::7f00:1', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
  ])('refuses %s as %s', (address, refused) => {
    expect(classifyAddress(address)).toBe(refused);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34'])('allows the public address %s', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('opens loopback only, and nothing else, with the development switch', () => {
    const dev = new DestinationPolicy(true);
    expect(dev.refusal('127.0.0.1')).toBeNull();
    expect(dev.refusal('::1')).toBeNull();
    expect(dev.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(dev.refusal('169.254.169.254')).toBe('link-local');
    expect(dev.refusal('10.0.0.1')).toBe('private');
    expect(dev.refusal('0.0.0.0')).toBe('unspecified');
    expect(new DestinationPolicy(false).refusal('127.0.0.1')).toBe('loopback');
  });
});
