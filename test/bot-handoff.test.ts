import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';

const clock = testClock();
let baton: RunningBaton;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);

/** Sends the customer's turns one by one, letting the bot answer each. */
const chat = async (pack: string, turns: string[], customer?: Record<string, unknown>) => {
  const created = (await api('POST', '/api/v1/conversations', { pack, ...(customer && { customer }) })).body;
  const { id } = created.conversation;
  for (const [i, text] of turns.entries()) {
    await api(
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text, clientMessageId: `t${i}` },
      created.customerToken,
    );
    await baton.services.conversations.settle();
  }
  const conversation = (await api('GET', `/api/v1/conversations/${id}`, undefined, created.customerToken))
    .body.conversation;
  const messages = (
    await api('GET', `/api/v1/conversations/${id}/messages`, undefined, created.customerToken)
  ).body.messages as {
    authorKind: string;
    text: string;
    metadata: Record<string, unknown>;
  }[];
  return { id, conversation, messages, customerToken: created.customerToken as string };
};

beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['test-key-123'] }, { now: clock.now, routingTickMs: 0 });
});
afterAll(async () => {
  await baton?.close();
});

describe('the bot in a live chat', () => {
  it('answers an everyday question and keeps the conversation', async () => {
    const { conversation, messages } = await chat('bank', [
      'what time does the downtown branch open on saturday?',
    ]);
    expect(conversation.state).toBe('bot');
    const bot = messages.filter((m) => m.authorKind === 'bot');
    expect(bot).toHaveLength(1);
    expect(bot[0]!.text.length).toBeGreaterThan(10);
  });

  it('hands a refinancing question to the loans team and tells the customer who and where in line', async () => {
    const { id, conversation, messages } = await chat('bank', [
      'I want to refinance my mortgage and also roll my car loan into it, what would my rate look like with a 680 credit score?',
    ]);
    expect(conversation).toMatchObject({ state: 'queued', team: 'loans' });
    const system = messages.filter((m) => m.authorKind === 'system').map((m) => m.text);
    expect(system.join('\n')).toMatch(/connecting you with .*(lending|loan)/i);
    expect(messages.every((m) => !('decision' in m.metadata))).toBe(true);

    const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
    const token = (await api('POST', '/api/v1/auth/login', { email: admin.email, password: admin.password }))
      .body.token;
    const detail = (await api('GET', `/api/v1/agent/conversations/${id}`, undefined, token)).body;
    expect(detail.turns[0].decision.kind).toBe('handoff');
    expect(detail.turns[0].decision.reasons.length).toBeGreaterThan(0);
  });

  it('hands an emergency to the nurse at once, with the emergency advice', async () => {
    const { conversation, messages } = await chat('clinic', [
      "I can't breathe properly and my lips are turning blue",
    ]);
    expect(conversation).toMatchObject({ state: 'queued', team: 'nurse', priority: 'urgent' });
    expect(messages.find((m) => m.authorKind === 'bot')?.text).toMatch(/911|emergency/i);
  });
});

describe('while the customer waits', () => {
  it('the bot still answers simple questions, without taking the conversation back', async () => {
    const { id, customerToken } = await chat('bank', ['can I talk to a real person please']);
    const send = async (text: string, clientMessageId: string) => {
      await api('POST', `/api/v1/conversations/${id}/messages`, { text, clientMessageId }, customerToken);
      await baton.services.conversations.settle();
    };
    await send('while I wait, what time does the downtown branch open on saturday?', 'w1');
    await send('this is taking forever, I want a human NOW', 'w2');
    const conversation = (await api('GET', `/api/v1/conversations/${id}`, undefined, customerToken)).body
      .conversation;
    expect(conversation.state).toBe('queued');
    const messages = (await api('GET', `/api/v1/conversations/${id}/messages`, undefined, customerToken)).body
      .messages;
    const waitingAnswers = messages.filter(
      (m: { metadata: Record<string, unknown> }) => m.metadata.whileWaiting === true,
    );
    expect(waitingAnswers.length).toBeGreaterThanOrEqual(1);
  });
});

