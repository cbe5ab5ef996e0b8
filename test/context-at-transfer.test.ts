import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { testClock } from './support/test-clock.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

const clock = testClock();
let baton: RunningBaton;
let adminToken: string;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);
const login = async (email: string, password: string) =>
  (await api('POST', '/api/v1/auth/login', { email, password })).body.token as string;

type Agent = { token: string; ws: TestSocket; id: string; name: string };

/** A console user in these teams, connected (so online). */
const onlineAgent = async (name: string, teams: string[]): Promise<Agent> => {
  const email = `${name}@example.com`;
  await api(
    'POST',
    '/api/v1/admin/agents',
    { email, name, password: 'amber-lantern-42', teams, capacity: 3 },
    adminToken,
  );
  const token = await login(email, 'amber-lantern-42');
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'));
  await api('POST', '/api/v1/agent/presence', { status: 'online' }, token);
  const me = (await api('GET', '/api/v1/me', undefined, token)).body.agent;
  return { token, ws, id: me.id as string, name };
};

/** The agent's pending offer for the conversation, polled through the API. */
const offerFor = async (conversationId: string, agent: Agent) => {
  for (let i = 0; i < 200; i++) {
    const offers = (await api('GET', '/api/v1/agent/offers', undefined, agent.token)).body.offers as {
      id: string;
      conversationId: string;
      reason: string;
    }[];
    const offer = offers.find((o) => o.conversationId === conversationId);
    if (offer) return offer;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no offer for ${conversationId} to ${agent.name}`);
};

type Said = { authorKind: string; text: string; metadata: Record<string, unknown> };

/** A software customer whose E202 flow gave up: handed to Level 2 Engineering. */
const e202HandedOff = async () => {
  const created = (await api('POST', '/api/v1/conversations', { pack: 'software' })).body;
  const id = created.conversation.id as string;
  const token = created.customerToken as string;
  let n = 0;
  const say = async (text: string) => {
    await api('POST', `/api/v1/conversations/${id}/messages`, { text, clientMessageId: `m${n++}` }, token);
    await baton.services.conversations.settle();
    return (await api('GET', `/api/v1/conversations/${id}/messages`, undefined, token)).body
      .messages as Said[];
  };
  for (const text of [
    'sync fails with error E202',
    'cleared it, still E202',
    'logged out and in again, no luck',
    "reinstalled, it's STILL there",
  ])
    await say(text);
  const conversation = (await api('GET', `/api/v1/conversations/${id}`, undefined, token)).body.conversation;
  expect(conversation).toMatchObject({ state: 'queued', team: 'l2' });
  return { id, say };
};

const context = async (id: string) =>
  (await api('GET', `/api/v1/agent/conversations/${id}/context`, undefined, adminToken)).body;

let sam: Agent;
let bea: Agent;

beforeAll(async () => {
  baton = await startTestBaton({}, { now: clock.now, routingTickMs: 0 });
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await login(admin.email, admin.password);
  sam = await onlineAgent('sam', ['l2']);
  bea = await onlineAgent('bea', ['billing']);
}, 180_000);
afterAll(async () => {
  await sam?.ws.close();
  await bea?.ws.close();
  await baton?.close();
});

describe('context at transfer and hand-back', () => {
  it('rebuilds the package at a transfer: the new team, the note first, and the offer says why', async () => {
    const { id } = await e202HandedOff();
    const first = await context(id);
    expect(first).toMatchObject({ handoffs: 1, context: { decision: { team: 'l2' } } });
    expect(first.context.transfer).toBeUndefined();

    await api('POST', `/api/v1/agent/offers/${(await offerFor(id, sam)).id}/accept`, undefined, sam.token);
    const note = 'Sync is fixed; the customer now disputes the March invoice charged twice.';
    const moved = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/transfer`,
      { team: 'billing', note },
      sam.token,
    );
    expect(moved.status).toBe(200);

    const rebuilt = await context(id);
    expect(rebuilt.handoffs).toBe(2);
    expect(rebuilt.context).toMatchObject({
      transfer: { fromTeam: 'l2', fromTeamName: 'Level 2 Engineering', by: 'sam', note },
      decision: { team: 'billing', teamName: 'Billing', rule: 'transfer' },
      nextStep: { rule: 'transfer_note' },
    });
    expect(rebuilt.context.decision.reasons[0]).toBe(`Transferred from Level 2 Engineering by sam: ${note}`);
    expect(rebuilt.context.nextStep.text).toContain('March invoice charged twice');
    expect(rebuilt.context.summary.outcome).toContain(
      'sam transferred it from Level 2 Engineering to Billing',
    );
    // the receiving agent's offer reads the rebuilt package
    const offer = await offerFor(id, bea);
    expect(offer.reason).toContain('March invoice');
  });

  it('an overflow is a transfer too: the package names the new team and the overflow note', async () => {
    const { id } = await e202HandedOff();
    await baton.services.conversations.apply(
      id,
      { type: 'transfer_to_team', team: 'l1' },
      {
        with: async (change) => {
          await change.note(
            'Waited over 120 s for Level 2 Engineering; overflowed to l1.',
            { event: 'overflow' },
            true,
          );
        },
      },
    );
    const rebuilt = await context(id);
    expect(rebuilt.context).toMatchObject({
      transfer: { by: 'Overflow', fromTeam: 'l2', note: expect.stringContaining('overflowed to l1') },
      decision: { team: 'l1', teamName: 'Support' },
    });
  });

  it('shows the hand-back summary, and the bot does not repeat the solved steps on the same error', async () => {
    const { id, say } = await e202HandedOff();
    await api('POST', `/api/v1/agent/offers/${(await offerFor(id, sam)).id}/accept`, undefined, sam.token);
    const back = await api(
      'POST',
      `/api/v1/agent/conversations/${id}/hand-back`,
      { summary: 'Re-linked your cloud account in Settings > Account > Linked devices.' },
      sam.token,
    );
    expect(back.status).toBe(200);
    const after = await say("I'm getting E202 when syncing again");
    const note = after.find((m) => m.metadata.event === 'handed_back');
    expect(note?.text).toContain('Summary: Re-linked your cloud account');
    const reply = after.at(-1)!;
    expect(reply.authorKind).toBe('bot');
    expect(reply.text).toContain('sam');
    expect(reply.text).toContain('Re-linked your cloud account');
    expect(reply.text).not.toMatch(/Settings > Advanced > Clear cache|uninstall Tandem/);

    // It fails again: a new handoff whose package is about what came since the hand-back.
    await say('no, still E202');
    const again = await context(id);
    expect(again.handoffs).toBe(2);
    expect(again.context.summary.botTried).toEqual([
      expect.objectContaining({
        kind: 'flow',
        what: expect.stringContaining('person_fix'),
        result: 'gave_up',
      }),
    ]);
    expect(again.context.summary.customerWants).not.toContain('sync fails with error E202');
  });
});
