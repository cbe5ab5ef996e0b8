import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildBaton, startChildBaton } from './support/child-baton.ts';
import { createTestPostgres } from './support/databases.ts';

// Two `baton serve` processes on one PostgreSQL database take customer messages for the same conversations;
// one is killed with SIGKILL mid-load. Every acknowledged customer message must still get exactly one bot
// turn and one reply: the survivor takes over the dead instance's pending turns once their lease runs out.

let pgdb: Awaited<ReturnType<typeof createTestPostgres>>;
let dataDir: string;
let a: ChildBaton;
let b: ChildBaton;
let db: pg.Client;

beforeAll(async () => {
  pgdb = await createTestPostgres();
  // Shared by both instances: B reuses the classifier A trained.
  dataDir = mkdtempSync(join(tmpdir(), 'baton-bot-durability-'));
  const env = {
    DATABASE_URL: pgdb.url,
    BATON_SECRET: randomBytes(24).toString('hex'),
    BATON_DATA_DIR: dataDir,
    BATON_LOG_LEVEL: 'fatal',
    BATON_DEMO_USERS: 'false',
    BATON_BOT_LEASE_SECONDS: '2',
    BATON_RATE_LIMIT_PER_MINUTE: '100000',
    BATON_IP_RATE_LIMIT_PER_MINUTE: '100000',
  };
  a = await startChildBaton({ env: { ...env, BATON_INSTANCE_ID: 'a' } });
  b = await startChildBaton({ env: { ...env, BATON_INSTANCE_ID: 'b' } });
  db = new pg.Client({ connectionString: pgdb.url });
  await db.connect();
}, 180_000);

afterAll(async () => {
  await db?.end();
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await pgdb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Questions the bank pack answers without handing over, one different question per turn. */
const questions = [
  'what time does the downtown branch open on saturday?',
  'how do I freeze my card?',
  'what is the overdraft fee?',
  'what are the monthly account fees?',
  "what's your routing number?",
  'what are the daily transfer limits?',
];

const post = async (base: string, path: string, body: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON it asserts on
  return { status: res.status, body: (await res.json()) as any };
};

type Acked = { conversationId: string; clientMessageId: string; seq: number };

/** Sends one message to `first`; a failure there (the instance died) is retried on `b` with the same id, as a client would. */
async function sendAcked(
  first: string,
  conversationId: string,
  token: string,
  clientMessageId: string,
  text: string,
): Promise<Acked> {
  for (const base of [first, b.url, b.url]) {
    try {
      const res = await post(
        base,
        `/api/v1/conversations/${conversationId}/messages`,
        { text, clientMessageId },
        token,
      );
      if (res.status === 201) return { conversationId, clientMessageId, seq: res.body.message.seq };
    } catch {
      // Connection refused or reset: try the other instance.
    }
  }
  throw new Error(`message ${clientMessageId} of ${conversationId} was never acknowledged`);
}

/** Polls until `check` returns true, up to `ms`. */
async function until(check: () => Promise<boolean>, ms: number, what: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${await what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('bot turns survive a killed instance', () => {
  it('answers every acknowledged customer message exactly once', async () => {
    const conversations = 24;
    const perConversation = questions.length;
    const started = await Promise.all(
      Array.from({ length: conversations }, async (_, i) => {
        const res = await post(i % 2 === 0 ? a.url : b.url, '/api/v1/conversations', { pack: 'bank' });
        expect(res.status).toBe(201);
        return { id: res.body.conversation.id as string, token: res.body.customerToken as string, i };
      }),
    );

    const acked: Acked[] = [];
    let killed = false;
    const killAfter = Math.floor((conversations * perConversation) / 3);
    // Each conversation's customer types one message after the other, alternating between the instances.
    await Promise.all(
      started.map(async ({ id, token, i }) => {
        for (let turn = 0; turn < perConversation; turn++) {
          const base = (i + turn) % 2 === 0 ? a.url : b.url;
          acked.push(await sendAcked(base, id, token, `m${turn}`, questions[(i + turn) % questions.length]!));
          if (!killed && acked.length >= killAfter) {
            killed = true;
            await a.crash();
          }
        }
      }),
    );
    expect(await a.exited).toBe('SIGKILL');
    expect(acked).toHaveLength(conversations * perConversation);

    // The survivor answers what the dead instance left, once its leases have run out.
    const unanswered = async () =>
      Number(
        (
          await db.query(
            `select count(*) as n from messages m where m.author_kind = 'customer' and not exists (
               select 1 from messages r where r.conversation_id = m.conversation_id
                 and r.client_message_id = 'bot:' || m.seq || ':0')`,
          )
        ).rows[0].n,
      );
    await until(
      async () => (await unanswered()) === 0,
      30_000,
      async () => `${await unanswered()} unanswered`,
    );

    const turns = await db.query<{ conversation_id: string; message_seq: number }>(
      'select conversation_id, message_seq from bot_turns',
    );
    const replies = await db.query<{ conversation_id: string; client_message_id: string }>(
      `select conversation_id, client_message_id from messages where author_kind = 'bot'`,
    );
    const states = await db.query<{ state: string }>('select distinct state from conversations');
    // No conversation was handed over, so every message was the bot's to answer.
    expect(states.rows.map((r) => r.state)).toEqual(['bot']);
    const key = (conversationId: string, seq: number) => `${conversationId}#${seq}`;
    const expected = acked.map((m) => key(m.conversationId, m.seq)).sort();
    // Exactly one turn and one reply per acknowledged message: none missing, none doubled.
    expect(turns.rows.map((t) => key(t.conversation_id, t.message_seq)).sort()).toEqual(expected);
    expect(
      replies.rows
        .map((r) => {
          const [, seq, index] = r.client_message_id.split(':');
          expect(index).toBe('0');
          return key(r.conversation_id, Number(seq));
        })
        .sort(),
    ).toEqual(expected);
  }, 180_000);
});