describe('hand-back to the bot', () => {
  it('resumes with the bot, which keeps the agent summary and does not re-escalate old turns', async () => {
    const { id, customerToken } = await chat('bank', [
      'I want to refinance my mortgage, can someone walk me through the rates?',
    ]);
    const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
    const token = (await api('POST', '/api/v1/auth/login', { email: admin.email, password: admin.password }))
      .body.token;
    await api('POST', `/api/v1/agent/conversations/${id}/take`, {}, token);
    const back = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/hand-back`,
      { summary: 'Quoted 6.1% for a 30-year refinance; sent the application link.' },
      token,
    );
    expect(back.body.conversation.state).toBe('bot');
    const memory = await baton.services.store.getBotMemory(id);
    expect(memory.handBack).toMatchObject({ summary: expect.stringContaining('6.1%') });
    await api(
      'POST',
      `/api/v1/conversations/${id}/messages`,
      { text: 'thanks! what time does the downtown branch open on saturday?', clientMessageId: 'after-1' },
      customerToken,
    );
    await baton.services.conversations.settle();
    const after = (await api('GET', `/api/v1/conversations/${id}`, undefined, customerToken)).body
      .conversation;
    expect(after.state).toBe('bot');
    const last = (
      await api('GET', `/api/v1/conversations/${id}/messages`, undefined, customerToken)
    ).body.messages.at(-1);
    expect(last.authorKind).toBe('bot');
  });
});

describe('the context package', () => {
  const loginAs = async (role: string) => {
    const l = baton.demoLogins.find((x) => x.role === role)!;
    return (await api('POST', '/api/v1/auth/login', { email: l.email, password: l.password })).body
      .token as string;
  };

  it('gives the agent what the customer already said, with card numbers redacted until an audited reveal', async () => {
    const { id } = await chat('bank', [
      'there are three charges on my card 4111 1111 1111 1111 I never made, someone is using my card!',
    ]);
    const agentToken = await loginAs('agent');
    const { context } = (await api('GET', `/api/v1/agent/conversations/${id}/context`, undefined, agentToken))
      .body;
    expect(context.decision.team).toBe('fraud');
    expect(context.summary).toBeDefined();
    expect(JSON.stringify(context)).not.toContain('4111 1111 1111 1111');
    const detail = (await api('GET', `/api/v1/agent/conversations/${id}`, undefined, agentToken)).body;
    expect(JSON.stringify(detail.messages)).not.toContain('4111 1111 1111 1111');
    const token = context.redactions[0].token as string;
    const refused = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/reveal`,
      { token, reason: 'verify the card' },
      agentToken,
    );
    expect(refused.body.code).toBe('FORBIDDEN');
    const revealed = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/reveal`,
      { token, reason: 'verify the card' },
      await loginAs('supervisor'),
    );
    expect(revealed.body.value.replace(/\D/g, '')).toBe('4111111111111111');
  });

  it('takes a handoff from an external bot with its transcript', async () => {
    const body = {
      pack: 'insurance',
      customer: { name: 'Lee', externalId: 'crm-77' },
      transcript: [
        { author: 'customer', text: 'my roof was damaged in the storm' },
        { author: 'bot', text: 'Sorry to hear that. How much is the estimate?' },
        { author: 'customer', text: 'about 12,000 dollars' },
      ],
      team: 'adjusters',
      priority: 'high',
      reasons: ['claim over the self-service limit'],
      source: 'Rasa',
    };
    const badTeam = await fetch(`${baton.url}/api/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'test-key-123' },
      body: JSON.stringify({ ...body, team: 'no-such-team' }),
    });
    expect(badTeam.status).toBe(400);
    const noKey = await fetch(`${baton.url}/api/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(noKey.status).toBe(401);
    const res = await fetch(`${baton.url}/api/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'test-key-123' },
      body: JSON.stringify(body),
    });
    const created = await res.json();
    expect([res.status, created.error]).toEqual([201, undefined]);
    const { conversation, customerToken } = created;
    expect(conversation).toMatchObject({ state: 'queued', team: 'adjusters', priority: 'high' });
    const messages = (
      await api('GET', `/api/v1/conversations/${conversation.id}/messages`, undefined, customerToken)
    ).body.messages;
    expect(messages.slice(0, 3).map((m: { text: string }) => m.text)).toEqual(
      body.transcript.map((t) => t.text),
    );
    const { context } = (
      await api(
        'GET',
        `/api/v1/agent/conversations/${conversation.id}/context`,
        undefined,
        await loginAs('admin'),
      )
    ).body;
    expect(context.decision.reasons.join(' ')).toMatch(/Rasa: claim over the self-service limit/);
    expect(context.transcript).toHaveLength(3);
  });

  it('publishes the context package contract', async () => {
    const schema = await (await fetch(`${baton.url}/schemas/context-package.v1.json`)).json();
    expect(schema.$schema).toMatch(/draft-07/);
  });
});
