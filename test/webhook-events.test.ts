import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { generateWebhookSecret } from '../src/webhooks/webhook-routes.ts';
import { callApi, startTestBaton } from './support/http.ts';

/** The events Baton emits reach a subscriber signed as Standard Webhooks. */
describe('webhook events', () => {
  let baton: RunningBaton;
  const received: { headers: Record<string, string>; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // The routing loop is off: the test runs the dispatcher itself.
    baton = await startTestBaton({ allowPrivateTargets: ['127.0.0.1'] }, { routingTickMs: 0 });
  }, 180_000);
  afterAll(async () => {
    await baton?.close();
    receiver.closeAllConnections();
    receiver.close();
  });

  it('emits conversation.created when a conversation opens', async () => {
    const secret = generateWebhookSecret();
    const { webhooks } = baton.services;
    await webhooks.store.createSubscription({
      id: 'whk_created',
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      events: ['conversation.created'],
      secret,
      active: true,
      description: '',
      createdAt: new Date().toISOString(),
    });
    const started = await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank' });
    expect(started.status).toBe(201);
    const { id } = started.body.conversation;
    expect(await webhooks.runOnce()).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(1);
    const event = new Webhook(secret).verify(received[0]!.body, received[0]!.headers);
    expect(event).toMatchObject({
      type: 'conversation.created',
      data: { conversationId: id, pack: 'bank', channel: 'web', state: 'bot' },
    });
  });
});
