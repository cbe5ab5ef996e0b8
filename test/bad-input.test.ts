import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';
import { connect, isType } from './support/ws-client.ts';

/**
 * Sends NUL characters, lone surrogate halves, 10,000-level nesting and oversize attributes to every route
 * the router documents, as every kind of caller that may call it, and checks that each is refused with a
 * coded 4xx that names the field, and that nothing changed.
 */

const apiKey = 'bad-input-test-key-0123456789';
type CallerKind = 'anonymous' | 'customer' | 'agent' | 'supervisor' | 'admin' | 'apiKey';
const mayCall: Record<string, CallerKind[]> = {
  public: ['anonymous'],
  customer: ['customer'],
  customerOrConsole: ['customer', 'agent', 'admin'],
  console: ['agent', 'supervisor', 'admin'],
  supervisor: ['supervisor', 'admin'],
  admin: ['admin'],
  apiKey: ['apiKey'],
  publicOrApiKey: ['anonymous', 'apiKey'],
};

const customer = {
  externalId: 'crm-42',
  name: 'Ana',
  email: 'ana@example.com',
  tier: 'gold',
  attributes: { plan: 'premium', orders: [{ id: 'o-1', total: 12.5 }] },
};
/** A valid body for each documented route that takes one; every mutation below starts from it. */
const bodies: Record<string, Record<string, unknown>> = {
  'POST /api/v1/conversations': { pack: 'bank', channel: 'web', customer },
  'POST /api/v1/conversations/{id}/messages': { text: 'hello', clientMessageId: 'c-1' },
  'POST /api/v1/auth/login': { email: 'admin@baton.local', password: 'not-the-password' },
  'POST /api/v1/agent/conversations/{id}/take': { summary: 'taking it' },
  'POST /api/v1/agent/conversations/{id}/resolve': { summary: 'done' },
  'POST /api/v1/agent/conversations/{id}/hand-back': { summary: 'paid the fee' },
  'POST /api/v1/agent/conversations/{id}/messages': { text: 'hi', clientMessageId: 'a-1', internal: true },
  'POST /api/v1/admin/agents': {
    email: 'new@example.com',
    name: 'New',
    role: 'agent',
    password: 'Harbor-lantern-92x',
    teams: ['loans'],
    skills: ['loans'],
    capacity: 2,
  },
  'PATCH /api/v1/admin/agents/{id}': { name: 'Renamed', teams: ['loans'], skills: ['loans'] },
  'POST /api/v1/agent/presence': { status: 'away' },
  'POST /api/v1/agent/conversations/{id}/transfer': { team: 'loans', agentId: 'agt_x', note: 'please help' },
  'POST /api/v1/conversations/{id}/ticket': { kind: 'message', email: 'ana@example.com', note: 'write me' },
  'POST /api/v1/conversations/{id}/customer': { name: 'Ana Silva', email: 'ana@example.com' },
  'PATCH /api/v1/admin/teams/{id}': {
    name: 'Loans',
    skills: ['loans'],
    businessHours: {
      timezone: 'Europe/Paris',
      weekly: { mon: ['09:00-17:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    },
    strategy: 'least_busy',
  },
  'POST /api/v1/auth/logout': { everywhere: false },
  'PUT /api/v1/agent/me/teams': { teams: ['loans'] },
  'POST /api/v1/admin/webhooks': {
    url: 'http://127.0.0.1:9/hook',
    events: ['conversation.assigned'],
    secret: `whsec_${Buffer.alloc(24, 5).toString('base64')}`,
    description: 'crm',
  },
  'PATCH /api/v1/admin/webhooks/{id}': { url: 'http://127.0.0.1:9/other', description: 'crm' },
  'POST /api/v1/admin/macros': { title: 'Hello', text: 'Hi there', team: 'loans' },
  'PATCH /api/v1/admin/macros/{id}': { title: 'Hello', text: 'Hi again', team: 'loans' },
  'POST /api/v1/agent/conversations/{id}/reveal': { token: '[CARD_1]', reason: 'verify identity' },
  'POST /api/v1/agent/customers/{id}/merge': { duplicateId: 'cus_other', reason: 'same person' },
  'POST /api/v1/conversations/{id}/appointments': {
    team: 'branch',
    startsAt: '2030-01-07T15:00:00Z',
    note: 'signing',
  },
  'POST /api/v1/agent/conversations/{id}/appointments': {
    team: 'branch',
    startsAt: '2030-01-07T15:00:00Z',
    note: 'signing',
  },
  'POST /api/v1/handoffs': {
    pack: 'bank',
    channel: 'web',
    customer,
    transcript: [
      { author: 'customer', text: 'I want a loan', at: '2026-03-01T10:00:00Z' },
      { author: 'bot', text: 'Let me find someone' },
    ],
    team: 'loans',
    priority: 'high',
    reasons: ['asked for a person'],
    context: { intent: 'loan', slots: { amount: 5000 } },
    source: 'dialogflow',
  },
  'POST /api/v1/conversations/{id}/csat': { rating: 5, comment: 'great' },
  'POST /api/v1/agent/conversations/{id}/label': {
    needed: true,
    reasonCorrect: true,
    teamCorrect: false,
    rightTeam: 'loans',
    earlier: true,
    note: 'right call',
  },
  'POST /api/v1/improve/packs/{pack}/rollback': { version: 1, reason: 'back to the start' },
  'POST /api/v1/improve/packs/{pack}/shadow': { version: 1 },
  'POST /api/v1/improve/packs/{pack}/suggestions/{id}/approve': {
    reason: 'fine',
    change: [{ op: 'add_intent_examples', intent: 'greeting', examples: ['hey there'] }],
  },
  'POST /api/v1/improve/packs/{pack}/suggestions/{id}/reject': { reason: 'not now' },
  'POST /api/v1/improve/packs/{pack}/suggestions/{id}/shadow': {
    change: [{ op: 'add_intent_examples', intent: 'greeting', examples: ['hey there'] }],
  },
  'POST /api/v1/alerts': {
    type: 'price_move',
    severity: 'critical',
    fingerprint: 'ES-flash-1',
    title: 'ES down 6% in 90 s',
    facts: { instrument: 'ES', move: -6.1 },
    source: 'risk-monitor',
  },
  'POST /api/v1/incidents/{id}/acknowledge': { team: 'traders' },
  'POST /api/v1/incidents/{id}/notes': { text: 'looking' },
  'POST /api/v1/incidents/{id}/status': { status: 'investigating', text: 'on it' },
  'POST /api/v1/incidents/{id}/resolve': { summary: 'market recovered' },
};

/** Raw JSON text for a value no JSON.stringify of a well-formed string produces. */
const nasty = {
  nul: '"a\\u0000b"',
  highSurrogate: '"x\\ud800y"',
  lowSurrogate: '"\\udc00"',
  deep: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
};
const marker = '\u0001FUZZ\u0001';
const markerJson = JSON.stringify(marker);

type Leaf = { path: (string | number)[]; value: unknown };
/** Every value (leaf or container) below the top of a sample, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (value === null || typeof value !== 'object') return [{ path, value }];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [
    ...(path.length > 0 ? [{ path, value }] : []),
    ...entries.flatMap(([k, v]) => leaves(v, [...path, k])),
  ];
}
/** The sample with the value at `path` replaced by a marker to swap for raw JSON. */
function withMarker(sample: unknown, path: (string | number)[]): string {
  const copy = structuredClone(sample) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = marker;
  return JSON.stringify(copy);
}
/** The sample with an extra key (named by raw JSON) in the object at `path`. */
function withKey(sample: unknown, path: (string | number)[], rawKey: string): string {
  const copy = structuredClone(sample) as Record<string, unknown>;
  let at = copy;
  for (const key of path) at = at[key] as Record<string, unknown>;
  at[marker] = 1;
  return JSON.stringify(copy).replace(markerJson, rawKey);
}

let baton: RunningBaton;
const tokens: Partial<Record<CallerKind, string>> = {};
const ids: Record<string, string> = {};
let openapi: {
  paths: Record<string, Record<string, { 'x-access'?: string; requestBody?: unknown; parameters?: Param[] }>>;
};
type Param = { name: string; in: 'path' | 'query' };

const inject = (method: string, url: string, caller: CallerKind, payload?: string) =>
  baton.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(payload !== undefined && { 'content-type': 'application/json' }),
      ...(caller === 'apiKey' && { 'x-api-key': apiKey }),
      ...(tokens[caller] && { authorization: `Bearer ${tokens[caller]}` }),
    },
    payload,
  });
