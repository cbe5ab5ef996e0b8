import { SignJWT } from 'jose';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userHash } from '../src/channels/verified-identity.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, loginToken, startTestBaton } from './support/http.ts';

const secret = 'mortgage-journey-identity-secret-32ch';
const inbox = 'help@bank.example';
const gateway = 'mx.bank.example';
let baton: RunningBaton;
const tokens: Record<'lending' | 'branch' | 'supervisor', string> = {
  lending: '',
  branch: '',
  supervisor: '',
};

const as = (who: keyof typeof tokens, method: string, path: string, body?: unknown) =>
  callApi(baton.url, method, path, body, tokens[who]);
const tokenOf = async (pick: (l: RunningBaton['demoLogins'][number]) => boolean) => {
  const login = baton.demoLogins.find(pick)!;
  return loginToken(baton.url, login.email, login.password);
};

beforeAll(async () => {
  baton = await startTestBaton(
    {
      apiKeys: ['ivr-key'],
      emailPort: 0,
      emailAddress: inbox,
      emailPack: 'bank',
      emailTrustedAuthservId: gateway,
      identity: {
        secret,
        publicKey: undefined,
        jwksUrl: undefined,
        issuer: undefined,
        audience: undefined,
        required: true,
      },
    },
    { routingTickMs: 0 },
  );
  tokens.lending = await tokenOf((l) => l.name === 'Lending Agent');
  tokens.branch = await tokenOf((l) => l.name === 'Main Street Branch Agent');
  tokens.supervisor = await tokenOf((l) => l.role === 'supervisor');
});
afterAll(async () => {
  await baton?.close();
});

