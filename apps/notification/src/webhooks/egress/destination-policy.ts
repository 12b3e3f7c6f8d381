import ipaddr from 'ipaddr.js';

/** Why an address may not receive webhooks; `null` for a public unicast address. */
export type RefusedClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'carrier-grade NAT' | 'multicast' | 'reserved';

const IPV4_CLASSES: Record<string, RefusedClass | null> = {
  unicast: null,
  unspecified: 'unspecified',
  broadcast: 'reserved',
  multicast: 'multicast',
  // 169.254.169.254 is the cloud metadata service on AWS, GCP and Azure.
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
};

const IPV6_CLASSES: Record<string, RefusedClass | null> = {
  unicast: null,
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'private',
};

/**
 * Classifies an IP address for webhook egress (OWASP API7: SSRF). Only public unicast
 * addresses pass. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it
 * reaches; other ranges that embed or translate to IPv4 (NAT64, 6to4, Teredo, the
 * deprecated IPv4-compatible `::a.b.c.d`) are refused outright, since they could reach an
 * internal IPv4 address through a translator.
 */
export function classifyAddress(address: string): RefusedClass | null {
  if (!ipaddr.isValid(address)) return 'reserved';
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return classOf(IPV4_CLASSES, ip.range());
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return classOf(IPV4_CLASSES, v6.toIPv4Address().range());
  const range = v6.range();
  // ::a.b.c.d (IPv4-compatible, deprecated) falls in no named range but embeds IPv4.
  if (range === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0)) return 'reserved';
  return classOf(IPV6_CLASSES, range);
}

/** Ranges not listed (NAT64, 6to4, Teredo, documentation, benchmarking, ...) are refused. */
function classOf(classes: Record<string, RefusedClass | null>, range: string): RefusedClass | null {
  return range in classes ? classes[range] : 'reserved';
}

/**
 * Which destinations webhook deliveries may reach. `allowLoopback` is the documented
 * development switch WEBHOOK_ALLOW_LOOPBACK=1 (receivers on the developer's own machine and
 * the project's tests); it opens loopback only, never private or metadata addresses.
 */
export class DestinationPolicy {
  constructor(readonly allowLoopback: boolean) {}

  /** The reason `address` is refused, or null when it may be contacted. */
  refusal(address: string): RefusedClass | null {
    const refused = classifyAddress(address);
    if (refused === 'loopback' && this.allowLoopback) return null;
    return refused;
  }
}

/** A destination the policy refuses; the message names the class, never the resolved address. */
export class RefusedDestinationError extends Error {
  readonly code = 'EWEBHOOKDESTINATION';

  constructor(readonly refused: RefusedClass) {
    super(`destination is a ${refused} address`);
    this.name = 'RefusedDestinationError';
  }
}