const json = (res: LightMyRequestResponse) => res.json() as { code?: string; detail?: string };

/** The id a path parameter stands for on a route (real ones, so a request that got through would act). */
function pathFor(template: string): string {
  const id = template.includes('/webhooks/')
    ? ids.webhook
    : template.includes('/admin/agents/')
      ? ids.agent
      : template.includes('/teams/')
        ? 'loans'
        : template.includes('/macros/')
          ? ids.macro
          : template.includes('/offers/')
            ? 'ofr_missing'
            : template.includes('/tickets/')
              ? 'tkt_missing'
              : template.includes('/suggestions/')
                ? 'sg-0000000000000000'
                : ids.conversation;
  return template
    .replace('{id}', encodeURIComponent(id!))
    .replace('{pack}', 'bank')
    .replace('{version}', '1');
}

const documented = () =>
  Object.entries(openapi.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op['x-access'] !== undefined)
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op, access: op['x-access']! })),
  );

/** Everything a caller can see of the state the fuzzing must not change. */
async function snapshot() {
  const get = async (url: string) => (await inject('GET', url, 'admin')).json();
  const conversation = await get(`/api/v1/agent/conversations/${ids.conversation}`);
  return {
    conversation,
    memory: await baton.services.store.getBotMemory(ids.conversation!),
    withPeople: (await baton.services.store.listWithPeople()).map((c) => c.id),
    withBot: (await baton.services.store.listWithBot(null, 10_000)).conversations.map((c) => c.id),
    agents: await get('/api/v1/admin/agents'),
    teams: await get('/api/v1/admin/teams'),
    webhooks: await get('/api/v1/admin/webhooks'),
    macros: await get('/api/v1/agent/macros'),
    // A refused change writes nothing to the audit log either.
    audit: await get('/api/v1/admin/audit?limit=200'),
    tickets: await get('/api/v1/agent/tickets'),
    label: await get(`/api/v1/agent/conversations/${ids.conversation}/label`),
  };
}

