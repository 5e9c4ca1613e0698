import { lookup } from 'node:dns/promises';
import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. Any http(s) URL where the deployment allows private targets
 * (`WEBHOOK_ALLOW_PRIVATE_TARGETS`: a developer's laptop, a tunnel); otherwise only public
 * addresses: not loopback, private (RFC 1918, unique-local),
 * link-local (cloud metadata), CGNAT, multicast or reserved ranges. Checked when the URL is
 * set (every address the name resolves to) and again at each delivery, on the address
 * actually connected to (no DNS-rebinding bypass).
 */
// Two lists: Node checks an IPv4 address against IPv6 rules too (as IPv4-mapped), so one list
// holding ::ffff:0:0/96 would refuse every IPv4 address.
const NON_PUBLIC_V4 = new BlockList();
const NON_PUBLIC_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC_V4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96], // IPv4-compatible (deprecated): ::127.0.0.1
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64],
  ['2001::', 32], // Teredo: tunnels to an embedded IPv4 address
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: likewise
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8],
] as const) {
  NON_PUBLIC_V6.addSubnet(net, prefix, 'ipv6');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:…) is refused outright by the IPv6 list: no public endpoint needs it.
  return family === 6 ? !NON_PUBLIC_V6.check(address, 'ipv6') : !NON_PUBLIC_V4.check(address, 'ipv4');
}

/** Why the URL is unacceptable as a webhook target, or null. */
export function urlShapeProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not contain credentials';
  if (url.hash) return 'url must not contain a fragment';
  return null;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** Unless private targets are allowed: every address the host resolves to must be public. Null when fine. */
export async function privateTargetProblem(raw: string): Promise<string | null> {
  const host = hostOf(new URL(raw));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `the host '${host}' does not resolve`;
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    return 'url must point to a public address: loopback, private and link-local targets are only for a development gateway';
  }
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that refuses to connect to non-public addresses. */
export function publicOnlyLookup(hostname: string, options: object, callback: LookupCallback): void {
  lookupCallback(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || addresses.length === 0) {
      return callback(Object.assign(new Error(`refusing to deliver to non-public address ${refused?.address ?? hostname}`), { code: 'EPRIVATE' }), []);
    }
    const all = (options as { all?: boolean }).all;
    if (all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
