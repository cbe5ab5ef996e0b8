import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../src/platform/clock.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, startTestBaton } from './support/http.ts';
import { connect, isType, type TestSocket } from './support/ws-client.ts';

// Time moves only when the test says so: deadlines are checked to the second whatever the machine's load.
const clock = manualClock(new Date('2026-11-25T14:00:00Z'));
const apiKey = 'incident-test-key-1';
let baton: RunningBaton;
let adminToken: string;

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);
const alert = async (body: unknown, key: string | null = apiKey) => {
  const res = await fetch(`${baton.url}/api/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key && { 'x-api-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};
const login = async (email: string, password: string) =>
  (await api('POST', '/api/v1/auth/login', { email, password })).body.token as string;

type Person = { token: string; ws: TestSocket; id: string; name: string };
const onlinePerson = async (name: string, teams: string[]): Promise<Person> => {
  const email = `${name.toLowerCase().replaceAll(' ', '.')}@trading.example`;
  await api(
    'POST',
    '/api/v1/admin/agents',
    { email, name, password: 'Harbor-lantern-92x', teams },
    adminToken,
  );
  const token = await login(email, 'Harbor-lantern-92x');
  const ws = await connect(baton.url);
  ws.send({ type: 'auth', token });
  await ws.next(isType('ready'));
  const me = (await api('GET', '/api/v1/me', undefined, token)).body.agent;
  return { token, ws, id: me.id as string, name };
};
const paged =
  (incidentId: string, event: 'paged' | 'repaged') =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'incident' }> =>
    m.type === 'incident' && m.incident.id === incidentId && m.event === event && m.page !== null;

const flashCrash = {
  pack: 'trading',
  type: 'flash_crash',
  severity: 'critical',
  fingerprint: 'flash-crash:ESZ6',
  title: 'Flash-crash pattern on ESZ6',
  source: 'risk-monitor',
  facts: {
    instrument: 'ESZ6',
    priceMove: '-4.8%',
    window: '90 s',
    volume: 182000,
    positionsExposed: ['ESZ6 long 420', 'NQZ6 long 35'],
    systemsAffected: ['matching-engine', 'risk-gateway'],
    matchingLatencyMs: 840,
  },
};

beforeAll(async () => {
  baton = await startTestBaton(
    { apiKeys: [apiKey], allowPrivateTargets: ['127.0.0.1'] },
    { now: clock.now, routingTickMs: 0 },
  );
  const admin = baton.demoLogins.find((l) => l.role === 'admin')!;
  adminToken = await login(admin.email, admin.password);
  // Starting trains the demo packs' classifiers, which takes a while on a busy machine.
}, 180_000);
afterAll(async () => {
  await baton?.close();
});

describe('the alert API', () => {
  it('needs an API key and refuses bad input with a code', async () => {
    expect((await alert(flashCrash, null)).status).toBe(401);
    expect((await alert(flashCrash, 'wrong')).status).toBe(401);
    const bad = await alert({ ...flashCrash, severity: 'apocalyptic', fingerprint: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['severity', 'fingerprint']);
    const unknownPack = await alert({ ...flashCrash, pack: 'nope' });
    expect([unknownPack.status, unknownPack.body.code]).toEqual([404, 'PACK_NOT_FOUND']);
    const noPolicy = await alert({ ...flashCrash, pack: undefined, type: 'solar_flare' });
    expect([noPolicy.status, noPolicy.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('opens an incident without paging when no policy covers the severity', async () => {
    const low = await alert({ ...flashCrash, severity: 'low', fingerprint: 'low-one' });
    expect(low.status).toBe(200);
    expect(low.body).toMatchObject({ outcome: 'opened', incident: { policy: null, pages: [] } });
  });
});

describe('the flash-crash scenario', () => {
  let trader: Person;
  let officer: Person;
  let ops: Person;
  let head: Person;
  let incidentId: string;

  beforeAll(async () => {
    trader = await onlinePerson('Tara Trader', ['traders']);
    officer = await onlinePerson('Colin Compliance', ['compliance']);
    ops = await onlinePerson('Ivy Ops', ['it_ops']);
    head = await onlinePerson('Hal Head', ['head_of_desk']);
    // Nobody of the CRO's team is online: the last rung is unreachable.
  });

  it('pages traders, compliance and IT at once, each with their own view', async () => {
    const hook = await api(
      'POST',
      '/api/v1/admin/webhooks',
      { url: 'http://127.0.0.1:9/pager', events: ['incident.opened', 'incident.paged'] },
      adminToken,
    );
    expect(hook.status).toBe(201);
    const res = await alert(flashCrash);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('opened');
    incidentId = res.body.incident.id;
    expect(res.body.incident.pages.map((p: { team: string; pages: number }) => [p.team, p.pages])).toEqual([
      ['compliance', 1],
      ['it_ops', 1],
      ['traders', 1],
    ]);
    const [t, c, i] = await Promise.all([
      trader.ws.next(paged(incidentId, 'paged')),
      officer.ws.next(paged(incidentId, 'paged')),
      ops.ws.next(paged(incidentId, 'paged')),
    ]);
    expect(t.view?.action).toMatch(/pause automated strategies on ESZ6/);
    expect(t.view?.sections.map((s) => s.title)).toEqual(['Market', 'Our positions']);
    expect(c.view?.obligations[0]).toMatch(/Preserve order/);
    expect(c.view?.reportingDueAt).toBe(
      new Date(Date.parse(res.body.incident.firstSeenAt) + 3600_000).toISOString(),
    );
    expect(i.view?.runbook).toBe('https://runbooks.meridian.example/flash-crash');
    expect(i.view?.sections[0]?.facts.map((f) => f.key)).toEqual(['systemsAffected', 'matchingLatencyMs']);
    expect(head.ws.received.some((m) => m.type === 'incident' && m.page !== null)).toBe(false);
    // Signed webhooks for phone, SMS and chat tools: the incident, then one page per team with that team's view.
    const deliveries = (
      await api('GET', `/api/v1/admin/webhooks/${hook.body.webhook.id}/deliveries`, undefined, adminToken)
    ).body.deliveries as {
      eventType: string;
      payload: { data: { team?: string; view?: { team: string } } };
    }[];
    const mine = deliveries.filter((d) => JSON.stringify(d.payload).includes(incidentId));
    expect(mine.map((d) => d.eventType).sort()).toEqual([
      'incident.opened',
      'incident.paged',
      'incident.paged',
      'incident.paged',
    ]);
    expect(
      mine
        .filter((d) => d.eventType === 'incident.paged')
        .map((d) => d.payload.data.view?.team)
        .sort(),
    ).toEqual(['compliance', 'it_ops', 'traders']);
  });

  it('folds a repeated alert into the same incident without paging again', async () => {
    const res = await alert({ ...flashCrash, facts: { priceMove: '-6.1%', volume: 240000 } });
    expect(res.body.outcome).toBe('updated');
    expect(res.body.incident).toMatchObject({ id: incidentId, count: 2 });
    expect(res.body.incident.facts).toMatchObject({ instrument: 'ESZ6', priceMove: '-6.1%', volume: 240000 });
    expect(res.body.incident.pages.every((p: { pages: number }) => p.pages === 1)).toBe(true);
  });

  it('lets each team acknowledge for itself; the others are re-paged after their deadline, then escalated', async () => {
    const acked = await api('POST', `/api/v1/incidents/${incidentId}/acknowledge`, {}, trader.token);
    expect(acked.status).toBe(200);
    expect(acked.body.incident.status).toBe('investigating');
    const wrongTeam = await api(
      'POST',
      `/api/v1/incidents/${incidentId}/acknowledge`,
      { team: 'it_ops' },
      trader.token,
    );
    expect([wrongTeam.status, wrongTeam.body.code]).toEqual([403, 'NOT_IN_TEAM']);

    clock.advance(119_000);
    expect(await baton.services.incidents.runTimers()).toBe(0);
    clock.advance(1_000);
    expect(await baton.services.incidents.runTimers()).toBe(1);
    await Promise.all([
      officer.ws.next(paged(incidentId, 'repaged')),
      ops.ws.next(paged(incidentId, 'repaged')),
    ]);
    expect(trader.ws.received.some((m) => m.type === 'incident' && m.event === 'repaged')).toBe(false);

    await api('POST', `/api/v1/incidents/${incidentId}/acknowledge`, { team: 'compliance' }, officer.token);
    clock.advance(120_000);
    await baton.services.incidents.runTimers();
    clock.advance(120_000);
    await baton.services.incidents.runTimers();
    await head.ws.next(paged(incidentId, 'paged'));
    const detail = await api('GET', `/api/v1/incidents/${incidentId}`, undefined, adminToken);
    const pages = Object.fromEntries(detail.body.incident.pages.map((p: { team: string }) => [p.team, p]));
    expect(pages.it_ops).toMatchObject({ pages: 3, dueAt: null, ackedAt: null });
    expect(pages.traders.ackedByName).toBe('Tara Trader');
    expect(pages.head_of_desk).toMatchObject({ level: 1, pages: 1 });
    expect(detail.body.incident.ladderLevel).toBe(1);

    // Head of desk never answers: after its re-pages the CRO's rung is tried, and nobody there is online.
    for (let i = 0; i < 3; i++) {
      clock.advance(120_000);
      await baton.services.incidents.runTimers();
    }
    const after = await api('GET', `/api/v1/incidents/${incidentId}`, undefined, adminToken);
    expect(after.body.incident.ladderLevel).toBe(2);
    expect(after.body.timeline.map((e: { kind: string }) => e.kind)).toContain('unreachable');
  });

  it('keeps one timeline of notes and status changes from every team, and resolves with a summary', async () => {
    await api(
      'POST',
      `/api/v1/incidents/${incidentId}/notes`,
      { text: 'Quotes pulled on ESZ6' },
      trader.token,
    );
    await api(
      'POST',
      `/api/v1/incidents/${incidentId}/status`,
      { status: 'mitigated', text: 'feeds healthy' },
      ops.token,
    );
    const officerView = await api('GET', `/api/v1/incidents/${incidentId}`, undefined, officer.token);
    expect(officerView.body.views.map((v: { team: string }) => v.team)).toEqual(['compliance']);
    expect(officerView.body.views[0].auditTrail).toBe(true);
    const timeline = officerView.body.timeline as {
      kind: string;
      team: string | null;
      actorName: string | null;
      text: string;
    }[];
    expect(timeline.map((e) => e.kind)).toEqual([
      'opened',
      'paged',
      'paged',
      'paged',
      'repeated',
      'acknowledged',
      'repaged',
      'repaged',
      'acknowledged',
      'repaged',
      'escalated',
      'paged',
      'repaged',
      'repaged',
      'escalated',
      'unreachable',
      'note',
      'status',
    ]);
    expect(timeline.find((e) => e.kind === 'note')).toMatchObject({
      team: 'traders',
      actorName: 'Tara Trader',
    });

    const resolved = await api(
      'POST',
      `/api/v1/incidents/${incidentId}/resolve`,
      { summary: 'Fat-finger sell order; desk flat' },
      trader.token,
    );
    expect(resolved.body.incident).toMatchObject({
      status: 'resolved',
      summary: 'Fat-finger sell order; desk flat',
    });
    expect(resolved.body.incident.pages.every((p: { dueAt: string | null }) => p.dueAt === null)).toBe(true);
    const again = await api(
      'POST',
      `/api/v1/incidents/${incidentId}/resolve`,
      { summary: 'x' },
      trader.token,
    );
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
    const next = await alert(flashCrash);
    expect(next.body.outcome).toBe('opened');
    expect(next.body.incident.id).not.toBe(incidentId);
  });

  it('shows a team only the incidents that paged it', async () => {
    const mine = await api('GET', '/api/v1/incidents?status=all', undefined, head.token);
    expect(mine.body.incidents.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const outsider = await onlinePerson('Otto Outsider', ['client_desk']);
    expect(
      (await api('GET', '/api/v1/incidents?status=all', undefined, outsider.token)).body.incidents,
    ).toEqual([]);
    for (const [path, body] of [
      ['', undefined],
      ['/notes', { text: 'hello' }],
    ] as const) {
      const res = await api(
        body ? 'POST' : 'GET',
        `/api/v1/incidents/${incidentId}${path}`,
        body,
        outsider.token,
      );
      expect([res.status, res.body.code]).toEqual([404, 'INCIDENT_NOT_FOUND']);
    }
    const missing = await api('GET', '/api/v1/incidents/inc_nope', undefined, head.token);
    expect([missing.status, missing.body.code]).toEqual([404, 'INCIDENT_NOT_FOUND']);
  });
});