beforeAll(async () => {
  baton = await startTestBaton(
    {
      apiKeys: [apiKey],
      rateLimitPerMinute: 1_000_000,
      ipRateLimitPerMinute: 1_000_000,
      allowPrivateTargets: ['127.0.0.1'],
    },
    { routingTickMs: 0 },
  );
  const login = async (role: string, email?: string) => {
    const who = baton.demoLogins.find((l) => (email ? l.email === email : l.role === role))!;
    const res = await baton.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: who.email, password: who.password },
    });
    return res.json().token as string;
  };
  tokens.admin = await login('admin');
  tokens.supervisor = await login('supervisor');
  tokens.agent = await login('agent', 'loans@baton.local');
  const created = (await inject('POST', '/api/v1/conversations', 'anonymous', '{"pack":"bank"}')).json();
  ids.conversation = created.conversation.id;
  tokens.customer = created.customerToken;
  await inject(
    'POST',
    `/api/v1/conversations/${ids.conversation}/messages`,
    'customer',
    JSON.stringify({ text: 'my card 4111 1111 1111 1111 was charged twice', clientMessageId: 'c-0' }),
  );
  await baton.services.conversations.settle();
  // The admin holds the conversation, so a hand-back that got through would act on it.
  const taken = await inject('POST', `/api/v1/agent/conversations/${ids.conversation}/take`, 'admin', '{}');
  expect(taken.statusCode).toBe(200);
  ids.agent = (await inject('GET', '/api/v1/me', 'admin')).json().agent.id;
  ids.macro = (await inject('GET', '/api/v1/agent/macros', 'admin')).json().macros[0].id;
  ids.webhook = (
    await inject(
      'POST',
      '/api/v1/admin/webhooks',
      'admin',
      JSON.stringify(bodies['POST /api/v1/admin/webhooks']),
    )
  ).json().webhook.id;
  openapi = (await baton.app.inject({ method: 'GET', url: '/openapi.json' })).json();
}, 180_000);
afterAll(async () => {
  await baton?.close();
});

