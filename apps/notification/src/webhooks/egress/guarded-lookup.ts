import { LookupAddress, LookupOptions, lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DestinationPolicy, RefusedDestinationError } from './destination-policy';

/** `dns.lookup` with `all: true`; replaceable so tests can make a name resolve anywhere. */
export type Resolver = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export const systemResolver: Resolver = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

export function resolveAll(resolver: Resolver, hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => resolver(hostname, (error, addresses) => (error ? reject(error) : resolve(addresses))));
}

/**
 * The `lookup` the delivery sockets connect through. The name is resolved here and the
 * socket connects to exactly the address that was checked, so a name that resolved to a
 * public address at registration and to 127.0.0.1 now (DNS rebinding) is refused at send
 * time, before any byte leaves. A name with any refused address is refused as a whole.
 */
export function guardedLookup(policy: DestinationPolicy, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolver(hostname, (error, resolved) => {
      if (error) return callback(error, '', 0);
      const addresses = options.family === 4 || options.family === 6 ? resolved.filter((a) => a.family === options.family) : resolved;
      const refused = addresses.map((a) => policy.refusal(a.address)).find((reason) => reason !== null);
      if (refused) return callback(new RefusedDestinationError(refused), '', 0);
      if (addresses.length === 0) {
        const notFound: NodeJS.ErrnoException = new Error(`${hostname} has no usable address`);
        notFound.code = 'ENOTFOUND';
        return callback(notFound, '', 0);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
