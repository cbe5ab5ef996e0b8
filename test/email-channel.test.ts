import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { callApi, loginToken, startTestBaton } from './support/http.ts';

const inbox = 'help@bank.example';
let baton: RunningBaton;
let relay: SMTPServer;
let dataDir = '';
/** What Baton sent through its relay, as the customer's mail client would read it. */
const outbox: ParsedMail[] = [];

const pdf = (label: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Sends an email to Baton's own SMTP listener over loopback. */
async function mail(message: SendMailOptions) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: baton.services.channels.emailPort ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  try {
    return await transport.sendMail({ to: inbox, ...message });
  } finally {
    transport.close();
  }
}

/** Waits for the relay to have received `count` emails to this address (polled, generous limit). */
async function inboxOf(address: string, count: number): Promise<ParsedMail[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await baton.services.conversations.settle();
    const got = outbox.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);
    if (got.length >= count) return got;
    if (Date.now() > deadline) throw new Error(`${address} got ${got.length} of ${count} emails`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for an email to this address whose text matches. */
async function emailMatching(address: string, pattern: RegExp): Promise<ParsedMail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await baton.services.conversations.settle();
    const found = (await inboxOf(address, 1)).find((m) => pattern.test(m.text ?? ''));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no email to ${address} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const login = (email: string) => {
  const found = baton.demoLogins.find((l) => l.email === email);
  if (!found) throw new Error(`no demo login ${email}`);
  return loginToken(baton.url, found.email, found.password);
};

beforeAll(async () => {
  relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          outbox.push(parsed);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = (relay.server.address() as AddressInfo).port;
  dataDir = mkdtempSync(join(tmpdir(), 'baton-email-'));
  baton = await startTestBaton(
    {
      packsDir: join(import.meta.dirname, 'fixtures/packs'),
      dataDir,
      demoUsers: true,
      emailPort: 0,
      emailAddress: inbox,
      emailPack: 'mortgage',
      smtpRelayUrl: `smtp://127.0.0.1:${relayPort}`,
    },
    { routingTickMs: 0 },
  );
}, 180_000);
afterAll(async () => {
  await baton?.close();
  await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the email channel', () => {
  it('turns an email into a conversation, answers by email, threads replies, hands off, and emails the agent reply', async () => {
    const customer = 'ana@example.com';
    const first = await mail({
      from: `Ana Lopez <${customer}>`,
      subject: 'Mortgage application',
      text: 'Hello, I want to apply for a mortgage.',
      attachments: [{ filename: 'payslip-oct.pdf', content: pdf('oct'), contentType: 'application/pdf' }],
    });

    const [ask] = await inboxOf(customer, 1);
    expect(ask?.subject).toBe('Re: Mortgage application');
    expect(ask?.inReplyTo).toBe(first.messageId);
    expect(ask?.text).toMatch(/still need: payslip, photo ID/);
    expect(ask?.messageId).toMatch(/@bank\.example>$/);

    const reply = await mail({
      from: customer,
      subject: 'Re: Mortgage application',
      inReplyTo: ask!.messageId,
      references: [first.messageId, ask!.messageId!],
      text: `Here they are.\n\nOn Mon, Baton <${inbox}> wrote:\n> ${ask!.text!.trim()}\n`,
      attachments: [
        { filename: 'payslip-nov.pdf', content: pdf('nov') },
        { filename: 'passport.png', content: png },
        { filename: 'invoice.pdf', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) },
      ],
    });
    const second = (await inboxOf(customer, 2))[1]!;
    expect(second.text).toMatch(/I have everything/);
    expect(second.inReplyTo).toBe(reply.messageId);
    expect(second.references).toEqual(expect.arrayContaining([first.messageId, ask!.messageId]));

    // One conversation on the email channel, with the documents of both emails and the new text only.
    const admin = await login('admin@baton.local');
    const inboxPage = (
      await callApi(baton.url, 'GET', '/api/v1/agent/conversations?scope=all', undefined, admin)
    ).body;
    const mine = inboxPage.conversations.filter(
      (c: { conversation: { channel: string } }) => c.conversation.channel === 'email',
    );
    expect(mine).toHaveLength(1);
    const id = mine[0].conversation.id as string;
    const docs = (await callApi(baton.url, 'GET', `/api/v1/conversations/${id}/documents`, undefined, admin))
      .body.documents;
    expect(docs.map((d: { name: string; channel: string }) => [d.name, d.channel])).toEqual([
      ['payslip-oct.pdf', 'email'],
      ['payslip-nov.pdf', 'email'],
      ['passport.png', 'email'],
    ]);
    const messages = await baton.services.conversations.listMessages(id, 0);
    const customerTexts = messages.filter((m) => m.authorKind === 'customer');
    expect(customerTexts.map((m) => m.text)).toEqual([
      'Hello, I want to apply for a mortgage.',
      'Here they are.',
    ]);
    expect(customerTexts[1]?.metadata.refusedDocuments).toEqual([
      expect.objectContaining({ name: 'invoice.pdf' }),
    ]);

    // The same email delivered twice is one message.
    await mail({
      from: customer,
      subject: 'Re: Mortgage application',
      inReplyTo: ask!.messageId,
      text: 'Here they are.',
      messageId: reply.messageId,
    });
    await baton.services.conversations.settle();
    expect(
      (await baton.services.conversations.listMessages(id, 0)).filter((m) => m.authorKind === 'customer'),
    ).toHaveLength(2);

    // Handoff as in chat: the customer asks for a person and is told so by email.
    await mail({
      from: customer,
      subject: 'Re: Mortgage application',
      inReplyTo: second.messageId,
      text: 'I want to talk to a person',
    });
    await emailMatching(customer, /connecting you with Mortgage desk/i);
    const conversation = await baton.services.conversations.get(id);
    expect(conversation).toMatchObject({ state: 'queued', team: 'mortgage_desk', channel: 'email' });

    // The agent replies from the console; the customer gets it by email, in the same thread.
    const desk = await login('mortgage-desk@baton.local');
    expect(
      (await callApi(baton.url, 'POST', `/api/v1/agent/conversations/${id}/take`, {}, desk)).status,
    ).toBe(200);
    const sent = await callApi(
      baton.url,
      'POST',
      `/api/v1/agent/conversations/${id}/messages`,
      { text: 'Hi Ana, I am Dana from lending. Your documents look complete.', clientMessageId: 'a1' },
      desk,
    );
    expect(sent.status).toBe(201);
    await callApi(
      baton.url,
      'POST',
      `/api/v1/agent/conversations/${id}/messages`,
      { text: 'internal: check credit file', clientMessageId: 'a2', internal: true },
      desk,
    );
    const fromAgent = await emailMatching(customer, /I am Dana from lending/);
    expect(fromAgent.subject).toBe('Re: Mortgage application');
    expect(fromAgent.references).toEqual(expect.arrayContaining([first.messageId]));
    expect(outbox.some((m) => m.text?.includes('check credit file'))).toBe(false);
  });

  it('does not let another sender join a thread by naming its Message-ID, and refuses mail for other mailboxes', async () => {
    await mail({ from: 'lee@example.com', subject: 'Mortgage', text: 'hi' });
    const [greeting] = await inboxOf('lee@example.com', 1);
    await mail({
      from: 'mallory@example.com',
      subject: 'Re: Mortgage',
      inReplyTo: greeting!.messageId,
      text: 'Send me the documents of this case',
    });
    await inboxOf('mallory@example.com', 1);
    const admin = await login('admin@baton.local');
    const all = (await callApi(baton.url, 'GET', '/api/v1/agent/conversations?scope=all', undefined, admin))
      .body.conversations as { conversation: { id: string; customerId: string } }[];
    const customers = await baton.services.conversations.getCustomers(
      all.map((c) => c.conversation.customerId),
    );
    const emails = [...customers.values()].map((c) => c.email);
    expect(emails).toEqual(expect.arrayContaining(['lee@example.com', 'mallory@example.com']));

    await expect(
      mail({ from: 'x@example.com', to: 'someone-else@bank.example', text: 'hi' }),
    ).rejects.toThrow(/550|mailbox/);
  });
});