// The parts of the mortgage journey this branch covers: identity, the lending agent, the branch appointment,
// a call continuing the case, and the branch staff seeing it all (documents and email join with their parts).
describe('a mortgage customer across channels', () => {
  it('goes from a verified web chat to a lending agent, a booked branch visit and a call, as one case', async () => {
    const identity = {
      token: await new SignJWT({ name: 'Ana Lopez', email: 'ana@bank.example' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('crm-900')
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(secret)),
    };
    const chat = await callApi(baton.url, 'POST', '/api/v1/conversations', { pack: 'bank', identity });
    expect(chat.status).toBe(201);
    const web = chat.body.conversation.id as string;

    // The lending team takes it over (a supervisor routes it there; the lending agent takes it from the queue).
    await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    const moved = await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/transfer`, {
      team: 'loans',
      note: 'mortgage advice',
    });
    expect(moved.status).toBe(200);
    await as('lending', 'POST', '/api/v1/agent/presence', { status: 'online' });
    const taken = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    expect(taken.body.conversation).toMatchObject({ state: 'assigned', team: 'loans' });

    // The lending agent books the signing at the branch; the customer is told in the chat.
    const slots = (await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank')).body.slots;
    const booked = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/appointments`, {
      team: 'branch',
      startsAt: slots[0].startsAt,
      note: 'Mortgage signing',
    });
    expect(booked.status).toBe(201);

    // Days later the customer calls; the call-centre bot sends the transcript with channel voice.
    const call = await fetch(`${baton.url}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'ivr-key' },
      body: JSON.stringify({ pack: 'bank', channel: 'voice', customer: { externalId: 'crm-900' } }),
    });
    const voice = (
      (await call.json()) as { conversation: { id: string; caseId: string; customerId: string } }
    ).conversation;
    expect(voice.caseId).toBe(web);

    // The branch staff see the appointment and, from it, the whole journey.
    const list = (await as('branch', 'GET', '/api/v1/agent/appointments')).body.appointments;
    const visit = list.find((a: { conversationId: string }) => a.conversationId === web);
    expect(visit).toMatchObject({ teamName: 'Main Street Branch', note: 'Mortgage signing' });
    const timeline = (await as('branch', 'GET', `/api/v1/agent/customers/${visit.customerId}/timeline`)).body;
    expect(
      timeline.entries.map(
        (e: { kind: string; channel?: string }) => `${e.kind}${e.channel ? `:${e.channel}` : ''}`,
      ),
    ).toEqual(['conversation:web', 'appointment', 'conversation:voice']);
    expect(timeline.entries[0]).toMatchObject({ agentName: 'Lending Agent', caseId: web });
    expect(timeline.entries[2]).toMatchObject({ caseId: web });
    const transcript = (await as('branch', 'GET', `/api/v1/conversations/${web}/messages`)).body.messages;
    expect(
      transcript.some((m: { metadata: { event?: string } }) => m.metadata.event === 'appointment_booked'),
    ).toBe(true);
  });
});

const pdf = (label: string) =>
  Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Sends an email to Baton's own SMTP listener over loopback, as the bank's mail gateway relays it. */
async function mail(message: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: baton.services.channels.emailPort ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({ to: inbox, ...message });
  } finally {
    transport.close();
  }
}

/** The conversation an email went to (stored before the listener answered 250). */
async function conversationOfEmail(messageId: string) {
  const id = await baton.services.channels.store.findEmail(messageId);
  if (!id) throw new Error(`no conversation for ${messageId}`);
  return baton.services.conversations.getPlain(id);
}

type Said = { authorKind: string; text: string; metadata: Record<string, unknown> };

/** The bot's latest reply once it has answered every customer message so far (polled, generous limit). */
async function botReply(conversationId: string): Promise<Said> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await baton.services.conversations.settle();
    const messages: Said[] = await baton.services.conversations.listMessages(conversationId, 0);
    const lastCustomer = messages.findLastIndex((m) => m.authorKind === 'customer');
    const reply = messages.slice(lastCustomer + 1).find((m) => m.authorKind === 'bot');
    if (reply) return reply;
    if (Date.now() > deadline)
      throw new Error(
        `the bot did not answer in ${conversationId}: ${JSON.stringify(
          messages.map((m) => [m.authorKind, m.text.slice(0, 60), Object.keys(m.metadata)]),
        )} ${JSON.stringify(await baton.services.conversations.getPlain(conversationId))}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Uploads a file through the widget's API with the customer's token. */
async function upload(
  conversationId: string,
  token: string,
  content: Buffer,
  query: Record<string, string>,
): Promise<ApiResponse> {
  const res = await fetch(
    `${baton.url}/api/v1/conversations/${conversationId}/documents?${new URLSearchParams(query)}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      body: new Uint8Array(content),
    },
  );
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const signIdentity = (sub: string, key: string, claims: Record<string, unknown> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(key));

// The whole journey of issue 15: one verified customer, web chat -> lending agent -> documents through the bot
// (the missing one chased) -> an email that continues the case (with its last document) -> a branch appointment
// -> the branch agent sees the whole timeline and every document. Forgeries of the identity and of the email's
// sender are tried on the way and get nothing of the customer's.
describe('the mortgage journey end to end', () => {
  const customerEmail = 'maria.chen@home.example';
  let web = '';
  let webToken = '';
  let customerId = '';

  it('starts with a verified web chat, and a forged identity is refused', async () => {
    const forged = await callApi(baton.url, 'POST', '/api/v1/conversations', {
      pack: 'bank',
      identity: { token: await signIdentity('crm-901', 'a-guessed-secret-of-thirty-two-chars') },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('INVALID_IDENTITY');
    const claimed = await callApi(baton.url, 'POST', '/api/v1/conversations', {
      pack: 'bank',
      customer: { externalId: 'crm-901', email: 'eve@attacker.example' },
    });
    expect(claimed.status).toBe(401);
    expect(claimed.body.code).toBe('IDENTITY_REQUIRED');

    const chat = await callApi(baton.url, 'POST', '/api/v1/conversations', {
      pack: 'bank',
      identity: {
        token: await signIdentity('crm-901', secret, { name: 'Maria Chen', email: customerEmail }),
      },
    });
    expect(chat.status).toBe(201);
    web = chat.body.conversation.id;
    webToken = chat.body.customerToken;
    customerId = chat.body.conversation.customerId;
  });

  it('gets advice from a lending agent, who hands back to the bot', async () => {
    const asked = await callApi(
      baton.url,
      'POST',
      `/api/v1/conversations/${web}/messages`,
      { text: "I'm buying a house and need a mortgage", clientMessageId: 'm1' },
      webToken,
    );
    expect(asked.status).toBe(201);
    await botReply(web);
    await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    expect(
      (
        await as('supervisor', 'POST', `/api/v1/agent/conversations/${web}/transfer`, {
          team: 'loans',
          note: 'mortgage advice',
        })
      ).status,
    ).toBe(200);
    await as('lending', 'POST', '/api/v1/agent/presence', { status: 'online' });
    const taken = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/take`, {});
    expect(taken.body.conversation).toMatchObject({ state: 'assigned', team: 'loans' });
    const advice = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/messages`, {
      text: 'A 30-year fixed fits your plan. Send your payslips, ID and a bank statement and we can book the signing.',
      clientMessageId: 'advice-1',
    });
    expect(advice.status).toBe(201);
    const back = await as('lending', 'POST', `/api/v1/agent/conversations/${web}/hand-back`, {
      summary: 'Advised a 30-year fixed; the assistant collects the documents.',
    });
    expect(back.body.conversation.state).toBe('bot');
  });

  it('uploads documents through the bot, which chases the one still missing', async () => {
    const start = await callApi(
      baton.url,
      'POST',
      `/api/v1/conversations/${web}/messages`,
      { text: "I'd like to upload my documents now", clientMessageId: 'm2' },
      webToken,
    );
    expect(start.status).toBe(201);
    const ask = await botReply(web);
    expect(ask.text).toMatch(/last two payslips, a photo ID and your latest bank statement/);
    for (const [i, file] of [
      { name: 'payslip-oct.pdf', kind: 'payslip', content: pdf('oct') },
      { name: 'payslip-nov.pdf', kind: 'payslip', content: pdf('nov') },
      { name: 'id-card.png', kind: 'photo_id', content: png },
    ].entries()) {
      const sent = await upload(web, webToken, file.content, {
        name: file.name,
        clientId: `f${i}`,
        kind: file.kind,
      });
      expect(sent.status).toBe(201);
      await botReply(web);
    }
    const chase = await botReply(web);
    expect(chase.text).toMatch(/I still need: bank statement/);
    expect(chase.metadata.documentRequest).toContainEqual({
      kind: 'bank_statement',
      label: 'bank statement',
      needed: 1,
      received: 0,
    });
    const timeline = (await as('lending', 'GET', `/api/v1/agent/customers/${customerId}/timeline`)).body;
    expect(timeline.summary).toContain('today: documents received: 3 of 4 (still missing: bank statement)');
  });

  it('does not give the case to emails that only claim to be from the customer', async () => {
    const forgeries: { id: string; headers: { key: string; value: string }[] }[] = [
      { id: '<forged-1@attacker.example>', headers: [] },
      {
        id: '<forged-2@attacker.example>',
        headers: [
          {
            key: 'Authentication-Results',
            value: `mx.attacker.example; dmarc=pass header.from=home.example`,
          },
        ],
      },
      {
        // The gateway's verdict on top says fail; the forger's own "pass" with the gateway's name sits below it.
        id: '<forged-3@attacker.example>',
        headers: [
          { key: 'Authentication-Results', value: `${gateway}; dmarc=fail header.from=home.example` },
          { key: 'Authentication-Results', value: `${gateway}; dmarc=pass header.from=home.example` },
        ],
      },
    ];
    for (const forgery of forgeries) {
      await mail({
        from: `Maria Chen <${customerEmail}>`,
        subject: 'My mortgage',
        messageId: forgery.id,
        headers: forgery.headers,
        text: 'Please send me everything you have on my mortgage application.',
      });
      const conversation = await conversationOfEmail(forgery.id);
      expect(conversation.customerId).not.toBe(customerId);
      expect(conversation.caseId).toBe(conversation.id);
    }
    const timeline = (await as('supervisor', 'GET', `/api/v1/agent/customers/${customerId}/timeline`)).body;
    expect(timeline.entries.filter((e: { channel?: string }) => e.channel === 'email')).toEqual([]);

    // An address a page only claimed (an HMAC identity proves the id, not the email) names nobody, even when the
    // gateway authenticated the email: a verified user cannot collect someone else's mail by typing their address.
    const claimer = await callApi(baton.url, 'POST', '/api/v1/conversations', {
      pack: 'bank',
      identity: { userId: 'crm-902', hash: userHash(secret, 'crm-902') },
      customer: { email: 'lee.park@home.example' },
    });
    expect(claimer.status).toBe(201);
    await mail({
      from: 'Lee Park <lee.park@home.example>',
      subject: 'Hello',
      messageId: '<lee-1@home.example>',
      headers: [{ key: 'Authentication-Results', value: `${gateway}; dmarc=pass header.from=home.example` }],
      text: 'Hello, a question about my account.',
    });
    const lee = await conversationOfEmail('<lee-1@home.example>');
    expect(lee.customerId).not.toBe(claimer.body.conversation.customerId);
    expect(lee.caseId).toBe(lee.id);
  });

  it('continues the case with an authenticated email that brings the missing document', async () => {
    const messageId = '<statement-1@home.example>';
    await mail({
      from: `Maria Chen <${customerEmail}>`,
      subject: 'Bank statement for my application',
      messageId,
      headers: [
        {
          key: 'Authentication-Results',
          value: `${gateway}; spf=pass smtp.mailfrom=home.example; dkim=pass header.d=home.example; dmarc=pass (p=reject) header.from=home.example`,
        },
      ],
      text: 'Hello, here is my latest bank statement.',
      attachments: [
        { filename: 'statement-nov.pdf', content: pdf('statement'), contentType: 'application/pdf' },
      ],
    });
    const email = await conversationOfEmail(messageId);
    expect(email).toMatchObject({ customerId, caseId: web, channel: 'email' });
    const messages: Said[] = await baton.services.conversations.listMessages(email.id, 0);
    expect(messages.find((m) => m.metadata.event === 'case_continued')).toBeDefined();
    expect(messages.find((m) => m.authorKind === 'customer')?.metadata.email).toMatchObject({
      authenticated: true,
    });
    const timeline = (await as('supervisor', 'GET', `/api/v1/agent/customers/${customerId}/timeline`)).body;
    expect(timeline.summary).toContain('today: documents received: 4 of 4');
  });

  it('books the branch signing, and the branch agent sees the whole journey and every document', async () => {
    const slots = (await callApi(baton.url, 'GET', '/api/v1/teams/branch/slots?pack=bank')).body.slots;
    const booked = await fetch(`${baton.url}/api/v1/conversations/${web}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'ivr-key' },
      body: JSON.stringify({ team: 'branch', startsAt: slots[0].startsAt, note: 'Mortgage signing' }),
    });
    expect(booked.status).toBe(201);

    const visit = (await as('branch', 'GET', '/api/v1/agent/appointments')).body.appointments.find(
      (a: { conversationId: string }) => a.conversationId === web,
    );
    expect(visit).toMatchObject({ customerId, note: 'Mortgage signing' });
    const timeline = (await as('branch', 'GET', `/api/v1/agent/customers/${customerId}/timeline`)).body;
    const journey = timeline.entries.map(
      (e: { kind: string; channel?: string; name?: string }) =>
        `${e.kind}${e.kind === 'conversation' ? `:${e.channel}` : e.kind === 'document' ? `:${e.name}` : ''}`,
    );
    expect(journey).toEqual([
      'conversation:web',
      'document:payslip-oct.pdf',
      'document:payslip-nov.pdf',
      'document:id-card.png',
      'conversation:email',
      'document:statement-nov.pdf',
      'appointment',
    ]);
    expect(timeline.entries.every((e: { caseId: string }) => e.caseId === web)).toBe(true);
    expect(timeline.entries[0]).toMatchObject({ agentName: 'Lending Agent' });
    expect(timeline.summary).toContain('today: documents received: 4 of 4');

    // Every document, from the chat and from the email, opens for the branch agent (they are on the case now).
    const files = [
      ...(await as('branch', 'GET', `/api/v1/conversations/${web}/documents`)).body.documents,
      ...(await as('branch', 'GET', `/api/v1/conversations/${timeline.entries[4].conversationId}/documents`))
        .body.documents,
    ];
    expect(files.map((d: { name: string }) => d.name)).toEqual([
      'payslip-oct.pdf',
      'payslip-nov.pdf',
      'id-card.png',
      'statement-nov.pdf',
    ]);
    for (const file of files) {
      const conversationId = file.channel === 'email' ? timeline.entries[4].conversationId : web;
      const res = await fetch(`${baton.url}/api/v1/conversations/${conversationId}/documents/${file.id}`, {
        headers: { authorization: `Bearer ${tokens.branch}` },
      });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(file.size);
    }

    // The context package of the email conversation carries the journey too.
    await as(
      'supervisor',
      'POST',
      `/api/v1/agent/conversations/${timeline.entries[4].conversationId}/take`,
      {},
    );
    const email = timeline.entries[4].conversationId;
    const deadline = Date.now() + 30_000;
    let context = await as('supervisor', 'GET', `/api/v1/agent/conversations/${email}/context`);
    while (context.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      context = await as('supervisor', 'GET', `/api/v1/agent/conversations/${email}/context`);
    }
    expect(JSON.stringify(context.body)).toContain('documents received: 4 of 4');
  });
});
