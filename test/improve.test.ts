import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestionId } from '../src/learning/suggestion-id.ts';
import type { PackChange, Suggestion, SuggestionKind } from '../src/protocol/learning.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';

// The learning loop's live part through the API: labels read off what happened, the labelled history, the
// suggestions queue, pack versions going live, rollback, shadow runs.

const clock = testClock();
let baton: RunningBaton;
let supervisor: string;
let admin: string;
let agent: string;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);
const login = async (role: string) => {
  const l = baton.demoLogins.find((x) => x.role === role)!;
  return (await api('POST', '/api/v1/auth/login', { email: l.email, password: l.password })).body
    .token as string;
};

/** A new bank conversation with the customer's turns, the bot answering each. */
const chat = async (turns: string[]) => {
  const created = (await api('POST', '/api/v1/conversations', { pack: 'bank' })).body;
  const id: string = created.conversation.id;
  for (const [i, text] of turns.entries()) {
    await api(
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text, clientMessageId: `t${i}` },
      created.customerToken,
    );
    await baton.services.conversations.settle();
  }
  return { id, token: created.customerToken as string };
};
const lastBotText = async (id: string, token: string) => {
  const messages = (await api('GET', `/api/v1/conversations/${id}/messages`, undefined, token)).body.messages;
  return messages.filter((m: { authorKind: string }) => m.authorKind === 'bot').at(-1)?.text as string;
};
const state = async (id: string, token: string) =>
  (await api('GET', `/api/v1/conversations/${id}`, undefined, token)).body.conversation;

const suggestion = (kind: SuggestionKind, title: string, change: PackChange[]): Suggestion => ({
  id: suggestionId(kind, change),
  kind,
  title,
  evidence: { conversations: [], terms: [], counts: { conversations: 3 }, quotes: [] },
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
});

const article = suggestion('kb_article', 'Article: safe deposit boxes', [
  {
    op: 'add_article',
    article: {
      id: 'safe_deposit_boxes',
      title: 'Safe deposit boxes',
      body: 'Safe deposit boxes are available at the downtown branch from $60 a year; ask at the front desk.',
      tags: [],
    },
  },
]);
const examples = suggestion('intent_example', 'Examples for routing_number', [
  {
    op: 'add_intent_examples',
    intent: 'routing_number',
    examples: ['payroll lady needs the nine digit thing', 'HR wants the nine digit bank thing'],
  },
]);
const policy = suggestion('policy_cue', 'Safe deposit box access goes to support', [
  {
    op: 'put_risk',
    risk: { id: 'vault', label: 'Safe deposit box access', cues: [{ any: ['safe deposit'], weight: 1 }] },
  },
  {
    op: 'put_rule',
    rule: {
      id: 'vault',
      label: 'Safe deposit box access',
      when: { signal: 'risk:vault', min: 0.5 },
      impact: 1,
      team: 'support',
      priority: 'normal',
    },
  },
]);
const broken = suggestion('intent_example', 'Examples for an intent that is gone', [
  { op: 'add_intent_examples', intent: 'no_such_intent', examples: ['x'] },
]);

beforeAll(async () => {
  baton = await startTestBaton({}, { now: clock.now, routingTickMs: 0 });
  [supervisor, admin, agent] = await Promise.all([login('supervisor'), login('admin'), login('agent')]);
});
afterAll(async () => {
  await baton?.close();
});

describe('labels', () => {
  it('reads a wrong first team off a transfer, and a possibly needless handoff off one macro reply', async () => {
    const transferred = await chat(['I want to refinance my mortgage, what would my rate be?']);
    await api('POST', `/api/v1/agent/conversations/${transferred.id}/take`, {}, admin);
    await api(
      'POST',
      `/api/v1/agent/conversations/${transferred.id}/transfer`,
      { team: 'support', note: 'this is about a card, not a loan' },
      admin,
    );
    await api('POST', `/api/v1/agent/conversations/${transferred.id}/take`, {}, admin);
    await api(
      'POST',
      `/api/v1/agent/conversations/${transferred.id}/messages`,
      { text: 'Card fixed.', clientMessageId: 'a1' },
      admin,
    );
    await api('POST', `/api/v1/agent/conversations/${transferred.id}/resolve`, {}, admin);

    const macro = await chat(['can I talk to a real person please']);
    await api('POST', `/api/v1/agent/conversations/${macro.id}/take`, {}, admin);
    await api(
      'POST',
      `/api/v1/agent/conversations/${macro.id}/messages`,
      { text: "Thanks, I'm looking into this now; it may take a minute or two.", clientMessageId: 'a1' },
      admin,
    );
    await api('POST', `/api/v1/agent/conversations/${macro.id}/resolve`, {}, admin);

    const history = await api('GET', '/api/v1/improve/packs/bank/labelled', undefined, supervisor);
    expect(history.status).toBe(200);
    const byId = new Map(history.body.conversations.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(transferred.id)).toMatchObject({
      expect: { handoff: true, team: 'support' },
      resolution: 'Card fixed.',
      turns: [{ text: 'I want to refinance my mortgage, what would my rate be?' }],
    });
    expect(byId.get(macro.id)).toMatchObject({ expect: { handoff: false } });

    // The agent's own label beats the inference: a person was needed after all.
    const labelled = await api(
      'POST',
      `/api/v1/agent/conversations/${macro.id}/label`,
      { needed: true, reasonCorrect: true, teamCorrect: true, earlier: true },
      admin,
    );
    expect(labelled.body.label).toMatchObject({ needed: true, teamCorrect: true, earlier: true });
    const again = await api('GET', '/api/v1/improve/packs/bank/labelled', undefined, supervisor);
    expect(again.body.conversations.find((c: { id: string }) => c.id === macro.id)).toMatchObject({
      expect: { handoff: true, turn: 1, team: 'support' },
    });
  });
});

