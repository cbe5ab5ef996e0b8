import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus } from '../src/platform/bus.memory.ts';
import { type RunningBaton, startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { callApi } from './support/http.ts';
import { testClock } from './support/test-clock.ts';

/** Two instances on one PostgreSQL database race to assign the same queue: row locks must keep every promise. */
describe('two instances claiming from one queue', () => {
  const clock = testClock();
  let db: Awaited<ReturnType<typeof createTestPostgres>>;
  let a: RunningBaton;
  let b: RunningBaton;
  let adminToken: string;

  const api = (inst: RunningBaton, method: string, path: string, body?: unknown, token?: string) =>
    callApi(inst.url, method, path, body, token);

  beforeAll(async () => {
    db = await createTestPostgres();
    const config = {
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: db.url,
      redisUrl: undefined,
      demoUsers: true,
      logLevel: 'silent' as const,
      secret: 'shared-secret-for-both-instances',
      rateLimitPerMinute: 100_000,
      ipRateLimitPerMinute: 100_000,
    };
    a = await startBaton({ config, now: clock.now, routingTickMs: 0, bus: createMemoryBus() });
    b = await startBaton({ config, now: clock.now, routingTickMs: 0, bus: createMemoryBus() });
    const admin = a.demoLogins.find((l) => l.role === 'admin')!;
    adminToken = (
      await api(b, 'POST', '/api/v1/auth/login', { email: admin.email, password: admin.password })
    ).body.token;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('never puts two agents on one conversation nor an agent over capacity', async () => {
    const agents: { id: string; token: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const email = `racer${i}@example.com`;
      const created = await api(
        a,
        'POST',
        '/api/v1/admin/agents',
        { email, name: `Racer ${i}`, password: 'amber-lantern-42', teams: ['fraud'], capacity: 2 },
        adminToken,
      );
      const token = (
        await api(i % 2 ? a : b, 'POST', '/api/v1/auth/login', { email, password: 'amber-lantern-42' })
      ).body.token;
      await api(i % 2 ? b : a, 'POST', '/api/v1/agent/presence', { status: 'online' }, token);
      agents.push({ id: created.body.agent.id, token });
    }
    const conversations: string[] = [];
    for (let i = 0; i < 40; i++) {
      const inst = i % 2 ? a : b;
      const created = await api(inst, 'POST', '/api/v1/conversations', { pack: 'bank' });
      conversations.push(created.body.conversation.id);
    }
    // Hand off on both instances at once: both dispatch into the same queue.
    await Promise.all(
      conversations.map((id, i) =>
        (i % 2 ? a : b).services.conversations.apply(id, {
          type: 'handoff',
          team: 'fraud',
          priority: i % 3 ? 'normal' : 'high',
        }),
      ),
    );

    // Rounds of chaos: every agent accepts each of its offers on BOTH instances at once, while both instances dispatch.
    for (let round = 0; round < 6; round++) {
      await Promise.all([
        a.services.routing.dispatch(null),
        b.services.routing.dispatch(null),
        ...agents.map(async (agent) => {
          const offers = (await api(a, 'GET', '/api/v1/agent/offers', undefined, agent.token)).body
            .offers as { id: string }[];
          await Promise.all(
            offers.flatMap((o) => [
              api(a, 'POST', `/api/v1/agent/offers/${o.id}/accept`, undefined, agent.token),
              api(b, 'POST', `/api/v1/agent/offers/${o.id}/accept`, undefined, agent.token),
            ]),
          );
        }),
      ]);
      // Direct claims race too: two instances try to give the same queued conversation to two different agents.
      const queued = await listQueued(db.url);
      const claims = await Promise.all(
        queued
          .slice(0, 6)
          .flatMap((id, k) => [
            a.services.routingStore.claim(id, agents[k % agents.length]!.id, clock.now(), null),
            b.services.routingStore.claim(id, agents[(k + 1) % agents.length]!.id, clock.now(), null),
          ]),
      );
      for (let k = 0; k + 1 < claims.length; k += 2) expect(claims[k]!.ok && claims[k + 1]!.ok).toBe(false);
      await assertInvariants(db.url);
      // Some agents finish a conversation, freeing capacity for the next round.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const done = await client.query(
        "select id, assignee_id from conversations where state = 'assigned' order by id limit 4",
      );
      await client.end();
      for (const row of done.rows as { id: string; assignee_id: string }[]) {
        const owner = agents.find((x) => x.id === row.assignee_id)!;
        await api(
          round % 2 ? a : b,
          'POST',
          `/api/v1/agent/conversations/${row.id}/resolve`,
          {},
          owner.token,
        );
      }
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const assigned = await client.query(
      'select count(*)::int as n from conversations where assignee_id is not null',
    );
    await client.end();
    expect(assigned.rows[0].n).toBeGreaterThan(20);
  });
});

async function listQueued(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query("select id from conversations where state = 'queued' order by id");
  await client.end();
  return rows.rows.map((r: { id: string }) => r.id);
}

async function assertInvariants(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const over = await client.query(
    `select a.id, a.capacity, count(c.id) as n from agents a join conversations c on c.assignee_id = a.id and c.state = 'assigned'
     group by a.id, a.capacity having count(c.id) > a.capacity`,
  );
  const doubleAccepted = await client.query(
    "select conversation_id from offers where status = 'accepted' group by conversation_id having count(*) > 1",
  );
  const mismatched = await client.query(
    `select o.conversation_id from offers o join conversations c on c.id = o.conversation_id
     where o.status = 'accepted' and o.agent_id <> c.assignee_id`,
  );
  const pendingTwice = await client.query(
    "select conversation_id from offers where status = 'pending' group by conversation_id having count(*) > 1",
  );
  await client.end();
  expect(over.rows).toEqual([]);
  expect(doubleAccepted.rows).toEqual([]);
  expect(mismatched.rows).toEqual([]);
  expect(pendingTwice.rows).toEqual([]);
}
