import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { embeddedIPv4, isPublicAddress } from './is-public-address.ts';

/**
 * Which non-public addresses outbound calls (webhooks, HTTP tools) may reach: all of them (`true`), or the listed
 * host names, addresses and CIDR ranges (`BATON_ALLOW_PRIVATE_TARGETS`).
 */
export type TargetPolicy = true | readonly string[];

/** Whether a URL may be called, with the addresses its host resolved to; "no" is a value. */
export type TargetVerdict =
  | { kind: 'allowed'; addresses: string[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'unresolved'; reason: string };

/** Refusal to connect to an address the policy does not allow. */
export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
}

type Lookup = (host: string) => Promise<string[]>;

const lookupAll: Lookup = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, found) =>
      err ? reject(err) : resolve(found.map((f) => f.address)),
    ),
  );

/** A URL's host as a name or a bare address (without IPv6 brackets), lower case. */
export const targetHost = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Builds the decisions of one policy: which host names and addresses it lets through. */
export function createTargetRules(policy: TargetPolicy) {
  const ranges = new BlockList();
  const hosts = new Set<string>();
  if (policy !== true) {
    for (const entry of policy) {
      const [address, bits] = entry.split('/') as [string, string | undefined];
      const family = isIP(address);
      if (family === 0) hosts.add(address.toLowerCase());
      else if (bits === undefined) ranges.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      else ranges.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    }
  }
  const allowsHost = (host: string): boolean => policy === true || hosts.has(targetHost(host));
  const allowsAddress = (address: string): boolean => {
    if (policy === true || isPublicAddress(address)) return true;
    const bare = address.split('%')[0]!;
    const v4 = embeddedIPv4(bare);
    return v4 ? ranges.check(v4, 'ipv4') : ranges.check(bare, isIP(bare) === 4 ? 'ipv4' : 'ipv6');
  };
  const refusal = (host: string, address: string) =>
    `${host === address ? address : `${host} resolves to ${address}, which`} is not a public address (allow it with BATON_ALLOW_PRIVATE_TARGETS)`;
  return { allowsHost, allowsAddress, refusal };
}

/** Checks a URL's host: an address itself, or every address its name resolves to now. */
export async function checkTarget(
  url: string,
  policy: TargetPolicy,
  lookup: Lookup = lookupAll,
): Promise<TargetVerdict> {
  const rules = createTargetRules(policy);
  const host = targetHost(new URL(url).hostname);
  if (isIP(host)) {
    return rules.allowsAddress(host)
      ? { kind: 'allowed', addresses: [host] }
      : { kind: 'refused', reason: rules.refusal(host, host) };
  }
  if (rules.allowsHost(host)) return { kind: 'allowed', addresses: [] };
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch (err) {
    return {
      kind: 'unresolved',
      reason: `${host} does not resolve (${(err as { code?: string }).code ?? 'error'})`,
    };
  }
  const refused = addresses.find((a) => !rules.allowsAddress(a));
  return refused ? { kind: 'refused', reason: rules.refusal(host, refused) } : { kind: 'allowed', addresses };
}

/**
 * A `lookup` for sockets that resolves, checks every address, and hands the connection only addresses it
 * checked: a name that resolves elsewhere between registration and delivery (DNS rebinding) cannot slip through.
 */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  const rules = createTargetRules(policy);
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, found: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = rules.allowsHost(hostname)
        ? undefined
        : found.find((f) => !rules.allowsAddress(f.address));
      if (refused) return callback(new TargetRefusedError(rules.refusal(hostname, refused.address)), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, found);
      const first = found[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
