import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, loginToken, startTestBaton } from './support/http.ts';

const secret = 'timeline-test-identity-secret-32-chars!';
let baton: RunningBaton;
let supervisor: { token: string; name: string };
let agentToken: string;

const start = async (body: unknown, apiKey?: string): Promise<ApiResponse> => {
  const res = await fetch(`${baton.url}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey && { 'x-api-key': apiKey }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
};
const signed = (sub: string, name: string) =>
  new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
const get = (path: string, token = agentToken) => callApi(baton.url, 'GET', path, undefined, token);
const post = (path: string, body: unknown, token = agentToken) =>
  callApi(baton.url, 'POST', path, body, token);
/** Polls until `read` returns something, or fails after a generous while. */
async function until<T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  baton = await startTestBaton(
    {
      apiKeys: ['crm-key'],
      identity: {
        secret,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: undefined,
        audience: undefined,
        required: false,
      },
    },
    { routingTickMs: 0 },
  );
  const sup = baton.demoLogins.find((l) => l.role === 'supervisor')!;
  supervisor = { token: await loginToken(baton.url, sup.email, sup.password), name: sup.name };
  const agent = baton.demoLogins.find((l) => l.role === 'agent')!;
  agentToken = await loginToken(baton.url, agent.email, agent.password);
});
afterAll(async () => {
  await baton?.close();
});

describe('one customer, one timeline', () => {
  let first: string;
  let second: string;
  let customerId: string;

  it('continues the open case when the same verified customer comes back on another channel', async () => {
    const web = await start({ pack: 'bank', identity: { token: await signed('crm-60', 'Ana Lopez') } });
    expect(web.status).toBe(201);
    first = web.body.conversation.id;
    customerId = web.body.conversation.customerId;
    expect(web.body.conversation.caseId).toBe(first);
    const taken = await post(`/api/v1/agent/conversations/${first}/take`, {}, supervisor.token);
    expect(taken.status).toBe(200);

    const voice = await start(
      { pack: 'bank', channel: 'voice', customer: { externalId: 'crm-60' } },
      'crm-key',
    );
    second = voice.body.conversation.id;
    expect(voice.body.conversation).toMatchObject({ customerId, caseId: first, channel: 'voice' });
    const messages = (await get(`/api/v1/conversations/${second}/messages`)).body.messages;
    expect(messages).toContainEqual(
      expect.objectContaining({
        internal: true,
        metadata: expect.objectContaining({ event: 'case_continued', caseId: first }),
      }),
    );
  });

  it('starts an anonymous visitor cold, whatever they claim', async () => {
    const anon = await start({ pack: 'bank', customer: { externalId: 'crm-60', name: 'Ana' } });
    expect(anon.body.conversation.caseId).toBe(anon.body.conversation.id);
    expect(anon.body.conversation.customerId).not.toBe(customerId);
  });

  it('shows every conversation of the customer, in order, with who helped', async () => {
    const res = await get(`/api/v1/agent/customers/${customerId}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({ externalId: 'crm-60', name: 'Ana Lopez' });
    expect(
      res.body.entries.map((e: { kind: string; conversationId: string }) => [e.kind, e.conversationId]),
    ).toEqual([
      ['conversation', first],
      ['conversation', second],
    ]);
    expect(res.body.entries[0]).toMatchObject({
      state: 'assigned',
      agentName: supervisor.name,
      channel: 'web',
      caseId: first,
    });
    expect(res.body.summary[1]).toMatch(new RegExp(`^today: .* with ${supervisor.name}`));
  });

  it('puts the earlier journey in the context package of the next handoff', async () => {
    await post(`/api/v1/agent/conversations/${second}/take`, {}, supervisor.token);
    const pkg = await until(async () => {
      const res = await get(`/api/v1/agent/conversations/${second}/context`, supervisor.token);
      return res.status === 200 ? res.body : null;
    }, 'the context package');
    const history = JSON.stringify(pkg);
    expect(history).toContain(`with ${supervisor.name}`);
    expect(history).toMatch(/today: .*, web, still open/);
  });

  it('merges a duplicate into the customer in one audited step', async () => {
    const dup = await start({ pack: 'bank', customer: { name: 'A. Lopez', email: 'ana@example.com' } });
    const dupCustomer = dup.body.conversation.customerId;
    const merged = await post(`/api/v1/agent/customers/${customerId}/merge`, {
      duplicateId: dupCustomer,
      reason: 'Same person: called from the email on file',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      movedConversations: 1,
      customer: { id: customerId, externalId: 'crm-60', name: 'Ana Lopez', email: 'ana@example.com' },
    });
    const timeline = (await get(`/api/v1/agent/customers/${customerId}/timeline`)).body;
    expect(timeline.entries.map((e: { conversationId: string }) => e.conversationId)).toContain(
      dup.body.conversation.id,
    );
    // The duplicate's id now leads to the one customer.
    expect((await get(`/api/v1/agent/customers/${dupCustomer}/timeline`)).body.customer.id).toBe(customerId);
    const again = await post(`/api/v1/agent/customers/${customerId}/merge`, {
      duplicateId: dupCustomer,
      reason: 'again',
    });
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    const audit = (await baton.services.store.change(async (tx) =>
      tx.db.execute(`select * from customer_merges where source_id = '${dupCustomer}'` as never),
    )) as unknown as { rows: Record<string, unknown>[] };
    expect(audit.rows).toEqual([
      expect.objectContaining({
        target_id: customerId,
        reason: 'Same person: called from the email on file',
      }),
    ]);
  });

  it('refuses to merge two different verified customers, and changes neither', async () => {
    const other = await start({ customer: { externalId: 'crm-61', name: 'Other' } }, 'crm-key');
    const res = await post(`/api/v1/agent/customers/${customerId}/merge`, {
      duplicateId: other.body.conversation.customerId,
      reason: 'looks the same',
    });
    expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
    const theirs = (await get(`/api/v1/agent/customers/${other.body.conversation.customerId}/timeline`)).body;
    expect(theirs.customer).toMatchObject({ externalId: 'crm-61' });
    expect(theirs.entries).toHaveLength(1);
  });

  it('answers an unknown customer with 404 and a bad body with 400', async () => {
    expect((await get('/api/v1/agent/customers/cus_nope/timeline')).body.code).toBe('NOT_FOUND');
    const bad = await post(`/api/v1/agent/customers/${customerId}/merge`, { duplicateId: 'x' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
