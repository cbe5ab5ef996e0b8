import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayStored } from '../src/cli/replay.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { type RunningBaton, startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { testClock } from './support/test-clock.ts';

/** Conversations are created through the API, then replayed against a changed threshold. */
describe('replay of stored conversations', () => {
  let db: Awaited<ReturnType<typeof createTestPostgres>>;
  let baton: RunningBaton;
  let database: Database;

  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${baton.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return res.json();
  };
  const chat = async (turns: string[]) => {
    const { conversation, customerToken } = await post('/api/v1/conversations', { pack: 'bank' });
    for (const [i, text] of turns.entries()) {
      await post(
        `/api/v1/conversations/${conversation.id}/messages`,
        { text, clientMessageId: `m${i}` },
        customerToken,
      );
      await baton.services.conversations.settle();
    }
    return conversation.id as string;
  };

  beforeAll(async () => {
    db = await createTestPostgres();
    baton = await startBaton({
      config: {
        port: 0,
        host: '127.0.0.1',
        dataDir: '',
        databaseUrl: db.url,
        redisUrl: undefined,
        logLevel: 'silent',
      },
      now: testClock().now,
      routingTickMs: 0,
    });
    database = await openDatabase({ url: db.url });
  });
  afterAll(async () => {
    await database?.close();
    await baton?.close();
    await db?.drop();
  });

  it('reports which conversations a stricter policy would keep, and the handoff rate before and after', async () => {
    const refinance = await chat([
      'I want to refinance my mortgage and roll my car loan into it, what rate could I get?',
    ]);
    await chat(['what are the fees for an international wire transfer?']);
    await chat(['what time does the downtown branch open on saturday?']);
    const person = await chat(['can I talk to a real person please']);
    const { loadPacks } = await import('../src/bot/load-packs.ts');
    const bank = (await loadPacks()).get('bank')!.pack;

    const same = await replayStored({
      database,
      pack: bank,
      policy: bank.policy,
      since: null,
      before: 'stored',
    });
    expect(same.conversations).toBe(4);
    expect(same.diffs).toEqual([]);
    expect(same.handoffRateBefore).toBeCloseTo(0.5);

    // Lending questions matter less (impact 0.5) and the thresholds rise to 0.95: the bot keeps such conversations.
    const rules = (bank.policy.rules ?? []).map((r) => (r.id === 'lending' ? { ...r, impact: 0.5 } : r));
    const stricter = { ...bank.policy, rules, thresholds: { offer: 0.95, handoff: 0.95 } };
    const report = await replayStored({
      database,
      pack: bank,
      policy: stricter,
      since: null,
      before: 'stored',
    });
    expect(report.handoffRateBefore).toBeCloseTo(0.5);
    expect(report.handoffRateAfter).toBeCloseTo(0.25);
    expect(report.diffs.map((d) => [d.id, d.changes])).toEqual([[refinance, ['now_kept']]]);
    expect(report.counts.now_kept).toBe(1);
    expect(report.diffs.some((d) => d.id === person)).toBe(false);

    const future = await replayStored({
      database,
      pack: bank,
      policy: stricter,
      since: new Date('2099-01-01'),
      before: 'stored',
    });
    expect(future.conversations).toBe(0);
  });
});