describe('bad input on every documented route', () => {
  it('has a sample body for every route that takes one, and no sample for a route that does not exist', () => {
    const routes = documented();
    expect(routes.length).toBeGreaterThan(40);
    const withBody = routes.filter((r) => r.op.requestBody).map((r) => `${r.method} ${r.path}`);
    expect(withBody.sort()).toEqual(Object.keys(bodies).sort());
  });

  it('refuses NUL, lone surrogates, deep nesting and bad keys in bodies with 400 VALIDATION_FAILED naming the field', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let sent = 0;
    for (const route of documented()) {
      const sample = bodies[`${route.method} ${route.path}`];
      if (!sample) continue;
      const url = pathFor(route.path);
      const cases: { name: string; payload: string; field: string }[] = [];
      for (const leaf of leaves(sample)) {
        const field = leaf.path.join('.');
        const base = withMarker(sample, leaf.path);
        for (const [kind, raw] of Object.entries(nasty))
          cases.push({ name: `${field}=${kind}`, payload: base.replace(markerJson, raw), field });
        if (leaf.value !== null && typeof leaf.value === 'object' && !Array.isArray(leaf.value))
          cases.push({ name: `${field} key`, payload: withKey(sample, leaf.path, '"k\\ud800"'), field });
      }
      cases.push({ name: 'top-level key', payload: withKey(sample, [], '"\\u0000"'), field: '\\u0000' });
      for (const caller of mayCall[route.access]!) {
        for (const c of cases) {
          sent++;
          const res = await inject(route.method, url, caller, c.payload);
          const error = json(res);
          if (
            res.statusCode !== 400 ||
            error.code !== 'VALIDATION_FAILED' ||
            !error.detail?.includes(`body: ${c.field}`)
          )
            failures.push(
              `${route.method} ${route.path} as ${caller}, ${c.name}: ${res.statusCode} ${res.body}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(500);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it('refuses NUL and surrogate halves in path and query parameters with 400 naming the parameter', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const route of documented()) {
      const params = route.op.parameters ?? [];
      const url = pathFor(route.path);
      const cases: { name: string; url: string; field?: string }[] = [];
      for (const p of params.filter((x) => x.in === 'path')) {
        cases.push({ name: `${p.name} NUL`, url: route.path.replace(`{${p.name}}`, 'a%00b'), field: p.name });
        // A UTF-8 encoded surrogate half: no valid text decodes to it.
        cases.push({ name: `${p.name} surrogate`, url: route.path.replace(`{${p.name}}`, '%ED%A0%80') });
      }
      // (A query string keeps a percent-escape that does not decode as it is: no surrogate half gets through.)
      for (const name of [...params.filter((x) => x.in === 'query').map((x) => x.name), 'extra'])
        cases.push({ name: `?${name} NUL`, url: `${url}?${name}=a%00b`, field: name });
      for (const caller of mayCall[route.access]!) {
        for (const c of cases) {
          const res = await inject(route.method, c.url, caller);
          const error = json(res);
          const named = c.field === undefined || error.detail?.includes(`${c.field}: must not contain NUL`);
          if (res.statusCode !== 400 || error.code !== 'VALIDATION_FAILED' || !named)
            failures.push(
              `${route.method} ${route.path} as ${caller}, ${c.name}: ${res.statusCode} ${res.body}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 300_000);

  it('bounds free-form attributes and context: too many keys, too deep, too large', async () => {
    const before = await snapshot();
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i]));
    const deep = { a: { b: { c: { d: { e: { f: 1 } } } } } };
    const large = { notes: 'x'.repeat(17_000) };
    const cases: [string, string, Record<string, unknown>, string][] = [];
    for (const attributes of [many, deep, large]) {
      cases.push(['POST', '/api/v1/conversations', { customer: { attributes } }, 'customer.attributes']);
      cases.push([
        'POST',
        '/api/v1/handoffs',
        { ...bodies['POST /api/v1/handoffs'], customer: { attributes } },
        'customer.attributes',
      ]);
    }
    const deepContext = { l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: { l9: 1 } } } } } } } } };
    for (const context of [
      Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i])),
      deepContext,
    ])
      cases.push(['POST', '/api/v1/handoffs', { ...bodies['POST /api/v1/handoffs'], context }, 'context']);
    for (const [method, url, body, field] of cases) {
      const res = await inject(
        method,
        url,
        url === '/api/v1/handoffs' ? 'apiKey' : 'anonymous',
        JSON.stringify(body),
      );
      expect(res.statusCode, `${url} ${field}`).toBe(400);
      expect(json(res)).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(json(res).detail).toContain(field);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('refused changes leave nothing behind', () => {
  it('a hand-back refused for its summary changes neither the state, the messages nor the bot memory', async () => {
    const before = await snapshot();
    const res = await inject(
      'POST',
      `/api/v1/agent/conversations/${ids.conversation}/hand-back`,
      'admin',
      '{"summary":"refund sent \\ud83d"}',
    );
    expect(res.statusCode).toBe(400);
    expect(json(res).detail).toContain('summary');
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.conversation.conversation).toMatchObject({ state: 'assigned', assigneeId: ids.agent });
  });

  it('an external handoff refused for one transcript line leaves no conversation and no customer change', async () => {
    const before = await snapshot();
    const body = structuredClone(bodies['POST /api/v1/handoffs']!) as { transcript: { text: string }[] };
    body.transcript.push({ text: marker, author: 'customer' } as never);
    const res = await inject(
      'POST',
      '/api/v1/handoffs',
      'apiKey',
      JSON.stringify(body).replace(markerJson, '"\\udfff"'),
    );
    expect(res.statusCode).toBe(400);
    expect(json(res).detail).toContain('transcript.2.text');
    expect(await snapshot()).toEqual(before);

    // The same handoff, well formed, is stored whole: one new queued conversation with its transcript.
    const ok = await inject(
      'POST',
      '/api/v1/handoffs',
      'apiKey',
      JSON.stringify(bodies['POST /api/v1/handoffs']),
    );
    expect(ok.statusCode).toBe(201);
    const { conversation } = ok.json();
    expect(conversation).toMatchObject({ state: 'queued', team: 'loans', priority: 'high', lastSeq: 3 });
    expect((await snapshot()).withPeople).toEqual(
      expect.arrayContaining([...before.withPeople, conversation.id]),
    );
  });
});

