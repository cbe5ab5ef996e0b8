import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, loginToken, startTestBaton } from './support/http.ts';

let baton: RunningBaton;
let supervisorToken: string;

/** Starts a conversation, with or without an API key. */
const start = async (body: unknown, apiKey?: string): Promise<ApiResponse> => {
  const res = await fetch(`${baton.url}/api/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey !== undefined && { 'x-api-key': apiKey }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
};
/** The customer of a conversation, as a supervisor sees it. */
const customerOf = async (conversationId: string) =>
  (
    await callApi(
      baton.url,
      'GET',
      `/api/v1/agent/conversations/${conversationId}`,
      undefined,
      supervisorToken,
    )
  ).body.customer;

beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['test-key-123'] }, { routingTickMs: 0 });
  const supervisor = baton.demoLogins.find((l) => l.role === 'supervisor')!;
  supervisorToken = await loginToken(baton.url, supervisor.email, supervisor.password);
});
afterAll(async () => {
  await baton?.close();
});

describe("who may set a customer's profile", () => {
  it("never lets an anonymous caller read or change a known customer's profile by naming their externalId", async () => {
    const known = await start(
      {
        pack: 'bank',
        customer: {
          externalId: 'crm-1',
          name: 'Dana Reyes',
          email: 'dana@example.com',
          tier: 'vip',
          attributes: { plan: 'private' },
        },
      },
      'test-key-123',
    );
    expect(known.status).toBe(201);
    const original = await customerOf(known.body.conversation.id);

    const impostor = await start({
      pack: 'bank',
      customer: {
        externalId: 'crm-1',
        name: 'Mallory',
        email: 'mallory@example.com',
        tier: 'standard',
        attributes: { plan: 'none' },
      },
    });
    expect(impostor.status).toBe(201);
    // The known customer is as the API key left them.
    expect(await customerOf(known.body.conversation.id)).toEqual(original);
    expect(original).toMatchObject({ externalId: 'crm-1', name: 'Dana Reyes', tier: 'vip' });
    // The impostor is a new, anonymous customer with only what they said of themselves.
    expect(await customerOf(impostor.body.conversation.id)).toEqual({
      id: expect.not.stringMatching(original.id),
      externalId: null,
      name: 'Mallory',
      email: 'mallory@example.com',
      tier: 'standard',
      attributes: {},
    });
  });

  it('takes no tier or attributes from an anonymous caller, so nobody picks their own routing', async () => {
    const anonymous = await start({
      pack: 'bank',
      customer: { name: 'Lee', tier: 'vip', attributes: { a: 1 } },
    });
    expect(await customerOf(anonymous.body.conversation.id)).toMatchObject({
      name: 'Lee',
      tier: 'standard',
      attributes: {},
    });
  });

  it('lets an anonymous caller claim no externalId, so its owner later gets a customer of their own', async () => {
    const squatter = await start({ pack: 'bank', customer: { externalId: 'crm-2', name: 'Squatter' } });
    const owner = await start(
      { pack: 'bank', customer: { externalId: 'crm-2', name: 'Owner', tier: 'gold' } },
      'test-key-123',
    );
    const ownerCustomer = await customerOf(owner.body.conversation.id);
    expect(ownerCustomer).toMatchObject({ externalId: 'crm-2', name: 'Owner', tier: 'gold' });
    expect((await customerOf(squatter.body.conversation.id)).id).not.toBe(ownerCustomer.id);
  });

  it('lets an API key update the customer its externalId names', async () => {
    const first = await start(
      { customer: { externalId: 'crm-3', name: 'Sam', tier: 'standard' } },
      'test-key-123',
    );
    const again = await start(
      { customer: { externalId: 'crm-3', name: 'Sam Ortiz', tier: 'gold' } },
      'test-key-123',
    );
    const before = await customerOf(first.body.conversation.id);
    const after = await customerOf(again.body.conversation.id);
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ externalId: 'crm-3', name: 'Sam Ortiz', tier: 'gold' });
  });

  it('refuses a wrong API key instead of treating the caller as anonymous', async () => {
    const res = await start({ customer: { externalId: 'crm-1', name: 'Mallory' } }, 'guessed-key');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_TOKEN');
  });
});
