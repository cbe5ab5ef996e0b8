import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, loginToken, startTestBaton } from './support/http.ts';

const secret = 'mortgage-journey-identity-secret-32ch';
let baton: RunningBaton;
const tokens: Record<'lending' | 'branch' | 'supervisor', string> = {
  lending: '',
  branch: '',
  supervisor: '',
};

const as = (who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
  callApi(baton.url, method, path, body, tokens[who]);
const tokenOf = async (pick: (l: RunningBaton['demoLogins'][number]) => boolean) => {
  const login = baton.demoLogins.find(pick)!;
  return loginToken(baton.url, login.email, login.password);
};

beforeAll(async () => {
  baton = await startTestBaton(
    {
      apiKeys: ['ivr-key'],
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
  tokens.lending = await tokenOf((l) => l.name === 'Lending Agent');
  tokens.branch = await tokenOf((l) => l.name === 'Main Street Branch Agent');
  tokens.supervisor = await tokenOf((l) => l.role === 'supervisor');
});
afterAll(async () => {
  await baton?.close();
});

// The parts of the mortgage journey this branch covers: identity, the lending agent, the branch appointment,
// a call continuing the case, and the branch staff seeing it all (documents and email join with their parts).
describe('a mortgage customer across channels', () => {
  it('goes from a verified web chat to a lending agent, a booked branch visit and a call, as one case', async () => {
    const identity = {
      token: await new SignJWT({ name: 'Ana Lopez', email: 'ana@bank.example' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('crm-900')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(secret)),
    };
    const chat = await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank', identity });
    expect(chat.status).toBe(201);
    const web = chat.body.conversation.id as string;

    // The lending team takes it over (a supervisor routes it there; the lending agent takes it from the queue).
    await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    const moved = await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/transfer`, {
      team: 'loans',
      note: 'mortgage advice',
    });
    expect(moved.status).toBe(200);
    await as('lending', 'POST', '/api/v1/agent/presence', { status: 'online' });
    const taken = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    expect(taken.body.conversation).toMatchObject({ state: 'assigned', team: 'loans' });

    // The lending agent books the signing at the branch; the customer is told in the chat.
    const slots = (await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank')).body.slots;
    const booked = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/appointments`, {
      team: 'branch',
      startsAt: slots[0].startsAt,
      note: 'Mortgage signing',
    });
    expect(booked.status).toBe(201);

    // Days later the customer calls; the call-centre bot sends the transcript with channel voice.
    const call = await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'ivr-key' },
      body: JSON.stringify({ pack: 'bank', channel: 'voice', customer: { externalId: 'crm-900' } }),
    });
    const voice = (
      (await call.json()) as { conversation: { id: string; caseId: string; customerId: string } }
    ).conversation;
    expect(voice.caseId).toBe(web);

    // The branch staff see the appointment and, from it, the whole journey.
    const list = (await as('branch', 'GET', '/api/v1/agent/appointments')).body.appointments;
    const visit = list.find((a: { conversationId: string }) => a.conversationId === web);
    expect(visit).toMatchObject({ teamName: 'Main Street Branch', note: 'Mortgage signing' });
    const timeline = (await as('branch', 'GET', `/api/v1/agent/customers/${visit.customerId}/timeline`)).body;
    expect(
      timeline.entries.map(
        (e: { kind: string; channel?: string }) => `${e.kind}${e.channel ? `:${e.channel}` : ''}`,
      ),
    ).toEqual(['conversation:web', 'appointment', 'conversation:voice']);
    expect(timeline.entries[0]).toMatchObject({ agentName: 'Lending Agent', caseId: web });
    expect(timeline.entries[2]).toMatchObject({ caseId: web });
    const transcript = (await as('branch', 'GET', `/api/v1/conversations/${web}/messages`)).body.messages;
    expect(
      transcript.some((m: { metadata: { event?: string } }) => m.metadata.event === 'appointment_booked'),
    ).toBe(true);
  });
});
