import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPostgres, engines } from '../../test/support/databases.ts';
import { agents } from '../agents/agent.tables.ts';
import { manualClock } from '../platform/clock.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { incidentsConfigSchema } from '../protocol/incident.ts';
import { agentPresence } from '../routing/routing.tables.ts';
import type { IncidentChange, IncidentDeps } from './incident-deps.ts';
import { createIncidentStore } from './incident-store.ts';
import { raiseAlert } from './raise-alert.ts';
import { runIncidentTimers } from './run-incident-timers.ts';

// Page timers live in the database: they survive a restart, and two instances sweeping at once page each team once.

const config = incidentsConfigSchema.parse({
  policies: [
    {
      id: 'crash',
      types: ['flash_crash'],
      page: ['traders', 'it_ops'],
      ackSeconds: 60,
      repeat: 1,
      ladder: ['cro'],
    },
  ],
});

/** One instance's incident use cases over a database, with its own clock view and a record of deliveries. */
function instance(database: Database, now: () => Date) {
  const delivered: IncidentChange[] = [];
  const deps: IncidentDeps = {
    store: createIncidentStore(database.db, (_pack, team) => team),
    config: (pack) => (pack === 'trading' ? config : undefined),
    packExists: (pack) => pack === 'trading',
    incidentPacks: () => ['trading'],
    teamName: (_pack, team) => team,
    now,
    deliver: async (change) => {
      delivered.push(change);
    },
  };
  return { deps, delivered };
}

async function seedPeople(database: Database) {
  for (const team of ['traders', 'it_ops', 'cro']) {
    await database.db.insert(agents).values({
      id: `agent_${team}`,
      email: `${team}@example.com`,
      name: team,
      role: 'agent',
      passwordHash: 'x',
      teams: [team],
    });
    await database.db.insert(agentPresence).values({ agentId: `agent_${team}`, status: 'online' });
  }
}

const alertFor = (fingerprint: string) => ({
  pack: 'trading',
  type: 'flash_crash',
  severity: 'critical' as const,
  fingerprint,
  title: `crash ${fingerprint}`,
  facts: { instrument: fingerprint },
});

describe.each(engines)('incident page timers on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  const clock = manualClock(new Date('2026-11-25T14:00:00Z'));

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    await seedPeople(database);
  }, 180_000);
  afterAll(async () => {
    await cleanup();
  });

  it('re-pages to the second from a fresh instance, as after a restart', async () => {
    const first = instance(database, clock.now);
    const { incident } = await raiseAlert(first.deps, alertFor('restart'));
    expect(incident.pages.map((p) => p.dueAt)).toEqual([
      '2026-11-25T14:01:00.000Z',
      '2026-11-25T14:01:00.000Z',
    ]);
    const restarted = instance(database, clock.now);
    clock.advance(59_999);
    expect(await runIncidentTimers(restarted.deps)).toBe(0);
    clock.advance(1);
    expect(await runIncidentTimers(restarted.deps)).toBe(1);
    expect(restarted.delivered[0]?.steps.map((s) => `${s.kind}:${s.team}`)).toEqual([
      'repaged:it_ops',
      'repaged:traders',
    ]);
    clock.advance(60_000);
    await runIncidentTimers(restarted.deps);
    const stored = await restarted.deps.store.get(incident.id);
    expect(stored?.ladderLevel).toBe(1);
    expect(stored?.pages.find((p) => p.team === 'cro')).toMatchObject({ level: 1, pages: 1 });
  });
});

describe('two instances on one PostgreSQL', () => {
  let a: Database;
  let b: Database;
  let drop: () => Promise<void>;
  const clock = manualClock(new Date('2026-11-25T14:00:00Z'));

  beforeAll(async () => {
    const pgdb = await createTestPostgres();
    drop = pgdb.drop;
    a = await openDatabase({ url: pgdb.url, poolSize: 4 });
    b = await openDatabase({ url: pgdb.url, poolSize: 4 });
    await seedPeople(a);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('page each due team exactly once when both sweep at the same moment', async () => {
    const one = instance(a, clock.now);
    const two = instance(b, clock.now);
    const count = 20;
    for (let i = 0; i < count; i++) await raiseAlert(i % 2 ? one.deps : two.deps, alertFor(`race-${i}`));
    clock.advance(60_000);
    await Promise.all([
      runIncidentTimers(one.deps),
      runIncidentTimers(two.deps),
      runIncidentTimers(one.deps),
      runIncidentTimers(two.deps),
    ]);
    const repages = [...one.delivered, ...two.delivered].flatMap((c) =>
      c.steps.filter((s) => s.kind === 'repaged').map((s) => `${c.incident.fingerprint}:${s.team}`),
    );
    expect(repages).toHaveLength(count * 2);
    expect(new Set(repages).size).toBe(count * 2);
    const listed = await one.deps.store.list({ status: 'open', limit: 200 });
    expect(listed.flatMap((i) => i.pages).every((p) => p.pages === 2)).toBe(true);
  });

  it('fold concurrent alerts with one fingerprint into one incident', async () => {
    const one = instance(a, clock.now);
    const two = instance(b, clock.now);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => raiseAlert(i % 2 ? one.deps : two.deps, alertFor('burst'))),
    );
    expect(new Set(outcomes.map((o) => o.incident.id)).size).toBe(1);
    expect(outcomes.filter((o) => o.outcome === 'opened')).toHaveLength(1);
    const stored = await one.deps.store.get(outcomes[0]!.incident.id);
    expect(stored?.count).toBe(8);
    expect(stored?.pages.every((p) => p.pages === 1)).toBe(true);
  });
});
