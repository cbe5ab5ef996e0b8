import { isIP } from 'node:net';

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), as [first address, prefix length]. */
const notPublicV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const v4Number = (address: string): number =>
  address.split('.').reduce((n, part) => n * 256 + Number(part), 0);

const inV4Range = (n: number, [first, bits]: [string, number]): boolean => {
  const size = 2 ** (32 - bits);
  return Math.floor(n / size) === Math.floor(v4Number(first) / size);
};

/** The eight 16-bit groups of a valid IPv6 address (a zone and an embedded dotted quad allowed). */
export function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[2]!.split('.').map(Number) as [number, number, number, number];
    text = `${quad[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [left, right] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const head = parse(left);
  const tail = right === undefined ? [] : parse(right);
  return [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
}

/** The IPv4 address an IPv6 address stands for (IPv4-mapped `::ffff:a.b.c.d` or NAT64 `64:ff9b::a.b.c.d`), else null. */
export function embeddedIPv4(address: string): string | null {
  if (isIP(address) !== 6) return null;
  const g = ipv6Groups(address);
  const prefix = g.slice(0, 6).join(':');
  if (prefix !== '0:0:0:0:0:65535' && prefix !== '100:65435:0:0:0:0') return null;
  return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
}

/**
 * Whether an address is on the public internet: not private, loopback, link-local, unique-local, CGNAT,
 * documentation, multicast or otherwise reserved. An IPv6 address standing for an IPv4 one is judged by it.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) {
    const n = v4Number(address);
    return !notPublicV4.some((range) => inV4Range(n, range));
  }
  if (family !== 6) return false;
  const v4 = embeddedIPv4(address);
  if (v4) return isPublicAddress(v4);
  const [g0, g1] = ipv6Groups(address) as [number, number];
  // Only global unicast (2000::/3) is public; that also rules out ::, ::1, fc00::/7, fe80::/10 and ff00::/8.
  if ((g0 & 0xe000) !== 0x2000) return false;
  if (g0 === 0x2001 && g1 < 0x200) return false; // IETF protocol assignments, Teredo
  if (g0 === 0x2001 && g1 === 0xdb8) return false; // documentation
  if (g0 === 0x2002) return false; // 6to4
  if (g0 === 0x3fff && g1 < 0x1000) return false; // documentation
  return true;
}
