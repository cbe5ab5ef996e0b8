import { performance } from 'node:perf_hooks';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { type RunningBaton, startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from '../test/support/databases.ts';
import { testClock } from '../test/support/test-clock.ts';
import { connect, isType, type TestSocket } from '../test/support/ws-client.ts';

export type IncidentPageResult = {
  engine: 'pglite' | 'postgres';
  agents_online: number;
  consoles_paged_per_alert: number;
  alerts: number;
  /** From sending `POST /api/v1/alerts` to the last paged console receiving its page. */
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Alert received -> every paged team's consoles notified: `agents` console users online over WebSocket, spread over
 * the trading pack's teams; each flash-crash alert pages traders, compliance and IT operations at once; times from
 * the alert request to the page frame reaching the last of those consoles.
 */
export async function benchIncidentPage(options: {
  engine: 'pglite' | 'postgres';
  agents?: number;
  alerts?: number;
}): Promise<IncidentPageResult> {
  const agentCount = options.agents ?? 200;
  const alertCount = options.alerts ?? 100;
  const apiKey = 'bench-alert-key-0001';
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
        apiKeys: [apiKey],
        rateLimitPerMinute: 1_000_000,
        ipRateLimitPerMinute: 1_000_000,
      },
      now: testClock().now,
      routingTickMs: 0,
    });
    const { agents } = baton.services;
    // Most people are on the three paged teams; the rest sit on the ladder and the client desk.
    const teams = [
      'traders',
      'compliance',
      'it_ops',
      'traders',
      'compliance',
      'it_ops',
      'head_of_desk',
      'client_desk',
    ];
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
            capacity: 5,
          },
          'bench',
        ),
      ),
    );
    const paged = created.filter((a) => ['traders', 'compliance', 'it_ops'].includes(a.teams[0]!)).length;
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
    let waiting: { fingerprint: string; left: number; done: (t: number) => void } | null = null;
    for (const ws of sockets) {
      ws.raw.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage;
        if (m.type !== 'incident' || m.event !== 'paged' || !waiting) return;
        if (m.incident.fingerprint !== waiting.fingerprint) return;
        waiting.left -= 1;
        if (waiting.left === 0) waiting.done(performance.now());
      });
    }
    const latencies: number[] = [];
    for (let i = 0; i < alertCount; i++) {
      const fingerprint = `bench-crash-${i}`;
      const arrived = new Promise<number>((resolve) => {
        waiting = { fingerprint, left: paged, done: resolve };
      });
      const t0 = performance.now();
      const res = await fetch(`${baton.url}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify({
          pack: 'trading',
          type: 'flash_crash',
          severity: 'critical',
          fingerprint,
          title: `Flash-crash pattern ${i}`,
          facts: { instrument: 'ESZ6', priceMove: '-4.8%', window: '90 s' },
        }),
      });
      if (res.status !== 200) throw new Error(`alert refused: ${res.status} ${await res.text()}`);
      latencies.push((await arrived) - t0);
    }
    latencies.sort((a, b) => a - b);
    return {
      engine: options.engine,
      agents_online: agentCount,
      consoles_paged_per_alert: paged,
      alerts: latencies.length,
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const engine = process.argv.includes('--pglite') ? 'pglite' : 'postgres';
  console.log(JSON.stringify(await benchIncidentPage({ engine })));
}
