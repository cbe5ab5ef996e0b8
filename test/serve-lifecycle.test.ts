import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { runChildBatonToExit, startChildBaton } from './support/child-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { closedPort, startTcpProxy } from './support/tcp-proxy.ts';
import { connect, isType } from './support/ws-client.ts';

// How `baton serve` starts and stops: graceful shutdown on SIGTERM, and a fast, clear failure when Redis is
// unreachable at start.

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-lifecycle-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const request = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  await res.arrayBuffer();
  return res.status;
};

describe('graceful shutdown', () => {
  it('drains on SIGTERM: /readyz 503, requests in flight and during the drain finish, WebSockets get 1001', async () => {
    const baton = await startChildBaton({
      env: {
        BATON_DATA_DIR: tempDir(),
        BATON_LOG_LEVEL: 'warn',
        BATON_DEMO_USERS: 'false',
        BATON_DRAIN_SECONDS: '2',
        BATON_IP_RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    try {
      const started = await callApi(baton.url, 'POST', '/api/v1/conversations', {});
      const { id } = started.body.conversation;
      const token: string = started.body.customerToken;
      const ws = await connect(baton.url);
      ws.send({ type: 'auth', token });
      await ws.next(isType('ready'));
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        ws.raw.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );

      const post = (path: string, body: unknown, auth?: string) =>
        request(`${baton.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth && { authorization: `Bearer ${auth}` }) },
          body: JSON.stringify(body),
        });
      // In flight when the signal arrives.
      const inFlight = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? post('/api/v1/conversations', {})
          : post(
              `/api/v1/conversations/${id}/messages`,
              { text: `message ${i}`, clientMessageId: `m${i}` },
              token,
            ),
      );
      process.kill(baton.pid, 'SIGTERM');

      // The load balancer's view during the drain: not ready.
      for (;;) {
        const status = await request(`${baton.url}/readyz`);
        if (status === 503) break;
        expect(status).toBe(200);
      }
      // Still served while draining.
      const duringDrain = await Promise.all(
        Array.from({ length: 5 }, () => post('/api/v1/conversations', {})),
      );

      expect(await Promise.all(inFlight)).toEqual(Array(20).fill(201));
      expect(duringDrain).toEqual(Array(5).fill(201));
      const close = await closed;
      expect(close.code).toBe(1001);
      expect(ws.received).toContainEqual(
        expect.objectContaining({
          type: 'notice',
          event: 'server.shutdown',
        } satisfies Partial<ServerMessage>),
      );
      expect(await baton.exited).toBe(0);
      expect(baton.output()).not.toMatch(/error/i);
    } finally {
      await baton.stop();
    }
  }, 180_000);
});

describe('Redis', () => {
  it('stops `baton serve` with a clear message when Redis is unreachable at start', async () => {
    const port = await closedPort();
    const { code, output } = await runChildBatonToExit({
      env: {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        BATON_DATA_DIR: tempDir(),
        BATON_LOG_LEVEL: 'warn',
        BATON_DEMO_USERS: 'false',
      },
      timeoutMs: 45_000,
    });
    expect(code).not.toBe(0);
    expect(output).toContain(`baton: cannot connect to Redis at redis://127.0.0.1:${port}`);
    expect(output).toContain('check REDIS_URL');
    expect(output).not.toContain('Baton is running');
  }, 180_000);

  it('reports Redis in /readyz, and 503 once it is gone', async () => {
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    const baton = await startTestBaton({ redisUrl: proxy.url('redis') }, { routingTickMs: 0 });
    try {
      const ready = await callApi(baton.url, 'GET', '/readyz');
      expect(ready).toMatchObject({
        status: 200,
        body: { status: 'ready', database: 'pglite', redis: 'up' },
      });
      await proxy.cut();
      const down = await callApi(baton.url, 'GET', '/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        code: 'NOT_READY',
        detail: 'Redis does not answer',
        details: { database: 'up', redis: 'down' },
      });
    } finally {
      await baton.close();
    }
  });

  it('reports no Redis when it runs without one', async () => {
    const baton = await startTestBaton({}, { routingTickMs: 0 });
    try {
      expect((await callApi(baton.url, 'GET', '/readyz')).body).toEqual({
        status: 'ready',
        database: 'pglite',
        redis: 'not used',
      });
    } finally {
      await baton.close();
    }
  });
});
