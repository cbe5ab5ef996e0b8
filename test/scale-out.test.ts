import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../src/protocol/conversation.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { type ChildBaton, startChildBaton } from './support/child-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { connect, isMessageWithSeq, isType, type TestSocket } from './support/ws-client.ts';

// Two `baton serve` processes on one PostgreSQL database and one Redis: the customer on A, the agent on B,
// then A dies mid-chat and the customer resumes on B.

let pgdb: Awaited<ReturnType<typeof createTestPostgres>>;
let dataDir: string;
let a: ChildBaton;
let b: ChildBaton;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  pgdb = await createTestPostgres();
  // Shared by both instances: B reuses the classifier A trained (the database lives in PostgreSQL).
  dataDir = mkdtempSync(join(tmpdir(), 'baton-scale-out-'));
  const env = {
    DATABASE_URL: pgdb.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    BATON_REDIS_PREFIX: `baton-test-${randomBytes(4).toString('hex')}:`,
    BATON_SECRET: randomBytes(24).toString('hex'),
    BATON_DATA_DIR: dataDir,
    BATON_LOG_LEVEL: 'warn',
    BATON_DEMO_USERS: 'true',
  };
  // One after the other: the first start on the empty database creates the demo logins (saved to the data folder).
  a = await startChildBaton({ env: { ...env, BATON_INSTANCE_ID: 'a' } });
  b = await startChildBaton({ env: { ...env, BATON_INSTANCE_ID: 'b' } });
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(sockets.map((s) => s.close()));
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await pgdb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const api = async (base: string, method: string, path: string, body?: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

const open = async (base: string, token: string, conversationId: string, afterSeq: number) => {
  const ws = await connect(base);
  sockets.push(ws);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'), 5_000);
  ws.send({ type: 'subscribe', conversationId, afterSeq });
  // Sent once the subscription is in place; from then on every message arrives, replayed or live.
  await ws.next(
    (m): m is Extract<ServerMessage, { type: 'conversation' }> =>
      m.type === 'conversation' && m.conversation.id === conversationId,
    5_000,
  );
  return ws;
};

const seqsOf = (frames: ServerMessage[]) =>
  frames.flatMap((m) => (m.type === 'message' ? [m.message.seq] : []));

/** Sends and waits for the durable ack. */
const sendAcked = async (ws: TestSocket, conversationId: string, clientMessageId: string, text: string) => {
  ws.send({ type: 'send', conversationId, clientMessageId, text });
  return ws.next(
    (m): m is Extract<ServerMessage, { type: 'ack' }> =>
      m.type === 'ack' && m.clientMessageId === clientMessageId,
    5_000,
  );
};

describe('two instances on one database and one Redis', () => {
  it('relays live across instances and resumes on the survivor with nothing lost or doubled', async () => {
    expect(a.demoLogins.map((l) => l.role)).toContain('agent');
    expect(b.demoLogins).toEqual([]);
    const login = a.demoLogins.find((l) => l.role === 'agent')!;

    // The customer starts on A; the agent signs in and takes over on B.
    const started = await api(a.url, 'POST', '/api/v1/conversations', {});
    expect(started.status).toBe(201);
    const id: string = started.body.conversation.id;
    const customerToken: string = started.body.customerToken;
    const signedIn = await api(b.url, 'POST', '/api/v1/auth/login', {
      email: login.email,
      password: login.password,
    });
    expect(signedIn.status).toBe(200);
    const agentToken: string = signedIn.body.token;
    const taken = await api(b.url, 'POST', `/api/v1/agent/conversations/${id}/take`, {}, agentToken);
    expect(taken.body.conversation).toMatchObject({ state: 'assigned' });

    const customer = await open(a.url, customerToken, id, 0);
    const agent = await open(b.url, agentToken, id, 0);

    // Live both ways: a push on one instance for a message written on the other.
    const c1 = await sendAcked(customer, id, 'c1', 'my card was charged twice');
    expect((await agent.next(isMessageWithSeq(c1.seq), 5_000)).message.text).toBe(
      'my card was charged twice',
    );
    const a1 = await sendAcked(agent, id, 'a1', 'let me look at that');
    expect((await customer.next(isMessageWithSeq(a1.seq), 5_000)).message.text).toBe('let me look at that');

    // The customer's last message to A before it dies: acked, so it must be durable.
    const c2 = await sendAcked(customer, id, 'c2', 'it was on Tuesday');
    await agent.next(isMessageWithSeq(c2.seq), 5_000);

    // The agent keeps writing on B while A is killed between two of its messages.
    const agentTexts = Array.from({ length: 6 }, (_, i) => `update ${i + 1}`);
    const customerGone = new Promise<void>((resolve) => customer.raw.once('close', () => resolve()));
    for (const [i, text] of agentTexts.entries()) {
      await sendAcked(agent, id, `a-kill-${i}`, text);
      if (i === 1) await a.crash();
      else await new Promise((r) => setTimeout(r, 30));
    }
    expect(await a.exited).toBe('SIGKILL');
    await withTimeout(customerGone, 5_000, 'the customer socket on A did not close');

    // Everything is durable on B: the full log (the console's view) has no gap and holds the acked c2.
    const full = await api(b.url, 'GET', `/api/v1/agent/conversations/${id}`, undefined, agentToken);
    const stored: Message[] = full.body.messages;
    const total = stored.at(-1)!.seq;
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(stored.find((m) => m.clientMessageId === 'c2')).toMatchObject({
      seq: c2.seq,
      text: 'it was on Tuesday',
    });
    for (const text of agentTexts) expect(stored.map((m) => m.text)).toContain(text);
    const visible = stored.filter((m) => !m.internal).map((m) => m.seq);

    // What the client saw on A: a prefix of what a customer may see, in order, nothing twice.
    const seenOnA = seqsOf(customer.received);
    expect(seenOnA).toEqual(visible.slice(0, seenOnA.length));
    const lastSeen = seenOnA.at(-1)!;
    expect(lastSeen).toBeGreaterThanOrEqual(a1.seq);
    expect(total).toBeGreaterThan(lastSeen);

    // The customer's client reconnects to B from the last seq it saw: every missed message once, in order.
    const back = await open(b.url, customerToken, id, lastSeen);
    await back.next(isMessageWithSeq(visible.at(-1)!), 5_000);
    // Then one more live message on B, which must follow the replay without a duplicate.
    const a9 = await sendAcked(agent, id, 'a-after', 'found it: the second charge is reversed');
    await back.next(isMessageWithSeq(a9.seq), 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(seqsOf(back.received)).toEqual([...visible.filter((seq) => seq > lastSeen), a9.seq]);
    const missed = agentTexts.filter(
      (t) => !customer.received.some((m) => m.type === 'message' && m.message.text === t),
    );
    expect(missed.length).toBeGreaterThan(0);
    const texts = back.received.flatMap((m) => (m.type === 'message' ? [m.message.text] : []));
    for (const text of missed) expect(texts.filter((x) => x === text)).toHaveLength(1);

    // Resending the acked message to the survivor is idempotent: same seq, no new row.
    const again = await sendAcked(back, id, 'c2', 'it was on Tuesday');
    expect(again.seq).toBe(c2.seq);
    const after = await api(b.url, 'GET', `/api/v1/conversations/${id}`, undefined, customerToken);
    expect(after.body.conversation.lastSeq).toBe(a9.seq);
  }, 180_000);
});

async function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