describe('bad input over the WebSocket', () => {
  it('refuses NUL, lone surrogates and deep nesting in frames with VALIDATION_FAILED, storing nothing', async () => {
    const created = (await inject('POST', '/api/v1/conversations', 'anonymous', '{"pack":"bank"}')).json();
    const id = created.conversation.id as string;
    const ws = await connect(baton.url);
    try {
      ws.send({ type: 'auth', token: created.customerToken });
      await ws.next(isType('ready'));
      const frames = [
        `{"type":"send","conversationId":"${id}","clientMessageId":"w-1","text":"a\\u0000b"}`,
        `{"type":"send","conversationId":"${id}","clientMessageId":"w-2","text":"\\ud800"}`,
        `{"type":"send","conversationId":"${id}","clientMessageId":"w\\udc00","text":"hi"}`,
        `{"type":"subscribe","conversationId":"${id}","afterSeq":0,"x":${nasty.deep}}`,
      ];
      for (const frame of frames) {
        ws.raw.send(frame);
        const error = await ws.next(isType('error'));
        expect(error.code, frame.slice(0, 80)).toBe('VALIDATION_FAILED');
      }
      // The connection still works, and none of the refused frames stored a message.
      ws.send({ type: 'send', conversationId: id, clientMessageId: 'w-ok', text: 'hello' });
      const ack = await ws.next(isType('ack'));
      expect(ack.seq).toBe(1);
    } finally {
      await ws.close();
    }
  });
});
