import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../src/channels/verified-identity.ts';
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

describe('a host-signed identity, required', () => {
  const secret = 'bank-and-baton-share-this-secret-32chars';
  let signed: RunningBaton;
  let watcher: string;
  const startOn = async (body: unknown, apiKey?: string): Promise<ApiResponse> => {
    const res = await fetch(`${signed.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey !== undefined && { 'x-api-key': apiKey }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json(), headers: res.headers };
  };
  const customerOn = async (conversationId: string) =>
    (await callApi(signed.url, 'GET', `/api/v1/agent/conversations/${conversationId}`, undefined, watcher))
      .body.customer;
  const sign = (claims: Record<string, unknown>, key = secret, expiresIn: string | number = '10m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(expiresIn)
      .sign(new TextEncoder().encode(key));

  beforeAll(async () => {
    signed = await startTestBaton(
      {
        apiKeys: ['crm-key'],
        identity: {
          secret,
          publicKey: undefined,
          jwksUrl: undefined,
          issuer: undefined,
          audience: undefined,
          required: true,
        },
      },
      { routingTickMs: 0 },
    );
    const supervisor = signed.demoLogins.find((l) => l.role === 'supervisor')!;
    watcher = await loginToken(signed.url, supervisor.email, supervisor.password);
  });
  afterAll(async () => {
    await signed?.close();
  });

  it('links a verified customer to the one the CRM knows and takes what the host signed', async () => {
    const known = await startOn({ customer: { externalId: 'crm-40', name: 'Dana', tier: 'vip' } }, 'crm-key');
    const token = await sign({ sub: 'crm-40', name: 'Dana Reyes', email: 'dana@bank.example' });
    const chat = await startOn({ customer: { name: 'typed on the page' }, identity: { token } });
    expect(chat.status).toBe(201);
    const customer = await customerOn(chat.body.conversation.id);
    expect(customer).toMatchObject({
      id: (await customerOn(known.body.conversation.id)).id,
      externalId: 'crm-40',
      name: 'Dana Reyes',
      email: 'dana@bank.example',
      tier: 'vip',
    });
  });

  it('links by the HMAC of the user id without changing the profile', async () => {
    await startOn({ customer: { externalId: 'crm-41', name: 'Ola', tier: 'gold' } }, 'crm-key');
    const chat = await startOn({
      customer: { externalId: 'crm-41', name: 'Mallory' },
      identity: { userId: 'crm-41', hash: userHash(secret, 'crm-41') },
    });
    expect(chat.status).toBe(201);
    expect(await customerOn(chat.body.conversation.id)).toMatchObject({
      externalId: 'crm-41',
      name: 'Ola',
      tier: 'gold',
    });
  });

  it('refuses every forgery, and changes nobody', async () => {
    await startOn({ customer: { externalId: 'crm-42', name: 'Victim', tier: 'vip' } }, 'crm-key');
    const good = await sign({ sub: 'crm-43', name: 'Mallory' });
    const [h, , s] = good.split('.');
    const forged = {
      'wrong secret': await sign({ sub: 'crm-42', name: 'Mallory' }, 'mallory-guessed-a-secret-of-32-chars!'),
      'tampered claims': `${h}.${Buffer.from(JSON.stringify({ sub: 'crm-42', exp: 4102444800 })).toString('base64url')}.${s}`,
      expired: await sign({ sub: 'crm-42' }, secret, Math.floor(Date.now() / 1000) - 3600),
      'alg none': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'crm-42', exp: 4102444800 })).toString('base64url')}.`,
    };
    for (const [name, token] of Object.entries(forged)) {
      const res = await startOn({ customer: { name: 'Mallory' }, identity: { token } });
      expect({ name, status: res.status, code: res.body.code }).toEqual({
        name,
        status: 401,
        code: 'INVALID_IDENTITY',
      });
    }
    const badHash = await startOn({
      identity: { userId: 'crm-42', hash: userHash('x'.repeat(32), 'crm-42') },
    });
    expect([badHash.status, badHash.body.code]).toEqual([401, 'INVALID_IDENTITY']);
    const claimed = await startOn({ customer: { externalId: 'crm-42', name: 'Mallory' } });
    expect([claimed.status, claimed.body.code]).toEqual([401, 'IDENTITY_REQUIRED']);
    const mismatch = await startOn({ customer: { externalId: 'crm-42' }, identity: { token: good } });
    expect([mismatch.status, mismatch.body.code]).toEqual([401, 'INVALID_IDENTITY']);
    // The victim is as the CRM left them.
    const again = await startOn({ customer: { externalId: 'crm-42' } }, 'crm-key');
    expect(await customerOn(again.body.conversation.id)).toMatchObject({ name: 'Victim', tier: 'vip' });
  });

  it('refuses an anonymous visitor when identity is required', async () => {
    const res = await startOn({ customer: { name: 'Lee' } });
    expect([res.status, res.body.code]).toEqual([401, 'IDENTITY_REQUIRED']);
  });
});
