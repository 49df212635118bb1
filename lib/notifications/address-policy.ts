import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Webhook URLs are chosen by team owners, not admins, so the portal must not
// become a way to reach addresses inside its own network (the cloud metadata
// endpoint, the database, the admin port). In production, deliveries to
// private, loopback and link-local addresses are refused. The check runs on
// the address the connection actually uses (a lookup hook on the socket), so
// a name that resolves to a public address when saved and a private one when
// sent (DNS rebinding) is refused too. See docs/architecture.md, "Notifications".

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is checked as IPv4.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return PRIVATE.check(address, 'ipv4');
}

export class PrivateAddressError extends Error {
  constructor(address: string) {
    super(`The receiver's address (${address}) is private; this portal only delivers to public addresses`);
  }
}

/** A socket lookup that refuses private addresses: pass it as `lookup` to http(s).request. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 4);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new PrivateAddressError(refused.address), '', 4);
    if (options.all) return callback(null, addresses as never, 4);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

/** For a literal address in a URL (no lookup happens for those). */
export function literalHostIsPrivate(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return hostname === 'localhost' || isPrivateAddress(bare);
}
