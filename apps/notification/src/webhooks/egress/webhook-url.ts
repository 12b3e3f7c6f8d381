import { isIP } from 'node:net';
import { DestinationPolicy, RefusedClass } from './destination-policy';
import { Resolver, resolveAll, systemResolver } from './guarded-lookup';

/** The host of a parsed URL as a socket wants it: IPv6 literals without their brackets. */
export function socketHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

const REFUSED_MESSAGE: Record<RefusedClass, string> = {
  loopback: 'must not point to a loopback address',
  private: 'must not point to a private network address',
  'link-local': 'must not point to a link-local or cloud metadata address',
  unspecified: 'must not point to an unspecified address (0.0.0.0 or ::)',
  'carrier-grade NAT': 'must not point to a carrier-grade NAT address',
  multicast: 'must not point to a multicast address',
  reserved: 'must not point to a reserved address',
};

/**
 * Checks a webhook URL at registration. The WHATWG parser already folds odd IPv4
 * notations (`0x7f000001`, `2130706433`, `0177.0.0.1`) into dotted quads, so literals are
 * judged as the address a socket would reach. Names are resolved and every address must
 * pass; the send-time lookup checks again, because the name may re-resolve. Returns the
 * normalised URL, or the reason it is refused (for the `url` field error).
 */
export async function checkWebhookUrl(raw: string, policy: DestinationPolicy, resolver: Resolver = systemResolver): Promise<{ url: string } | { refused: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refused: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: 'must use http or https' };
  if (url.username || url.password) return { refused: 'must not contain credentials' };
  const host = socketHost(url);
  if (!host) return { refused: 'must name a host' };
  if (isIP(host)) {
    const refused = policy.refusal(host);
    return refused ? { refused: REFUSED_MESSAGE[refused] } : { url: url.toString() };
  }
  let addresses;
  try {
    addresses = await resolveAll(resolver, host);
  } catch {
    return { refused: 'must name a host that resolves' };
  }
  if (addresses.length === 0) return { refused: 'must name a host that resolves' };
  // Names say "resolves to" and never which address: the answer would map internal DNS.
  for (const { address } of addresses) {
    const refused = policy.refusal(address);
    if (refused) return { refused: `${REFUSED_MESSAGE[refused].replace(/^must not point to/, 'must not resolve to')}` };
  }
  return { url: url.toString() };
}
