import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from './guarded-fetch.ts';
import { checkTarget, type TargetPolicy } from './target-policy.ts';

const dns: Record<string, string[]> = {
  'public.test': ['93.184.215.14', '2606:4700::1'],
  'mixed.test': ['93.184.215.14', '10.0.0.7'],
  'internal.test': ['10.1.2.3'],
  'metadata.test': ['169.254.169.254'],
  'mapped.test': ['::ffff:127.0.0.1'],
};
const fakeLookup = async (host: string) => {
  const found = dns[host];
  if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};

describe('checkTarget', () => {
  it.each<[string, string, TargetPolicy, string]>([
    ['a public address', 'https://93.184.215.14/hook', [], 'allowed'],
    ['a loopback address', 'http://127.0.0.1:6379/', [], 'refused'],
    ['IPv6 loopback', 'http://[::1]:8080/', [], 'refused'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/', [], 'refused'],
    ['0.0.0.0', 'http://0.0.0.0:3000/', [], 'refused'],
    ['a name with only public addresses', 'https://public.test/hook', [], 'allowed'],
    ['a name with one private address among public ones', 'https://mixed.test/hook', [], 'refused'],
    ['a name on the metadata address', 'http://metadata.test/latest', [], 'refused'],
    ['a name mapped to loopback', 'http://mapped.test/', [], 'refused'],
    ['a name that does not resolve', 'https://nowhere.test/', [], 'unresolved'],
    ['anything when private targets are allowed', 'http://127.0.0.1/', true, 'allowed'],
    ['an address in an allowed range', 'http://10.9.8.7/', ['10.0.0.0/8'], 'allowed'],
    ['an address outside the allowed range', 'http://192.168.1.1/', ['10.0.0.0/8'], 'refused'],
    ['a name resolving into an allowed range', 'https://internal.test/', ['10.1.0.0/16'], 'allowed'],
    ['an allowed address', 'http://127.0.0.1:9000/', ['127.0.0.1'], 'allowed'],
    ['an allowed IPv6 address', 'http://[::1]:9000/', ['::1'], 'allowed'],
    ['an allowed host name', 'https://INTERNAL.test/', ['internal.test'], 'allowed'],
  ])('%s', async (_name, url, policy, kind) => {
    expect((await checkTarget(url, policy, fakeLookup)).kind).toBe(kind);
  });

  it('names the address it refused', async () => {
    expect(await checkTarget('https://mixed.test/', [], fakeLookup)).toEqual({
      kind: 'refused',
      reason:
        'mixed.test resolves to 10.0.0.7, which is not a public address (allow it with BATON_ALLOW_PRIVATE_TARGETS)',
    });
  });
});

describe('createGuardedFetch', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/landed` }).end();
        return;
      }
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const refusal = async (promise: Promise<Response>) => {
    const err = (await promise.then(
      () => null,
      (e: unknown) => e,
    )) as { cause?: Error } | null;
    return err?.cause?.name;
  };

  it('refuses a private address before connecting', async () => {
    const before = hits.length;
    expect(await refusal(createGuardedFetch([])(`http://127.0.0.1:${port}/literal`))).toBe(
      'TargetRefusedError',
    );
    expect(hits.length).toBe(before);
  });

  it('refuses a name that resolves to a private address when it connects', async () => {
    const before = hits.length;
    expect(await refusal(createGuardedFetch([])(`http://localhost:${port}/named`))).toBe(
      'TargetRefusedError',
    );
    expect(hits.length).toBe(before);
  });

  it('connects where the policy allows', async () => {
    const byAddress = await createGuardedFetch(['127.0.0.1'])(`http://127.0.0.1:${port}/allowed`);
    expect(await byAddress.text()).toBe('ok');
    const byName = await createGuardedFetch(['localhost'])(`http://localhost:${port}/allowed-name`);
    expect(await byName.text()).toBe('ok');
    const all = await createGuardedFetch(true)(`http://localhost:${port}/all`);
    expect(all.status).toBe(200);
  });

  it('checks every connection, redirects included', async () => {
    const fetchLocalhost = createGuardedFetch(['localhost']);
    expect(await refusal(fetchLocalhost(`http://localhost:${port}/redirect`))).toBe('TargetRefusedError');
    expect(hits.at(-1)).toBe('/redirect');
  });
});
