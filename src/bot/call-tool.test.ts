import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch } from '../platform/guarded-fetch.ts';
import type { PackTool } from '../protocol/pack.ts';
import { callTool } from './call-tool.ts';
import { createHttpLookup, offlineLookup } from './tool-lookup.ts';

const orders: PackTool = {
  id: 'order_status',
  kind: 'static',
  key: 'order_id',
  data: { A1001: { status: 'shipped' }, '*': { status: 'processing' } },
};

describe('callTool (static)', () => {
  it.each([
    ['A1001', { status: 'shipped' }],
    ['a1001', { status: 'shipped' }],
    ['Z9999', { status: 'processing' }],
    [null, { status: 'processing' }],
  ])('finds %s', async (key, result) => {
    const call = await callTool(orders, key);
    expect(call).toMatchObject({ tool: 'order_status', key, ok: true, result });
    expect(call.ms).toBeGreaterThanOrEqual(0);
  });

  it('reports a miss as a failed call', async () => {
    const exact: PackTool = { ...orders, data: { A1001: { status: 'shipped' } } };
    expect(await callTool(exact, 'B2')).toMatchObject({ ok: false, error: 'not found', key: 'B2' });
  });

  it("uses a scenario's data instead of the pack's", async () => {
    const call = await callTool(orders, 'A1001', { data: { A1001: { status: 'lost' } } });
    expect(call.result).toEqual({ status: 'lost' });
    const any = await callTool(orders, 'Q1', { data: { '*': { status: 'delayed' } } });
    expect(any.result).toEqual({ status: 'delayed' });
  });
});

describe('callTool (http)', () => {
  let server: Server;
  let base: string;
  const seen: { method?: string; url?: string; body: string; auth?: string }[] = [];
  const hanging: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, auth: req.headers.authorization });
        if (req.url?.startsWith('/slow')) {
          hanging.push(res); // answered only when the suite ends, long after any timeout
          return;
        }
        if (req.url?.startsWith('/missing')) {
          res.statusCode = 404;
          res.end('{}');
          return;
        }
        if (req.url?.startsWith('/broken')) {
          res.statusCode = 500;
          res.end('oops');
          return;
        }
        if (req.url?.startsWith('/text')) {
          res.end('not json');
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'shipped', path: req.url }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of hanging) res.end('{}');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const http = (path: string, extra: Partial<Extract<PackTool, { kind: 'http' }>> = {}): PackTool => ({
    id: 'remote',
    kind: 'http',
    key: 'order_id',
    url: `${base}${path}`,
    method: 'GET',
    headers: {},
    timeoutMs: 2000,
    ...extra,
  });

  // The test endpoint listens on 127.0.0.1, which tools may call only when allowed.
  const local = { lookup: createHttpLookup(createGuardedFetch(['127.0.0.1'])) };

  it('refuses a private endpoint unless allowed, without calling it', async () => {
    const before = seen.length;
    const call = await callTool(http('/orders/{{key}}'), 'A1');
    expect(call).toMatchObject({ ok: false });
    expect(call.error).toMatch(/127\.0\.0\.1 is not a public address/);
    expect(seen.length).toBe(before);
  });

  it('GETs the url with the key filled in and returns the JSON', async () => {
    const call = await callTool(
      http('/orders/{{key}}', { headers: { authorization: 'Bearer t' } }),
      'A 1/2',
      local,
    );
    expect(call).toMatchObject({ ok: true, result: { status: 'shipped', path: '/orders/A%201%2F2' } });
    expect(seen.at(-1)?.auth).toBe('Bearer t');
  });

  it('POSTs the key as JSON', async () => {
    const call = await callTool(http('/lookup', { method: 'POST' }), 'A1001', local);
    expect(call.ok).toBe(true);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"key":"A1001"}' });
  });

  it.each([
    ['/slow', 100, 'timed out after 100 ms'],
    ['/missing', 30_000, 'not found'],
    ['/broken', 30_000, 'HTTP 500'],
    ['/text', 30_000, 'response is not JSON'],
  ])('turns %s into a failed call', async (path, timeoutMs, error) => {
    const call = await callTool(http(path, { timeoutMs }), 'A1', local);
    expect(call).toMatchObject({ ok: false, error });
  });

  it('fails cleanly when nothing listens', async () => {
    const call = await callTool({ ...http(''), url: 'http://127.0.0.1:1/x' } as PackTool, 'A1', local);
    expect(call.ok).toBe(false);
    expect(call.error).toBeTruthy();
  });

  it('offline, fails the call without reaching the endpoint', async () => {
    const before = seen.length;
    const call = await callTool(http('/orders/{{key}}'), 'A1', { lookup: offlineLookup });
    expect(call).toMatchObject({ ok: false, error: expect.stringMatching(/^offline: /) });
    expect(seen.length).toBe(before);
  });

  it('prefers scenario data over calling the endpoint', async () => {
    const before = seen.length;
    const call = await callTool(http('/orders/{{key}}'), 'A1', {
      ...local,
      data: { A1: { status: 'lost' } },
    });
    expect(call.result).toEqual({ status: 'lost' });
    expect(seen.length).toBe(before);
  });
});
