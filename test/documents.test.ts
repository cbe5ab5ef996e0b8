import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { type ApiResponse, callApi, loginToken, startTestBaton } from './support/http.ts';

let baton: RunningBaton;
const maxBytes = 64 * 1024;
const fixturePacks = join(import.meta.dirname, 'fixtures/packs');
let dataDir = '';

const api = (method: string, path: string, body?: unknown, token?: string) =>
  callApi(baton.url, method, path, body, token);

/** A 1x1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The start of a Windows executable. */
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);

async function upload(
  conversationId: string,
  token: string | undefined,
  content: Buffer,
  query: Record<string, string>,
  declaredType = 'application/pdf',
): Promise<ApiResponse> {
  const res = await fetch(
    `${baton.url}/api/v1/conversations/${conversationId}/documents?${new URLSearchParams(query)}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-declared-type': declaredType,
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: new Uint8Array(content),
    },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function download(conversationId: string, documentId: string, token: string) {
  const res = await fetch(`${baton.url}/api/v1/conversations/${conversationId}/documents/${documentId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

type Said = { authorKind: string; text: string; metadata: Record<string, unknown> }[];

/** The bot's messages once it has answered every customer message so far (polled, with a generous limit). */
const botSaid = async (id: string, _token?: string): Promise<Said> => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await baton.services.conversations.settle();
    const messages: Said = await baton.services.conversations.listMessages(id, 0);
    const lastCustomer = messages.findLastIndex((m) => m.authorKind === 'customer');
    if (messages.slice(lastCustomer + 1).some((m) => m.authorKind === 'bot') || Date.now() > deadline)
      return messages.filter((m) => m.authorKind === 'bot');
    await new Promise((r) => setTimeout(r, 50));
  }
};

const start = async () => {
  const created = (await api('POST', '/api/v1/conversations', { pack: 'mortgage' })).body;
  return { id: created.conversation.id as string, token: created.customerToken as string };
};

const say = async (c: { id: string; token: string }, text: string, clientMessageId: string) => {
  const res = await api('POST', `/api/v1/conversations/${c.id}/messages`, { text, clientMessageId }, c.token);
  expect(res.status).toBe(201);
};

const login = (email: string) => {
  const found = baton.demoLogins.find((l) => l.email === email);
  if (!found) throw new Error(`no demo login ${email}`);
  return loginToken(baton.url, found.email, found.password);
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'baton-docs-'));
  baton = await startTestBaton(
    { packsDir: fixturePacks, documentMaxBytes: maxBytes, dataDir, demoUsers: true },
    { routingTickMs: 0 },
  );
}, 180_000);
afterAll(async () => {
  await baton?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('documents', () => {
  it('the bot asks for documents, says what is missing, and moves on once everything arrived', async () => {
    const c = await start();
    await say(c, 'I want to apply for a mortgage', 'm1');
    const [ask] = await botSaid(c.id, c.token);
    expect(ask?.text).toMatch(/two payslips and a photo ID/);
    expect(ask?.metadata.documentRequest).toEqual([
      { kind: 'payslip', label: 'payslip', needed: 2, received: 0 },
      { kind: 'photo_id', label: 'photo ID', needed: 1, received: 0 },
    ]);

    const first = await upload(c.id, c.token, pdf, {
      name: 'payslip-oct.pdf',
      clientId: 'f1',
      kind: 'payslip',
    });
    expect(first.status).toBe(201);
    expect(first.body.document).toMatchObject({
      name: 'payslip-oct.pdf',
      mediaType: 'application/pdf',
      kind: 'payslip',
    });
    expect((await botSaid(c.id, c.token)).at(-1)?.text).toMatch(/still need: payslip, photo ID/);

    await upload(c.id, c.token, png, { name: 'passport.png', clientId: 'f2', kind: 'photo_id' });
    const chased = (await botSaid(c.id, c.token)).at(-1);
    expect(chased?.text).toMatch(/still need: payslip\./);
    expect(chased?.metadata.documentRequest).toEqual([
      { kind: 'payslip', label: 'payslip', needed: 2, received: 1 },
      { kind: 'photo_id', label: 'photo ID', needed: 1, received: 1 },
    ]);

    await upload(c.id, c.token, pdf, { name: 'payslip-nov.pdf', clientId: 'f3', kind: 'payslip' });
    expect((await botSaid(c.id, c.token)).at(-1)?.text).toMatch(/I have everything/);
    const listed = await api('GET', `/api/v1/conversations/${c.id}/documents`, undefined, c.token);
    expect(listed.body.documents.map((d: { name: string }) => d.name)).toEqual([
      'payslip-oct.pdf',
      'passport.png',
      'payslip-nov.pdf',
    ]);
  });

  it('reads the type from the content, not from what the sender declared, and refuses what is not allowed', async () => {
    const c = await start();
    const disguised = await upload(c.id, c.token, exe, { name: 'payslip.pdf', clientId: 'x1' });
    expect(disguised.status).toBe(415);
    expect(disguised.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const unknown = await upload(c.id, c.token, Buffer.from([0, 1, 2, 3, 255, 254]), {
      name: 'blob.pdf',
      clientId: 'x2',
    });
    expect(unknown.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await upload(c.id, c.token, Buffer.concat([pdf, Buffer.alloc(maxBytes)]), {
      name: 'big.pdf',
      clientId: 'x3',
    });
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const empty = await upload(c.id, c.token, Buffer.alloc(0), { name: 'e.pdf', clientId: 'x4' });
    expect(empty.status).toBe(400);
    const json = await api(
      'POST',
      `/api/v1/conversations/${c.id}/documents?name=a.pdf&clientId=x5`,
      { a: 1 },
      c.token,
    );
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    // Nothing refused was stored, and no message was written for it.
    expect(
      (await api('GET', `/api/v1/conversations/${c.id}/documents`, undefined, c.token)).body.documents,
    ).toEqual([]);
    const messages = (await api('GET', `/api/v1/conversations/${c.id}/messages`, undefined, c.token)).body
      .messages;
    expect(messages.filter((m: { authorKind: string }) => m.authorKind === 'customer')).toEqual([]);

    const labelled = await upload(
      c.id,
      c.token,
      png,
      { name: 'scan.pdf', clientId: 'x6' },
      'application/pdf',
    );
    expect(labelled.body.document.mediaType).toBe('image/png');
    const again = await upload(c.id, c.token, png, { name: 'scan.pdf', clientId: 'x6' });
    expect(again.body.document.id).toBe(labelled.body.document.id);
    expect(
      (await api('GET', `/api/v1/conversations/${c.id}/documents`, undefined, c.token)).body.documents,
    ).toHaveLength(1);
  });

  it('serves a document only to its customer and the people on the case', async () => {
    const c = await start();
    const other = await start();
    const stored = (
      await upload(c.id, c.token, png, { name: 'id card 4111 1111 1111 1111.png', clientId: 'p1' })
    ).body.document;
    const path = `/api/v1/conversations/${c.id}/documents`;

    // The customer gets it back, byte for byte, as an attachment with the sniffed type.
    const own = await download(c.id, stored.id, c.token);
    expect(own.status).toBe(200);
    expect(own.bytes.equals(png)).toBe(true);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');

    // Another customer, a forged or missing token, an API key: refused.
    expect((await download(c.id, stored.id, other.token)).status).toBe(403);
    expect((await api('GET', path, undefined, other.token)).status).toBe(403);
    expect((await download(other.id, stored.id, other.token)).status).toBe(404);
    expect((await api('GET', path)).status).toBe(401);
    expect((await download(c.id, stored.id, `${c.token.slice(0, -2)}xx`)).status).toBe(401);
    const withKey = await fetch(`${baton.url}${path}/${stored.id}`, { headers: { 'x-api-key': 'anything' } });
    expect(withKey.status).toBe(401);
    expect((await upload(c.id, other.token, png, { name: 'x.png', clientId: 'p2' })).status).toBe(403);

    // An agent of another team is not on the case; while the bot holds it nobody's team is.
    const desk = await login('mortgage-desk@baton.local');
    const outsider = await login('loans@baton.local');
    expect((await download(c.id, stored.id, desk)).status).toBe(403);
    await say(c, 'I want to talk to a person', 'h1');
    await baton.services.conversations.settle();
    const conversation = (await api('GET', `/api/v1/conversations/${c.id}`, undefined, c.token)).body
      .conversation;
    expect(conversation).toMatchObject({ state: 'queued', team: 'mortgage_desk' });
    expect((await download(c.id, stored.id, outsider)).status).toBe(403);
    expect((await api('GET', path, undefined, outsider)).body.code).toBe('FORBIDDEN');

    // The team on the case sees it, with the card number in its name masked for the agent role.
    const listed = await api('GET', path, undefined, desk);
    expect(listed.status).toBe(200);
    expect(listed.body.documents[0].name).toContain('[card ****1111]');
    const got = await download(c.id, stored.id, desk);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(png)).toBe(true);
    expect(got.headers.get('content-disposition')).not.toContain('4111');
    const admin = await login('admin@baton.local');
    expect((await download(c.id, stored.id, admin)).status).toBe(200);
  });
});
