import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';

/**
 * The agent inbox: everyone waiting for or with a person is on the first page whatever the number of
 * conversations the bot holds, and those are walked a page at a time with a cursor.
 */

let baton: RunningBaton;
let token: string;
// Half the conversations share one creation time to the millisecond: the cursor must break ties by id.
let frozen: Date | null = null;

type InboxItem = { conversation: { id: string; state: string; priority: string } };
type InboxPage = { conversations: InboxItem[]; nextCursor: string | null };

const inbox = async (query = '') => {
  const res = await baton.app.inject({
    method: 'GET',
    url: `/api/v1/agent/conversations${query}`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: res.json() as InboxPage & { code?: string } };
};
const create = async () => {
  const res = await baton.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
  return res.json().conversation.id as string;
};

beforeAll(async () => {
  baton = await startTestBaton(
    { rateLimitPerMinute: 100_000, ipRateLimitPerMinute: 100_000 },
    { routingTickMs: 0, now: () => frozen ?? new Date() },
  );
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  const login = await baton.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: admin.email, password: admin.password },
  });
  token = login.json().token;
}, 180_000);
afterAll(async () => {
  await baton?.close();
});

describe('the agent inbox', () => {
  const empty: string[] = [];
  const waiting: Record<string, string> = {};

  beforeAll(async () => {
    // One customer queued before the flood, as in the report: 250 empty anonymous conversations after it.
    waiting.normal = await create();
    await baton.services.conversations.apply(waiting.normal, {
      type: 'handoff',
      team: 'loans',
      priority: 'normal',
    });
    for (let i = 0; i < 250; i++) {
      if (i === 100) frozen = new Date();
      if (i === 200) frozen = null;
      empty.push(await create());
    }
    waiting.urgent = await create();
    await baton.services.conversations.apply(waiting.urgent, {
      type: 'handoff',
      team: 'fraud',
      priority: 'urgent',
    });
    waiting.assigned = await create();
    await baton.services.conversations.apply(waiting.assigned, {
      type: 'take_over',
      agentId: 'agt_someone',
      team: 'support',
    });
  }, 180_000);

  it('puts every queued and assigned conversation on the first page, most urgent first', async () => {
    const { status, body } = await inbox();
    expect(status).toBe(200);
    const states = body.conversations.map((i) => [i.conversation.id, i.conversation.state]);
    expect(states.slice(0, 3)).toEqual([
      [waiting.urgent, 'queued'],
      [waiting.normal, 'queued'],
      [waiting.assigned, 'assigned'],
    ]);
    // The rest of the first page is the newest conversations the bot holds, one page's worth.
    expect(body.conversations).toHaveLength(3 + 50);
    expect(body.conversations.slice(3).every((i) => i.conversation.state === 'bot')).toBe(true);
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it('walks every conversation the bot holds with the cursor, none missed, none twice', async () => {
    const seen: string[] = [];
    let page = await inbox('?limit=37');
    seen.push(...page.body.conversations.map((i) => i.conversation.id));
    let pages = 1;
    while (page.body.nextCursor) {
      page = await inbox(`?limit=37&cursor=${encodeURIComponent(page.body.nextCursor)}`);
      expect(page.status).toBe(200);
      // Later pages hold only what the bot holds: the waiting conversations came once, on the first.
      expect(page.body.conversations.every((i) => i.conversation.state === 'bot')).toBe(true);
      seen.push(...page.body.conversations.map((i) => i.conversation.id));
      pages++;
    }
    expect(pages).toBe(Math.ceil(empty.length / 37));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...empty, ...Object.values(waiting)].sort());
  });

  it('refuses a cursor it did not hand out, and a page size out of range', async () => {
    for (const query of ['?cursor=bm90LWEtY3Vyc29y', '?limit=0', '?limit=201']) {
      const { status, body } = await inbox(query);
      expect(status, query).toBe(400);
      expect(body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('documents the cursor in OpenAPI', async () => {
    const doc = (await baton.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/agent/conversations'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['cursor', 'limit', 'scope']);
    expect(op.responses['200'].content['application/json'].schema.properties).toHaveProperty('nextCursor');
  });
});
