import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as exportLabels } from '../src/cli/export-labels.ts';
import { suggestionId } from '../src/learning/suggestion-id.ts';
import type { PackChange, Suggestion } from '../src/protocol/learning.ts';
import { labelledConversationSchema } from '../src/protocol/learning.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from './support/databases.ts';
import { callApi, startTestBaton } from './support/http.ts';

// Two instances on one PostgreSQL and one Redis: a change approved on A goes live on B without a restart, and a
// rollback on B goes live on A. The routing loop is off, so no periodic check of the heads runs: only the bus
// notice can make the other instance swap.

let pgdb: Awaited<ReturnType<typeof createTestPostgres>>;
let a: RunningBaton;
let b: RunningBaton;
let token: string;

const change: PackChange[] = [
  {
    op: 'add_article',
    article: {
      id: 'safe_deposit_boxes',
      title: 'Safe deposit boxes',
      body: 'Safe deposit boxes are available at the downtown branch from $60 a year; ask at the front desk.',
      tags: [],
    },
  },
];
const article: Suggestion = {
  id: suggestionId('kb_article', change),
  kind: 'kb_article',
  title: 'Article: safe deposit boxes',
  evidence: { conversations: [], terms: [], counts: {}, quotes: [] },
  change,
  effect: {
    method: 'not_measured',
    folds: 0,
    conversations: 0,
    before: null,
    after: null,
    handoffsGained: 0,
    handoffsLost: 0,
  },
};

beforeAll(async () => {
  pgdb = await createTestPostgres();
  const config = {
    databaseUrl: pgdb.url,
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `baton-test-${randomBytes(4).toString('hex')}:`,
    secret: randomBytes(24).toString('hex'),
  };
  a = await startTestBaton({ ...config, demoUsers: true, instanceId: 'a' }, { routingTickMs: 0 });
  b = await startTestBaton({ ...config, demoUsers: false, instanceId: 'b' }, { routingTickMs: 0 });
  const login = a.demoLogins.find((l) => l.role === 'supervisor')!;
  token = (
    await callApi(a.url, 'POST', '/api/v1/auth/login', { email: login.email, password: login.password })
  ).body.token;
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await pgdb?.drop();
});

/** Milliseconds until an instance runs a version of the bank pack (polled; fails after 15 s). */
const runningOn = async (instance: RunningBaton, version: number, since: number) => {
  for (;;) {
    const packs = await callApi(instance.url, 'GET', '/api/v1/improve/packs', undefined, token);
    if (packs.body.packs.find((p: { id: string }) => p.id === 'bank').runningVersion === version)
      return Date.now() - since;
    if (Date.now() - since > 15_000) throw new Error(`version ${version} did not go live on ${instance.url}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const ask = async (instance: RunningBaton, text: string) => {
  const created = (await callApi(instance.url, 'POST', '/api/v1/conversations', { pack: 'bank' })).body;
  const id = created.conversation.id;
  await callApi(
    instance.url,
    'POST',
    `/api/v1/conversations/${id}/messages`,
    { text, clientMessageId: 'c1' },
    created.customerToken,
  );
  await instance.services.conversations.settle();
  const messages = (
    await callApi(
      instance.url,
      'GET',
      `/api/v1/conversations/${id}/messages`,
      undefined,
      created.customerToken,
    )
  ).body.messages as { authorKind: string; text: string }[];
  return messages.filter((m) => m.authorKind === 'bot').at(-1)?.text ?? '';
};

describe('pack versions across instances', () => {
  it('both start on version 1, stored once', async () => {
    const versions = await callApi(b.url, 'GET', '/api/v1/improve/packs/bank/versions', undefined, token);
    expect(versions.body).toMatchObject({ liveVersion: 1, versions: [{ version: 1, source: 'disk' }] });
  });

  it('an approval on A is live on B, and a rollback on B is live on A, without a restart', async () => {
    await a.services.improve!.suggestionStore.saveRun('bank', [article], new Date());
    const approvedAt = Date.now();
    const approved = await callApi(
      a.url,
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${article.id}/approve`,
      {},
      token,
    );
    expect(approved.status).toBe(200);
    const liveOnB = await runningOn(b, 2, approvedAt);
    expect(await ask(b, 'can I rent a safe deposit box?')).toMatch(/\$60 a year/);

    const rolledBackAt = Date.now();
    const rolledBack = await callApi(
      b.url,
      'POST',
      '/api/v1/improve/packs/bank/rollback',
      { version: 1, reason: 'test' },
      token,
    );
    expect(rolledBack.status).toBe(200);
    const backOnA = await runningOn(a, 1, rolledBackAt);
    expect(await ask(a, 'can I rent a safe deposit box?')).not.toMatch(/\$60 a year/);
    // The figures the target speaks of (within 2 s); reported, not asserted, since the machine is shared.
    console.info(`approval live on the other instance after ${liveOnB} ms, rollback after ${backOnA} ms`);
  }, 180_000);
});

describe('baton export-labels', () => {
  it('writes the labelled history of a pack from the database as JSON Lines', async () => {
    const admin = a.demoLogins.find((l) => l.role === 'admin')!;
    const adminToken = (
      await callApi(a.url, 'POST', '/api/v1/auth/login', { email: admin.email, password: admin.password })
    ).body.token;
    const created = (await callApi(a.url, 'POST', '/api/v1/conversations', { pack: 'bank' })).body;
    const id = created.conversation.id;
    await callApi(
      a.url,
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text: 'how do I close my account', clientMessageId: 'c1' },
      created.customerToken,
    );
    await a.services.conversations.settle();
    await callApi(a.url, 'POST', `/api/v1/agent/conversations/${id}/take`, {}, adminToken);
    await callApi(
      a.url,
      'POST',
      `/api/v1/agent/conversations/${id}/messages`,
      { text: 'Closed it for you.', clientMessageId: 'a1' },
      adminToken,
    );
    await callApi(a.url, 'POST', `/api/v1/agent/conversations/${id}/resolve`, {}, adminToken);
    await callApi(
      a.url,
      'POST',
      `/api/v1/agent/conversations/${id}/label`,
      { needed: false, reasonCorrect: false },
      adminToken,
    );

    const dir = mkdtempSync(join(tmpdir(), 'baton-export-'));
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = pgdb.url;
    try {
      expect(await exportLabels(['--pack', 'bank', '--out', join(dir, 'history.jsonl')])).toBe(0);
      const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
      const rows = lines.map((l) => labelledConversationSchema.parse(JSON.parse(l)));
      expect(rows.find((r) => r.id === id)).toMatchObject({
        expect: { handoff: false },
        resolution: 'Closed it for you.',
        turns: [{ text: 'how do I close my account' }],
      });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