describe('suggestions and versions', () => {
  it('starts every pack at version 1, the pack as loaded from disk', async () => {
    const packs = await api('GET', '/api/v1/improve/packs', undefined, supervisor);
    expect(packs.body.packs.find((p: { id: string }) => p.id === 'bank')).toMatchObject({
      liveVersion: 1,
      runningVersion: 1,
      shadowVersion: null,
    });
    expect((await api('GET', '/api/v1/improve/packs', undefined, agent)).status).toBe(403);
  });

  it('approves a knowledge-base draft: a new live version the customer sees at once, and rolls it back', async () => {
    await baton.services.improve!.suggestionStore.saveRun(
      'bank',
      [article, examples, policy, broken],
      clock.now(),
    );
    const before = await chat(['can I rent a safe deposit box?']);
    expect(await lastBotText(before.id, before.token)).not.toMatch(/\$60 a year/);

    const approved = await api(
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${article.id}/approve`,
      { reason: 'customers keep asking' },
      supervisor,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.version).toMatchObject({
      version: 2,
      basedOn: 1,
      source: 'suggestion',
      reason: 'customers keep asking',
      diff: [{ path: 'knowledge[safe_deposit_boxes]', kind: 'added' }],
    });
    expect(approved.body.suggestion).toMatchObject({ status: 'approved', version: 2 });
    const after = await chat(['can I rent a safe deposit box?']);
    expect(await lastBotText(after.id, after.token)).toMatch(/\$60 a year/);

    const again = await api(
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${article.id}/approve`,
      {},
      supervisor,
    );
    expect(again).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });

    const rolledBack = await api(
      'POST',
      '/api/v1/improve/packs/bank/rollback',
      { version: 1, reason: 'check' },
      supervisor,
    );
    expect(rolledBack.status).toBe(200);
    const restored = await chat(['can I rent a safe deposit box?']);
    expect(await lastBotText(restored.id, restored.token)).not.toMatch(/\$60 a year/);
    const versions = await api('GET', '/api/v1/improve/packs/bank/versions', undefined, supervisor);
    expect(versions.body).toMatchObject({ liveVersion: 1, versions: [{ version: 2 }, { version: 1 }] });
  });

  it('approves an edited policy change in one transaction with its audit entry', async () => {
    const edited = policy.change.map((c) =>
      c.op === 'put_rule' ? { ...c, rule: { ...c.rule, priority: 'high' } } : c,
    );
    const approved = await api(
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${policy.id}/approve`,
      { change: edited },
      supervisor,
    );
    expect(approved.status).toBe(200);
    expect(approved.body.suggestion).toMatchObject({ edited: true, status: 'approved' });
    const customer = await chat(['I need to get into my safe deposit box today']);
    expect(await state(customer.id, customer.token)).toMatchObject({
      state: 'queued',
      team: 'support',
      priority: 'high',
    });
  });

  it('rejects with a reason; a rejected suggestion is not proposed again', async () => {
    const rejected = await api(
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${examples.id}/reject`,
      { reason: 'the nine digit thing is slang we do not want' },
      supervisor,
    );
    expect(rejected.body.suggestion).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('slang'),
    });
    await baton.services.improve!.suggestionStore.saveRun('bank', [examples], clock.now());
    const waiting = await api(
      'GET',
      '/api/v1/improve/packs/bank/suggestions?status=waiting',
      undefined,
      supervisor,
    );
    expect(waiting.body.suggestions.map((s: { suggestion: Suggestion }) => s.suggestion.id)).not.toContain(
      examples.id,
    );
    expect(await baton.services.improve!.suggestionStore.rejectedIds('bank')).toContain(examples.id);
  });

  it('refuses bad input with a code and stores nothing', async () => {
    await baton.services.improve!.suggestionStore.saveRun('bank', [broken], clock.now());
    const versionsBefore = (await api('GET', '/api/v1/improve/packs/bank/versions', undefined, supervisor))
      .body.versions.length;
    const cases: [string, string, unknown, number, string][] = [
      [
        'POST',
        `/api/v1/improve/packs/bank/suggestions/${broken.id}/approve`,
        {},
        409,
        'CHANGE_NOT_APPLICABLE',
      ],
      [
        'POST',
        '/api/v1/improve/packs/bank/suggestions/sg-0000000000000000/approve',
        {},
        404,
        'SUGGESTION_NOT_FOUND',
      ],
      ['POST', '/api/v1/improve/packs/bank/suggestions/not-an-id/approve', {}, 400, 'VALIDATION_FAILED'],
      [
        'POST',
        `/api/v1/improve/packs/bank/suggestions/${broken.id}/reject`,
        { reason: '' },
        400,
        'VALIDATION_FAILED',
      ],
      ['POST', '/api/v1/improve/packs/bank/rollback', { version: 99, reason: 'x' }, 404, 'VERSION_NOT_FOUND'],
      ['POST', '/api/v1/improve/packs/nope/rollback', { version: 1, reason: 'x' }, 404, 'PACK_NOT_FOUND'],
      [
        'POST',
        `/api/v1/improve/packs/bank/suggestions/${broken.id}/approve`,
        { change: [{ op: 'add_intent', intent: { id: 'too_few', examples: ['only one example'] } }] },
        422,
        'PACK_INVALID',
      ],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await api(method, path, body, supervisor);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status, code });
    }
    const versionsAfter = (await api('GET', '/api/v1/improve/packs/bank/versions', undefined, supervisor))
      .body.versions.length;
    expect(versionsAfter).toBe(versionsBefore);
  });

  it('runs a candidate in shadow: its decisions are recorded beside the live ones, not acted on', async () => {
    const shadowed = suggestion('policy_cue', 'Wire questions go to support', [
      {
        op: 'put_risk',
        risk: { id: 'wires', label: 'Wire questions', cues: [{ any: ['wire'], weight: 1 }] },
      },
      {
        op: 'put_rule',
        rule: {
          id: 'wires',
          label: 'Wire questions',
          when: { signal: 'risk:wires', min: 0.5 },
          impact: 1,
          team: 'support',
          priority: 'normal',
        },
      },
    ]);
    await baton.services.improve!.suggestionStore.saveRun('bank', [shadowed], clock.now());
    const candidate = await api(
      'POST',
      `/api/v1/improve/packs/bank/suggestions/${shadowed.id}/shadow`,
      {},
      supervisor,
    );
    expect(candidate.status).toBe(200);
    const customer = await chat(['how do I send an international wire?']);
    expect((await state(customer.id, customer.token)).state).toBe('bot');
    await baton.services.conversations.settle();
    const deadline = Date.now() + 5000;
    let shadow = await api('GET', '/api/v1/improve/packs/bank/shadow', undefined, supervisor);
    while (shadow.body.turns === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      shadow = await api('GET', '/api/v1/improve/packs/bank/shadow', undefined, supervisor);
    }
    expect(shadow.body).toMatchObject({ shadowVersion: candidate.body.version.version, turns: 1, differ: 1 });
    expect(shadow.body.decisions[0]).toMatchObject({
      conversationId: customer.id,
      live: { kind: 'stay' },
      shadow: { kind: 'handoff', team: 'support' },
    });
  });

  it('compares two versions by replaying stored conversations', async () => {
    const versions = (await api('GET', '/api/v1/improve/packs/bank/versions', undefined, supervisor)).body;
    const policyVersion = versions.versions.find(
      (v: { suggestionId: string }) => v.suggestionId === policy.id,
    ).version;
    const report = await api(
      'GET',
      `/api/v1/improve/packs/bank/compare?from=1&to=${policyVersion}`,
      undefined,
      supervisor,
    );
    expect(report.status).toBe(200);
    expect(report.body.report.counts.now_handed_off).toBeGreaterThanOrEqual(1);
  });

  it('runs the learning engine over the labelled history on demand and keeps what a person decided', async () => {
    const decidedBefore = (
      await api('GET', '/api/v1/improve/packs/bank/suggestions', undefined, supervisor)
    ).body.suggestions.filter((s: { status: string }) => s.status !== 'waiting');
    const run = await api('POST', '/api/v1/improve/packs/bank/suggestions/run', undefined, supervisor);
    expect(run.status).toBe(200);
    expect(run.body.conversations).toBeGreaterThanOrEqual(2);
    const after = (await api('GET', '/api/v1/improve/packs/bank/suggestions', undefined, supervisor)).body
      .suggestions;
    expect(after.filter((s: { status: string }) => s.status === 'waiting')).toHaveLength(
      run.body.suggestions,
    );
    for (const d of decidedBefore)
      expect(
        after.find((s: { suggestion: Suggestion }) => s.suggestion.id === d.suggestion.id),
      ).toMatchObject({
        status: d.status,
      });
  });

  it('shows the dashboard figures: the queue per week and each version live', async () => {
    const figures = await api('GET', '/api/v1/improve/packs/bank/dashboard', undefined, supervisor);
    expect(figures.status).toBe(200);
    const statuses = new Set(figures.body.weekly.map((w: { status: string }) => w.status));
    expect(statuses).toContain('approved');
    expect(statuses).toContain('rejected');
    expect(figures.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 1, 3]);
    expect(figures.body.versions[0].conversations).toBeGreaterThan(0);
  });
});
