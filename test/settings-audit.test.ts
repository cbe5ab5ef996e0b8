import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';

// The settings API an admin's screens use, and the audit log each change writes: who, when, what, before/after.

let baton: RunningBaton;
let adminToken: string;
let adminId: string;
let agentToken: string;
let team: string;

const call = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  baton.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  call(adminToken, method, url, payload);
const audit = async (query = '') => (await admin('GET', `/api/v1/admin/audit${query}`)).json();

beforeAll(async () => {
  baton = await startTestBaton({}, { routingTickMs: 0 });
  const login = async (role: string) => {
    const l = baton.demoLogins.find((x) => x.role === role)!;
    const res = await baton.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: l.email, password: l.password },
    });
    return res.json() as { token: string; agent: { id: string } };
  };
  ({
    token: adminToken,
    agent: { id: adminId },
  } = await login('admin'));
  agentToken = (await login('agent')).token;
  team = (await admin('GET', '/api/v1/admin/teams')).json().teams[0].id;
});
afterAll(() => baton?.close());

describe('settings changes and their audit log', () => {
  it('records a team hours change with the admin, the time and only the changed fields', async () => {
    const hours = {
      timezone: 'Asia/Tokyo',
      weekly: { mon: ['09:00-17:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    const res = await admin('PATCH', `/api/v1/admin/teams/${team}`, { businessHours: hours });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = (await audit('?area=teams')).entries;
    expect(entry).toMatchObject({
      area: 'teams',
      subject: team,
      action: 'update',
      actor: adminId,
      actorName: 'Avery Admin',
      after: { businessHours: { ...hours, holidays: [] } },
    });
    expect(Object.keys(entry.before)).toEqual(['businessHours']);
    expect(Date.now() - Date.parse(entry.createdAt)).toBeLessThan(60_000);
  });

  it('refuses bad input with a coded 400 and logs nothing', async () => {
    const before = (await audit()).entries.length;
    const res = await admin('PATCH', `/api/v1/admin/teams/${team}`, {
      businessHours: { timezone: 'Mars/Olympus', weekly: {} },
    });
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain('businessHours.timezone');
    const missing = await admin('PATCH', '/api/v1/admin/teams/nope', { name: 'X' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await audit()).entries).toHaveLength(before);
  });

  it('logs account changes without any password', async () => {
    const created = await admin('POST', '/api/v1/admin/agents', {
      email: 'robin@example.com',
      name: 'Robin Reyes',
      password: 'quiet-harbor-lamp-48',
      teams: [team],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().agent.id;
    await admin('PATCH', `/api/v1/admin/agents/${id}`, {
      password: 'other-maple-river-73',
      role: 'supervisor',
    });
    const { entries } = await audit(`?area=agents&subject=${id}`);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(entries[0]).toMatchObject({
      before: { role: 'agent', password: '(hidden)' },
      after: { role: 'supervisor', password: '(hidden)' },
    });
    expect(entries[1].after).toMatchObject({ email: 'robin@example.com', teams: [team] });
    const text = JSON.stringify(entries);
    for (const secret of ['quiet-harbor', 'other-maple', 'passwordHash', 'scrypt'])
      expect(text).not.toContain(secret);
  });

  it('manages macros per team, refusing an unknown team, and logs each step', async () => {
    const bad = await admin('POST', '/api/v1/admin/macros', { title: 'T', text: 'x', team: 'no_such_team' });
    expect([bad.statusCode, bad.json().code, bad.json().details[0].path]).toEqual([
      400,
      'VALIDATION_FAILED',
      'team',
    ]);
    const made = await admin('POST', '/api/v1/admin/macros', {
      title: 'Refund',
      text: 'Refunds take 3 days.',
      team,
    });
    const id = made.json().macro.id;
    await admin('PATCH', `/api/v1/admin/macros/${id}`, { text: 'Refunds take 5 days.' });
    const listed = (await admin('GET', `/api/v1/admin/macros?team=${team}`)).json().macros;
    expect(listed).toEqual([{ id, title: 'Refund', text: 'Refunds take 5 days.', team }]);
    expect((await admin('DELETE', `/api/v1/admin/macros/${id}`)).statusCode).toBe(200);
    const { entries } = await audit(`?area=macros&subject=${id}`);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(entries[1]).toMatchObject({
      before: { text: 'Refunds take 3 days.' },
      after: { text: 'Refunds take 5 days.' },
    });
    expect(entries[0]).toMatchObject({ before: { title: 'Refund' }, after: null });
  });

  it('pages with a cursor, refuses a forged one, and is for admins only', async () => {
    const all = (await audit('?limit=200')).entries.map((e: { id: string }) => e.id);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { entries: { id: string }[]; nextCursor: string | null } = await audit(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const forged = await admin('GET', '/api/v1/admin/audit?cursor=bm90LWEtY3Vyc29y');
    expect([forged.statusCode, forged.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const asAgent = await call(agentToken, 'GET', '/api/v1/admin/audit');
    expect(asAgent.statusCode).toBe(403);
  });
});
