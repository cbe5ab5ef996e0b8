import { performance } from 'node:perf_hooks';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { type RunningBaton, startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from '../test/support/databases.ts';
import { testClock } from '../test/support/test-clock.ts';
import { connect, isType, type TestSocket } from '../test/support/ws-client.ts';

export type HandoffOfferResult = {
  engine: 'pglite' | 'postgres';
  agents_online: number;
  open_conversations: number;
  handoffs: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/**
 * Handoff decided -> offer on the agent's console: with `agents` agents online over WebSocket and
 * `open` open conversations, times from the handoff transition to the offer frame arriving at the agent.
 */
export async function benchHandoffOffer(options: {
  engine: 'pglite' | 'postgres';
  agents?: number;
  open?: number;
  handoffs?: number;
}): Promise<HandoffOfferResult> {
  const agentCount = options.agents ?? 200;
  const openCount = options.open ?? 1000;
  const handoffs = options.handoffs ?? 200;
  const pgdb = options.engine === 'postgres' ? await createTestPostgres() : null;
  let baton: RunningBaton | null = null;
  const sockets: TestSocket[] = [];
  try {
    baton = await startBaton({
      config: {
        port: 0,
        host: '127.0.0.1',
        dataDir: '',
        databaseUrl: pgdb?.url,
        redisUrl: undefined,
        logLevel: 'silent',
        rateLimitPerMinute: 1_000_000,
        ipRateLimitPerMinute: 1_000_000,
      },
      now: testClock().now,
      routingTickMs: 0,
    });
    const { agents, conversations, routing } = baton.services;
    const teams = ['support', 'loans', 'fraud', 'orders', 'l2'];
    // Agents are created through the service (same path as the admin API), then connect like a console does.
    const created = await Promise.all(
      Array.from({ length: agentCount }, (_, i) =>
        agents.create(
          {
            email: `bench${i}@example.com`,
            name: `Bench ${i}`,
            role: 'agent',
            password: 'ledger-copper-77',
            teams: [teams[i % teams.length]!],
            skills: [],
            capacity: 50,
          },
          'bench',
        ),
      ),
    );
    for (let i = 0; i < created.length; i += 20) {
      await Promise.all(
        created.slice(i, i + 20).map(async (agent) => {
          const { token } = await agents.login(agent.email, 'ledger-copper-77');
          const ws = await connect(baton!.url);
          ws.send({ type: 'auth', token });
          await ws.next(isType('ready'));
          sockets.push(ws);
        }),
      );
    }
    // One listener per console socket: an offer frame resolves the waiter for its conversation.
    const waiting = new Map<string, (t: number) => void>();
    for (const ws of sockets) {
      ws.raw.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage;
        if (m.type === 'offer') waiting.get(m.offer.conversationId)?.(performance.now());
      });
    }
    // Open conversations: most with the bot, a share already assigned (agents are busy, as in real life).
    const open: string[] = [];
    for (let i = 0; i < openCount; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, openCount - i) }, () =>
          conversations.start({ pack: 'bank', customer: {} }),
        ),
      );
      open.push(...batch.map((b) => b.conversation.id));
    }
    for (const id of open.slice(0, Math.floor(openCount / 5))) {
      await conversations.apply(id, {
        type: 'take_over',
        agentId: created[open.indexOf(id) % created.length]!.id,
        team: 'support',
      });
    }
    const candidates = open.slice(Math.floor(openCount / 5));
    const latencies: number[] = [];
    for (let i = 0; i < Math.min(handoffs, candidates.length); i++) {
      const id = candidates[i]!;
      const team = teams[i % teams.length]!;
      const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
      const t0 = performance.now();
      await conversations.apply(id, { type: 'handoff', team, priority: 'normal' });
      latencies.push((await arrived) - t0);
      waiting.delete(id);
      // Decline-free run: offers stay pending, which also grows the agents' load as in a busy hour.
    }
    await routing.tick();
    latencies.sort((a, b) => a - b);
    return {
      engine: options.engine,
      agents_online: agentCount,
      open_conversations: openCount,
      handoffs: latencies.length,
      p50_ms: round(percentile(latencies, 0.5)),
      p99_ms: round(percentile(latencies, 0.99)),
      max_ms: round(latencies.at(-1) ?? 0),
    };
  } finally {
    for (const ws of sockets) ws.raw.terminate();
    await baton?.close();
    await pgdb?.drop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  const engine = process.argv.includes('--pglite') ? 'pglite' : 'postgres';
  console.log(JSON.stringify(await benchHandoffOffer({ engine })));
}
