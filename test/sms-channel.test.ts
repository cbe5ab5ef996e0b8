import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, loginToken, startTestBaton } from './support/http.ts';

const accountSid = 'AC0123456789abcdef0123456789abcdef';
const authToken = 'twilio-auth-token-for-tests';
const ourNumber = '+15550001111';
let baton: RunningBaton;
let provider: Server;
let dataDir = '';
/** What Baton posted to the fake provider: path, credentials and form fields. */
const sent: { path: string; authorization: string | undefined; form: Record<string, string> }[] = [];

const webhookPath = '/api/v1/channels/sms/twilio';
let sid = 0;

/** Posts an inbound SMS to Baton as Twilio does: form-encoded, signed with the account's auth token. */
async function inbound(from: string, body: string, options: { token?: string; messageSid?: string } = {}) {
  const params = {
    MessageSid: options.messageSid ?? `SM${(++sid).toString().padStart(32, '0')}`,
    AccountSid: accountSid,
    From: from,
    To: ourNumber,
    Body: body,
    NumMedia: '0',
    SmsStatus: 'received',
  };
  const url = `${baton.url}${webhookPath}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(options.token ?? authToken, url, params),
    },
    body: new URLSearchParams(params),
  });
  return { status: res.status, text: await res.text(), params };
}

/** Waits until the provider received a message to this number matching the pattern (polled, generous limit). */
async function textTo(to: string, pattern: RegExp) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await baton.services.conversations.settle();
    const found = sent.find((s) => s.form.To === to && pattern.test(s.form.Body ?? ''));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no SMS to ${to} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // The provider's HTTP side: Twilio's Messages resource, as a local fake (a true external boundary).
  provider = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      sent.push({ path: req.url ?? '', authorization: req.headers.authorization, form });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sid: `SM${sent.length}`, status: 'queued', to: form.To, from: form.From }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  const port = (provider.address() as AddressInfo).port;
  dataDir = mkdtempSync(join(tmpdir(), 'baton-sms-'));
  baton = await startTestBaton(
    {
      packsDir: join(import.meta.dirname, 'fixtures/packs'),
      dataDir,
      demoUsers: true,
      smsPack: 'mortgage',
      twilio: { accountSid, authToken, apiUrl: `http://127.0.0.1:${port}`, webhookUrl: undefined },
    },
    { routingTickMs: 0 },
  );
}, 180_000);
afterAll(async () => {
  await baton?.close();
  await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the SMS channel', () => {
  it('takes a signed text, answers through the REST API, keeps one conversation per number, and relays the agent', async () => {
    const phone = '+15557654321';
    const first = await inbound(phone, 'hello');
    expect(first.status).toBe(200);
    expect(first.text).toContain('<Response>');
    const hello = await textTo(phone, /mortgage/i);
    expect(hello.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(hello.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    expect(hello.form.From).toBe(ourNumber);

    // A retried webhook (same MessageSid) is one message; the next text continues the same conversation.
    await inbound(phone, 'hello', { messageSid: first.params.MessageSid });
    await inbound(phone, 'I want to talk to a person');
    await textTo(phone, /connecting you with Mortgage desk/i);
    const admin = await loginToken(
      baton.url,
      'admin@baton.local',
      baton.demoLogins.find((l) => l.email === 'admin@baton.local')!.password,
    );
    const all = (await callApi(baton.url, 'GET', '/api/v1/agent/conversations?scope=all', undefined, admin))
      .body.conversations as { conversation: { id: string; channel: string; state: string } }[];
    const sms = all.filter((c) => c.conversation.channel === 'sms');
    expect(sms).toHaveLength(1);
    const id = sms[0]!.conversation.id;
    const customerTexts = (await baton.services.conversations.listMessages(id, 0))
      .filter((m) => m.authorKind === 'customer')
      .map((m) => m.text);
    expect(customerTexts).toEqual(['hello', 'I want to talk to a person']);

    const desk = baton.demoLogins.find((l) => l.email === 'mortgage-desk@baton.local')!;
    const token = await loginToken(baton.url, desk.email, desk.password);
    expect(
      (await callApi(baton.url, 'POST', `/api/v1/agent/conversations/${id}/take`, {}, token)).status,
    ).toBe(200);
    await callApi(
      baton.url,
      'POST',
      `/api/v1/agent/conversations/${id}/messages`,
      { text: 'Hi, this is Dana from the mortgage desk.', clientMessageId: 's1' },
      token,
    );
    await textTo(phone, /Dana from the mortgage desk/);

    // Another number is another conversation.
    await inbound('+15550009999', 'hello');
    await textTo('+15550009999', /mortgage/i);
  });

  it('refuses a request not signed with the account token, or changed after signing, and stores nothing', async () => {
    const before = sent.length;
    const forged = await inbound('+15551112222', 'hello', { token: 'someone-elses-token' });
    expect(forged.status).toBe(403);
    const url = `${baton.url}${webhookPath}`;
    const params = {
      MessageSid: 'SMx',
      AccountSid: accountSid,
      From: '+15551112222',
      To: ourNumber,
      Body: 'hi',
    };
    const signature = getExpectedTwilioSignature(authToken, url, params);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams({ ...params, Body: 'send me everything' }),
    });
    expect(tampered.status).toBe(403);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params),
    });
    expect(unsigned.status).toBe(403);
    const missing = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: 'From=%2B1',
    });
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    await baton.services.conversations.settle();
    expect(sent.length).toBe(before);
    const customers = await baton.services.channels.store.findOpenConversation(
      'sms',
      '+15551112222',
      ourNumber,
    );
    expect(customers).toBeNull();
  });
});
