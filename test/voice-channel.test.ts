import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, loginToken, startTestBaton } from './support/http.ts';

let baton: RunningBaton;
let supervisorToken: string;

/** A call-centre bot opens the conversation with its channel and sends one transcript line as the customer's. */
async function transcriptTurn(channel: string, line: string) {
  const res = await fetch(`${baton.url}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'ivr-key' },
    body: JSON.stringify({
      pack: 'bank',
      channel,
      customer: { externalId: `caller-${channel}`, name: 'Caller' },
    }),
  });
  const started = (await res.json()) as { conversation: { id: string }; customerToken: string };
  const id = started.conversation.id;
  const sent = await callApi(
    baton.url,
    'POST',
    `/api/v1/conversations/${id}/messages`,
    { text: line, clientMessageId: 'line-1' },
    started.customerToken,
  );
  expect(sent.status).toBe(201);
  await baton.services.conversations.settle();
  const detail = await callApi(
    baton.url,
    'GET',
    `/api/v1/agent/conversations/${id}`,
    undefined,
    supervisorToken,
  );
  return { id, conversation: detail.body.conversation };
}

beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['ivr-key'] }, { routingTickMs: 0 });
  const supervisor = baton.demoLogins.find((l) => l.role === 'supervisor')!;
  supervisorToken = await loginToken(baton.url, supervisor.email, supervisor.password);
});
afterAll(async () => {
  await baton?.close();
});

describe('a voice transcript through the same API', () => {
  const line = '[crying] I would like to know about my mortgage payment [sobbing]';

  it('hands a crying caller to a person, with the cues as the evidence', async () => {
    const voice = await transcriptTurn('voice', line);
    expect(voice.conversation).toMatchObject({ channel: 'voice', state: 'queued' });
    const context = await callApi(
      baton.url,
      'GET',
      `/api/v1/agent/conversations/${voice.id}/context`,
      undefined,
      supervisorToken,
    );
    expect(context.body.context).toMatchObject({ channel: 'voice', decision: { rule: 'vocal_distress' } });
    expect(context.body.context.decision.signals).toContainEqual(
      expect.objectContaining({
        detector: 'vocal_cues',
        evidence: ['[crying] (distress)', '[sobbing] (distress)'],
      }),
    );
  });

  it('reads the same brackets typed in a web chat as words, and keeps the bot on it', async () => {
    const web = await transcriptTurn('web', line);
    expect(web.conversation).toMatchObject({ channel: 'web', state: 'bot' });
  });
});
