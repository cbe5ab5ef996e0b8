import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createMemoryBus } from '../src/platform/bus.memory.ts';
import type { Conversation } from '../src/protocol/conversation.ts';
import { conversationTopic } from '../src/protocol/topics.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

// A WebSocket costs the server what it holds for it: a reader that stops reading is closed once a small bound
// of queued bytes is passed, and pings (protocol frames and control frames) count against the rate limit.

const bus = createMemoryBus();
let baton: RunningBaton;
const perMinute = 8;

beforeAll(async () => {
  baton = await startTestBaton({ wsMaxBufferedBytes: 64 * 1024, rateLimitPerMinute: perMinute }, { bus });
});
afterAll(async () => {
  await baton?.close();
  await bus.close();
});

const startCustomer = async () => {
  const res = await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank' });
  expect(res.status).toBe(201);
  const { conversation, customerToken } = res.body as { conversation: Conversation; customerToken: string };
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token: customerToken });
  await ws.next(isType('ready'));
  return { ws, conversation };
};

const closed = (ws: TestSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => {
    if (ws.raw.readyState === WebSocket.CLOSED) throw new Error('already closed');
    ws.raw.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

const serverSocketClosing = () =>
  [...baton.app.websocketServer.clients].some((c) => c.readyState === c.CLOSING);

describe('a slow reader', () => {
  it('is closed with 4008 once too much waits for it, and reads everything sent before', async () => {
    const { ws, conversation } = await startCustomer();
    ws.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: 0 });
    await ws.next(isType('conversation'));
    const close = closed(ws);
    ws.raw.pause();
    let pushed = 0;
    // Enough to fill the kernel's socket buffers many times over; the bound should stop it long before.
    while (pushed < 40_000 && !serverSocketClosing()) {
      pushed++;
      const update = { ...conversation, updatedAt: new Date(pushed).toISOString() };
      await bus.publish(conversationTopic(conversation.id), { type: 'conversation', conversation: update });
      if (pushed % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(serverSocketClosing()).toBe(true);
    ws.raw.resume();
    expect(await close).toEqual({ code: 4008, reason: 'SLOW_CONSUMER' });
    const updates = ws.received.filter((m) => m.type === 'conversation').length;
    expect(updates).toBeGreaterThan(1);
    expect(updates).toBeLessThanOrEqual(pushed + 1);
  });
});

describe('a ping flood', () => {
  it('is answered within the rate limit, refused past it, then closed; others are unaffected', async () => {
    const flooder = await startCustomer();
    const other = await startCustomer();
    const close = closed(flooder.ws);
    for (let i = 0; i < 60; i++) flooder.ws.send({ type: 'ping' });
    expect(await close).toEqual({ code: 1008, reason: 'RATE_LIMITED' });
    const replies = flooder.ws.received.filter((m) => m.type !== 'ready');
    expect(replies.slice(0, perMinute).map((m) => m.type)).toEqual(Array(perMinute).fill('pong'));
    expect(replies.filter((m) => m.type === 'pong').length).toBeLessThan(60);
    expect(replies.at(-1)).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });

    other.ws.send({ type: 'subscribe', conversationId: other.conversation.id, afterSeq: 0 });
    other.ws.send({
      type: 'send',
      conversationId: other.conversation.id,
      clientMessageId: 'c1',
      text: 'hello',
    });
    const ack = await other.ws.next(isType('ack'));
    expect(ack).toMatchObject({ clientMessageId: 'c1', seq: other.conversation.lastSeq + 1 });
    other.ws.send({ type: 'ping' });
    await other.ws.next(isType('pong'));
    await other.ws.close();
  });

  it('counts control pings too', async () => {
    const { ws } = await startCustomer();
    const close = closed(ws);
    let pongs = 0;
    ws.raw.on('pong', () => pongs++);
    for (let i = 0; i < 60; i++) ws.raw.ping();
    expect(await close).toEqual({ code: 1008, reason: 'RATE_LIMITED' });
    expect(pongs).toBeGreaterThanOrEqual(perMinute);
    expect(pongs).toBeLessThan(60);
    const errors = ws.received.filter(
      (m): m is Extract<ServerMessage, { type: 'error' }> => m.type === 'error',
    );
    expect(errors.every((e) => e.code === 'RATE_LIMITED')).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  });
});
