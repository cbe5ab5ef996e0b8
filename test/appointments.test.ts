import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, loginToken, startTestBaton } from './support/http.ts';

let baton: RunningBaton;
let supervisorToken: string;
let branchToken: string;
let loansToken: string;

const withKey = async (method: string, path: string, body?: unknown): Promise<ApiResponse> => {
  const res = await fetch(`${baton.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': 'bot-key' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
};
const tokenOf = async (name: string) => {
  const login = baton.demoLogins.find((l) => l.name === name)!;
  return loginToken(baton.url, login.email, login.password);
};

beforeAll(async () => {
  baton = await startTestBaton({ apiKeys: ['bot-key'] }, { routingTickMs: 0 });
  supervisorToken = await tokenOf(baton.demoLogins.find((l) => l.role === 'supervisor')!.name);
  branchToken = await tokenOf('Main Street Branch Agent');
  loansToken = await tokenOf('Lending Agent');
});
afterAll(async () => {
  await baton?.close();
});

describe('appointments with a team in a place', () => {
  let conversationId: string;
  let customerToken: string;
  let slot: { startsAt: string; endsAt: string };

  it("offers slots from the branch's opening hours", async () => {
    const res = await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamName: 'Main Street Branch', timezone: 'America/New_York' });
    expect(res.body.slots.length).toBeGreaterThan(10);
    for (const s of res.body.slots) {
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        hourCycle: 'h23',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }).format(new Date(s.startsAt));
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat) (09|1\d):(00|30)$/);
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(30 * 60_000);
    }
    slot = res.body.slots[0];
    const places = await callApi(baton.url, 'GET', '/api/v1/packs/bank/places');
    expect(places.body.places).toEqual([
      { team: 'branch', teamName: 'Main Street Branch', location: '1 Main Street, Springfield' },
    ]);
    const notAPlace = await callApi(baton.url, 'GET', '/api/v1/teams/loans/slots?pack=bank');
    expect([notAPlace.status, notAPlace.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets the bot book a slot and confirms it to the customer in their conversation', async () => {
    const started = await withKey('POST', '/api/v1/conversations', {
      pack: 'bank',
      customer: { externalId: 'crm-70', name: 'Ana Lopez' },
    });
    conversationId = started.body.conversation.id;
    customerToken = started.body.customerToken;
    const booked = await withKey('POST', `/api/v1/conversations/${conversationId}/appointments`, {
      team: 'branch',
      startsAt: slot.startsAt,
      note: 'Mortgage signing',
    });
    expect(booked.status).toBe(201);
    expect(booked.body.appointment).toMatchObject({
      team: 'branch',
      teamName: 'Main Street Branch',
      startsAt: slot.startsAt,
      location: '1 Main Street, Springfield',
      status: 'booked',
      bookedBy: 'bot',
    });
    const seen = await callApi(
      baton.url,
      'GET',
      `/api/v1/conversations/${conversationId}/messages`,
      undefined,
      customerToken,
    );
    const confirmation = seen.body.messages.find(
      (m: { metadata: { event?: string } }) => m.metadata.event === 'appointment_booked',
    );
    expect(confirmation.text).toMatch(
      /Your appointment with Main Street Branch is booked for .* Eastern .* at 1 Main Street/,
    );
    expect(confirmation.metadata.appointment).toMatchObject({
      startsAt: slot.startsAt,
      location: '1 Main Street, Springfield',
    });
  });

  it('books a slot no more times than the branch can see people at once, even all at the same moment', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, () =>
        withKey('POST', `/api/v1/conversations/${conversationId}/appointments`, {
          team: 'branch',
          startsAt: slot.startsAt,
        }),
      ),
    );
    // Capacity 2, one booked already: exactly one more wins.
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(attempts.find((a) => a.status === 409)!.body.code).toBe('SLOT_NOT_AVAILABLE');
    const after = await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank');
    expect(after.body.slots.map((s: { startsAt: string }) => s.startsAt)).not.toContain(slot.startsAt);
  });

  it('refuses a time outside the hours, and an agent who is not on the conversation', async () => {
    const sunday = new Date(slot.startsAt);
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7));
    sunday.setUTCHours(16, 0, 0, 0);
    const closed = await withKey('POST', `/api/v1/conversations/${conversationId}/appointments`, {
      team: 'branch',
      startsAt: sunday.toISOString(),
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'SLOT_NOT_AVAILABLE']);
    const later = (await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank')).body.slots[5];
    const stranger = await callApi(
      baton.url,
      'POST',
      `/api/v1/agent/conversations/${conversationId}/appointments`,
      { team: 'branch', startsAt: later.startsAt },
      loansToken,
    );
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    const bySupervisor = await callApi(
      baton.url,
      'POST',
      `/api/v1/agent/conversations/${conversationId}/appointments`,
      { team: 'branch', startsAt: later.startsAt },
      supervisorToken,
    );
    expect(bySupervisor.status).toBe(201);
  });

  it("shows the branch staff their appointments, each with the customer's whole journey", async () => {
    const mine = await callApi(baton.url, 'GET', '/api/v1/agent/appointments', undefined, branchToken);
    expect(mine.status).toBe(200);
    const forAna = mine.body.appointments.filter(
      (a: { conversationId: string }) => a.conversationId === conversationId,
    );
    expect(forAna).toHaveLength(3);
    const notTheirs = await callApi(baton.url, 'GET', '/api/v1/agent/appointments', undefined, loansToken);
    expect(notTheirs.body.appointments).toEqual([]);
    const opened = await callApi(
      baton.url,
      'GET',
      `/api/v1/agent/conversations/${conversationId}`,
      undefined,
      branchToken,
    );
    expect(opened.status).toBe(200);
    const timeline = await callApi(
      baton.url,
      'GET',
      `/api/v1/agent/customers/${forAna[0].customerId}/timeline`,
      undefined,
      branchToken,
    );
    expect(timeline.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'conversation',
      'appointment',
      'appointment',
      'appointment',
    ]);
    expect(timeline.body.summary[0]).toMatch(/^today: booked an appointment with Main Street Branch/);
  });
});
