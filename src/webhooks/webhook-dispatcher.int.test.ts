import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../platform/clock.ts';
import { type Database, openDatabase } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import { verifySignature } from './sign-payload.ts';
import { createWebhookDispatcher, type WebhookDispatcherDeps } from './webhook-dispatcher.ts';
import { createWebhookStore, type WebhookStore } from './webhook-store.ts';

type Received = { headers: IncomingHttpHeaders; body: string };
/** A status to answer with, or `hang` to never answer. */
type Answer = number | 'hang';

/** A real HTTP receiver on 127.0.0.1 that answers with the given statuses in turn (the last one repeats). */
async function startReceiver(...answers: Answer[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers[Math.min(received.length, answers.length) - 1] ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/baton`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const silent = pino({ level: 'silent' });

describe('webhook dispatcher', () => {
  let database: Database;
  let store: WebhookStore;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await openDatabase({});
    store = createWebhookStore(database.db);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    for (const sub of await store.listSubscriptions()) await store.deleteSubscription(sub.id);
  });
  afterAll(async () => {
    await database.close();
  });

  const setup = async (
    answers: Answer[],
    options: { events?: string[]; host?: string } & Partial<WebhookDispatcherDeps> = {},
  ) => {
    const receiver = await startReceiver(...answers);
    closers.push(receiver.close);
    const clock = manualClock();
    const subscription = await store.createSubscription({
      id: newId('whk'),
      url: options.host ? receiver.url.replace('127.0.0.1', options.host) : receiver.url,
      events: options.events ?? ['*'],
      secret,
      active: true,
      description: 'test receiver',
      createdAt: clock.now().toISOString(),
    });
    const dispatcher = createWebhookDispatcher({
      store,
      now: clock.now,
      log: silent,
      jitter: () => 0,
      // The receivers listen on 127.0.0.1.
      targets: true,
      ...options,
    });
    closers.push(() => dispatcher.stop());
    return { receiver, clock, subscription, dispatcher };
  };

  it('posts the event as signed JSON with the Baton headers', async () => {
    const { receiver, clock, subscription, dispatcher } = await setup([204], {
      events: ['handoff.created'],
      redact: (data) => ({ ...(data as object), email: '[redacted]' }),
    });
    const { eventId, deliveries } = await dispatcher.publish('handoff.created', {
      conversationId: 'conv_1',
      email: 'ana@example.com',
    });
    expect(deliveries).toBe(1);
    expect(await dispatcher.publish('conversation.resolved', {})).toMatchObject({ deliveries: 0 });

    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const check = verifySignature({
      secret,
      headers: request!.headers as Record<string, string>,
      body: request!.body,
      now: clock.now().getTime() / 1000,
    });
    expect(check.ok).toBe(true);
    expect(request!.headers['webhook-id']).toBe(eventId);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['baton-event']).toBe('handoff.created');
    expect(JSON.parse(request!.body)).toEqual({
      id: eventId,
      type: 'handoff.created',
      createdAt: clock.now().toISOString(),
      data: { conversationId: 'conv_1', email: '[redacted]' },
    });
    const [delivery] = await store.listDeliveries({ subscriptionId: subscription.id });
    expect(request!.headers['baton-delivery']).toBe(delivery!.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
  });

  it.each([
    ['a private address', undefined],
    ['a name that now resolves to a private address', 'localhost'],
  ])('refuses to deliver to %s, and retries', async (_name, host) => {
    const { receiver, subscription, dispatcher } = await setup([204], { targets: [], host });
    await dispatcher.publish('handoff.created', { conversationId: 'conv_private' });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retry: 1 });
    expect(receiver.received).toHaveLength(0);
    const [delivery] = await store.listDeliveries({ subscriptionId: subscription.id });
    expect(delivery?.lastError).toMatch(/127\.0\.0\.1.* is not a public address/);
  });

  it('retries a failing receiver on the backoff schedule until it succeeds', async () => {
    const { receiver, clock, subscription, dispatcher } = await setup([503, 500, 200]);
    await dispatcher.publish('sla.breached', { conversationId: 'conv_2' });

    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retry: 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(10_000);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retry: 1 });
    clock.advance(29_999);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers['baton-delivery'])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const [delivery] = await store.listDeliveries({ subscriptionId: subscription.id });
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
    });
  });

  it('disables a subscription whose receiver answers 410', async () => {
    const { receiver, subscription, dispatcher } = await setup([410]);
    await dispatcher.publish('alert.raised', { alert: 'queue-depth' });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, disable: 1 });
    expect((await store.getSubscription(subscription.id))?.active).toBe(false);
    expect((await store.listDeliveries({ subscriptionId: subscription.id }))[0]).toMatchObject({
      status: 'failed',
      lastStatusCode: 410,
    });
    expect(await dispatcher.publish('alert.raised', {})).toMatchObject({ deliveries: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('fails a delivery for good on a 4xx', async () => {
    const { subscription, dispatcher } = await setup([400]);
    await dispatcher.publish('conversation.assigned', {});
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    expect((await store.listDeliveries({ subscriptionId: subscription.id }))[0]).toMatchObject({
      status: 'failed',
      lastError: 'HTTP 400',
    });
  });

  it('times out a receiver that hangs and retries it', async () => {
    const { receiver, clock, subscription, dispatcher } = await setup(['hang', 200], { timeoutMs: 200 });
    await dispatcher.publish('conversation.transferred', {});
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retry: 1 });
    expect((await store.listDeliveries({ subscriptionId: subscription.id }))[0]).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: 'timed out after 200 ms',
    });
    clock.advance(10_000);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(2);
  });

  it('retries when nothing listens at the address', async () => {
    const { receiver, subscription, dispatcher } = await setup([200]);
    await receiver.close();
    await dispatcher.publish('conversation.resolved', {});
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retry: 1 });
    expect((await store.listDeliveries({ subscriptionId: subscription.id }))[0]?.lastError).toBe(
      'ECONNREFUSED',
    );
  });

  it('sends a test ping to one subscription at once, and does not retry it', async () => {
    const { receiver, subscription, dispatcher } = await setup([200, 500], { events: ['sla.breached'] });
    expect(await dispatcher.sendTest(subscription.id)).toMatchObject({
      eventType: 'ping',
      status: 'delivered',
      attempts: 1,
    });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'ping' });
    expect(await dispatcher.sendTest(subscription.id)).toMatchObject({
      status: 'failed',
      lastStatusCode: 500,
    });
    expect(await dispatcher.sendTest('whk_missing')).toBeNull();
  });

  it('delivers in the background once started, and stops', async () => {
    const { receiver, dispatcher } = await setup([200]);
    dispatcher.start(20);
    await dispatcher.publish('conversation.created', {});
    await expect.poll(() => receiver.received.length, { timeout: 3000 }).toBe(1);
    await dispatcher.stop();
    await dispatcher.publish('conversation.created', {});
    // Stopped: the delivery waits for whoever runs the dispatcher next, here the test itself.
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(2);
  });
});
