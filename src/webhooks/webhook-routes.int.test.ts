import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, createAuditLog } from '../audit/audit-log.ts';
import { answerProblems } from '../http/answer-problems.ts';
import { type Access, createRouter, type RouteDoc } from '../http/define-route.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { createWebhookDispatcher } from './webhook-dispatcher.ts';
import { generateWebhookSecret, registerWebhookRoutes } from './webhook-routes.ts';
import { createWebhookStore } from './webhook-store.ts';

const ownSecret = `whsec_${Buffer.alloc(24, 3).toString('base64')}`;

describe('webhook admin routes', () => {
  let database: Database;
  let app: FastifyInstance;
  let receiverUrl: string;
  const accessSeen = new Set<Access>();
  let docs: RouteDoc[];
  let audit: AuditLog;
  const received: { headers: Record<string, string>; body: string }[] = [];
  /** Answers 204, or 503 while `down` (a receiver's outage). */
  let down = false;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(down ? 503 : 204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    database = await openDatabase({});
    const dispatcher = createWebhookDispatcher({
      store: createWebhookStore(database.db),
      // The receiver listens on 127.0.0.1.
      targets: ['127.0.0.1'],
      now: () => new Date(),
      log: pino({ level: 'silent' }),
    });
    app = Fastify();
    answerProblems(app);
    const router = createRouter(app, async (_req, access) => {
      accessSeen.add(access);
      return { kind: 'apiKey' };
    });
    audit = createAuditLog(database.db, () => new Date());
    registerWebhookRoutes(router, dispatcher, audit.change);
    docs = router.docs;
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
    receiver.closeAllConnections();
    receiver.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1/admin/webhooks${url}`, ...(payload && { payload }) });

  it('are all admin-only', async () => {
    expect(docs.map((d) => `${d.method} ${d.url} ${d.access}`)).toEqual([
      'GET /api/v1/admin/webhooks admin',
      'POST /api/v1/admin/webhooks admin',
      'PATCH /api/v1/admin/webhooks/:id admin',
      'DELETE /api/v1/admin/webhooks/:id admin',
      'POST /api/v1/admin/webhooks/:id/rotate-secret admin',
      'GET /api/v1/admin/webhooks/:id/deliveries admin',
      'POST /api/v1/admin/webhooks/:id/test admin',
      'POST /api/v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver admin',
    ]);
    await call('GET', '');
    expect([...accessSeen]).toEqual(['admin']);
  });

  it('creates a subscription, showing a generated secret once', async () => {
    const created = await call('POST', '', {
      url: receiverUrl,
      events: ['handoff.created', 'handoff.created'],
    });
    expect(created.statusCode).toBe(201);
    const { webhook } = created.json();
    expect(webhook).toMatchObject({
      url: receiverUrl,
      events: ['handoff.created'],
      active: true,
      description: '',
    });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await call('GET', '')).json().webhooks;
    expect(listed.find((w: { id: string }) => w.id === webhook.id)).not.toHaveProperty('secret');
  });

  it.each([
    { case: 'a non-http url', body: { url: 'ftp://example.com/x', events: ['*'] } },
    { case: 'an unknown event', body: { url: 'https://example.com/x', events: ['message.sent'] } },
    { case: 'no events', body: { url: 'https://example.com/x', events: [] } },
    { case: 'an unknown field', body: { url: 'https://example.com/x', events: ['*'], retries: 3 } },
    { case: 'a short secret', body: { url: 'https://example.com/x', events: ['*'], secret: 'short' } },
  ])('refuses $case', async ({ body }) => {
    const res = await call('POST', '', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });

  it.each([
    'http://127.0.0.2:6379/',
    'http://10.0.0.1/hook',
    'http://[::1]:8080/hook',
    'http://[::ffff:169.254.169.254]/latest',
    'http://0.0.0.0:5432/',
  ])('refuses to subscribe the private target %s', async (url) => {
    const res = await call('POST', '', { url, events: ['*'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('TARGET_NOT_ALLOWED');
  });

  it('refuses to move a subscription to a private target', async () => {
    const { webhook } = (await call('POST', '', { url: receiverUrl, events: ['*'] })).json();
    const moved = await call('PATCH', `/${webhook.id}`, { url: 'http://192.168.0.1/hook' });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().code).toBe('TARGET_NOT_ALLOWED');
    const listed = (await call('GET', '')).json().webhooks.find((w: { id: string }) => w.id === webhook.id);
    expect(listed.url).toBe(receiverUrl);
  });

  it('updates, pings, lists deliveries and deletes', async () => {
    const { webhook } = (
      await call('POST', '', { url: receiverUrl, events: ['*'], secret: ownSecret })
    ).json();
    expect(webhook.secret).toBe(ownSecret);

    const patched = await call('PATCH', `/${webhook.id}`, { description: 'CRM sync', active: false });
    expect(patched.json().webhook).toMatchObject({ description: 'CRM sync', active: false, events: ['*'] });

    const ping = await call('POST', `/${webhook.id}/test`);
    expect(ping.statusCode).toBe(200);
    expect(ping.json().delivery).toMatchObject({
      eventType: 'ping',
      status: 'delivered',
      lastStatusCode: 204,
    });

    const log = await call('GET', `/${webhook.id}/deliveries?status=delivered&limit=5`);
    expect(log.json().deliveries).toHaveLength(1);
    expect((await call('GET', `/${webhook.id}/deliveries?status=failed`)).json().deliveries).toEqual([]);

    expect((await call('DELETE', `/${webhook.id}`)).json()).toEqual({ deleted: true, id: webhook.id });
    for (const [method, url] of [
      ['DELETE', `/${webhook.id}`],
      ['PATCH', `/${webhook.id}`],
      ['GET', `/${webhook.id}/deliveries`],
      ['POST', `/${webhook.id}/test`],
    ] as const) {
      const res = await call(method, url, method === 'PATCH' ? { active: true } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('signs as Standard Webhooks, verified by the official library, and redelivers from the log', async () => {
    const { webhook } = (await call('POST', '', { url: receiverUrl, events: ['*'] })).json();
    received.length = 0;
    down = true;
    const failed = (await call('POST', `/${webhook.id}/test`)).json().delivery;
    expect(failed).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    down = false;
    const again = await call('POST', `/${webhook.id}/deliveries/${failed.id}/redeliver`);
    expect(again.statusCode).toBe(200);
    expect(again.json().delivery).toMatchObject({
      id: failed.id,
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 204,
    });
    expect(received).toHaveLength(2);
    const verifier = new Webhook(webhook.secret);
    for (const r of received) expect(verifier.verify(r.body, r.headers)).toMatchObject({ type: 'ping' });
    // The same message each time: a receiver deduplicates on webhook-id.
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(() =>
      new Webhook(generateWebhookSecret()).verify(received[0]!.body, received[0]!.headers),
    ).toThrow();

    const delivered = await call('POST', `/${webhook.id}/deliveries/${failed.id}/redeliver`);
    expect(delivered.statusCode).toBe(200);
    const missing = await call('POST', `/${webhook.id}/deliveries/whd_nope/redeliver`);
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'NOT_FOUND']);
  });

  it('rotates the secret: the new one signs from then on, and the audit log says so without storing it', async () => {
    const { webhook } = (
      await call('POST', '', { url: receiverUrl, events: ['*'], description: 'rot' })
    ).json();
    const rotated = await call('POST', `/${webhook.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret } = rotated.json().webhook;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(webhook.secret);
    received.length = 0;
    expect((await call('POST', `/${webhook.id}/test`)).json().delivery.status).toBe('delivered');
    expect(new Webhook(secret).verify(received[0]!.body, received[0]!.headers)).toMatchObject({
      type: 'ping',
    });
    expect(() => new Webhook(webhook.secret).verify(received[0]!.body, received[0]!.headers)).toThrow();

    const { entries } = await audit.list({ cursor: null, limit: 10, area: 'webhooks', subject: webhook.id });
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['rotate-secret', 'api-key'],
      ['create', 'api-key'],
    ]);
    expect(entries[0]).toMatchObject({ before: { secret: '(hidden)' }, after: { secret: '(hidden)' } });
    expect(JSON.stringify(entries)).not.toContain('whsec_');
    expect((await call('POST', '/whk_nope/rotate-secret')).statusCode).toBe(404);
  });
});
